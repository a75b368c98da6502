"""Actor x actor agreement on shared topics, the way Discourse Network Analyzer users know it.

- congruence: how much two actors take the same side on the topics they share;
- conflict:   how much they take opposite sides;
- subtract:   congruence minus conflict (each normalised first, as DNA does).

Per topic the two actors' stances score by ``rules.PAIR_SCORE`` (conditional is a half
agreement with support and a half conflict with oppose; neutral scores nothing), each actor
entering with the shares of its non-neutral stances, so a topic adds at most 1. Summed over
topics this is the 'none' weight. Normalisations, with a_i the number of topics on which actor
i takes a side and s_ij the number of topics on which both do:

- none:    w
- average: w / ((a_i + a_j) / 2)
- jaccard: w / (a_i + a_j - s_ij)
- cosine:  w / sqrt(a_i * a_j)

The whole network is a handful of sparse matrix products (scipy.sparse) over the actor x topic
share matrices, so time and memory follow the non-empty cells and the actor pairs that share a
topic, never actors x actors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from .choices import AGREEMENT_KINDS, NORMALIZATIONS
from .holders import Holders
from .matrix import check_actor_types
from .names import resolve_actors, resolve_topics
from .rules import LABELS, topic_agreement

if TYPE_CHECKING:
    from ..store import Store

KINDS = AGREEMENT_KINDS
_LABEL_CODE = {label: i for i, label in enumerate(LABELS)}


@dataclass
class CountTable:
    """Counted stances per (holder, topic, label), rolled up and filtered, as sparse data.

    ``counts`` is holders x (topics * 4): column ``topic_index * 4 + label_code``."""

    actor_ids: np.ndarray          # holder index -> actor id
    topic_ids: np.ndarray          # topic index -> topic id
    counts: sparse.csr_matrix
    actor_table: dict[int, tuple[str, str, int | None]]
    topic_names: dict[int, str]
    holders: Holders

    def label_matrix(self, label: str) -> sparse.csr_matrix:
        """holders x topics counts of one label."""
        code = _LABEL_CODE[label]
        return self.counts[:, code::len(LABELS)].tocsr()

    def cell_counts(self, index: int) -> dict[int, dict[str, int]]:
        """topic id -> counts per label for one holder (used to list the topics behind an edge)."""
        row = self.counts.getrow(index)
        out: dict[int, dict[str, int]] = {}
        for col, value in zip(row.indices, row.data):
            topic_id = int(self.topic_ids[col // len(LABELS)])
            out.setdefault(topic_id, dict.fromkeys(LABELS, 0))[LABELS[col % len(LABELS)]] = int(value)
        return out


def count_table(store: Store, *, reviewed_only: bool = False,
                actor_types: Iterable[str] | None = None,
                topics: Iterable[str | int] | None = None,
                min_evidence: int = 1,
                actors: Iterable[str | int] | None = None) -> CountTable:
    """The same cells as ``stance_cells`` (same rules and filters), without statement lists."""
    types = check_actor_types(actor_types)
    topic_filter = resolve_topics(store, topics)
    actor_filter = resolve_actors(store, actors)
    repo = store.stance_rows
    actor_table = repo.actors()
    topic_names = repo.topics()
    holders = Holders(actor_table, repo.roles())

    speaker, topic, code, n = _grouped(repo, reviewed_only, topic_filter)

    # Roll up: one column of holders per level of the affiliation chain (-1 past its end).
    speakers = np.unique(speaker)
    chains = [holders.of(int(s)) for s in speakers]
    allowed = None
    if types is not None or actor_filter is not None:
        wanted = set(actor_filter) if actor_filter is not None else None
        allowed = {a for a, (_n, t, _p) in actor_table.items()
                   if (types is None or t in types) and (wanted is None or a in wanted)}
    depth = max((len(c) for c in chains), default=0)
    level_table = np.full((len(speakers), max(depth, 1)), -1, dtype=np.int64)
    for i, chain in enumerate(chains):
        for level, holder in enumerate(chain):
            if allowed is None or holder in allowed:
                level_table[i, level] = holder
    speaker_pos = np.searchsorted(speakers, speaker)
    parts_h, parts_t, parts_c, parts_n = [], [], [], []
    for level in range(depth):
        holder = level_table[speaker_pos, level]
        keep = holder >= 0
        parts_h.append(holder[keep]); parts_t.append(topic[keep])
        parts_c.append(code[keep]); parts_n.append(n[keep])
    cat = lambda parts: np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)  # noqa: E731
    holder, topic, code, n = cat(parts_h), cat(parts_t), cat(parts_c), cat(parts_n)

    if min_evidence > 1 and len(holder):
        # Drop whole cells (holder, topic) with fewer counted stances than asked for.
        cell_key = holder * (int(topic.max()) + 1) + topic
        _, cell_idx = np.unique(cell_key, return_inverse=True)
        keep = np.bincount(cell_idx, weights=n)[cell_idx] >= min_evidence
        holder, topic, code, n = holder[keep], topic[keep], code[keep], n[keep]

    actor_ids, holder_idx = np.unique(holder, return_inverse=True)
    topic_ids, topic_idx = np.unique(topic, return_inverse=True)
    width = len(LABELS)
    counts = sparse.coo_matrix(
        (n.astype(np.float64), (holder_idx, topic_idx * width + code)),
        shape=(len(actor_ids), len(topic_ids) * width),
    ).tocsr()
    counts.sum_duplicates()
    return CountTable(actor_ids, topic_ids, counts, actor_table, topic_names, holders)


def _grouped(repo, reviewed_only: bool, topic_ids) -> tuple[np.ndarray, ...]:
    """(speaker, topic, label code, count) arrays: counted stances grouped chunk by chunk."""
    span, chunks = repo.counted_keys(reviewed_only=reviewed_only, topic_ids=topic_ids)
    keys, counts = [], []
    for rows in chunks:
        flat = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        unique, n = np.unique(flat, return_counts=True)
        keys.append(unique)
        counts.append(n)
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    n = np.bincount(inverse, weights=np.concatenate(counts)).astype(np.int64)
    width = len(LABELS)
    return unique // width // span, unique // width % span, unique % width, n


@dataclass
class AgreementNetwork:
    """Actor pairs with weights. Arrays are aligned: edge k joins actors[source[k]] and
    actors[target[k]] (source < target)."""

    kind: str
    normalize: str
    table: CountTable
    source: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    congruence: np.ndarray         # normalised
    conflict: np.ndarray           # normalised
    shared: np.ndarray             # topics on which both take a side
    _cells: dict[int, dict] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.weight)

    def actor(self, index: int) -> dict:
        actor_id = int(self.table.actor_ids[index])
        name, type_, _parent = self.table.actor_table[actor_id]
        return {"id": actor_id, "name": name, "type": type_,
                "affiliation": self.table.holders.top(actor_id)}

    def actors(self) -> list[dict]:
        """Every actor that takes a side on at least one topic (the network's nodes)."""
        return [self.actor(i) for i in range(len(self.table.actor_ids))]

    def topics_for(self, i: int, j: int) -> list[tuple[str, float, float]]:
        """(topic name, congruence, conflict) of the shared topics behind edge (i, j),
        strongest first."""
        a, b = self._cell(i), self._cell(j)
        out = []
        for topic_id in a.keys() & b.keys():
            c, x = topic_agreement(a[topic_id], b[topic_id])
            if c or x:
                out.append((self.table.topic_names[topic_id], c, x))
        out.sort(key=lambda t: (-(t[1] + t[2]), t[0]))
        return out

    def _cell(self, index: int) -> dict[int, dict[str, int]]:
        if index not in self._cells:
            self._cells[index] = self.table.cell_counts(index)
        return self._cells[index]

    def edges(self, *, with_topics: bool = True) -> Iterator[dict]:
        """Edge dicts, heaviest first: source, target (actor dicts), weight, congruence,
        conflict, shared and the topics involved (those scoring on this network's kind)."""
        order = np.lexsort((self.target, self.source, -np.abs(self.weight)))
        for k in order:
            i, j = int(self.source[k]), int(self.target[k])
            edge = {
                "source": self.actor(i), "target": self.actor(j),
                "weight": float(self.weight[k]), "congruence": float(self.congruence[k]),
                "conflict": float(self.conflict[k]), "shared": int(self.shared[k]),
            }
            if with_topics:
                edge["topics"] = [
                    name for name, c, x in self.topics_for(i, j)
                    if (self.kind == "congruence" and c) or (self.kind == "conflict" and x)
                    or self.kind == "subtract"
                ]
            yield edge


def agreement_network(store: Store, *, kind: str = "subtract", normalize: str = "none",
                      table: CountTable | None = None, **filters) -> AgreementNetwork:
    """The actor x actor network over ``count_table(store, **filters)``."""
    if kind not in KINDS:
        raise ValueError(f"unknown network kind {kind!r}; expected one of {', '.join(KINDS)}")
    normalize = "none" if normalize == "no" else normalize
    if normalize not in NORMALIZATIONS:
        raise ValueError(f"unknown normalisation {normalize!r}; expected one of {', '.join(NORMALIZATIONS)}")
    table = table if table is not None else count_table(store, **filters)
    congruence, conflict, shared, activity = agreement_matrices(table)

    # Two actors who both take a side on a topic always score congruence or conflict there,
    # so the pairs sharing a topic are exactly the pairs with something to say.
    pairs = sparse.triu(shared, k=1).tocoo()
    rows, cols, s = pairs.row, pairs.col, pairs.data
    c = np.asarray(congruence[rows, cols]).ravel() if len(rows) else np.zeros(0)
    x = np.asarray(conflict[rows, cols]).ravel() if len(rows) else np.zeros(0)
    norm = _normaliser(normalize, activity[rows], activity[cols], s)
    c, x = c / norm, x / norm
    weight = {"congruence": c, "conflict": x, "subtract": c - x}[kind]
    nonzero = np.abs(weight) > 1e-12   # float sums: treat a balance as zero
    return AgreementNetwork(kind, normalize, table, rows[nonzero], cols[nonzero], weight[nonzero],
                            c[nonzero], x[nonzero], s[nonzero].astype(np.int64))


def agreement_matrices(table: CountTable, rows: np.ndarray | None = None):
    """(congruence, conflict, shared, activity). The first three are holders x holders sparse
    matrices, diagonal included (only ``rows`` x holders when given); activity is the number of
    topics each holder takes a side on."""
    s, o, c = (table.label_matrix(label) for label in ("support", "oppose", "conditional"))
    sides = (s + o + c).tocsr()
    # Shares of each side per cell; cells with no side (neutral only) drop out.
    inv = sides.copy()
    inv.data = 1.0 / inv.data
    s, o, c = (m.multiply(inv).tocsr() for m in (s, o, c))
    present = sides.copy()
    present.data = np.ones_like(present.data)
    pick = (lambda m: m) if rows is None else (lambda m: m[rows])  # noqa: E731
    congruence = (pick(s) @ s.T + pick(c) @ c.T + pick(o) @ o.T
                  + 0.5 * (pick(s) @ c.T + pick(c) @ s.T))
    conflict = pick(s) @ o.T + pick(o) @ s.T + 0.5 * (pick(c) @ o.T + pick(o) @ c.T)
    shared = (pick(present) @ present.T).tocsr()
    activity = np.asarray(present.sum(axis=1)).ravel()
    return congruence.tocsr(), conflict.tocsr(), shared, activity


def _normaliser(normalize: str, a_i: np.ndarray, a_j: np.ndarray, shared: np.ndarray) -> np.ndarray:
    if normalize == "average":
        return (a_i + a_j) / 2
    if normalize == "jaccard":
        return a_i + a_j - shared
    if normalize == "cosine":
        return np.sqrt(a_i * a_j)
    return np.ones_like(a_i, dtype=np.float64)

