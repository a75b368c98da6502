"""The actor x topic matrix as a coloured grid: one row per actor, one column per topic, each
cell in the colour of its leading stance, lighter when the actor's stances there are split, a
letter and count in the cell while there is room, '*' on mixed cells (both sides)."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..matrix import StanceMatrix
from . import colours
from .canvas import label, new_figure

MAX_ROWS = 120
MAX_COLUMNS = 60
LETTER = {"support": "S", "oppose": "O", "conditional": "C", "neutral": "N"}


def draw_matrix(matrix: StanceMatrix, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> Figure:
    actors = matrix.actors[:max_rows]
    topics = matrix.topics[:max_columns]
    rows, cols = len(actors), len(topics)
    width = min(30.0, 2.6 + 0.32 * max(cols, 4))
    height = min(60.0, 1.9 + 0.22 * max(rows, 3))
    fig = new_figure(width, height)
    if not rows or not cols:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.text(0.5, 0.5, **label("no counted stances", None), ha="center", transform=ax.transAxes)
        return fig
    left, top = 2.2 / width, 1.3 / height
    ax = fig.add_axes((left, 0.5 / height, 1 - left - 0.2 / width, 1 - top - 0.5 / height))

    image = np.ones((rows, cols, 3))
    image[:] = to_rgb(colours.EMPTY)
    room = rows * cols <= 2500
    for r, actor in enumerate(actors):
        for c, topic in enumerate(topics):
            cell = matrix.cell(actor["id"], topic["id"])
            if not cell:
                continue
            share = cell["counts"].get(cell["stance"], 0) / max(cell["total"], 1)
            base = np.array(to_rgb(colours.STANCE.get(cell["stance"], colours.OTHER)))
            image[r, c] = 1 - (1 - base) * (0.45 + 0.55 * share)
            if room:
                text = f"{LETTER.get(cell['stance'], '?')}{cell['total']}{'*' if cell['mixed'] else ''}"
                ax.text(c, r, **label(text, None), ha="center", va="center", fontsize=6,
                        color="white" if share > 0.6 and cell["stance"] != "neutral" else "#222222")
    ax.imshow(image, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(cols))
    ax.set_xticklabels([label(t["name"], 24)["s"] for t in topics], rotation=50, ha="left",
                       rotation_mode="anchor", parse_math=False, fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks(range(rows))
    ax.set_yticklabels([label(a["name"], 28)["s"] for a in actors], parse_math=False, fontsize=7)
    ax.set_xticks(np.arange(-0.5, cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(facecolor=c, label=s) for s, c in colours.STANCE.items()]
    notes = "lighter = split stances · * mixed (both sides)"
    hidden = []
    if len(matrix.actors) > rows:
        hidden.append(f"first {rows} of {len(matrix.actors)} actors")
    if len(matrix.topics) > cols:
        hidden.append(f"first {cols} of {len(matrix.topics)} topics")
    if hidden:
        notes += " · " + ", ".join(hidden)
    fig.legend(handles=handles, loc="lower left", fontsize=7, frameon=False, ncols=4,
               bbox_to_anchor=(0.0, 0.0))
    fig.text(0.99, 0.01, **label(notes, None), fontsize=6, color="#555555", ha="right")
    return fig
