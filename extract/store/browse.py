"""Read-only queries for the explorer: lists with keyset pagination, article and actor detail.

Every list is a ``ListQuery``: a SELECT without ORDER BY plus the sort keys (the last key is
always a unique id, so ``(k1, ..., id) > (?, ..., ?)`` walks the list exactly). ``fetch``
reads one page after or before a known row, which costs the same on page 1 and page 10,000;
an OFFSET fallback exists only for jumps into the middle (a scrollbar drag).
Nothing here writes: analyst edits go through ``store.review`` and ``store.actors``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .articles import ARTICLE_SORTS, article_sort, fts_query
from .db import alias_key
from .statement_context import StatementContext, statement_context

if TYPE_CHECKING:
    from . import Store

# Every review state but 'pending' (spelled out so the statements_review index is used).
REVIEWED = ("accepted", "edited", "rejected")

ACTOR_SORTS = {
    "name": ("ac.name COLLATE NOCASE",),
    "type": ("ac.type",),
    # Statements plus mentions, ties to the actor with more statements: walks the v5
    # actors_prominence index (counts kept on the actor row by triggers).
    "prominence": ("ac.statement_count + ac.mention_count", "ac.statement_count"),
}

# An item waits in the review queue while the statement or one of its stances is pending;
# a rejected statement is done, whatever its stances say.
_QUEUE_WHERE = (
    "s.review != 'rejected' AND (s.review = 'pending' OR EXISTS("
    "SELECT 1 FROM stances t WHERE t.statement_id = s.id AND t.review = 'pending'))"
)


@dataclass(frozen=True)
class ListQuery:
    """One list's rows: ``SELECT columns FROM source WHERE where`` ordered by ``keys``."""

    columns: str
    source: str
    keys: tuple[str, ...]
    where: tuple[str, ...] = ()
    params: tuple = ()
    desc: bool = False
    description: str = ""  # the active filter, in words, for the status bar

    def filtered(self, condition: str, *params, note: str = "") -> ListQuery:
        description = ", ".join(p for p in (self.description, note) if p)
        return replace(self, where=self.where + (condition,), params=self.params + params,
                       description=description)


@dataclass
class Page:
    rows: list[dict] = field(default_factory=list)

    def first_key(self) -> tuple | None:
        return self.rows[0]["_key"] if self.rows else None

    def last_key(self) -> tuple | None:
        return self.rows[-1]["_key"] if self.rows else None


class BrowseRepo:
    def __init__(self, store: Store):
        self.store = store

    # -- generic paging ------------------------------------------------------------------

    def count(self, q: ListQuery) -> int:
        return self.store.scalar(f"SELECT count(*) FROM {q.source}{_where(q.where)}", q.params)

    def fetch(self, q: ListQuery, *, after: tuple | None = None, before: tuple | None = None,
              offset: int = 0, limit: int = 100, from_end: bool = False) -> list[dict]:
        """One page: after a key, before a key, at an offset, or the last ``limit`` rows."""
        where = list(q.where)
        params = list(q.params)
        backwards = before is not None or from_end
        row_keys = "(" + ", ".join(q.keys) + ")"
        marks = "(" + ", ".join("?" * len(q.keys)) + ")"
        if after is not None:
            where.append(f"{row_keys} {'<' if q.desc else '>'} {marks}")
            params.extend(after)
        if before is not None:
            where.append(f"{row_keys} {'>' if q.desc else '<'} {marks}")
            params.extend(before)
        descending = q.desc != backwards
        order = ", ".join(f"{k} {'DESC' if descending else 'ASC'}" for k in q.keys)
        key_cols = ", ".join(f"{k} AS _k{i}" for i, k in enumerate(q.keys))
        sql = (f"SELECT {q.columns}, {key_cols} FROM {q.source}{_where(where)} "
               f"ORDER BY {order} LIMIT ? OFFSET ?")
        params.extend((limit, 0 if (after or before or from_end) else offset))
        rows = []
        for r in self.store.query(sql, tuple(params)):
            row = dict(r)
            row["_key"] = tuple(row.pop(f"_k{i}") for i in range(len(q.keys)))
            rows.append(row)
        if backwards:
            rows.reverse()
        return rows

    def data_version(self) -> int:
        """Changes when another connection commits (``parley extract`` in another terminal)."""
        return self.store.scalar("PRAGMA data_version")

    # -- articles ------------------------------------------------------------------------

    def articles(self, sort: str = "published", desc: bool = False, search: str | None = None) -> ListQuery:
        if sort not in ARTICLE_SORTS:
            raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(ARTICLE_SORTS)}")
        expression, index = article_sort(sort, desc)
        keys = (expression, "a.id") if sort != "id" else ("a.id",)
        q = ListQuery(
            columns=(
                "a.id, a.title, a.source, a.published, a.words, "
                "(SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS statements, "
                "(SELECT count(*) FROM statements s WHERE s.article_id = a.id "
                "AND s.review != 'pending') AS reviewed"
            ),
            source="articles a", keys=keys, desc=desc,
        )
        if search and fts_query(search):
            match = fts_query(search)
            q = q.filtered("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                           match, note=f"search {search!r}")
            if index and self._many_matches(match):
                # SQLite cannot tell how many rows a full-text match returns and sorts them all
                # (122 ms for 96k matches); walking the sort index and stopping at one page
                # takes 27 ms. For a rare word sorting the few matches stays the better plan.
                q = replace(q, source=f"articles a INDEXED BY {index}")
        return q

    def _many_matches(self, match: str, threshold: int = 2000) -> bool:
        return self.store.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
            (match, threshold + 1)) > threshold

    def article(self, article_id: int) -> dict | None:
        row = self.store.query_one(
            "SELECT id, title, source, published, url, path, text, words, extracted_version "
            "FROM articles WHERE id = ?", (article_id,))
        return dict(row) if row else None

    def statements_of_article(self, article_id: int) -> list[dict]:
        """Every statement of an article in reading order, with speaker name and stances."""
        rows = self.store.query(
            "SELECT s.*, ac.name AS speaker FROM statements s "
            "LEFT JOIN actors ac ON ac.id = s.speaker_id "
            "WHERE s.article_id = ? ORDER BY s.content_start, s.id", (article_id,))
        statements = [dict(r) for r in rows]
        by_id = {s["id"]: s for s in statements}
        for s in statements:
            s["stances"] = []
        if by_id:
            for r in self.store.query(
                "SELECT t.id, t.statement_id, t.topic_id, tp.name AS topic, t.label, t.review_label, "
                "COALESCE(t.review_label, t.label) AS effective, t.review, t.confidence, t.evidence "
                "FROM stances t JOIN statements s ON s.id = t.statement_id "
                "JOIN topics tp ON tp.id = t.topic_id WHERE s.article_id = ? ORDER BY t.id",
                (article_id,),
            ):
                by_id[r["statement_id"]]["stances"].append(dict(r))
        return statements

    def mentions_of_article(self, article_id: int) -> list[dict]:
        return [dict(r) for r in self.store.query(
            'SELECT m.start, m."end", m.text, m.actor_id, ac.name AS actor FROM mentions m '
            "JOIN actors ac ON ac.id = m.actor_id WHERE m.article_id = ? ORDER BY m.start",
            (article_id,))]

    def actors_of_article(self, article_id: int) -> list[dict]:
        """Actors mentioned in or speaking in an article (the speaker picker's choices)."""
        return [dict(r) for r in self.store.query(
            "SELECT ac.id, ac.name, ac.type, count(*) AS mentions FROM ("
            "  SELECT actor_id AS aid FROM mentions WHERE article_id = ?"
            "  UNION ALL SELECT speaker_id FROM statements WHERE article_id = ? AND speaker_id IS NOT NULL"
            ") JOIN actors ac ON ac.id = aid GROUP BY ac.id ORDER BY mentions DESC, ac.name",
            (article_id, article_id))]

    def statement(self, statement_id: int) -> dict | None:
        row = self.store.query_one("SELECT article_id FROM statements WHERE id = ?", (statement_id,))
        if row is None:
            return None
        for s in self.statements_of_article(row[0]):
            if s["id"] == statement_id:
                return s
        return None

    def statement_context(self, statement: dict) -> StatementContext:
        """The statement's sentence, the one before and the one naming its speaker."""
        return statement_context(self.store, statement)

    # -- actors --------------------------------------------------------------------------

    def actors(self, sort: str = "name", desc: bool = False, actor_type: str | None = None,
               name: str | None = None, speakers_only: bool = False) -> ListQuery:
        """Actors with their mention and statement counts. ``speakers_only``: only actors
        with at least one statement."""
        if sort not in ACTOR_SORTS:
            raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(ACTOR_SORTS)}")
        q = ListQuery(
            columns=(
                "ac.id, ac.name, ac.type, ac.role, aff.name AS affiliation, "
                "ac.mention_count AS mentions, ac.statement_count AS statements"
            ),
            source="actors ac LEFT JOIN actors aff ON aff.id = ac.affiliation_id",
            keys=(*ACTOR_SORTS[sort], "ac.id"), desc=desc,
        )
        if speakers_only:
            q = q.filtered("ac.statement_count > 0", note="with statements")
        if actor_type:
            q = q.filtered("ac.type = ?", actor_type, note=f"type {actor_type}")
        if name and alias_key(name):
            q = q.filtered("ac.id IN (SELECT actor_id FROM aliases WHERE norm LIKE ? ESCAPE '\\')",
                           f"%{_like(alias_key(name))}%", note=f"name {name!r}")
        return q

    def has_more_actors_than(self, limit: int) -> bool:
        """Whether the database holds more than ``limit`` actors (counts at most limit + 1)."""
        return self.store.scalar("SELECT count(*) FROM (SELECT 1 FROM actors LIMIT ?)", (limit + 1,)) > limit

    def actor(self, actor_id: int) -> dict | None:
        """An actor with aliases, affiliation chain, members and stances by topic."""
        actor = self.store.actors.get(actor_id)
        if actor is None:
            return None
        actor["chain"] = self.store.actors.chain(actor_id)
        actor["members"] = [dict(r) for r in self.store.query(
            "SELECT id, name, type FROM actors WHERE affiliation_id = ? ORDER BY name LIMIT 50", (actor_id,))]
        actor["stances"] = [dict(r) for r in self.store.query(
            "SELECT tp.id AS topic_id, tp.name AS topic, "
            "sum(COALESCE(t.review_label, t.label) = 'support') AS support, "
            "sum(COALESCE(t.review_label, t.label) = 'oppose') AS oppose, "
            "sum(COALESCE(t.review_label, t.label) = 'conditional') AS conditional, "
            "sum(COALESCE(t.review_label, t.label) = 'neutral') AS neutral "
            "FROM statements s JOIN stances t ON t.statement_id = s.id JOIN topics tp ON tp.id = t.topic_id "
            "WHERE s.speaker_id = ? AND s.review != 'rejected' AND t.review != 'rejected' AND tp.deleted = 0 "
            "GROUP BY tp.id ORDER BY tp.name COLLATE NOCASE", (actor_id,))]
        actor["mention_count"] = self.store.scalar("SELECT count(*) FROM mentions WHERE actor_id = ?", (actor_id,))
        return actor

    def statements_by(self, actor_id: int) -> ListQuery:
        """An actor's statements, newest article first is not needed: reading order by article."""
        return ListQuery(
            columns=("s.id, s.article_id, s.content, s.kind, s.review, s.confidence, a.title, "
                     "(SELECT group_concat(tp.name || '=' || COALESCE(t.review_label, t.label), ', ') "
                     " FROM stances t JOIN topics tp ON tp.id = t.topic_id "
                     " WHERE t.statement_id = s.id AND t.review != 'rejected') AS stances"),
            source="statements s JOIN articles a ON a.id = s.article_id",
            keys=("s.article_id", "s.content_start", "s.id"),
            where=("s.speaker_id = ?",), params=(actor_id,),
        )

    def actor_names(self, limit: int = 200_000) -> list[tuple[int, str, str]]:
        """(id, name, type) of every actor, for fuzzy pickers."""
        return [tuple(r) for r in self.store.query(
            "SELECT id, name, type FROM actors ORDER BY name COLLATE NOCASE LIMIT ?", (limit,))]

    # -- topics --------------------------------------------------------------------------

    def topics(self) -> list[dict]:
        return [dict(r) for r in self.store.query(
            "SELECT tp.id, tp.name, (SELECT count(*) FROM stances t WHERE t.topic_id = tp.id) AS stances "
            "FROM topics tp WHERE tp.deleted = 0 ORDER BY tp.name COLLATE NOCASE")]

    # -- review queue --------------------------------------------------------------------

    def review_queue(self, *, article_id: int | None = None, actor_id: int | None = None,
                     topic_id: int | None = None, lowest_confidence: bool = False) -> ListQuery:
        """Statements waiting for a decision, in reading order (or least confident first)."""
        keys = (("s.confidence", "s.id") if lowest_confidence
                else ("s.article_id", "s.content_start", "s.id"))
        q = ListQuery(
            columns="s.id, s.article_id, s.content, s.confidence, s.review",
            source="statements s", keys=keys, where=(_QUEUE_WHERE,),
            description="lowest confidence first" if lowest_confidence else "",
        )
        return self._scoped(q, article_id, actor_id, topic_id)

    def review_scope(self, *, article_id: int | None = None, actor_id: int | None = None,
                     topic_id: int | None = None) -> ListQuery:
        """All statements the current review filters cover (for the 'reviewed N / M' counter)."""
        q = ListQuery(columns="s.id", source="statements s", keys=("s.id",))
        return self._scoped(q, article_id, actor_id, topic_id)

    def review_progress(self, *, total: int | None = None, **filters) -> tuple[int, int]:
        """(reviewed, total) for the review filters. Reviewed statements are counted through
        the ``statements_review`` index (cheap while few of 1M are done); pass a ``total``
        counted before to skip the full count."""
        q = self.review_scope(**filters)
        done = q.filtered(f"s.review IN ({', '.join(repr(r) for r in REVIEWED)})")
        reviewed = self.count(done)
        if total is None:
            total = self.count(q)
        return int(reviewed), int(total)

    def status_counts(self) -> dict[str, int]:
        """The status bar's counts, each from an index or a small table."""
        with self.store.snapshot() as conn:
            one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
            return {
                "articles": one("SELECT count(*) FROM articles"),
                "statements": one("SELECT count(*) FROM statements"),
                **self._decision_counts(one),
            }

    def decision_counts(self) -> dict[str, int]:
        """The status counts an analyst's decision can change (reviewed, actors, topics):
        counting 1M statements again after each decision costs more than the decision."""
        with self.store.snapshot() as conn:
            return self._decision_counts(lambda sql: conn.execute(sql).fetchone()[0])

    @staticmethod
    def _decision_counts(one) -> dict[str, int]:
        return {
            "reviewed": one("SELECT count(*) FROM statements WHERE review IN "
                            f"({', '.join(repr(r) for r in REVIEWED)})"),
            "actors": one("SELECT count(*) FROM actors"),
            "topics": one("SELECT count(*) FROM topics WHERE deleted = 0"),
        }

    def _scoped(self, q: ListQuery, article_id, actor_id, topic_id) -> ListQuery:
        if article_id is not None:
            q = q.filtered("s.article_id = ?", article_id, note=f"article {article_id}")
        if actor_id is not None:
            q = q.filtered("s.speaker_id = ?", actor_id, note=f"actor {actor_id}")
        if topic_id is not None:
            q = q.filtered("EXISTS(SELECT 1 FROM stances t WHERE t.statement_id = s.id AND t.topic_id = ?)",
                           topic_id, note=f"topic {topic_id}")
        return q

    def last_decision(self) -> list[dict]:
        """The rows of the most recent decision that undo would revert (this coder's, oldest
        first), each with the statement it concerns and, for a stance, its topic name."""
        rows = self.store.query(
            "SELECT r.entity, r.entity_id, r.field, r.old_value, r.new_value, "
            "CASE r.entity WHEN 'statement' THEN r.entity_id "
            "  WHEN 'stance' THEN (SELECT statement_id FROM stances WHERE id = r.entity_id) END AS statement_id, "
            "CASE r.entity WHEN 'stance' THEN (SELECT tp.name FROM stances t JOIN topics tp ON tp.id = t.topic_id "
            "  WHERE t.id = r.entity_id) END AS topic "
            "FROM reviews r WHERE r.decision = (SELECT decision FROM reviews WHERE undone = 0 "
            "AND decision IS NOT NULL AND (coder = ? OR coder IS NULL) ORDER BY id DESC LIMIT 1) "
            "AND r.entity NOT IN ('coding', 'coding_stance') "  # a coder's own copy, not news
            "ORDER BY r.id", (self.store.coder,))
        out = [dict(r) for r in rows]
        for row in out:
            if row["statement_id"] is not None:
                row["content"] = self.store.scalar("SELECT content FROM statements WHERE id = ?",
                                                   (row["statement_id"],))
        return out

    # -- command palette -----------------------------------------------------------------

    def find(self, text: str, limit: int = 8) -> list[dict]:
        """Articles, actors and topics whose name contains ``text`` (the palette's jump list)."""
        key = alias_key(text)
        if not key:
            return []
        like = f"%{_like(key)}%"
        out = [{"kind": "actor", "id": r[0], "name": r[1]} for r in self.store.query(
            "SELECT DISTINCT ac.id, ac.name FROM aliases al JOIN actors ac ON ac.id = al.actor_id "
            "WHERE al.norm LIKE ? ESCAPE '\\' LIMIT ?", (like, limit))]
        out += [{"kind": "topic", "id": r[0], "name": r[1]} for r in self.store.query(
            "SELECT id, name FROM topics WHERE deleted = 0 AND name LIKE ? ESCAPE '\\' LIMIT ?", (like, limit))]
        q = fts_query(text)
        if q:
            out += [{"kind": "article", "id": r[0], "name": r[1]} for r in self.store.query(
                "SELECT a.id, a.title FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", ("title : (" + q + ")", limit))]
        return out


def _where(conditions) -> str:
    return (" WHERE " + " AND ".join(f"({c})" for c in conditions)) if conditions else ""


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
