"""The actor x topic stance matrix: per cell the counts per label, the leading label, the
statements behind it and whether an analyst confirmed it.

``stance_cells`` is also what ``parley export stances`` and ``parley eval`` read, so its keys
are a contract (issue 3, item 7): actor, actor_type, affiliation, topic, stance, counts,
statements, reviewed. Extra keys (actor_id, topic_id, mixed, total, reviewed_count) are ours.

Counting rules (see rules.py for labels, ties and 'mixed', holders.py for who a statement
counts for):
- effective label = COALESCE(stances.review_label, stances.label);
- rejected statements and rejected stances never count; with ``reviewed_only`` only stances
  an analyst accepted or edited count;
- a statement counts for its speaker and for every actor up the speaker's affiliation chain,
  never for media;
- ``reviewed`` is True when every stance counted in the cell was accepted or edited by an
  analyst (so a cell mixing confirmed and unconfirmed machine stances is not 'reviewed').

Speed: both are built on ``cell_table.build_cell_table`` (numpy over every counted stance:
0.76 s for 1,000,000 stances, less than reading every stance row once). ``actor_topic_matrix``
makes a cell's dict only when it is looked up, and its ``statements`` only when that key is
read (one sort of the rows, on the first such read); ``stance_cells`` makes every dict with
its statements (the export). ``actor_topic_matrix(..., limit=N)`` keeps the N actors with
most evidence (the display).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..store import ACTOR_TYPES, StoreError
from .cell_table import CellTable, build_cell_table
from .names import resolve_actors, resolve_topics
from .rules import LABELS

if TYPE_CHECKING:
    from ..store import Store

_SIDE_CODES = [LABELS.index(label) for label in ("support", "conditional")]
_OPPOSE = LABELS.index("oppose")


def check_actor_types(actor_types: Iterable[str] | None) -> set[str] | None:
    if actor_types is None:
        return None
    wanted = {t.strip().lower() for t in actor_types if t.strip()}
    unknown = sorted(wanted - set(ACTOR_TYPES))
    if unknown:
        raise StoreError(f"unknown actor type {', '.join(map(repr, unknown))}; "
                         f"expected one of {', '.join(ACTOR_TYPES)}")
    return wanted


def cell_table(store: Store, *, reviewed_only: bool = False,
               actor_types: Iterable[str] | None = None,
               topics: Iterable[str | int] | None = None,
               min_evidence: int = 1,
               actors: Iterable[str | int] | None = None) -> CellTable:
    """The filtered cells as arrays (names checked first: a bad one raises UnknownName)."""
    return build_cell_table(store, reviewed_only=reviewed_only, types=check_actor_types(actor_types),
                            topic_ids=resolve_topics(store, topics), actor_ids=resolve_actors(store, actors),
                            min_evidence=min_evidence)


def stance_cells(store: Store, *, reviewed_only: bool = False,
                 actor_types: Iterable[str] | None = None,
                 topics: Iterable[str | int] | None = None,
                 min_evidence: int = 1,
                 actors: Iterable[str | int] | None = None) -> list[dict]:
    """One dict per (actor, topic) with at least ``min_evidence`` counted stances, sorted by
    actor then topic name. ``topics`` and ``actors`` are names, aliases or ids."""
    table = cell_table(store, reviewed_only=reviewed_only, actor_types=actor_types, topics=topics,
                       min_evidence=min_evidence, actors=actors)
    describe = _Describer(table)
    out = [describe(i, statements) for i, statements in enumerate(table.all_statements())]
    out.sort(key=lambda c: (c["actor"].casefold(), c["topic"].casefold(), c["actor_id"], c["topic_id"]))
    return out


class _Describer:
    """Cell index -> the cell's dict (the contract of ``stance_cells``)."""

    def __init__(self, table: CellTable):
        self.table = table
        self.total = table.total
        self.reviewed_count = table.reviewed.sum(axis=1)
        self.mixed = (table.counts[:, _OPPOSE] > 0) & (table.counts[:, _SIDE_CODES].sum(axis=1) > 0)
        self._tops: dict[int, str | None] = {}

    def top(self, actor_id: int) -> str | None:
        if actor_id not in self._tops:
            self._tops[actor_id] = self.table.holders.top(actor_id)
        return self._tops[actor_id]

    def __call__(self, i: int, statements: list[int] | None) -> dict:
        t = self.table
        actor_id, topic_id = int(t.holder[i]), int(t.topic[i])
        name, type_, _parent = t.actor_table[actor_id]
        total, reviewed_count = int(self.total[i]), int(self.reviewed_count[i])
        cell = {
            "actor": name,
            "actor_type": type_,
            "affiliation": self.top(actor_id),
            "topic": t.topic_names[topic_id],
            "stance": LABELS[t.lead[i]],
            "counts": dict(zip(LABELS, t.counts[i].tolist())),
            "statements": statements,
            "reviewed": reviewed_count == total,
            "actor_id": actor_id,
            "topic_id": topic_id,
            "mixed": bool(self.mixed[i]),
            "total": total,
            "reviewed_count": reviewed_count,
        }
        if statements is None:
            del cell["statements"]
        return cell


class Cell(Mapping):
    """A matrix cell: the keys of ``stance_cells``; ``statements`` is read from the table the
    first time it is asked for (drawing the matrix never needs it)."""

    __slots__ = ("_data", "_table", "_index")

    def __init__(self, data: dict, table: CellTable, index: int):
        self._data, self._table, self._index = data, table, index

    def __getitem__(self, key: str):
        if key == "statements" and key not in self._data:
            self._data[key] = self._table.statements(self._index)
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._data
        if "statements" not in self._data:
            yield "statements"

    def __len__(self) -> int:
        return len(self._data) + ("statements" not in self._data)

    def __repr__(self) -> str:
        return f"Cell({self._data!r})"


class CellMap(Mapping):
    """(actor_id, topic_id) -> Cell, over a CellTable; cells are made when looked up.
    Iterates in the order of ``stance_cells`` (actor name, topic name)."""

    def __init__(self, table: CellTable, indices: np.ndarray):
        self._table = table
        self._describe = _Describer(table)
        self._indices = indices            # the table rows this map shows
        self._allowed = None if len(indices) == len(table) else set(indices.tolist())
        self._made: dict[int, Cell] = {}

    def _cell(self, i: int) -> Cell:
        cell = self._made.get(i)
        if cell is None:
            cell = self._made[i] = Cell(self._describe(i, None), self._table, i)
        return cell

    def __getitem__(self, key: tuple[int, int]) -> Cell:
        cell = self.get(key)
        if cell is None:
            raise KeyError(key)
        return cell

    def get(self, key, default=None):
        try:
            actor_id, topic_id = key
            i = self._table.index(int(actor_id), int(topic_id))
        except (TypeError, ValueError):
            return default
        if i is None or (self._allowed is not None and i not in self._allowed):
            return default
        return self._cell(i)

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[tuple[int, int]]:
        t = self._table
        names = t.actor_table
        order = sorted(self._indices.tolist(), key=lambda i: (
            names[int(t.holder[i])][0].casefold(), t.topic_names[int(t.topic[i])].casefold(),
            int(t.holder[i]), int(t.topic[i])))
        for i in order:
            yield int(t.holder[i]), int(t.topic[i])

    def __len__(self) -> int:
        return len(self._indices)


@dataclass
class StanceMatrix:
    """What the Compare screen and ``parley matrix`` draw: ordered rows and columns plus the
    cells (the dicts of ``stance_cells``), looked up by (actor_id, topic_id)."""

    actors: list[dict]     # {id, name, type, affiliation, evidence}, most evidence first
    topics: list[dict]     # {id, name, evidence}, most evidence first
    cells: Mapping[tuple[int, int], Mapping]
    hidden_actors: int = 0  # actors left out by ``limit`` (fewer evidence than the last row)
    table: CellTable | None = field(default=None, repr=False)

    def cell(self, actor_id: int, topic_id: int) -> Mapping | None:
        return self.cells.get((actor_id, topic_id))

    def cell_at(self, row: int, column: int) -> Mapping | None:
        """The cell at a row and column of the ordered matrix (None for an empty cell)."""
        return self.cells.get((self.actors[row]["id"], self.topics[column]["id"]))

    def statements(self, actor_id: int, topic_id: int) -> list[int]:
        """Sorted statement ids behind a cell ([] for an empty cell)."""
        cell = self.cell(actor_id, topic_id)
        return list(cell["statements"]) if cell is not None else []

    def __len__(self) -> int:
        return len(self.cells)


def actor_topic_matrix(store: Store, *, limit: int | None = None, **filters) -> StanceMatrix:
    """The matrix over the cells of ``stance_cells(store, **filters)``. Actors and topics are
    ordered by the number of counted stances (desc), then by name. With ``limit``, only the
    ``limit`` actors with most evidence are kept, and the topics they spoke on."""
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    table = cell_table(store, **filters)
    total = table.total
    actor_ids, actor_pos = np.unique(table.holder, return_inverse=True)
    actor_evidence = np.bincount(actor_pos, weights=total, minlength=len(actor_ids)).astype(np.int64)
    names = table.actor_table
    by_evidence = lambda d: (-d["evidence"], d["name"].casefold(), d["id"])  # noqa: E731
    actors = sorted(({"id": a, "name": names[a][0], "type": names[a][1], "affiliation": None, "evidence": e}
                     for a, e in zip(actor_ids.tolist(), actor_evidence.tolist())), key=by_evidence)
    hidden = 0
    indices = np.arange(len(table))
    if limit is not None and len(actors) > limit:
        hidden = len(actors) - limit
        actors = actors[:limit]
        indices = np.flatnonzero(np.isin(table.holder, [a["id"] for a in actors]))
    for a in actors:
        a["affiliation"] = table.holders.top(a["id"])
    topic_ids, topic_pos = np.unique(table.topic[indices], return_inverse=True)
    topic_evidence = np.bincount(topic_pos, weights=total[indices], minlength=len(topic_ids)).astype(np.int64)
    topics = sorted(({"id": t, "name": table.topic_names[t], "evidence": e}
                     for t, e in zip(topic_ids.tolist(), topic_evidence.tolist())), key=by_evidence)
    return StanceMatrix(actors=actors, topics=topics, cells=CellMap(table, indices),
                        hidden_actors=hidden, table=table)
