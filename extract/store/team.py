"""Analysts as a team: who a coder is, claims that hand concurrent coders different
statements, the share of statements coded twice on purpose, and each coder's own decisions.

- A **coder** is a short name: ``--coder NAME``, else ``PARLEY_CODER``, else the login name.
- A **claim** marks the statement a session is showing; the review queue of every other
  session skips it until it expires (``PARLEY_CLAIM_SECONDS``, default 600) or is released.
  Fetch and claim happen in one write transaction, so two explorers never claim one statement.
- **Codings** keep every coder's decision side by side (``codings``, ``coding_stances``);
  the statement's own ``review`` / ``reviewed_by`` is the decision every count uses: the
  first coder's, or the adjudicator's once a disagreement was settled.
"""

from __future__ import annotations

import getpass
import os
import re
import time
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from .db import StoreError

if TYPE_CHECKING:
    from . import Store
    from .browse import ListQuery

CLAIM_SECONDS = float(os.environ.get("PARLEY_CLAIM_SECONDS", "600"))
_CODER_RE = re.compile(r"^[^\x00-\x1f\x7f-\x9f,]{1,64}$")


def check_coder(name: str) -> str:
    """A coder name as given, trimmed; one clear error for an empty or odd one."""
    cleaned = (name or "").strip()
    if not cleaned or not _CODER_RE.match(cleaned):
        raise StoreError(f"invalid coder name {name!r}: use 1-64 printable characters, no commas")
    return cleaned


def default_coder() -> str:
    env = os.environ.get("PARLEY_CODER")
    if env:
        return check_coder(env)
    try:
        return check_coder(getpass.getuser())
    except Exception:  # no login name (containers) or an odd one
        return "analyst"


class Conflict(StoreError):
    """Another coder decided the statement since it was shown; nothing was written."""


# Statements waiting for a given coder: the ordinary queue minus what this coder already
# decided, plus double-coded statements that one other coder has decided.
_QUEUE_FOR_CODER = (
    "(({base}) AND NOT EXISTS(SELECT 1 FROM codings c WHERE c.statement_id = s.id AND c.coder = ?))"
    " OR (s.adjudicated_by IS NULL AND EXISTS(SELECT 1 FROM double_coding d WHERE d.statement_id = s.id)"
    " AND NOT EXISTS(SELECT 1 FROM codings c WHERE c.statement_id = s.id AND c.coder = ?)"
    " AND (SELECT count(*) FROM codings c WHERE c.statement_id = s.id) = 1)"
)
_UNCLAIMED = ("NOT EXISTS(SELECT 1 FROM claims cl WHERE cl.statement_id = s.id "
              "AND cl.session != ? AND cl.expires > ?)")
# Two coders' decisions differ (the statement itself, or the label on one topic), not yet settled.
DISAGREEMENT = (
    "s.adjudicated_by IS NULL AND ("
    "(SELECT count(DISTINCT c.review) FROM codings c WHERE c.statement_id = s.id) > 1 OR "
    "EXISTS(SELECT 1 FROM coding_stances cs WHERE cs.statement_id = s.id AND cs.label IS NOT NULL "
    "GROUP BY cs.topic_id HAVING count(DISTINCT cs.label) > 1))"
)


class TeamRepo:
    def __init__(self, store: Store):
        self.store = store
        self.session = uuid.uuid4().hex

    @property
    def coder(self) -> str:
        return self.store.coder

    # -- the review queue for this coder ---------------------------------------------------

    def queue(self, q: ListQuery, *, disagreements: bool = False) -> ListQuery:
        """The browse review queue narrowed for this coder and this session: statements this
        coder has not decided (or double-coded ones waiting for a second coder), not claimed
        by another session. With ``disagreements``, the statements to adjudicate instead."""
        base, rest = q.where[0], q.where[1:]
        if disagreements:
            where = (DISAGREEMENT,) + rest
            params = q.params
        else:
            where = (_QUEUE_FOR_CODER.format(base=base),) + rest
            params = (self.coder, self.coder) + q.params
        q = replace(q, where=where, params=params)
        return q.filtered(_UNCLAIMED, self.session, time.time())

    def claim_next(self, q: ListQuery, *, after: tuple | None = None) -> int | None:
        """The first statement of ``q`` (after ``after``) that nobody else holds, claimed for
        this session in the same write transaction; None at the end of the queue."""
        with self.store.transaction():
            rows = self.store.browse.fetch(q, after=after, limit=1)
            if not rows:
                return None
            self._claim(rows[0]["id"])
            return rows[0]["id"]

    def claim(self, statement_id: int) -> bool:
        """Hold one statement for this session (a jump or a reload); False if another holds it."""
        with self.store.transaction():
            return self._claim(statement_id)

    def _claim(self, statement_id: int) -> bool:
        conn = self.store.conn
        now = time.time()
        holder = conn.execute("SELECT session FROM claims WHERE statement_id = ? AND expires > ?",
                              (statement_id, now)).fetchone()
        if holder and holder[0] != self.session:
            return False
        conn.execute("DELETE FROM claims WHERE session = ? OR expires <= ?", (self.session, now))
        conn.execute("INSERT OR REPLACE INTO claims (statement_id, coder, session, expires) VALUES (?,?,?,?)",
                     (statement_id, self.coder, self.session, now + CLAIM_SECONDS))
        return True

    def release(self) -> None:
        """Give back this session's claims (the explorer closes)."""
        if self.store.readonly:
            return
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM claims WHERE session = ?", (self.session,))

    # -- double coding ---------------------------------------------------------------------

    def set_double_share(self, share: float, *, seed: int = 0) -> dict:
        """Hand ``share`` (0-1) of the statements nobody has decided yet to two coders: a
        reproducible sample (statement ids ordered by a hash with ``seed``). Already chosen
        statements stay chosen. Stored as the database's 'double_share' setting."""
        if not 0 <= share <= 1:
            raise StoreError(f"double-coding share must be between 0% and 100%, got {share:.0%}")
        with self.store.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('double_share', ?)", (str(share),))
            total = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
            have = conn.execute("SELECT count(*) FROM double_coding").fetchone()[0]
            want = round(total * share) - have
            added = 0
            if want > 0:
                rows = conn.execute(
                    "SELECT id FROM statements s WHERE review = 'pending' AND NOT EXISTS("
                    "SELECT 1 FROM double_coding d WHERE d.statement_id = s.id) "
                    "ORDER BY (id * 2654435761 + ?) % 4294967291, id LIMIT ?", (seed, want)).fetchall()
                conn.executemany("INSERT INTO double_coding (statement_id) VALUES (?)", rows)
                added = len(rows)
            return {"share": share, "statements": total, "double_coded": have + added, "added": added}

    def double_share(self) -> float:
        value = self.store.scalar("SELECT value FROM settings WHERE key = 'double_share'")
        return float(value) if value is not None else 0.0

    def is_double(self, statement_id: int) -> bool:
        return self.store.scalar("SELECT 1 FROM double_coding WHERE statement_id = ?", (statement_id,)) is not None

    # -- reading codings -------------------------------------------------------------------

    def coders(self) -> list[str]:
        return [r[0] for r in self.store.query(
            "SELECT coder FROM codings UNION SELECT coder FROM coding_stances ORDER BY 1")]

    def codings(self, statement_id: int) -> list[dict]:
        return [dict(r) for r in self.store.query(
            "SELECT coder, review, at FROM codings WHERE statement_id = ? ORDER BY at, id", (statement_id,))]

    def decision_units(self, coders: list[str] | None = None) -> dict[str, dict]:
        """Per coder, {unit: value} for agreement: 'review' units are statement ids with
        accepted/rejected ('edited' counts as accepted), 'stance' units (statement, topic)
        with the label."""
        coders = coders or self.coders()
        out: dict[str, dict] = {c: {"review": {}, "stance": {}} for c in coders}
        marks = ",".join("?" * len(coders))
        if not coders:
            return out
        for r in self.store.query(f"SELECT statement_id, coder, review FROM codings WHERE coder IN ({marks}) "
                                  "AND review != 'pending'", tuple(coders)):
            out[r[1]]["review"][r[0]] = "rejected" if r[2] == "rejected" else "accepted"
        for r in self.store.query(f"SELECT statement_id, topic_id, coder, label FROM coding_stances "
                                  f"WHERE coder IN ({marks}) AND label IS NOT NULL", tuple(coders)):
            out[r[2]]["stance"][(r[0], r[1])] = r[3]
        return out

    def disagreements(self) -> int:
        return self.store.scalar(f"SELECT count(*) FROM statements s WHERE {DISAGREEMENT}")
