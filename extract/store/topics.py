"""Topics: the analyst's topics file, the topic list, and the analyst's topic edits.

A topic answers to its name and its aliases (``topic_aliases.norm``). Edits are undoable
decisions in the review log and mark the topic ``origin = 'analyst'``, which is what the
extraction's topic fingerprint hashes, so any edit makes the next ``parley extract`` redo the
articles. A deleted topic stays as a tombstone (``deleted = 1``) so extraction never revives it.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .db import StoreError, alias_key, utcnow

if TYPE_CHECKING:
    import sqlite3

    from . import Store


@dataclass
class TopicDef:
    name: str
    aliases: list[str] = field(default_factory=list)


def read_topics_file(path: str | Path) -> list[TopicDef]:
    """Parse a topics TOML file ([[topic]] name = ..., aliases = [...]); StoreError if bad."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise StoreError(f"topics file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    entries = data.get("topic")
    if not isinstance(entries, list) or not entries:
        raise StoreError(f"{path} has no [[topic]] entries (each needs name = \"...\")")
    out: list[TopicDef] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise StoreError(f"{path}: topic #{n} needs a non-empty name")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise StoreError(f"{path}: topic {entry['name']!r}: aliases must be a list of strings")
        name = " ".join(entry["name"].split())
        if alias_key(name) in seen:
            raise StoreError(f"{path}: topic {name!r} is listed twice")
        seen.add(alias_key(name))
        out.append(TopicDef(name, [" ".join(a.split()) for a in aliases if a.strip()]))
    return out


class TopicRepo:
    def __init__(self, store: Store):
        self.store = store

    # -- reading ----------------------------------------------------------------------

    def list(self, *, include_deleted: bool = False) -> list[dict]:
        """Topics with aliases and the number of counted stances, most used first."""
        where = "" if include_deleted else "WHERE t.deleted = 0"
        rows = self.store.query(
            "SELECT t.id, t.name, t.origin, t.deleted, "
            "(SELECT count(*) FROM stances s WHERE s.topic_id = t.id AND s.review != 'rejected') AS stances "
            f"FROM topics t {where} ORDER BY stances DESC, t.name COLLATE NOCASE"
        )
        aliases: dict[int, list[str]] = {}
        for topic_id, alias, norm, name in self.store.query(
            "SELECT a.topic_id, a.alias, a.norm, t.name FROM topic_aliases a JOIN topics t ON t.id = a.topic_id "
            "ORDER BY a.alias"
        ):
            if norm != alias_key(name):
                aliases.setdefault(topic_id, []).append(alias)
        return [{**dict(r), "aliases": aliases.get(r["id"], [])} for r in rows]

    def get(self, topic: str | int) -> dict:
        """A topic by id, name or alias; StoreError naming close matches if unknown."""
        row = None
        if isinstance(topic, int) or (isinstance(topic, str) and topic.isdigit()):
            row = self.store.query_one("SELECT id FROM topics WHERE id = ?", (int(topic),))
        if row is None:
            row = self.store.query_one(
                "SELECT topic_id AS id FROM topic_aliases WHERE norm = ?", (alias_key(str(topic)),)
            ) or self.store.query_one("SELECT id FROM topics WHERE name = ?", (str(topic),))
        if row is None:
            names = [t["name"] for t in self.list()]
            from rapidfuzz import process
            close = [m[0] for m in process.extract(str(topic), names, limit=3, score_cutoff=60)]
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise StoreError(f"no topic {topic!r}{hint}")
        full = self.store.query_one("SELECT * FROM topics WHERE id = ?", (row["id"],))
        return dict(full)

    def active(self) -> tuple[list[dict], bool]:
        """The topics extraction matches, and whether it should also propose new ones.

        With topics from a file (or made by the analyst), those are matched and nothing is
        proposed; without, every live topic is matched and new ones are proposed."""
        topics = self.list()
        curated = [t for t in topics if t["origin"] in ("file", "analyst")]
        has_file = any(t["origin"] == "file" for t in topics)
        return curated, not has_file

    def fingerprint(self) -> str:
        """A short hash of everything about topics that should trigger re-extraction: the
        curated topics and their aliases, and the tombstones."""
        rows = self.store.query(
            "SELECT t.name, t.origin, t.deleted, group_concat(a.norm, '|'), "
            "(SELECT group_concat(s.norm, '|') FROM topic_shared_aliases s WHERE s.topic_id = t.id) "
            "FROM topics t LEFT JOIN topic_aliases a ON a.topic_id = t.id "
            "WHERE t.origin != 'auto' OR t.deleted = 1 GROUP BY t.id ORDER BY t.name"
        )
        payload = [[r[0], r[1], r[2], sorted((r[3] or "").split("|"))] for r in rows]
        shared = [[r[0], sorted(r[4].split("|"))] for r in rows if r[4]]
        if shared:  # kept out of the payload otherwise, so older databases keep their hash
            payload.append(shared)
        payload = json.dumps(payload)
        return hashlib.sha256(payload.encode()).hexdigest()[:10]

    def deleted_names(self) -> list[str]:
        return [r[0] for r in self.store.query(
            "SELECT a.norm FROM topics t JOIN topic_aliases a ON a.topic_id = t.id WHERE t.deleted = 1"
        )] + [r[0] for r in self.store.query("SELECT name FROM topics WHERE deleted = 1")]

    # -- the topics file --------------------------------------------------------------

    def import_file(self, path: str | Path) -> dict[str, int]:
        """Load a topics file. Its topics become the curated set: new ones are created, known
        ones (by name or alias) get the file's aliases; topics of an earlier file that this one
        lacks stop being matched (they keep their stances). Tombstoned topics stay deleted."""
        defs = read_topics_file(path)
        counts = {"added": 0, "updated": 0, "retired": 0, "deleted_skipped": 0}
        with self.store.transaction() as conn:
            keep: set[int] = set()
            conn.execute("DELETE FROM topic_shared_aliases")  # the file's own: rebuilt below
            for d in defs:
                # Two topics of one file stay two, even when they share an alias ('control
                # orders' for two bills): an alias only finds a topic this file has not claimed.
                topic_id = next((t for t in (self._find(conn, [form]) for form in (d.name, *d.aliases))
                                 if t is not None and t not in keep), None)
                if topic_id is None:
                    cur = conn.execute(
                        "INSERT INTO topics (name, origin, created_at) VALUES (?, 'file', ?)", (d.name, utcnow())
                    )
                    topic_id = cur.lastrowid
                    counts["added"] += 1
                else:
                    deleted = conn.execute("SELECT deleted FROM topics WHERE id = ?", (topic_id,)).fetchone()[0]
                    if deleted:
                        counts["deleted_skipped"] += 1
                        continue
                    conn.execute(
                        "UPDATE topics SET origin = CASE WHEN origin = 'analyst' THEN origin ELSE 'file' END "
                        "WHERE id = ?", (topic_id,))
                    # A machine-proposed topic takes the file's name (an analyst's name stays).
                    clash = conn.execute("SELECT 1 FROM topics WHERE name = ? AND id != ?", (d.name, topic_id)).fetchone()
                    if not clash:
                        conn.execute("UPDATE topics SET name = ? WHERE id = ? AND origin != 'analyst'", (d.name, topic_id))
                    counts["updated"] += 1
                keep.add(topic_id)
                for surface in (d.name, *d.aliases):
                    if self._add_alias(conn, topic_id, surface) is None:
                        self._share_alias(conn, topic_id, surface, keep)
            for (topic_id,) in conn.execute("SELECT id FROM topics WHERE origin = 'file'").fetchall():
                if topic_id not in keep:
                    conn.execute("UPDATE topics SET origin = 'auto' WHERE id = ?", (topic_id,))
                    counts["retired"] += 1
        return counts

    def _find(self, conn: sqlite3.Connection, names: list[str]) -> int | None:
        for name in names:
            row = conn.execute("SELECT topic_id FROM topic_aliases WHERE norm = ?", (alias_key(name),)).fetchone()
            if row:
                return row[0]
            row = conn.execute("SELECT id FROM topics WHERE name = ?", (name,)).fetchone()
            if row:
                return row[0]
        return None

    def _add_alias(self, conn: sqlite3.Connection, topic_id: int, surface: str) -> int | None:
        key = alias_key(surface)
        if not key:
            return None
        cur = conn.execute(
            "INSERT OR IGNORE INTO topic_aliases (topic_id, alias, norm) VALUES (?,?,?)", (topic_id, surface, key)
        )
        return cur.lastrowid if cur.rowcount else None

    def _share_alias(self, conn: sqlite3.Connection, topic_id: int, surface: str, claimed: set[int]) -> None:
        """An alias another topic of the same file already has becomes a shared one."""
        key = alias_key(surface)
        owner = conn.execute("SELECT topic_id FROM topic_aliases WHERE norm = ?", (key,)).fetchone()
        if key and owner and owner[0] != topic_id and owner[0] in claimed:
            conn.execute("INSERT OR IGNORE INTO topic_shared_aliases (topic_id, alias, norm) VALUES (?,?,?)",
                         (topic_id, surface, key))

    def shared_aliases(self) -> dict[int, list[str]]:
        """Topic id -> the aliases it shares with another topic of the file (match patterns)."""
        out: dict[int, list[str]] = {}
        for topic_id, alias in self.store.query("SELECT topic_id, alias FROM topic_shared_aliases ORDER BY alias"):
            out.setdefault(topic_id, []).append(alias)
        return out

    # -- analyst edits (each one undoable decision) -----------------------------------------

    def _curate(self, conn: sqlite3.Connection, topic_id: int) -> None:
        # Not logged: 'origin' only says the analyst has shaped this topic.
        conn.execute("UPDATE topics SET origin = 'analyst' WHERE id = ? AND origin = 'auto'", (topic_id,))

    def rename(self, topic: str | int, new_name: str) -> int:
        new_name = " ".join(new_name.split())
        if not new_name:
            raise StoreError("a topic name cannot be empty")
        t = self.get(topic)
        with self.store.review.decision() as d:
            clash = d.conn.execute("SELECT id FROM topics WHERE name = ? AND id != ?", (new_name, t["id"])).fetchone()
            owner = d.conn.execute("SELECT topic_id FROM topic_aliases WHERE norm = ?", (alias_key(new_name),)).fetchone()
            if clash or (owner and owner[0] != t["id"]):
                raise StoreError(f"another topic is already called {new_name!r}; merge instead")
            d.set("topic", t["id"], "name", new_name)
            alias_id = self._add_alias(d.conn, t["id"], new_name)
            if alias_id:
                d.created("topic_alias", alias_id)
            self._curate(d.conn, t["id"])
            return t["id"]

    def add_alias(self, topic: str | int, alias: str) -> int:
        t = self.get(topic)
        alias = " ".join(alias.split())
        with self.store.review.decision() as d:
            row = d.conn.execute("SELECT id, topic_id FROM topic_aliases WHERE norm = ?", (alias_key(alias),)).fetchone()
            if row and row[1] != t["id"]:
                raise StoreError(f"{alias!r} already belongs to another topic; merge the topics instead")
            if not row:
                alias_id = self._add_alias(d.conn, t["id"], alias)
                if alias_id is None:
                    raise StoreError("an alias cannot be empty")
                d.created("topic_alias", alias_id)
            self._curate(d.conn, t["id"])
            return t["id"]

    def merge(self, source: str | int, target: str | int) -> int:
        """Fold ``source`` into ``target``: its aliases and stances move; it becomes a tombstone
        whose name answers for the target."""
        s, t = self.get(source), self.get(target)
        if s["id"] == t["id"]:
            raise StoreError("cannot merge a topic into itself")
        with self.store.review.decision() as d:
            conn = d.conn
            for (alias_id,) in conn.execute("SELECT id FROM topic_aliases WHERE topic_id = ?", (s["id"],)).fetchall():
                d.set("topic_alias", alias_id, "topic_id", t["id"])
            for stance_id, statement_id in conn.execute(
                "SELECT id, statement_id FROM stances WHERE topic_id = ?", (s["id"],)
            ).fetchall():
                clash = conn.execute(
                    "SELECT id FROM stances WHERE statement_id = ? AND topic_id = ?", (statement_id, t["id"])
                ).fetchone()
                if clash:
                    d.deleted("stance", stance_id)
                else:
                    d.set("stance", stance_id, "topic_id", t["id"])
            d.set("topic", s["id"], "deleted", 1)
            self._curate(conn, t["id"])
            conn.execute("UPDATE topics SET origin = 'analyst' WHERE id = ?", (s["id"],))
            return t["id"]

    def delete(self, topic: str | int) -> int:
        """Tombstone a topic: its stances stop counting and extraction never recreates it."""
        t = self.get(topic)
        with self.store.review.decision() as d:
            d.set("topic", t["id"], "deleted", 1)
            return t["id"]
