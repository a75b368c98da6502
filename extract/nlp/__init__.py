"""Per-article extraction: a spaCy Doc in, an ArticleExtraction (extract.records) out.

Imports nothing from the store or the TUI. Modules, in the order the data flows:
lexicon (packaged word lists in data/), actors, speakers, quotes, statements, topics, stance,
extractor (the pure function), pipeline (model loading and the spaCy component).
"""

from __future__ import annotations

from .config import ExtractConfig, TopicSpec

# Bump when a rule change should make 'parley extract' redo every article.
EXTRACTOR_VERSION = "1.27"

__all__ = ["EXTRACTOR_VERSION", "ExtractConfig", "TopicSpec"]
