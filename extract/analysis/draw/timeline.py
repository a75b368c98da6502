"""Stance over time, one small chart per (actor, topic): the leading stance per article date
on a scale (oppose at the bottom, support at the top), the first change marked with a dashed
line and its 'from -> to' note. Rows come from ``timeline.stance_timeline``."""

from __future__ import annotations

import math
from datetime import date

from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
from matplotlib.figure import Figure

from . import colours
from .canvas import clean, label, new_figure

LEVEL = {"oppose": 0, "neutral": 1, "conditional": 2, "support": 3}
LEVELS = sorted(LEVEL, key=LEVEL.get)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except (TypeError, ValueError):
        return None


def draw_timelines(rows: list[dict], *, columns: int = 2) -> Figure:
    n = len(rows)
    columns = max(1, min(columns, n))
    lines = max(1, math.ceil(n / columns))
    fig = new_figure(4.6 * columns, 0.5 + 1.9 * lines)
    if not n:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.text(0.5, 0.5, **label("no dated stances", None), ha="center", transform=ax.transAxes)
        return fig
    grid = fig.add_gridspec(lines, columns, left=0.11, right=0.95, top=1 - 0.35 / (0.5 + 1.9 * lines),
                            bottom=0.3 / (0.5 + 1.9 * lines), hspace=0.85, wspace=0.3)
    for i, row in enumerate(rows):
        ax = fig.add_subplot(grid[i // columns, i % columns])
        points = [(d, p["stance"]) for p in row["points"] if (d := _day(p["date"])) is not None]
        xs = [date2num(d) for d, _s in points]
        ys = [LEVEL.get(s, 1) for _d, s in points]
        if len(xs) > 1:
            ax.step(xs, ys, where="post", color="#888888", linewidth=1, zorder=1)
        if xs:   # one collection per chart: a cell with hundreds of dates stays one object
            ax.scatter(xs, ys, s=28, c=[colours.STANCE.get(s, colours.OTHER) for _d, s in points],
                       edgecolors="#333333", linewidths=0.5, zorder=3)
        change = _day(row["first_change"]) if row.get("first_change") else None
        if change is not None:
            cx = date2num(change)
            ax.axvline(cx, color="#333333", linestyle="--", linewidth=0.9, zorder=2)
            before, after = row["change"]
            ax.annotate(clean(f"changed {change.isoformat()}: {before} \u2192 {after}", None),
                        xy=(cx, 3.45), parse_math=False, xycoords="data", fontsize=6.5, ha="left", va="center",
                        xytext=(3, 0), textcoords="offset points")
        if xs:
            lo, hi = min(xs), max(xs)
            pad = max(10.0, (hi - lo) * 0.08)
            ax.set_xlim(lo - pad, hi + pad)
            ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=4))
            ax.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
        ax.set_ylim(-0.5, 3.8)
        ax.set_yticks(range(len(LEVELS)))
        ax.set_yticklabels(LEVELS, fontsize=6.5)
        ax.tick_params(axis="x", labelsize=6.5)
        ax.grid(axis="y", color="#EEEEEE", linewidth=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        extra = f"  (+{row['undated']} undated)" if row.get("undated") else ""
        ax.set_title(f"{clean(row['actor'], 30)} \u2014 {clean(row['topic'], 30)}{extra}",
                     parse_math=False, fontsize=7.5, loc="left")
    return fig
