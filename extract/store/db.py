"""Opening, migrating and transacting on the Parley SQLite file.

One ``Store`` wraps one connection. Writers use ``with store.transaction():`` (BEGIN IMMEDIATE,
so a writer waits for another writer instead of failing half-way); readers keep their reads
short so that WAL lets the TUI read while ``parley extract`` writes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .schema import MIGRATIONS, SCHEMA_VERSION

# How long a writer waits for another before giving up (env PARLEY_BUSY_TIMEOUT_MS for tests).
BUSY_TIMEOUT_MS = int(os.environ.get("PARLEY_BUSY_TIMEOUT_MS", "10000"))


class StoreError(Exception):
    """A problem with the database file, phrased for the user (no traceback needed)."""


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def alias_key(text: str) -> str:
    """Lookup key for an actor or topic name: casefolded, spaces collapsed, no leading 'the'."""
    key = " ".join(text.casefold().split())
    if key.startswith("the "):
        key = key[4:]
    return key.strip(" .,;:'\"\u2019\u201d")


def open_connection(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Connect with the pragmas every Parley connection needs; raise StoreError on failure."""
    path = Path(path)
    if readonly:
        if not path.exists():
            raise StoreError(f"database not found: {path} (create it with 'parley ingest PATH')")
        uri = f"file:{path.resolve()}?mode=ro"
        target, uri_flag = uri, True
    else:
        parent = path.resolve().parent
        if not parent.exists():
            raise StoreError(f"folder does not exist: {parent}")
        if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise StoreError(f"cannot write to {path}: permission denied")
        target, uri_flag = str(path), False
    try:
        conn = sqlite3.connect(
            target, uri=uri_flag, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":  # e.g. a network filesystem; still usable
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(_explain(path, exc)) from None
    return conn


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    msg = str(exc)
    if "not a database" in msg or "malformed" in msg:
        return f"{path} is not a Parley database or is corrupt ({msg})"
    if "locked" in msg or "busy" in msg:
        return f"{path} is locked by another process; try again when it finishes ({msg})"
    if "readonly" in msg or "unable to open" in msg:
        return f"cannot open {path} ({msg})"
    return f"database error on {path}: {msg}"


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to SCHEMA_VERSION; return the version the file had before."""
    before = conn.execute("PRAGMA user_version").fetchone()[0]
    if before > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {before} is newer than this Parley supports "
            f"({SCHEMA_VERSION}); upgrade Parley"
        )
    for version in range(before, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return before


def _split_sql(script: str) -> Iterator[str]:
    """Split a migration into statements (triggers contain ';', so use sqlite3.complete_statement)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


class Database:
    """A connection plus the transaction discipline; the repositories hang off ``Store``."""

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True):
        self.path = Path(path)
        if not readonly and not create and not self.path.exists():
            raise StoreError(f"database not found: {self.path} (create it with 'parley ingest PATH')")
        self.readonly = readonly
        self.conn = open_connection(self.path, readonly=readonly)
        self.conn.row_factory = sqlite3.Row
        # sqlite3 connections are not safe to use from two threads at once; the TUI's
        # workers and the UI thread serialise on this lock.
        self.lock = threading.RLock()
        self._depth = 0
        try:
            if readonly:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}, expected {SCHEMA_VERSION}; "
                        "open it once without --readonly to migrate"
                    )
            else:
                self.migrated_from = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(_explain(self.path, exc)) from None

    @property
    def db(self):
        """The same connection as a ``sqlite_utils.Database``, for ad-hoc queries and scripts.

        Imported on first use: sqlite-utils pulls in numpy, which would cost every start-up
        (the explorer's first paint included) about 0.2 s."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write. Nested calls join the outer transaction."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self._begin_immediate()
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _begin_immediate(self, attempts: int = 3) -> None:
        """BEGIN IMMEDIATE, waiting out the busy timeout up to ``attempts`` times: several
        explorers and CLI processes writing at once queue up instead of failing."""
        for attempt in range(attempts):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or attempt == attempts - 1:
                    raise StoreError(_explain(self.path, exc)) from None
                time.sleep(0.05 * (attempt + 1))

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A short read transaction: several queries see one consistent state."""
        with self.lock:
            if self._depth:
                yield self.conn
                return
            self.conn.execute("BEGIN")
            self._depth = 1
            try:
                yield self.conn
            finally:
                self._depth = 0
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self.lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise StoreError(_explain(self.path, exc)) from None
                raise

    def query_one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple | dict = ()):
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        with self.lock:
            return self.conn.execute(sql, params)

    def integrity_check(self) -> str:
        return self.scalar("PRAGMA integrity_check")

    def close(self) -> None:
        with self.lock:
            self.conn.close()
