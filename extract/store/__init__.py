"""The Parley store: the only code that talks SQL.

``Store(path)`` opens (and migrates) a database; its repositories group the API by subject:

- ``store.articles``   insert with dedup, fetch, search (articles.py)
- ``store.runs``       ingest/extract runs and the ingest error log (runs.py)
- ``store.actors``     actors, aliases and the analyst's actor edits (actors.py)
- ``store.review``     analyst decisions on statements and stances, audit log, undo (review.py)
- ``store.extraction`` writes one article's extraction, keeping reviewed rows (extraction.py)
- ``store.topics``     curated and proposed topics, the topics file, topic edits (topics.py)
- ``store.browse``     keyset-paginated reads for the explorer's lists (browse.py)
- ``store.team``       coders: claims, double coding, side-by-side codings (team.py)
- ``store.dna``        Discourse Network Analyzer files in and out (dna.py, dna_export.py)
- ``store.stance_rows`` the counted stance rows the analysis module aggregates (stance_rows.py)
- ``store.learning``   reviewed examples, learned models, the machine's accuracy (learning.py)

Extraction, the TUI, export and analysis all go through this API.
"""

from __future__ import annotations

from pathlib import Path

from .actors import ActorRepo
from .articles import ArticleIn, ArticleRepo, fts_query
from .browse import BrowseRepo
from .db import Database, StoreError, alias_key, utcnow
from .dna import DnaRepo
from .extraction import ExtractionRepo
from .learning import LearningRepo
from .review import ReviewRepo
from .runs import RunRepo
from .stance_rows import StanceRowRepo
from .team import TeamRepo, check_coder, default_coder
from .topics import TopicRepo
from .schema import ACTOR_TYPES, REVIEW_STATES, SCHEMA_VERSION, STANCE_LABELS, STATEMENT_KINDS

__all__ = [
    "ACTOR_TYPES", "REVIEW_STATES", "SCHEMA_VERSION", "STANCE_LABELS", "STATEMENT_KINDS",
    "ArticleIn", "Store", "StoreError", "alias_key", "check_coder", "default_coder", "fts_query", "utcnow",
]


class Store(Database):
    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True,
                 coder: str | None = None):
        # Checked before the file is opened: a bad coder name leaves the store untouched.
        self.coder = check_coder(coder) if coder is not None else default_coder()
        super().__init__(path, readonly=readonly, create=create)
        self.team = TeamRepo(self)
        self.dna = DnaRepo(self)
        self.articles = ArticleRepo(self)
        self.runs = RunRepo(self)
        self.actors = ActorRepo(self)
        self.review = ReviewRepo(self)
        self.extraction = ExtractionRepo(self)
        self.browse = BrowseRepo(self)
        self.stance_rows = StanceRowRepo(self)  # read-only queries for extract/analysis
        self.topics = TopicRepo(self)
        self.learning = LearningRepo(self)

    def stats(self) -> dict[str, int]:
        """Row counts for the status bar and 'parley stats'."""
        with self.snapshot() as conn:
            one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
            return {
                "articles": one("SELECT count(*) FROM articles"),
                "extracted": one("SELECT count(*) FROM articles WHERE extracted_version IS NOT NULL"),
                "actors": one("SELECT count(*) FROM actors"),
                "mentions": one("SELECT count(*) FROM mentions"),
                "statements": one("SELECT count(*) FROM statements"),
                "reviewed": one("SELECT count(*) FROM statements WHERE review != 'pending'"),
                "topics": one("SELECT count(*) FROM topics WHERE deleted = 0"),
                "stances": one("SELECT count(*) FROM stances"),
                "ingest_errors": one("SELECT count(*) FROM ingest_errors"),
            }

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
