"""The (actor, topic) cells of the stance matrix as numpy arrays: counts per label, stances an
analyst reviewed, the most recent statement per label, and the statement ids behind each cell.

Same rules as matrix.py's docstring (it is the engine behind ``stance_cells`` and
``actor_topic_matrix``). Every stance is read once as two integers (see
``StanceRowRepo.counted_text``), rolled up the affiliation chain and counted with bincount;
nothing is done per stance in Python. The statement ids of a cell are gathered only when asked
for (``statements``): one sort of the rolled-up rows, done on the first request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..store import StoreError
from .holders import Holders
from .rules import LABELS

if TYPE_CHECKING:
    from ..store import Store

WIDTH = len(LABELS)
NEUTRAL = LABELS.index("neutral")
# Above this many possible (holder, topic) cells, group with np.unique instead of a dense
# bincount (the dense arrays would hold WIDTH int64s per possible cell).
DENSE_LIMIT = 4_000_000


@dataclass
class CellTable:
    """One entry per non-empty cell, sorted by (holder id, topic id)."""

    holder: np.ndarray      # actor id per cell
    topic: np.ndarray       # topic id per cell
    counts: np.ndarray      # cells x WIDTH counted stances per label
    reviewed: np.ndarray    # cells x WIDTH of which an analyst accepted or edited
    lead: np.ndarray        # index in LABELS of the leading label (rules.leading_label)
    actor_table: dict[int, tuple[str, str, int | None]]
    topic_names: dict[int, str]
    holders: Holders
    # The rolled-up rows (one per stance and holder it counts for), kept for ``statements``.
    _row_cell: np.ndarray = field(repr=False, default=None)
    _row_statement: np.ndarray = field(repr=False, default=None)
    _bounds: np.ndarray | None = field(repr=False, default=None)
    _keys: np.ndarray | None = field(repr=False, default=None)
    _span: int = field(repr=False, default=0)

    def __len__(self) -> int:
        return len(self.holder)

    @property
    def total(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    def index(self, actor_id: int, topic_id: int) -> int | None:
        """Position of the cell (actor_id, topic_id), or None when it is empty or filtered out."""
        if self._keys is None:
            self._span = int(self.topic.max(initial=0)) + 1
            self._keys = self.holder * self._span + self.topic     # sorted: cells are
        if not 0 <= topic_id < self._span:
            return None
        key = actor_id * self._span + topic_id
        i = int(np.searchsorted(self._keys, key))
        return i if i < len(self._keys) and self._keys[i] == key else None

    def statements(self, index: int) -> list[int]:
        """Sorted statement ids counted in cell ``index``."""
        if self._bounds is None:
            self._sort_rows()
        return self._row_statement[self._bounds[index]:self._bounds[index + 1]].tolist()

    def all_statements(self) -> list[list[int]]:
        """Statement ids of every cell, in cell order (one sort, then one slice per cell)."""
        if self._bounds is None:
            self._sort_rows()
        flat = self._row_statement.tolist()
        b = self._bounds.tolist()
        return [flat[b[i]:b[i + 1]] for i in range(len(self.holder))]

    def _sort_rows(self) -> None:
        order = np.lexsort((self._row_statement, self._row_cell))
        cell = self._row_cell[order]
        self._row_statement = self._row_statement[order]
        self._bounds = np.searchsorted(cell, np.arange(len(self.holder) + 1))
        self._row_cell = None


def build_cell_table(store: Store, *, reviewed_only: bool = False, types: set[str] | None = None,
                     topic_ids: list[int] | None = None, actor_ids: list[int] | None = None,
                     min_evidence: int = 1) -> CellTable:
    repo = store.stance_rows
    actor_table = repo.actors()
    topic_names = repo.topics()
    holders = Holders(actor_table, repo.roles())
    speaker, topic, code, reviewed, statement, article = _read(repo, reviewed_only, topic_ids)

    # Roll up: each stance counts for every holder up its speaker's chain the filters keep.
    # One row of ``levels`` per speaker id (lookup by id, no sort), one column per chain level.
    allowed = None
    if types is not None or actor_ids is not None:
        wanted = set(actor_ids) if actor_ids is not None else None
        allowed = {a for a, (_n, t, _p) in actor_table.items()
                   if (types is None or t in types) and (wanted is None or a in wanted)}
    speakers = np.flatnonzero(np.bincount(speaker)) if len(speaker) else speaker
    chains = {int(s): [h for h in holders.of(int(s)) if allowed is None or h in allowed] for s in speakers}
    depth = max((len(c) for c in chains.values()), default=0)
    levels = np.full((int(speakers.max(initial=0)) + 1, max(depth, 1)), -1, dtype=np.int64)
    for s, chain in chains.items():
        levels[s, :len(chain)] = chain
    # Cells: compact (holder, topic) indices through lookup arrays; dense when small enough.
    holder_ids = np.unique(levels[levels >= 0])
    topic_present = np.flatnonzero(np.bincount(topic)) if len(topic) else topic
    n_topics = len(topic_present)
    level_pos = np.where(levels >= 0, _positions(holder_ids)[levels], -1)
    topic_pos = _positions(topic_present)[topic]
    rows_parts, pair_parts = [], []
    for level in range(depth):
        holder = level_pos[speaker, level]
        keep = np.flatnonzero(holder >= 0)
        rows_parts.append(keep)
        pair_parts.append(holder[keep] * n_topics + topic_pos[keep])
    concat = lambda parts: np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)  # noqa: E731
    rows, pair = concat(rows_parts), concat(pair_parts)   # one per (stance, holder it counts for)
    if len(holder_ids) * n_topics <= DENSE_LIMIT:
        cell_keys, cell = np.arange(len(holder_ids) * n_topics), pair
    else:
        cell_keys, cell = np.unique(pair, return_inverse=True)
    slots = len(cell_keys) * WIDTH
    slot = cell * WIDTH + code[rows]
    counts = np.bincount(slot, minlength=slots).reshape(-1, WIDTH)
    reviewed_counts = np.bincount(slot[reviewed[rows] == 1], minlength=slots).reshape(-1, WIDTH)

    kept = np.flatnonzero(counts.sum(axis=1) >= max(1, min_evidence))
    new_index = np.full(len(cell_keys), -1, dtype=np.int64)
    new_index[kept] = np.arange(len(kept))
    row_cell = new_index[cell]
    if min_evidence > 1:    # otherwise every row's cell is kept
        in_kept = np.flatnonzero(row_cell >= 0)
        row_cell, rows, slot = row_cell[in_kept], rows[in_kept], slot[in_kept]
    keys = cell_keys[kept]
    counts, reviewed_counts = counts[kept], reviewed_counts[kept]

    # Leading label: side, counts and reviewed settle most cells; only the cells still tied
    # need the most recent statement (article date rank, then statement id) per label.
    candidate = _narrow(counts > 0, (_side(counts), counts, reviewed_counts))
    tied = candidate.sum(axis=1) > 1
    latest = np.full(counts.shape, -1, dtype=np.int64)
    if tied.any():
        pick = np.flatnonzero(tied[row_cell])
        stamp = (_date_rank(repo, article[rows[pick]]) * (int(statement.max(initial=0)) + 1)
                 + statement[rows[pick]])
        flat = latest.reshape(-1)
        np.maximum.at(flat, row_cell[pick] * WIDTH + slot[pick] % WIDTH, stamp)
    candidate = _narrow(candidate, (latest,))
    lead = np.argmax(candidate, axis=1) if len(counts) else np.zeros(0, dtype=np.int64)
    return CellTable(
        holder=holder_ids[keys // max(n_topics, 1)], topic=topic_present[keys % max(n_topics, 1)],
        counts=counts, reviewed=reviewed_counts, lead=lead,
        actor_table=actor_table, topic_names=topic_names, holders=holders,
        _row_cell=row_cell, _row_statement=statement[rows],
    )


def _positions(ids: np.ndarray) -> np.ndarray:
    """A lookup array: id -> its position in the sorted ``ids`` (-1 elsewhere)."""
    out = np.full(int(ids.max(initial=0)) + 1, -1, dtype=np.int64)
    out[ids] = np.arange(len(ids))
    return out


def _side(counts: np.ndarray) -> np.ndarray:
    side = np.ones_like(counts)
    side[:, NEUTRAL] = 0
    return side


def _narrow(candidate: np.ndarray, keys: tuple[np.ndarray, ...]) -> np.ndarray:
    """rules.leading_label for every cell at once: keep, key after key, the labels with the
    highest value among those still in the running. A side over neutral, then most stances,
    then most reviewed, then the most recent statement (unique: a statement has one stance
    per topic, so after it one label is left)."""
    candidate = candidate.copy()
    for key in keys:
        masked = np.where(candidate, key, -1)
        candidate &= masked == masked.max(axis=1, keepdims=True)
    return candidate


# First character of a label / review state -> label code / reviewed (see counted_text).
_LABEL_CODE = np.full(128, -1, dtype=np.int64)
for _i, _label in enumerate(LABELS):
    _LABEL_CODE[ord(_label[0])] = _i
_REVIEWED = np.zeros(128, dtype=np.int64)
_REVIEWED[[ord("a"), ord("e")]] = 1     # accepted, edited


def _read(repo, reviewed_only: bool, topic_ids) -> tuple[np.ndarray, ...]:
    """(speaker, topic, label code, reviewed, statement id, article id) per counted stance."""
    span, statement_span, chunks = repo.counted_text(reviewed_only=reviewed_only, topic_ids=topic_ids)
    keys, stamps = [], []
    for key_text, stamp_text in chunks:
        # fromstring's text mode parses in C (~10x faster than str.split).
        keys.append(np.fromstring(key_text, dtype=np.int64, sep=","))
        stamps.append(np.fromstring(stamp_text, dtype=np.int64, sep=","))
        if len(keys[-1]) != len(stamps[-1]):
            raise StoreError("stance rows could not be read (a NULL label or speaker?): run 'parley doctor'")
    key = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    stamp = np.concatenate(stamps) if stamps else np.zeros(0, dtype=np.int64)
    reviewed = _REVIEWED[key & 127]
    code = _LABEL_CODE[(key >> 7) & 127]
    pair = key >> 14
    return pair // span, pair % span, code, reviewed, stamp % statement_span, stamp // statement_span


def _date_rank(repo, article: np.ndarray) -> np.ndarray:
    """Dense rank of each row's article date (no date ranks first)."""
    found = repo.article_date_ranks()
    if found is None or not len(article):
        return np.zeros(len(article), dtype=np.int64)
    ids = np.fromstring(found[0], dtype=np.int64, sep=",")
    ranks = np.fromstring(found[1], dtype=np.int64, sep=",")
    by_id = np.zeros(int(ids.max()) + 1, dtype=np.int64)
    by_id[ids] = ranks
    return by_id[article]
