"""Comparison of actors' stances: the actor x topic matrix, agreement networks, stance over
time, alignment, and the files analysts take elsewhere (networks, reports).

Reads the store through its API only (``store.stance_rows`` and friends); imports no Textual,
so the TUI's Compare section, the CLI and the tests share one implementation.
"""

from .matrix import StanceMatrix, actor_topic_matrix, stance_cells
from .names import UnknownName

__all__ = ["StanceMatrix", "UnknownName", "actor_topic_matrix", "stance_cells"]
