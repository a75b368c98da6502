"""Read-only queries behind the comparison module (extract/analysis).

Everything here reads; nothing writes. The counting rules live in one WHERE clause:
- the effective label is COALESCE(stances.review_label, stances.label);
- a rejected statement or a rejected stance never counts, nor a stance on a deleted topic;
- a statement with no resolved speaker counts for no one;
- with ``reviewed_only``, only stances an analyst accepted or edited count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .db import alias_key
from .schema import STANCE_LABELS

if TYPE_CHECKING:
    from . import Store

# Stance review states an analyst decided (accepting a statement accepts its stances).
REVIEWED_STATES = ("accepted", "edited")


def counted_where(reviewed_only: bool, topic_ids: Iterable[int] | None, *,
                  join_topics: bool = True) -> tuple[str, list]:
    """The WHERE clause (over stances st, statements s and, with ``join_topics``, topics t)
    of every counted stance. Without the join, deleted topics are excluded by id."""
    clauses = ["st.review != 'rejected'", "s.review != 'rejected'", "s.speaker_id IS NOT NULL"]
    clauses.append("t.deleted = 0" if join_topics else
                   "st.topic_id NOT IN (SELECT id FROM topics WHERE deleted = 1)")
    params: list = []
    if reviewed_only:
        clauses.append("st.review IN ('accepted', 'edited')")
    if topic_ids is not None:
        ids = sorted(set(topic_ids))
        clauses.append(f"st.topic_id IN ({', '.join('?' * len(ids)) or 'NULL'})")
        params.extend(ids)
    return " AND ".join(clauses), params


class StanceRowRepo:
    def __init__(self, store: Store):
        self.store = store

    # -- the rows every aggregate is built from ------------------------------------------

    def rows(self, *, reviewed_only: bool = False, topic_ids: Iterable[int] | None = None,
             speaker_ids: Iterable[int] | None = None) -> list[tuple]:
        """Counted stances as tuples (statement_id, speaker_id, topic_id, label, reviewed,
        published), in no particular order."""
        where, params = counted_where(reviewed_only, topic_ids, join_topics=False)
        if speaker_ids is not None:
            ids = sorted(set(speaker_ids))
            where += f" AND s.speaker_id IN ({', '.join('?' * len(ids)) or 'NULL'})"
            params.extend(ids)
        sql = (
            "SELECT s.id, s.speaker_id, st.topic_id, COALESCE(st.review_label, st.label), "
            "st.review IN ('accepted', 'edited'), a.published "
            # CROSS JOIN fixes the join order: scan stances, look the rest up by primary key.
            # Left to itself the planner walks articles by date and is ~4x slower at 1M rows.
            "FROM stances st CROSS JOIN statements s ON s.id = st.statement_id "
            "CROSS JOIN articles a ON a.id = s.article_id "
            f"WHERE {where}"
        )
        with self.store.snapshot() as conn:
            return conn.execute(sql, params).fetchall()

    def counted_keys(self, *, reviewed_only: bool = False, topic_ids: Iterable[int] | None = None,
                     chunk: int = 50_000) -> tuple[int, Iterator[list[tuple[int]]]]:
        """Counted stances as one integer each, in chunks, for grouping outside SQLite.

        Returns (span, chunks); each row is ``((speaker_id * span + topic_id) * 4 + code,)``
        with code the index of the effective label in STANCE_LABELS. Grouping 1M rows this way
        in numpy is ~5x faster than SQLite's GROUP BY (which sorts through a temp B-tree), and
        memory stays one chunk."""
        where, params = counted_where(reviewed_only, topic_ids, join_topics=False)
        span = (self.store.scalar("SELECT max(id) FROM topics") or 0) + 1
        code = " ".join(f"WHEN '{label}' THEN {i}" for i, label in enumerate(STANCE_LABELS))
        sql = (
            f"SELECT (s.speaker_id * {span} + st.topic_id) * {len(STANCE_LABELS)} + "
            f"CASE COALESCE(st.review_label, st.label) {code} END "
            f"FROM stances st JOIN statements s ON s.id = st.statement_id WHERE {where}"
        )

        def chunks() -> Iterator[list[tuple[int]]]:
            with self.store.snapshot() as conn:
                cursor = conn.execute(sql, params)
                while rows := cursor.fetchmany(chunk):
                    yield rows

        return span, chunks()

    def counted_text(self, *, reviewed_only: bool = False, topic_ids: Iterable[int] | None = None,
                     chunk: int = 200_000) -> tuple[int, int, Iterator[tuple[str, str]]]:
        """Counted stances as two comma-separated integer lists per chunk of stance ids, for
        the cell matrix to parse with numpy (no Python object per row: ~2x faster than
        fetching rows).

        Returns (span, statement_span, chunks); each chunk is (keys, stamps) with, per stance,
        ``key = ((speaker_id * span + topic_id) * 128 + unicode(label)) * 128 + unicode(review)``
        (the first character's code point of the effective label and of the review state:
        cheaper for SQLite than a CASE) and ``stamp = article_id * statement_span +
        statement_id``. The chunks are read in one snapshot: consume them at once."""
        where, params = counted_where(reviewed_only, topic_ids, join_topics=False)
        span = (self.store.scalar("SELECT max(id) FROM topics") or 0) + 1
        statement_span = (self.store.scalar("SELECT max(id) FROM statements") or 0) + 1
        sql = (
            f"SELECT group_concat(((s.speaker_id * {span} + st.topic_id) * 128 "
            "+ unicode(COALESCE(st.review_label, st.label))) * 128 + unicode(st.review)), "
            f"group_concat(s.article_id * {statement_span} + s.id) "
            "FROM stances st CROSS JOIN statements s ON s.id = st.statement_id "
            f"WHERE {where} AND st.id >= ? AND st.id < ?"
        )

        def chunks() -> Iterator[tuple[str, str]]:
            with self.store.snapshot() as conn:
                low, high = conn.execute("SELECT min(id), max(id) FROM stances").fetchone()
                if low is None:
                    return
                # Sparse ids: never more than ~64 range queries, whatever the gaps.
                step = max(chunk, (high - low + 1) // 64 + 1)
                for start in range(low, high + 1, step):
                    keys, stamps = conn.execute(sql, [*params, start, start + step]).fetchone()
                    if keys:
                        yield keys, stamps

        return span, statement_span, chunks()

    def article_date_ranks(self) -> tuple[str, str] | None:
        """Every article id and the dense rank of its date (no date ranks first), as two
        comma-separated lists in the same order; None without articles. The rank is the
        'most recent' tie-break of the matrix, computed by SQLite rather than in Python."""
        ids, ranks = self.store.query_one(
            "SELECT group_concat(id), group_concat(r) FROM (SELECT id, "
            "dense_rank() OVER (ORDER BY COALESCE(published, '')) AS r FROM articles)")
        return (ids, ranks) if ids else None

    def iter_raw(self) -> Iterator[tuple]:
        """Every stance row as stored, ungrouped (the benchmark's read-only baseline)."""
        sql = (
            "SELECT s.speaker_id, st.topic_id, COALESCE(st.review_label, st.label) "
            "FROM stances st JOIN statements s ON s.id = st.statement_id"
        )
        with self.store.snapshot() as conn:
            yield from conn.execute(sql)

    # -- lookups -----------------------------------------------------------------------

    def actors(self) -> dict[int, tuple[str, str, int | None]]:
        """id -> (name, type, affiliation_id) for every actor."""
        rows = self.store.query("SELECT id, name, type, affiliation_id FROM actors")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def roles(self) -> dict[int, str]:
        """id -> role for every actor that has one."""
        return {r[0]: r[1] for r in self.store.query("SELECT id, role FROM actors WHERE role IS NOT NULL")}

    def topics(self) -> dict[int, str]:
        """id -> name of every topic not deleted."""
        return {r[0]: r[1] for r in self.store.query("SELECT id, name FROM topics WHERE deleted = 0")}

    def resolve_topic(self, name: str) -> int | None:
        """Topic id for a name or alias (case-insensitive), or None. Deleted topics never match."""
        key = alias_key(name)
        row = self.store.query_one(
            "SELECT t.id FROM topic_aliases a JOIN topics t ON t.id = a.topic_id "
            "WHERE a.norm = ? AND t.deleted = 0", (key,),
        ) or self.store.query_one(
            "SELECT id FROM topics WHERE name = ? COLLATE NOCASE AND deleted = 0", (" ".join(name.split()),)
        )
        return row[0] if row else None

    def suggest_topics(self, name: str, limit: int = 5) -> list[str]:
        """Close matches among topic names and aliases, as canonical names."""
        choices: dict[str, str] = {}
        for alias, canonical in self.store.query(
            "SELECT a.alias, t.name FROM topic_aliases a JOIN topics t ON t.id = a.topic_id "
            "WHERE t.deleted = 0 UNION ALL SELECT name, name FROM topics WHERE deleted = 0"
        ):
            choices.setdefault(alias, canonical)
        found = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
        out: list[str] = []
        for alias, _score, _ in found:
            if choices[alias] not in out:
                out.append(choices[alias])
        return out[:limit]

    def statements(self, statement_ids: Iterable[int]) -> dict[int, dict]:
        """Evidence for reports: statement id -> speaker, content, kind, review and article."""
        ids = sorted(set(statement_ids))
        out: dict[int, dict] = {}
        # Chunked: SQLite limits the number of bound parameters.
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.store.query(
                "SELECT s.id, s.content, s.kind, s.review, s.reviewed_by, s.cue, s.speaker_text, "
                "sp.name AS speaker, a.id AS article_id, a.title, a.source, a.published "
                "FROM statements s LEFT JOIN actors sp ON sp.id = s.speaker_id "
                "JOIN articles a ON a.id = s.article_id "
                f"WHERE s.id IN ({', '.join('?' * len(chunk))})", chunk,
            )
            out.update({r["id"]: dict(r) for r in rows})
        return out

    def stance_labels(self, statement_ids: Iterable[int]) -> dict[tuple[int, int], str]:
        """(statement_id, topic_id) -> effective label, for evidence listings."""
        ids = sorted(set(statement_ids))
        out: dict[tuple[int, int], str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for sid, tid, label in self.store.query(
                "SELECT statement_id, topic_id, COALESCE(review_label, label) FROM stances "
                f"WHERE statement_id IN ({', '.join('?' * len(chunk))})", chunk,
            ):
                out[(sid, tid)] = label
        return out
