"""Runs (one row per ingest or extract invocation) and the ingest error log."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .. import __version__
from .db import utcnow

if TYPE_CHECKING:
    from . import Store


class RunRepo:
    def __init__(self, store: Store):
        self.store = store

    def start(self, kind: str, *, model: str | None = None, model_version: str | None = None,
              extractor_version: str | None = None) -> int:
        with self.store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO runs (kind, started_at, parley_version, model, model_version, "
                "extractor_version) VALUES (?,?,?,?,?,?)",
                (kind, utcnow(), __version__, model, model_version, extractor_version),
            )
            return cur.lastrowid

    def finish(self, run_id: int, counts: dict) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (utcnow(), json.dumps(counts, sort_keys=True), run_id),
            )

    def last(self, kind: str | None = None) -> dict | None:
        sql = "SELECT * FROM runs" + (" WHERE kind = ?" if kind else "") + " ORDER BY id DESC LIMIT 1"
        row = self.store.query_one(sql, (kind,) if kind else ())
        if not row:
            return None
        out = dict(row)
        out["counts"] = json.loads(out["counts"]) if out["counts"] else {}
        return out

    def record_error(self, path: str, reason: str, run_id: int | None = None) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO ingest_errors (path, reason, at, run_id) VALUES (?,?,?,?)",
                (path, reason, utcnow(), run_id),
            )

    def errors(self, run_id: int | None = None) -> list[dict]:
        if run_id is None:
            rows = self.store.query("SELECT * FROM ingest_errors ORDER BY id")
        else:
            rows = self.store.query("SELECT * FROM ingest_errors WHERE run_id = ? ORDER BY id", (run_id,))
        return [dict(r) for r in rows]
