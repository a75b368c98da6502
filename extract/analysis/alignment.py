"""Alignment: for one actor, the actors closest to it and furthest from it, and the topics
that put them there.

The score is the subtract network's weight (congruence minus conflict) between the actor and
each other actor that shares at least one topic with it, normalised ('average' by default, so
scores run from -1, opposed on everything, to 1, agreeing on everything).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .agreement import NORMALIZATIONS, AgreementNetwork, _normaliser, agreement_matrices, count_table
from .names import resolve_actor

if TYPE_CHECKING:
    from ..store import Store


def alignment(store: Store, actor: str | int, *, normalize: str = "average", limit: int = 5,
              **filters) -> dict:
    """{actor, closest: [...], furthest: [...]}, each entry {actor, score, congruence,
    conflict, shared, topics: [(topic, congruence, conflict)]}. An actor appears in at most one
    list: closest takes positive scores, furthest negative ones."""
    if normalize not in NORMALIZATIONS:
        raise ValueError(f"unknown normalisation {normalize!r}; expected one of {', '.join(NORMALIZATIONS)}")
    actor_id = resolve_actor(store, actor)
    filters.pop("actors", None)
    table = count_table(store, **filters)
    found = np.flatnonzero(table.actor_ids == actor_id)
    name = store.actors.get(actor_id)["name"]
    if not len(found):
        return {"actor": name, "closest": [], "furthest": []}
    me = int(found[0])
    congruence, conflict, shared, activity = agreement_matrices(table, rows=np.array([me]))
    both = (congruence + conflict).tocoo()
    others = both.col[both.col != me]
    c = np.asarray(congruence[0, others].todense()).ravel() if len(others) else np.zeros(0)
    x = np.asarray(conflict[0, others].todense()).ravel() if len(others) else np.zeros(0)
    s = np.asarray(shared[0, others].todense()).ravel() if len(others) else np.zeros(0)
    norm = _normaliser(normalize, np.full(len(others), activity[me]), activity[others], s)
    c, x = c / norm, x / norm
    net = AgreementNetwork("subtract", normalize, table, np.full(len(others), me), others,
                           c - x, c, x, s.astype(np.int64))
    entries = []
    for k, j in enumerate(others):
        entries.append({
            "actor": net.actor(int(j)), "score": float(c[k] - x[k]),
            "congruence": float(c[k]), "conflict": float(x[k]), "shared": int(s[k]),
            "topics": net.topics_for(me, int(j)),
        })
    closest = sorted((e for e in entries if e["score"] > 0),
                     key=lambda e: (-e["score"], -e["shared"], e["actor"]["name"].casefold()))
    furthest = sorted((e for e in entries if e["score"] < 0),
                      key=lambda e: (e["score"], -e["shared"], e["actor"]["name"].casefold()))
    return {"actor": name, "closest": closest[:limit], "furthest": furthest[:limit]}
