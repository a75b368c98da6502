"""Side by side: two or more actors, their stance per topic with the evidence, and how far
they agree on each topic they share (rules.py scores)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING

from .matrix import stance_cells
from .names import resolve_actors
from .rules import topic_agreement

if TYPE_CHECKING:
    from ..store import Store


def compare_actors(store: Store, actors: Iterable[str | int], *, reviewed_only: bool = False,
                   topics: Iterable[str | int] | None = None, evidence: bool = True) -> dict:
    """{actors: [{id, name, type, affiliation}], topics: [names], cells: {(actor_id, topic): cell},
    pairs: [{a, b, topics: {topic: (congruence, conflict)}, congruence, conflict, shared}],
    evidence: {statement_id: statement dict}}."""
    actor_ids = resolve_actors(store, actors)
    cells = stance_cells(store, reviewed_only=reviewed_only, topics=topics, actors=actor_ids)
    by_actor: dict[int, dict[str, dict]] = {a: {} for a in actor_ids}
    for cell in cells:
        by_actor[cell["actor_id"]][cell["topic"]] = cell
    topic_totals: dict[str, int] = {}
    for cell in cells:
        topic_totals[cell["topic"]] = topic_totals.get(cell["topic"], 0) + cell["total"]
    topic_order = sorted(topic_totals, key=lambda t: (-topic_totals[t], t.casefold()))

    described = []
    for actor_id in actor_ids:
        actor = store.actors.get(actor_id)
        described.append({"id": actor_id, "name": actor["name"], "type": actor["type"],
                          "affiliation": store.actors.top_affiliation(actor_id)})

    pairs = []
    for a, b in combinations(actor_ids, 2):
        per_topic = {}
        for topic in topic_order:
            ca, cb = by_actor[a].get(topic), by_actor[b].get(topic)
            if ca and cb:
                per_topic[topic] = topic_agreement(ca["counts"], cb["counts"])
        pairs.append({
            "a": a, "b": b, "topics": per_topic,
            "congruence": sum(c for c, _ in per_topic.values()),
            "conflict": sum(x for _, x in per_topic.values()),
            "shared": sum(1 for c, x in per_topic.values() if c or x),
        })
    statements = {}
    if evidence:
        statements = store.stance_rows.statements(s for c in cells for s in c["statements"])
    return {"actors": described, "topics": topic_order,
            "cells": {(c["actor_id"], c["topic"]): c for c in cells},
            "pairs": pairs, "evidence": statements}
