"""Articles: insert with dedup, fetch, keyset-paginated listing, full-text search."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .db import utcnow

if TYPE_CHECKING:
    from . import Store

ARTICLE_SORTS = {
    # sort key -> SQL expression (ties broken by id, which keeps keyset paging exact)
    "id": "a.id",
    "title": "a.title COLLATE NOCASE",
    "source": "coalesce(a.source, '') COLLATE NOCASE",
    "published": "coalesce(a.published, '')",
}
# The index that walks each sort in order (schema v3 built them on the same expressions).
ARTICLE_SORT_INDEXES = {"title": "articles_title", "source": "articles_source",
                        "published": "articles_published"}
# Undated articles come last in both directions: descending, '' sorts them after every date;
# ascending walks a second expression (and its v5 index) where they sort as '9999'.
UNDATED_LAST_ASCENDING = {"published": ("coalesce(a.published, '9999')", "articles_published_undated_last")}


def article_sort(sort: str, desc: bool) -> tuple[str, str | None]:
    """(SQL sort expression, index that walks it) for a sort key and direction."""
    if not desc and sort in UNDATED_LAST_ASCENDING:
        return UNDATED_LAST_ASCENDING[sort]
    return ARTICLE_SORTS[sort], ARTICLE_SORT_INDEXES.get(sort)


@dataclass
class ArticleIn:
    """A normalised article ready to store. ``text`` is final: offsets will point into it."""

    text: str
    title: str = ""
    path: str | None = None
    external_id: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    sha256: str = field(default="")

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()


_WORD = re.compile(r"\w+")


def fts_query(user_query: str) -> str:
    """Turn what an analyst types into a safe FTS5 query: every word must match, as a prefix.

    Quotes and FTS operators in the input are neutralised, so 'peace "treaty' or 'NEAR(' never
    raise a syntax error."""
    words = _WORD.findall(user_query)
    return " ".join(f'"{w}"*' for w in words)


class ArticleRepo:
    def __init__(self, store: Store):
        self.store = store

    def add(self, article: ArticleIn) -> tuple[int, bool]:
        """Insert unless the same normalised text is stored; return (id, created)."""
        s = self.store
        with s.transaction() as conn:
            row = conn.execute("SELECT id FROM articles WHERE sha256 = ?", (article.sha256,)).fetchone()
            if row:
                return row[0], False
            cur = conn.execute(
                "INSERT INTO articles (external_id, path, title, source, published, url, text, "
                "sha256, words, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    article.external_id, article.path, article.title, article.source,
                    article.published, article.url, article.text, article.sha256,
                    len(_WORD.findall(article.text)), utcnow(),
                ),
            )
            return cur.lastrowid, True

    def get(self, article_id: int) -> dict | None:
        row = self.store.query_one("SELECT * FROM articles WHERE id = ?", (article_id,))
        return dict(row) if row else None

    def count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM articles")

    def ids_needing_extraction(self, version: str, *, force: bool = False) -> list[int]:
        if force:
            rows = self.store.query("SELECT id FROM articles ORDER BY id")
        else:
            rows = self.store.query(
                "SELECT id FROM articles WHERE extracted_version IS NOT ? ORDER BY id", (version,)
            )
        return [r[0] for r in rows]

    def search_ids(self, user_query: str, limit: int = 1000) -> list[int]:
        """Ids of articles matching the query, best match first."""
        q = fts_query(user_query)
        if not q:
            return []
        rows = self.store.query(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (q, limit),
        )
        return [r[0] for r in rows]
