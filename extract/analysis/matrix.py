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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..store import ACTOR_TYPES, StoreError
from .holders import Holders
from .names import resolve_actors, resolve_topics
from .rules import LABELS, is_mixed, leading_label

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class _Acc:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    reviewed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    latest: dict[str, tuple] = field(default_factory=dict)
    statements: list[int] = field(default_factory=list)


def check_actor_types(actor_types: Iterable[str] | None) -> set[str] | None:
    if actor_types is None:
        return None
    wanted = {t.strip().lower() for t in actor_types if t.strip()}
    unknown = sorted(wanted - set(ACTOR_TYPES))
    if unknown:
        raise StoreError(f"unknown actor type {', '.join(map(repr, unknown))}; "
                         f"expected one of {', '.join(ACTOR_TYPES)}")
    return wanted


def stance_cells(store: Store, *, reviewed_only: bool = False,
                 actor_types: Iterable[str] | None = None,
                 topics: Iterable[str | int] | None = None,
                 min_evidence: int = 1,
                 actors: Iterable[str | int] | None = None) -> list[dict]:
    """One dict per (actor, topic) with at least ``min_evidence`` counted stances, sorted by
    actor then topic name. ``topics`` and ``actors`` are names, aliases or ids."""
    types = check_actor_types(actor_types)
    topic_ids = resolve_topics(store, topics)
    actor_ids = resolve_actors(store, actors)
    rows = store.stance_rows
    actor_table = rows.actors()
    topic_names = rows.topics()
    holders = Holders(actor_table)
    wanted = set(actor_ids) if actor_ids is not None else None

    chains: dict[int, tuple[int, ...]] = {}   # speaker -> the holders the filters keep

    def counted_for(speaker_id: int) -> tuple[int, ...]:
        chain = chains.get(speaker_id)
        if chain is None:
            chain = chains[speaker_id] = tuple(
                h for h in holders.of(speaker_id)
                if (wanted is None or h in wanted) and (types is None or actor_table[h][1] in types)
            )
        return chain

    acc: dict[tuple[int, int], _Acc] = {}
    for statement_id, speaker_id, topic_id, label, reviewed, published in rows.rows(
        reviewed_only=reviewed_only, topic_ids=topic_ids
    ):
        stamp = (published or "", statement_id)
        for holder in counted_for(speaker_id):
            cell = acc.get((holder, topic_id))
            if cell is None:
                cell = acc[(holder, topic_id)] = _Acc()
            cell.counts[label] += 1
            if reviewed:
                cell.reviewed[label] += 1
            if stamp > cell.latest.get(label, ("", 0)):
                cell.latest[label] = stamp
            cell.statements.append(statement_id)

    out = []
    for (actor_id, topic_id), cell in acc.items():
        total = sum(cell.counts.values())
        if total < min_evidence:
            continue
        name, type_, _parent = actor_table[actor_id]
        reviewed_count = sum(cell.reviewed.values())
        out.append({
            "actor": name,
            "actor_type": type_,
            "affiliation": holders.top(actor_id),
            "topic": topic_names[topic_id],
            "stance": leading_label(cell.counts, cell.reviewed, cell.latest),
            "counts": dict(cell.counts),
            "statements": sorted(set(cell.statements)),
            "reviewed": reviewed_count == total,
            "actor_id": actor_id,
            "topic_id": topic_id,
            "mixed": is_mixed(cell.counts),
            "total": total,
            "reviewed_count": reviewed_count,
        })
    out.sort(key=lambda c: (c["actor"].casefold(), c["topic"].casefold(), c["actor_id"], c["topic_id"]))
    return out


@dataclass
class StanceMatrix:
    """What the Compare screen and ``parley matrix`` draw: ordered rows and columns plus the
    cells (the dicts of ``stance_cells``), looked up by (actor_id, topic_id)."""

    actors: list[dict]     # {id, name, type, affiliation, evidence}, most evidence first
    topics: list[dict]     # {id, name, evidence}, most evidence first
    cells: dict[tuple[int, int], dict]

    def cell(self, actor_id: int, topic_id: int) -> dict | None:
        return self.cells.get((actor_id, topic_id))

    def cell_at(self, row: int, column: int) -> dict | None:
        """The cell at a row and column of the ordered matrix (None for an empty cell)."""
        return self.cells.get((self.actors[row]["id"], self.topics[column]["id"]))

    def __len__(self) -> int:
        return len(self.cells)


def actor_topic_matrix(store: Store, **filters) -> StanceMatrix:
    """The matrix over ``stance_cells(store, **filters)``. Actors and topics are ordered by the
    number of counted stances (desc), then by name."""
    cells = stance_cells(store, **filters)
    actors: dict[int, dict] = {}
    topics: dict[int, dict] = {}
    for c in cells:
        a = actors.setdefault(c["actor_id"], {
            "id": c["actor_id"], "name": c["actor"], "type": c["actor_type"],
            "affiliation": c["affiliation"], "evidence": 0,
        })
        a["evidence"] += c["total"]
        t = topics.setdefault(c["topic_id"], {"id": c["topic_id"], "name": c["topic"], "evidence": 0})
        t["evidence"] += c["total"]
    order = lambda d: (-d["evidence"], d["name"].casefold(), d["id"])  # noqa: E731
    return StanceMatrix(
        actors=sorted(actors.values(), key=order),
        topics=sorted(topics.values(), key=order),
        cells={(c["actor_id"], c["topic_id"]): c for c in cells},
    )
