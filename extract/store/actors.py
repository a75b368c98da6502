"""Actors and their aliases: machine upserts that respect analyst edits, and the edits.

Resolution always goes through ``aliases.norm``. Every actor's own name is also an alias, so a
renamed actor still answers to its old name, and a merged actor's aliases point at the merge
target: the next extraction lands on the analyst's choice without special cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .db import StoreError, alias_key, utcnow
from .schema import ACTOR_TYPES

if TYPE_CHECKING:
    import sqlite3

    from . import Store


class ActorRepo:
    def __init__(self, store: Store):
        self.store = store

    # -- reading ----------------------------------------------------------------------

    def get(self, actor_id: int) -> dict | None:
        row = self.store.query_one("SELECT * FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            return None
        actor = dict(row)
        actor["aliases"] = [
            r[0] for r in self.store.query(
                "SELECT alias FROM aliases WHERE actor_id = ? AND norm != ? ORDER BY alias",
                (actor_id, alias_key(actor["name"])),
            )
        ]
        return actor

    def resolve(self, name: str) -> int | None:
        """Actor id for a canonical name or alias (case-insensitive), or None."""
        return self.store.scalar("SELECT actor_id FROM aliases WHERE norm = ?", (alias_key(name),))

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Close matches for a name that resolved to nothing (for helpful errors and pickers)."""
        choices = {r[0]: r[1] for r in self.store.query(
            "SELECT al.alias, a.name FROM aliases al JOIN actors a ON a.id = al.actor_id"
        )}
        found = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
        out: list[str] = []
        for alias, _score, _ in found:
            canonical = choices[alias]
            if canonical not in out:
                out.append(canonical)
        return out[:limit]

    def chain(self, actor_id: int) -> list[dict]:
        """The actor, then what it belongs to, up to the top (person -> organisation -> country)."""
        out: list[dict] = []
        seen: set[int] = set()
        current: int | None = actor_id
        while current is not None and current not in seen:
            seen.add(current)
            row = self.store.query_one(
                "SELECT id, name, type, role, affiliation_id FROM actors WHERE id = ?", (current,)
            )
            if row is None:
                break
            out.append(dict(row))
            current = row["affiliation_id"]
        return out

    def top_affiliation(self, actor_id: int) -> str | None:
        """Name of the outermost body an actor belongs to (its country, usually), or None."""
        chain = self.chain(actor_id)
        return chain[-1]["name"] if len(chain) > 1 else None

    # -- machine writes (extraction) ---------------------------------------------------

    def upsert_machine(self, conn: sqlite3.Connection, name: str, type_: str, *,
                       aliases: tuple[str, ...] | list[str] = (), role: str | None = None) -> int:
        """Find or create the actor an extraction refers to, inside the caller's transaction.

        The first of (name, *aliases) that is already known decides the actor. Type and role
        are updated unless an analyst locked them; a known alias is never re-pointed."""
        if type_ not in ACTOR_TYPES:
            type_ = "group"
        keys = [alias_key(n) for n in (name, *aliases) if alias_key(n)]
        if not keys:
            raise ValueError("an actor needs a non-empty name")
        actor_id = None
        for key in keys:
            row = conn.execute("SELECT actor_id FROM aliases WHERE norm = ?", (key,)).fetchone()
            if row:
                actor_id = row[0]
                break
        if actor_id is None:
            actor_id = self._create(conn, name, type_, role)
        else:
            conn.execute(
                "UPDATE actors SET type = CASE WHEN type_locked THEN type ELSE ? END, "
                "role = CASE WHEN type_locked OR ? IS NULL THEN role ELSE ? END WHERE id = ?",
                (type_, role, role, actor_id),
            )
        for surface in (name, *aliases):
            key = alias_key(surface)
            if key:
                conn.execute(
                    "INSERT OR IGNORE INTO aliases (actor_id, alias, norm) VALUES (?,?,?)",
                    (actor_id, surface, key),
                )
        return actor_id

    def set_machine_affiliation(self, conn: sqlite3.Connection, actor_id: int, parent_id: int | None) -> None:
        """Record what extraction found an actor belongs to, unless the analyst set it."""
        if parent_id == actor_id or parent_id is None:
            return
        if actor_id in {a["id"] for a in self._chain_in(conn, parent_id)}:
            return  # would create a cycle
        current = conn.execute("SELECT affiliation_id FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if current and current[0] is not None and parent_id in {a["id"] for a in self._chain_in(conn, current[0])}:
            # One article said 'Home Secretary Charles Clarke' beside the Home Office, another
            # only his country: the body, which belongs to that country, says more.
            return
        conn.execute(
            "UPDATE actors SET affiliation_id = ? WHERE id = ? AND affiliation_locked = 0",
            (parent_id, actor_id),
        )

    def _chain_in(self, conn: sqlite3.Connection, actor_id: int) -> list[dict]:
        out, seen, current = [], set(), actor_id
        while current is not None and current not in seen:
            seen.add(current)
            row = conn.execute("SELECT id, affiliation_id FROM actors WHERE id = ?", (current,)).fetchone()
            if row is None:
                break
            out.append({"id": row[0]})
            current = row[1]
        return out

    def _create(self, conn: sqlite3.Connection, name: str, type_: str, role: str | None) -> int:
        unique = name
        n = 2
        while conn.execute("SELECT 1 FROM actors WHERE name = ?", (unique,)).fetchone():
            unique = f"{name} ({n})"
            n += 1
        cur = conn.execute(
            "INSERT INTO actors (name, type, role, created_at) VALUES (?,?,?,?)",
            (unique, type_, role, utcnow()),
        )
        return cur.lastrowid

    # -- analyst edits (each one undoable decision) ---------------------------------------

    def rename(self, actor_id: int, new_name: str) -> int | None:
        new_name = " ".join(new_name.split())
        if not new_name:
            raise StoreError("a name cannot be empty")
        with self.store.review.decision() as d:
            clash = d.conn.execute(
                "SELECT id FROM actors WHERE name = ? AND id != ?", (new_name, actor_id)
            ).fetchone()
            if clash:
                raise StoreError(f"another actor is already called {new_name!r}; merge instead")
            d.set("actor", actor_id, "name", new_name)
            d.set("actor", actor_id, "name_locked", 1)
            self._claim_alias(d, actor_id, new_name)
            return d.id

    def set_type(self, actor_id: int, type_: str) -> int | None:
        if type_ not in ACTOR_TYPES:
            raise StoreError(f"unknown actor type {type_!r}; expected one of {', '.join(ACTOR_TYPES)}")
        with self.store.review.decision() as d:
            d.set("actor", actor_id, "type", type_)
            d.set("actor", actor_id, "type_locked", 1)
            return d.id

    def set_affiliation(self, actor_id: int, parent_id: int | None) -> int | None:
        with self.store.review.decision() as d:
            if parent_id is not None:
                if parent_id == actor_id or actor_id in {a["id"] for a in self._chain_in(d.conn, parent_id)}:
                    raise StoreError("that affiliation would make an actor belong to itself")
            d.set("actor", actor_id, "affiliation_id", parent_id)
            d.set("actor", actor_id, "affiliation_locked", 1)
            return d.id

    def merge(self, source_id: int, target_id: int) -> int | None:
        """Fold ``source`` into ``target``: aliases, mentions, statements and members move."""
        if source_id == target_id:
            raise StoreError("cannot merge an actor into itself")
        with self.store.review.decision() as d:
            conn = d.conn
            for table, column, entity in (
                ("aliases", "actor_id", "alias"),
                ("mentions", "actor_id", "mention"),
                ("statements", "speaker_id", "statement"),
                ("actors", "affiliation_id", "actor"),
            ):
                for (row_id,) in conn.execute(
                    f"SELECT id FROM {table} WHERE {column} = ?", (source_id,)
                ).fetchall():
                    if entity == "actor" and row_id == target_id:
                        d.set("actor", row_id, "affiliation_id", None)
                        continue
                    d.set(entity, row_id, column, target_id)
                    if entity == "alias":
                        d.set("alias", row_id, "origin", "analyst")
            d.deleted("actor", source_id)
            return d.id

    def split_alias(self, actor_id: int, alias: str, new_name: str | None = None) -> int:
        """Detach a wrongly merged alias into its own actor; its mentions and statements follow.

        Returns the new actor's id."""
        key = alias_key(alias)
        with self.store.review.decision() as d:
            conn = d.conn
            row = conn.execute(
                "SELECT id FROM aliases WHERE norm = ? AND actor_id = ?", (key, actor_id)
            ).fetchone()
            if row is None:
                raise StoreError(f"{alias!r} is not an alias of actor {actor_id}")
            source = conn.execute("SELECT type, name FROM actors WHERE id = ?", (actor_id,)).fetchone()
            if alias_key(source["name"]) == key:
                raise StoreError("cannot split off an actor's own name; rename it instead")
            new_id = self._create(conn, new_name or alias, source["type"], None)
            d.created("actor", new_id)
            d.set("alias", row[0], "actor_id", new_id)
            d.set("alias", row[0], "origin", "analyst")
            # Mentions written exactly this way move, and so do the statements they voice.
            for (mention_id,) in conn.execute(
                "SELECT id FROM mentions WHERE actor_id = ?", (actor_id,)
            ).fetchall():
                text = conn.execute("SELECT text FROM mentions WHERE id = ?", (mention_id,)).fetchone()[0]
                if alias_key(text) == key:
                    d.set("mention", mention_id, "actor_id", new_id)
            for (statement_id, speaker_text) in conn.execute(
                "SELECT id, speaker_text FROM statements WHERE speaker_id = ?", (actor_id,)
            ).fetchall():
                if speaker_text and alias_key(speaker_text) == key:
                    d.set("statement", statement_id, "speaker_id", new_id)
            if new_name and alias_key(new_name) != key:
                self._claim_alias(d, new_id, new_name)
            return new_id

    def _claim_alias(self, d, actor_id: int, surface: str) -> None:
        key = alias_key(surface)
        row = d.conn.execute("SELECT id, actor_id FROM aliases WHERE norm = ?", (key,)).fetchone()
        if row is None:
            cur = d.conn.execute(
                "INSERT INTO aliases (actor_id, alias, norm, origin) VALUES (?,?,?,'analyst')",
                (actor_id, surface, key),
            )
            d.created("alias", cur.lastrowid)
        elif row[1] != actor_id:
            d.set("alias", row[0], "actor_id", actor_id)
            d.set("alias", row[0], "origin", "analyst")
