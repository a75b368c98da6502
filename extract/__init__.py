"""Parley's data side: ingestion, the SQLite store, NLP extraction and analysis.

Data flows one way: files -> ``extract.ingest`` -> ``extract.store`` -> ``extract.nlp``
-> ``extract.store`` -> ``tui`` / ``extract.export`` / ``extract.analysis``.
Nothing here imports Textual, and importing this package does not load spaCy.
"""

__version__ = "0.1.0"
