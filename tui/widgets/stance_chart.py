"""Stance over time for one actor and topic, drawn with text: one row per stance (support at
the top, oppose at the bottom), a dot per article date at its place in time, steps between
them, and the first change marked on the time axis with '▲'.

Readable without colour (NO_COLOR, monochrome terminals): the row says the stance, the colour
only repeats it. Takes a row of ``extract.analysis.timeline.stance_timeline``; draws no names
(the screen shows them through ``tui.safe``)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

LEVELS = ("support", "conditional", "neutral", "oppose")   # top to bottom
COLOUR = {"support": "#0072B2", "conditional": "#CC79A7", "neutral": "#999999", "oppose": "#D55E00"}
LABEL_W = 13
HEIGHT = len(LEVELS) + 3   # the rows, the axis, the dates, the change


def _day(text: str) -> int | None:
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def columns(days: list[int], width: int) -> list[int]:
    """A column in 0..width-1 per day: by time while no two days share a column, else evenly
    spaced in order (every point stays visible; the list beside the chart gives the dates)."""
    if not days:
        return []
    if len(days) == 1:
        return [width // 2]
    first, last = days[0], days[-1]
    by_time = [round((d - first) / ((last - first) or 1) * (width - 1)) for d in days]
    if len(set(by_time)) == len(by_time):
        return by_time
    return [round(i / (len(days) - 1) * (width - 1)) for i in range(len(days))]


def chart_lines(row: dict | None, width: int) -> list[Text]:
    """The chart as HEIGHT lines of ``width`` cells."""
    plot_w = max(8, width - LABEL_W - 2)
    grid = [[(" ", "")] * plot_w for _ in LEVELS]
    points = [(d, p) for p in (row or {}).get("points", []) if (d := _day(p["date"])) is not None]
    xs = columns([d for d, _p in points], plot_w)
    levels = [LEVELS.index(p["stance"]) if p["stance"] in LEVELS else 2 for _d, p in points]
    for i in range(1, len(points)):
        x0, x1, y0, y1 = xs[i - 1], xs[i], levels[i - 1], levels[i]
        for x in range(x0 + 1, x1):
            grid[y0][x] = ("─", "dim")
        for y in range(min(y0, y1) + 1, max(y0, y1)):
            grid[y][x1] = ("│", "dim")
        if y0 != y1 and x1 > x0:
            grid[y0][x1] = ("┐" if y1 > y0 else "┘", "dim")
    for x, y, (_d, p) in zip(xs, levels, points):
        grid[y][x] = ("●", f"bold {COLOUR.get(p['stance'], '')}")

    change_day = _day(row["first_change"]) if row and row.get("first_change") else None
    change_x = next((x for x, (d, _p) in zip(xs, points) if d == change_day), None)
    lines = []
    for level, cells in zip(LEVELS, grid):
        line = Text(f" {level:<{LABEL_W - 1}}│", no_wrap=True, end="")
        for char, style in cells:
            line.append(char, style=style)
        lines.append(line)
    axis = [("─", "")] * plot_w
    for x in xs:
        axis[x] = ("┴", "")
    if change_x is not None:
        axis[change_x] = ("▲", "bold reverse")
    line = Text(" " * LABEL_W + "└", no_wrap=True, end="")
    for char, style in axis:
        line.append(char, style=style)
    lines.append(line)

    dates = [" "] * plot_w
    if points:
        first, last = points[0][1]["date"][:10], points[-1][1]["date"][:10]
        _put(dates, 0, first)
        if last != first:
            _put(dates, plot_w - len(last), last)
    lines.append(Text(" " * (LABEL_W + 1) + "".join(dates), no_wrap=True, end=""))
    if row and row.get("first_change"):
        before, after = row["change"]
        note = f" ▲ first change {row['first_change']}: {before} → {after}"
    elif points:
        note = " no change of side"
    else:
        note = " no dated stances"
    if row and row.get("undated"):
        note += f" · {row['undated']} undated stance(s) not drawn"
    lines.append(Text(note, no_wrap=True, end=""))
    return lines


def _put(cells: list[str], at: int, text: str) -> None:
    for i, char in enumerate(text):
        if 0 <= at + i < len(cells):
            cells[at + i] = char


class StanceChart(Widget):
    DEFAULT_CSS = """
    StanceChart { height: 7; width: 1fr; }
    """

    def __init__(self, row: dict | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.row = row

    def show(self, row: dict | None) -> None:
        self.row = row
        self.refresh()

    def render(self) -> Text:
        return Text("\n", end="").join(chart_lines(self.row, self.size.width or 80))
