"""Actors and topics named by the analyst: canonical name or alias, any case.

A name that matches nothing raises ``UnknownName`` listing the closest matches, which the CLI
prints as one line and the TUI can show as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..store import StoreError

if TYPE_CHECKING:
    from ..store import Store


class UnknownName(StoreError):
    def __init__(self, kind: str, name: str, suggestions: list[str]):
        self.kind, self.name, self.suggestions = kind, name, suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no {kind} called {name!r}{hint}")


def resolve_actor(store: Store, name: str | int) -> int:
    if isinstance(name, int):
        if store.scalar("SELECT 1 FROM actors WHERE id = ?", (name,)) is None:
            raise UnknownName("actor", str(name), [])
        return name
    actor_id = store.actors.resolve(name) if name.strip() else None
    if actor_id is None:
        raise UnknownName("actor", name, store.actors.suggest(name) if name.strip() else [])
    return actor_id


def resolve_topic(store: Store, name: str | int) -> int:
    if isinstance(name, int):
        if store.scalar("SELECT 1 FROM topics WHERE id = ? AND deleted = 0", (name,)) is None:
            raise UnknownName("topic", str(name), [])
        return name
    topic_id = store.stance_rows.resolve_topic(name) if name.strip() else None
    if topic_id is None:
        raise UnknownName("topic", name, store.stance_rows.suggest_topics(name) if name.strip() else [])
    return topic_id


def resolve_actors(store: Store, names: Iterable[str | int] | None) -> list[int] | None:
    """Ids in the order given, duplicates dropped; None stays None (no filter)."""
    if names is None:
        return None
    return list(dict.fromkeys(resolve_actor(store, n) for n in names))


def resolve_topics(store: Store, names: Iterable[str | int] | None) -> list[int] | None:
    if names is None:
        return None
    return list(dict.fromkeys(resolve_topic(store, n) for n in names))
