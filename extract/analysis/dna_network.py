"""Networks counted as the Discourse Network Analyzer counts them (``--weighting dna``).

DNA's one-mode networks count pairs of statements, not actors' positions: for every topic,
every statement of actor i is paired with every statement of actor j (j != i), duplicates
included. ``co-occurrence`` counts every such pair whatever the sides; ``congruence`` the pairs
on the same side, ``conflict`` the pairs on different sides, ``subtract`` congruence minus
conflict. ``actor-topic`` is the two-mode matrix of statement counts. The matrices are
symmetric: the sum over the whole matrix counts each pair of actors twice.

A statement counts for the actors of the requested types on its speaker's affiliation chain
(with ``--actor-type organization`` a person's statement counts for their organization), as
every other aggregate in Parley does.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..store import STANCE_LABELS
from .holders import Holders
from .matrix import check_actor_types
from .names import resolve_actors, resolve_topics

DNA_KINDS = ("co-occurrence", "congruence", "conflict", "subtract", "actor-topic")


@dataclass
class DnaNetwork:
    kind: str
    actors: list[dict]          # id, name, type
    topics: list[dict]          # id, name
    counts: np.ndarray          # actors x topics x labels: statements
    matrix: np.ndarray          # actors x actors (one-mode) or actors x topics (actor-topic)

    def pairs(self) -> list[tuple[dict, dict, int]]:
        """One-mode: every undirected pair with a non-zero cell (i < j)."""
        out = []
        n = len(self.actors)
        for i in range(n):
            for j in range(i + 1, n):
                if self.matrix[i, j]:
                    out.append((self.actors[i], self.actors[j], int(self.matrix[i, j])))
        return out


def dna_network(store, *, kind: str = "co-occurrence", actor_types=None, topics=None, actors=None,
                reviewed_only: bool = False, min_evidence: int = 1) -> DnaNetwork:
    if kind not in DNA_KINDS:
        raise ValueError(f"unknown network kind {kind!r}; expected one of {', '.join(DNA_KINDS)}")
    types = check_actor_types(actor_types)
    topic_ids = resolve_topics(store, topics)
    wanted = set(resolve_actors(store, actors) or []) or None
    repo = store.stance_rows
    actor_rows = repo.actors()
    holders = Holders(actor_rows, repo.roles())
    topic_names = repo.topics()
    label_index = {label: k for k, label in enumerate(STANCE_LABELS)}
    tally: dict[tuple[int, int, int], int] = {}
    for _sid, speaker, topic, label, _reviewed, _published in repo.rows(reviewed_only=reviewed_only,
                                                                          topic_ids=topic_ids):
        if topic not in topic_names:
            continue
        for actor in holders.of(speaker):
            if types is not None and actor_rows[actor][1] not in types:
                continue
            if wanted is not None and actor not in wanted:
                continue
            key = (actor, topic, label_index[label])
            tally[key] = tally.get(key, 0) + 1
    per_actor: dict[int, int] = {}
    for (a, _t, _l), n in tally.items():
        per_actor[a] = per_actor.get(a, 0) + n
    actor_ids = sorted((a for a, n in per_actor.items() if n >= min_evidence),
                       key=lambda a: actor_rows[a][0].casefold())
    topic_ids_used = sorted({t for (a, t, _l) in tally if a in set(actor_ids)},
                            key=lambda t: topic_names[t].casefold())
    ai = {a: i for i, a in enumerate(actor_ids)}
    ti = {t: i for i, t in enumerate(topic_ids_used)}
    counts = np.zeros((len(actor_ids), len(topic_ids_used), len(STANCE_LABELS)), dtype=np.int64)
    for (a, t, l), n in tally.items():
        if a in ai:
            counts[ai[a], ti[t], l] += n
    if kind == "actor-topic":
        matrix = counts.sum(axis=2)
    else:
        total = counts.sum(axis=2)                            # actors x topics
        co = total @ total.T                                  # every pair of statements on a shared topic
        same = np.einsum("itl,jtl->ij", counts, counts)       # pairs on the same side
        matrix = {"co-occurrence": co, "congruence": same, "conflict": co - same,
                  "subtract": same - (co - same)}[kind].astype(np.int64)
        np.fill_diagonal(matrix, 0)
    actors_out = [{"id": a, "name": actor_rows[a][0], "type": actor_rows[a][1],
                   "affiliation": holders.top(a)} for a in actor_ids]
    topics_out = [{"id": t, "name": topic_names[t]} for t in topic_ids_used]
    return DnaNetwork(kind, actors_out, topics_out, counts, matrix)


def dna_graph(net: DnaNetwork) -> nx.Graph:
    """The network as a graph for write_network (GraphML, GEXF, CSV, DL)."""
    if net.kind == "actor-topic":
        g = nx.Graph(kind="actor-topic", weighting="dna")
        for a in net.actors:
            g.add_node(f"a{a['id']}", label=a["name"], kind="actor", actor_type=a["type"],
                       affiliation=a["affiliation"] or "")
        for t in net.topics:
            g.add_node(f"t{t['id']}", label=t["name"], kind="topic", actor_type="", affiliation="")
        for i, a in enumerate(net.actors):
            for j, t in enumerate(net.topics):
                if net.matrix[i, j]:
                    per = {label: int(net.counts[i, j, k]) for k, label in enumerate(STANCE_LABELS)}
                    lead = max(per, key=lambda k: per[k])
                    g.add_edge(f"a{a['id']}", f"t{t['id']}", weight=int(net.matrix[i, j]), stance=lead,
                               mixed=sum(1 for v in per.values() if v) > 1, **per)
        return g
    g = nx.Graph(kind=net.kind, weighting="dna", normalize="none")
    for a in net.actors:
        g.add_node(f"a{a['id']}", label=a["name"], kind="actor", actor_type=a["type"],
                   affiliation=a["affiliation"] or "")
    total = net.counts.sum(axis=2)
    same = np.einsum("itl,jtl->ij", net.counts, net.counts)
    co = total @ total.T
    for src, dst, weight in net.pairs():
        i, j = net.actors.index(src), net.actors.index(dst)
        shared = [net.topics[k]["name"] for k in range(len(net.topics)) if total[i, k] and total[j, k]]
        g.add_edge(f"a{src['id']}", f"a{dst['id']}", weight=weight, congruence=int(same[i, j]),
                   conflict=int(co[i, j] - same[i, j]), shared=len(shared), topics="; ".join(shared))
    return g
