"""Ingestion: files in, normalised articles in the store. No NLP happens here.

``ingest_paths`` walks files and folders, ``readers`` turns each format into ``ArticleIn``
records or a specific error, ``clean`` normalises text (decoding, NFC, control characters,
boilerplate, wire credits).
"""

from .runner import IngestOptions, IngestSummary, ingest_paths

__all__ = ["IngestOptions", "IngestSummary", "ingest_paths"]
