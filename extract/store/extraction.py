"""Writing one article's extraction, without ever losing an analyst's decision.

Re-extraction replaces machine output only:
- mentions are machine data and are replaced;
- a statement the analyst touched (its review is not 'pending', or one of its stances was
  reviewed) is kept as it is; a new machine statement overlapping it is folded into it
  (new topics become pending stances on the kept statement, pending stances get the new
  machine label), so nothing is duplicated;
- every other statement of the article is replaced;
- actors resolve through aliases, so renames, merges and splits made by hand are honoured,
  and locked type/affiliation fields are never overwritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import ArticleExtraction, StanceRec, StatementRec
from .db import alias_key, utcnow

if TYPE_CHECKING:
    import sqlite3

    from . import Store


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int, ratio: float = 0.5) -> bool:
    """True when the overlap covers at least ``ratio`` of the shorter span."""
    inter = min(a_end, b_end) - max(a_start, b_start)
    shorter = min(a_end - a_start, b_end - b_start)
    return shorter > 0 and inter >= ratio * shorter


class ExtractionRepo:
    def __init__(self, store: Store):
        self.store = store

    def save(self, article_id: int, ex: ArticleExtraction, version: str) -> dict[str, int]:
        """Write one article's extraction atomically; return counts of what was written."""
        counts = {"mentions": 0, "statements": 0, "stances": 0, "kept_reviewed": 0}
        with self.store.transaction() as conn:
            actor_ids = self._write_actors(conn, ex)
            moved_by_analyst: dict[str, int | None] = {}  # surface key -> actor, per article

            def actor_for(key: str | None, surface: str | None) -> int | None:
                # An alias the analyst moved by hand wins over what the extractor thinks.
                # (One indexed lookup per distinct surface: the cost follows the article, not
                # the size of the analyst's history.)
                norm = alias_key(surface) if surface else ""
                if norm and norm not in moved_by_analyst:
                    row = conn.execute(
                        "SELECT actor_id FROM aliases WHERE norm = ? AND origin = 'analyst'", (norm,)
                    ).fetchone()
                    moved_by_analyst[norm] = row[0] if row else None
                if norm and moved_by_analyst[norm] is not None:
                    return moved_by_analyst[norm]
                return actor_ids.get(key) if key else None

            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            mention_rows = []
            for m in ex.mentions:
                actor_id = actor_for(m.actor, m.text)
                if actor_id is not None:
                    mention_rows.append((article_id, actor_id, m.start, m.end, m.text, m.label))
            conn.executemany(
                'INSERT INTO mentions (article_id, actor_id, start, "end", text, label) VALUES (?,?,?,?,?,?)',
                mention_rows,
            )
            counts["mentions"] = len(mention_rows)

            kept = self._keep_reviewed(conn, article_id)
            counts["kept_reviewed"] = len(kept)
            topic_cache: dict[str, int | None] = {}
            for st in ex.statements:
                owner = next(
                    (k for k in kept if spans_overlap(k[1], k[2], st.content_start, st.content_end)),
                    None,
                )
                if owner is not None:
                    if owner[3] != "rejected":
                        counts["stances"] += self._fold_stances(conn, owner[0], st.stances, topic_cache)
                    continue
                speaker_id = actor_for(st.speaker, st.speaker_text)
                statement_id = self._insert_statement(conn, article_id, st, speaker_id, version)
                counts["statements"] += 1
                counts["stances"] += self._fold_stances(conn, statement_id, st.stances, topic_cache)
            conn.execute(
                "UPDATE articles SET extracted_version = ?, extracted_at = ? WHERE id = ?",
                (version, utcnow(), article_id),
            )
        return counts

    def _write_actors(self, conn: sqlite3.Connection, ex: ArticleExtraction) -> dict[str, int]:
        repo = self.store.actors
        ids = {
            a.key: repo.upsert_machine(conn, a.name, a.type, aliases=a.aliases, role=a.role)
            for a in ex.actors
        }
        for a in ex.actors:
            if a.affiliation and a.affiliation in ids:
                repo.set_machine_affiliation(conn, ids[a.key], ids[a.affiliation])
        return ids

    def _keep_reviewed(self, conn: sqlite3.Connection, article_id: int) -> list[tuple]:
        """Delete the article's untouched machine statements; return the reviewed ones."""
        rows = conn.execute(
            "SELECT s.id, s.content_start, s.content_end, s.review, "
            "EXISTS(SELECT 1 FROM stances t WHERE t.statement_id = s.id AND t.review != 'pending') "
            "FROM statements s WHERE s.article_id = ?",
            (article_id,),
        ).fetchall()
        kept, dropped = [], []
        for sid, start, end, review, has_reviewed_stance in rows:
            if review != "pending" or has_reviewed_stance:
                kept.append((sid, start, end, review))
            else:
                dropped.append((sid,))
        conn.executemany("DELETE FROM statements WHERE id = ?", dropped)
        return kept

    def _insert_statement(self, conn: sqlite3.Connection, article_id: int, st: StatementRec,
                          speaker_id: int | None, version: str) -> int:
        cur = conn.execute(
            "INSERT INTO statements (article_id, speaker_id, speaker_text, speaker_start, speaker_end, "
            "cue, cue_start, cue_end, content, content_start, content_end, kind, confidence, "
            "extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, speaker_id, st.speaker_text, st.speaker_start, st.speaker_end, st.cue,
             st.cue_start, st.cue_end, st.content, st.content_start, st.content_end, st.kind,
             st.confidence, version),
        )
        return cur.lastrowid

    def _fold_stances(self, conn: sqlite3.Connection, statement_id: int, stances: list[StanceRec],
                      topic_cache: dict[str, int | None]) -> int:
        """Add machine stances to a statement; reviewed stances are left untouched."""
        written = 0
        for stance in stances:
            if stance.topic not in topic_cache:
                topic_cache[stance.topic] = self.topic_id(conn, stance.topic)
            topic_id = topic_cache[stance.topic]
            if topic_id is None:
                continue
            cur = conn.execute(
                "INSERT INTO stances (statement_id, topic_id, label, confidence, evidence) "
                "VALUES (?,?,?,?,?) ON CONFLICT (statement_id, topic_id) DO UPDATE SET "
                "label = excluded.label, confidence = excluded.confidence, evidence = excluded.evidence "
                "WHERE stances.review = 'pending'",
                (statement_id, topic_id, stance.label, stance.confidence, stance.evidence),
            )
            written += cur.rowcount
        return written

    def topic_id(self, conn: sqlite3.Connection, name: str) -> int | None:
        """The topic a machine stance belongs to; created if new, None if the analyst deleted it."""
        key = alias_key(name)
        row = conn.execute(
            "SELECT t.id, t.deleted FROM topic_aliases a JOIN topics t ON t.id = a.topic_id WHERE a.norm = ?",
            (key,),
        ).fetchone() or conn.execute("SELECT id, deleted FROM topics WHERE name = ?", (name,)).fetchone()
        if row:
            return None if row[1] else row[0]
        cur = conn.execute(
            "INSERT INTO topics (name, origin, created_at) VALUES (?, 'auto', ?)", (name, utcnow())
        )
        conn.execute(
            "INSERT OR IGNORE INTO topic_aliases (topic_id, alias, norm) VALUES (?,?,?)",
            (cur.lastrowid, name, key),
        )
        return cur.lastrowid
