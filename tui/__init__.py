"""Parley's explorer: a Textual app over the store (``extract.store``). Never loads spaCy."""
