"""Analyst decisions on statements and stances, the audit log, and undo.

Every change an analyst makes goes through ``Decision.set`` (or ``created`` / ``deleted``),
which writes the row and appends the old and new value to ``reviews`` in the same
transaction. Undo replays the last decision's rows backwards. The log is append-only: an
undone decision stays in it, flagged ``undone``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .db import StoreError, utcnow
from .schema import REVIEW_STATES, STANCE_LABELS
from .team import Conflict

if TYPE_CHECKING:
    import sqlite3

    from . import Store

# Log 'field' values for whole-row changes. They cannot clash with a column name (topics has
# a column called 'deleted'), because column names never contain ':'.
ROW_CREATED = "row:created"
ROW_DELETED = "row:deleted"

# entity name in the log -> table. Columns are checked against this map before they are
# interpolated into SQL, so the log can never name an arbitrary column.
TABLES = {
    "statement": "statements", "stance": "stances", "actor": "actors",
    "alias": "aliases", "mention": "mentions", "topic": "topics", "topic_alias": "topic_aliases",
    "coding": "codings", "coding_stance": "coding_stances",
}
EDITABLE = {
    "statements": {"review", "speaker_id", "reviewed_at", "reviewed_by", "adjudicated_by"},
    "stances": {"review", "review_label", "topic_id", "reviewed_at", "reviewed_by"},
    "codings": {"review", "at"},
    "coding_stances": {"label", "at"},
    "actors": {"name", "type", "role", "affiliation_id", "name_locked", "type_locked",
               "affiliation_locked"},
    "aliases": {"actor_id", "origin"},
    "mentions": {"actor_id"},
    "topics": {"name", "deleted"},
    "topic_aliases": {"topic_id"},
}


class Decision:
    """One analyst action: all its row changes share one decision id in the log."""

    def __init__(self, conn: sqlite3.Connection, coder: str | None = None):
        self.conn = conn
        self.coder = coder
        self.id: int | None = None
        self.changes = 0

    def _log(self, entity: str, entity_id: int, field: str, old: Any, new: Any) -> None:
        cur = self.conn.execute(
            "INSERT INTO reviews (at, entity, entity_id, field, old_value, new_value, decision, coder) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (utcnow(), entity, entity_id, field, json.dumps(old), json.dumps(new), self.id, self.coder),
        )
        if self.id is None:
            self.id = cur.lastrowid
            self.conn.execute("UPDATE reviews SET decision = ? WHERE id = ?", (self.id, self.id))
        self.changes += 1

    def set(self, entity: str, entity_id: int, field: str, new: Any) -> bool:
        """Set one column; log it if it changed. Returns whether it changed."""
        table = TABLES[entity]
        if field not in EDITABLE[table]:
            raise ValueError(f"{entity}.{field} is not editable")
        row = self.conn.execute(f"SELECT {field} FROM {table} WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise StoreError(f"{entity} {entity_id} does not exist")
        old = row[0]
        if old == new:
            return False
        self.conn.execute(f"UPDATE {table} SET {field} = ? WHERE id = ?", (new, entity_id))
        self._log(entity, entity_id, field, old, new)
        return True

    def created(self, entity: str, entity_id: int) -> None:
        """Log a row the analyst created (undo deletes it)."""
        self._log(entity, entity_id, ROW_CREATED, None, _row_json(self.conn, TABLES[entity], entity_id))

    def deleted(self, entity: str, entity_id: int) -> None:
        """Delete a row, logging its content (undo re-inserts it with the same id)."""
        table = TABLES[entity]
        self._log(entity, entity_id, ROW_DELETED, _row_json(self.conn, table, entity_id), None)
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (entity_id,))


def _row_json(conn: sqlite3.Connection, table: str, row_id: int) -> dict:
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    names = [d[0] for d in cur.description]
    values = cur.fetchone()
    if values is None:
        raise StoreError(f"{table} row {row_id} does not exist")
    return dict(zip(names, values))


class ReviewRepo:
    def __init__(self, store: Store):
        self.store = store

    @contextmanager
    def decision(self) -> Iterator[Decision]:
        """A transaction whose changes form one undoable decision."""
        with self.store.transaction() as conn:
            yield Decision(conn, self.store.coder)

    # -- statements -------------------------------------------------------------------

    def set_statement_review(self, statement_id: int, state: str, *, seen: tuple | None = None,
                             adjudicate: bool = False) -> int | None:
        """Accept, reject, mark edited or reset a statement. Accepting also accepts its
        pending stances as labelled; rejecting leaves stances as they are (a rejected
        statement's stances are ignored by every aggregate).

        ``seen`` is the statement's (review, reviewed_by, reviewed_at) when it was shown: a
        statement another coder decided since is refused (``Conflict``), never overwritten.
        On a double-coded statement the second coder's decision is kept beside the first.
        ``adjudicate`` settles a disagreement: this decision becomes the one counts use."""
        if state not in REVIEW_STATES:
            raise ValueError(f"unknown review state {state!r}")
        with self.decision() as d:
            mode = _gate(d, statement_id, seen, adjudicate)
            if mode == "second":
                _code(d, statement_id, state)
                if state == "accepted":
                    for topic_id, label in d.conn.execute(
                        "SELECT topic_id, label FROM stances WHERE statement_id = ? AND review != 'rejected'",
                        (statement_id,),
                    ).fetchall():
                        if not _has_stance_coding(d, statement_id, topic_id):
                            _code_stance(d, statement_id, topic_id, label)
                return d.id
            d.set("statement", statement_id, "review", state)
            d.set("statement", statement_id, "reviewed_at", None if state == "pending" else utcnow())
            d.set("statement", statement_id, "reviewed_by", None if state == "pending" else d.coder)
            if adjudicate:
                d.set("statement", statement_id, "adjudicated_by", d.coder)
            if state == "accepted":
                for (stance_id,) in d.conn.execute(
                    "SELECT id FROM stances WHERE statement_id = ? AND review = 'pending'",
                    (statement_id,),
                ).fetchall():
                    d.set("stance", stance_id, "review", "accepted")
                    d.set("stance", stance_id, "reviewed_by", d.coder)
            if not adjudicate and state != "pending":
                _code(d, statement_id, state)
                if state == "accepted":
                    for topic_id, label in d.conn.execute(
                        "SELECT topic_id, COALESCE(review_label, label) FROM stances "
                        "WHERE statement_id = ? AND review != 'rejected'", (statement_id,),
                    ).fetchall():
                        _code_stance(d, statement_id, topic_id, label)
            return d.id

    def accept(self, statement_id: int, *, seen: tuple | None = None, adjudicate: bool = False) -> int | None:
        return self.set_statement_review(statement_id, "accepted", seen=seen, adjudicate=adjudicate)

    def reject(self, statement_id: int, *, seen: tuple | None = None, adjudicate: bool = False) -> int | None:
        return self.set_statement_review(statement_id, "rejected", seen=seen, adjudicate=adjudicate)

    def set_speaker(self, statement_id: int, actor_id: int, *, seen: tuple | None = None) -> int | None:
        with self.decision() as d:
            _own_only(d, statement_id, seen, "speaker")
            d.set("statement", statement_id, "speaker_id", actor_id)
            _mark_edited(d, statement_id)
            return d.id

    # -- stances ----------------------------------------------------------------------

    def set_stance(self, stance_id: int, label: str, *, seen: tuple | None = None,
                   adjudicate: bool = False) -> int | None:
        """The analyst's label for a (statement, topic). Kept apart from the machine label.
        ``seen`` and ``adjudicate`` as for ``set_statement_review``."""
        if label not in STANCE_LABELS:
            raise ValueError(f"unknown stance {label!r}; expected one of {', '.join(STANCE_LABELS)}")
        with self.decision() as d:
            row = d.conn.execute("SELECT statement_id, label, topic_id FROM stances WHERE id = ?",
                                 (stance_id,)).fetchone()
            if row is None:
                raise StoreError(f"stance {stance_id} does not exist")
            mode = _gate(d, row[0], seen, adjudicate)
            if mode == "second":
                _code_stance(d, row[0], row[2], label)
                if not d.conn.execute("SELECT 1 FROM codings WHERE statement_id = ? AND coder = ?",
                                      (row[0], d.coder)).fetchone():
                    _code(d, row[0], "edited")
                return d.id
            d.set("stance", stance_id, "review_label", label)
            d.set("stance", stance_id, "review", "accepted" if label == row[1] else "edited")
            d.set("stance", stance_id, "reviewed_at", utcnow())
            d.set("stance", stance_id, "reviewed_by", d.coder)
            if adjudicate:
                d.set("statement", row[0], "adjudicated_by", d.coder)
            else:
                _code_stance(d, row[0], row[2], label)
            _mark_edited(d, row[0])
            return d.id

    def reject_stance(self, stance_id: int) -> int | None:
        with self.decision() as d:
            row = d.conn.execute("SELECT statement_id FROM stances WHERE id = ?", (stance_id,)).fetchone()
            if row is None:
                raise StoreError(f"stance {stance_id} does not exist")
            _own_only(d, row[0], None, "stance")
            d.set("stance", stance_id, "review", "rejected")
            d.set("stance", stance_id, "reviewed_at", utcnow())
            d.set("stance", stance_id, "reviewed_by", d.coder)
            return d.id

    def add_stance(self, statement_id: int, topic_id: int, label: str) -> int:
        """A stance the machine missed. Returns the stance id (an existing one is relabelled)."""
        if label not in STANCE_LABELS:
            raise ValueError(f"unknown stance {label!r}")
        with self.decision() as d:
            _own_only(d, statement_id, None, "topic")
            existing = d.conn.execute(
                "SELECT id FROM stances WHERE statement_id = ? AND topic_id = ?", (statement_id, topic_id)
            ).fetchone()
            if existing:
                self.set_stance(existing[0], label)
                return existing[0]
            cur = d.conn.execute(
                "INSERT INTO stances (statement_id, topic_id, label, confidence, evidence, review, "
                "review_label, reviewed_at) VALUES (?,?,?,1.0,'set by analyst','edited',?,?)",
                (statement_id, topic_id, label, label, utcnow()),
            )
            d.created("stance", cur.lastrowid)
            _mark_edited(d, statement_id)
            return cur.lastrowid

    def set_topic(self, stance_id: int, topic_id: int) -> int | None:
        """Move a stance to another topic (the machine linked the wrong one)."""
        with self.decision() as d:
            row = d.conn.execute("SELECT statement_id FROM stances WHERE id = ?", (stance_id,)).fetchone()
            if row is None:
                raise StoreError(f"stance {stance_id} does not exist")
            _own_only(d, row[0], None, "topic")
            clash = d.conn.execute(
                "SELECT id FROM stances WHERE statement_id = ? AND topic_id = ? AND id != ?",
                (row[0], topic_id, stance_id),
            ).fetchone()
            if clash:
                d.deleted("stance", clash[0])
            d.set("stance", stance_id, "topic_id", topic_id)
            d.set("stance", stance_id, "review", "edited")
            d.set("stance", stance_id, "reviewed_at", utcnow())
            _mark_edited(d, row[0])
            return d.id

    # -- log and undo -----------------------------------------------------------------

    def history(self, limit: int = 50, *, coder: str | None = None) -> list[dict]:
        if coder is None:
            rows = self.store.query("SELECT * FROM reviews ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self.store.query("SELECT * FROM reviews WHERE coder = ? ORDER BY id DESC LIMIT ?",
                                    (coder, limit))
        return [dict(r) for r in rows]

    def undo(self) -> dict | None:
        """Revert this coder's most recent decision not yet undone (decisions logged before
        coders were recorded count as anyone's). Returns what was undone, or None."""
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT decision FROM reviews WHERE undone = 0 AND decision IS NOT NULL "
                "AND (coder = ? OR coder IS NULL) ORDER BY id DESC LIMIT 1", (self.store.coder,)
            ).fetchone()
            if row is None:
                return None
            decision = row[0]
            rows = conn.execute(
                "SELECT * FROM reviews WHERE decision = ? ORDER BY id DESC", (decision,)
            ).fetchall()
            for r in rows:
                _revert(conn, r)
            conn.execute("UPDATE reviews SET undone = 1 WHERE decision = ?", (decision,))
            first = rows[-1]
            return {"decision": decision, "entity": first["entity"], "entity_id": first["entity_id"],
                    "field": first["field"], "changes": len(rows),
                    "rows": [{"entity": r["entity"], "entity_id": r["entity_id"], "field": r["field"],
                              "old": json.loads(r["old_value"]) if r["old_value"] else None,
                              "new": json.loads(r["new_value"]) if r["new_value"] else None}
                             for r in reversed(rows)]}


def ago(iso: str | None, now: datetime | None = None) -> str:
    """'just now', '2 min ago', '3 h ago', '4 days ago' for an ISO time in the log."""
    if not iso:
        return ""
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    seconds = max(0, int(((now or datetime.now(timezone.utc)) - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def decided_by(review: str, coder: str | None, at: str | None) -> str:
    """'accepted by ana, 2 min ago' (or just 'pending')."""
    if review == "pending":
        return "pending"
    who = f" by {coder}" if coder else ""
    when = ago(at)
    return f"{review}{who}" + (f", {when}" if when else "")


def _gate(d: Decision, statement_id: int, seen: tuple | None, adjudicate: bool) -> str:
    """'own': this decision sets the statement; 'second': it is this coder's second coding of
    a double-coded statement, kept beside the first. Raises Conflict when another coder
    decided the statement since it was shown."""
    row = d.conn.execute("SELECT review, reviewed_by, reviewed_at, adjudicated_by FROM statements WHERE id = ?",
                         (statement_id,)).fetchone()
    if row is None:
        raise StoreError(f"statement {statement_id} does not exist")
    review, by, at, adjudicated = row
    if adjudicate or review == "pending" or by is None or by == d.coder:
        return "own"
    double = d.conn.execute("SELECT 1 FROM double_coding WHERE statement_id = ?", (statement_id,)).fetchone()
    first = d.conn.execute("SELECT coder FROM codings WHERE statement_id = ? ORDER BY id LIMIT 1",
                           (statement_id,)).fetchone()
    if double and adjudicated is None and (first is None or first[0] != d.coder):
        return "second"
    if seen is not None and tuple(seen) == (review, by, at):
        return "own"  # the analyst saw the other coder's decision and changes it on purpose
    raise Conflict(f"not saved: statement {statement_id} was {decided_by(review, by, at)}")


def _own_only(d: Decision, statement_id: int, seen: tuple | None, what: str) -> None:
    if _gate(d, statement_id, seen, False) == "second":
        raise Conflict(f"not saved: {what} changes on a double-coded statement wait for adjudication")


def _code(d: Decision, statement_id: int, review: str) -> None:
    """This coder's own decision on a statement, kept beside other coders'."""
    row = d.conn.execute("SELECT id FROM codings WHERE statement_id = ? AND coder = ?",
                         (statement_id, d.coder)).fetchone()
    if row:
        d.set("coding", row[0], "review", review)
        d.set("coding", row[0], "at", utcnow())
    else:
        cur = d.conn.execute("INSERT INTO codings (statement_id, coder, review, at) VALUES (?,?,?,?)",
                             (statement_id, d.coder, review, utcnow()))
        d.created("coding", cur.lastrowid)


def _has_stance_coding(d: Decision, statement_id: int, topic_id: int) -> bool:
    return d.conn.execute("SELECT 1 FROM coding_stances WHERE statement_id = ? AND topic_id = ? AND coder = ?",
                          (statement_id, topic_id, d.coder)).fetchone() is not None


def _code_stance(d: Decision, statement_id: int, topic_id: int, label: str) -> None:
    row = d.conn.execute("SELECT id FROM coding_stances WHERE statement_id = ? AND topic_id = ? AND coder = ?",
                         (statement_id, topic_id, d.coder)).fetchone()
    if row:
        d.set("coding_stance", row[0], "label", label)
        d.set("coding_stance", row[0], "at", utcnow())
    else:
        cur = d.conn.execute(
            "INSERT INTO coding_stances (statement_id, topic_id, coder, label, at) VALUES (?,?,?,?,?)",
            (statement_id, topic_id, d.coder, label, utcnow()))
        d.created("coding_stance", cur.lastrowid)


def _mark_edited(d: Decision, statement_id: int) -> None:
    """Any correction of a pending or accepted statement makes it 'edited'."""
    state = d.conn.execute("SELECT review FROM statements WHERE id = ?", (statement_id,)).fetchone()
    if state and state[0] in ("pending", "accepted"):
        d.set("statement", statement_id, "review", "edited")
        d.set("statement", statement_id, "reviewed_at", utcnow())
        d.set("statement", statement_id, "reviewed_by", d.coder)


def _revert(conn: sqlite3.Connection, r: sqlite3.Row) -> None:
    table = TABLES[r["entity"]]
    old = json.loads(r["old_value"]) if r["old_value"] is not None else None
    if r["field"] == ROW_CREATED:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (r["entity_id"],))
    elif r["field"] == ROW_DELETED:
        cols = list(old)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(_quote(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            [old[c] for c in cols],
        )
    else:
        if r["field"] not in EDITABLE[table]:
            raise StoreError(f"cannot undo {r['entity']}.{r['field']}")
        conn.execute(f"UPDATE {table} SET {r['field']} = ? WHERE id = ?", (old, r["entity_id"]))


def _quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
