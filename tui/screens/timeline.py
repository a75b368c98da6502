"""Stance over time for the Compare cell under the cursor: the chart (widgets/stance_chart),
then one line per article date; enter shows that date's statements. The numbers come from
``extract.analysis.timeline`` (never computed here)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from extract.analysis.timeline import stance_timeline

from .. import safe
from ..rows import MemoryRows
from ..widgets.stance_chart import StanceChart
from ..widgets.virtual_list import VirtualList
from .base import ParleyScreen

LETTER = {"support": "S", "oppose": "O", "conditional": "C", "neutral": "N"}


def open_timeline(compare) -> None:
    """From the Compare screen: the cell under the cursor (actor row, topic column)."""
    matrix = compare.matrix
    actor = compare.query_one(VirtualList).current
    if not matrix or not matrix.topics or actor is None:
        return
    topic = matrix.topics[compare.column]
    if matrix.cell(actor["id"], topic["id"]) is None:
        compare.notify("no stances in this cell", markup=False)
        return
    compare.app.push_screen(TimelineScreen(actor, topic, compare.reviewed_only))


def point_line(point: dict, width: int) -> Text:
    counts = " ".join(f"{LETTER[k]}{v}" for k, v in point["counts"].items() if v)
    n = len(point["statements"])
    return safe.text(f" {point['date']}  {point['stance']:<12} {counts:<14} {n} statement{'s' * (n != 1)}")


class TimelineScreen(ParleyScreen):
    section = "compare"

    def __init__(self, actor: dict, topic: dict, reviewed_only: bool = False) -> None:
        super().__init__()
        self.actor, self.topic, self.reviewed_only = actor, topic, reviewed_only
        self.row: dict | None = None

    def compose_body(self) -> ComposeResult:
        head = (Content(safe.line(self.actor["name"], 30)).stylize("bold") + Content(" on ")
                + Content(safe.line(self.topic["name"], 30)).stylize("bold") + Content(" · stance over time"))
        yield Static(head, classes="info", id="timeline-head")
        yield StanceChart(id="timeline-chart")
        yield VirtualList(point_line, empty="no dated stances", id="timeline-points")

    def on_mount(self) -> None:
        self.query_one(VirtualList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="timeline")
    def reload(self) -> None:
        rows = stance_timeline(self.app.store, actors=[self.actor["id"]], topics=[self.topic["id"]],
                               reviewed_only=self.reviewed_only)
        self.app.call_from_thread(self._show, rows[0] if rows else None)

    def _show(self, row: dict | None) -> None:
        self.row = row
        self.query_one(StanceChart).show(row)
        points = [{"id": i, **p} for i, p in enumerate(row["points"])] if row else []
        self.query_one(VirtualList).set_rows(MemoryRows(points))
        self.filter_text = f"{len(points)} dates · enter: that date's statements"

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        from .compare import EvidenceScreen

        point = event.row
        self.app.push_screen(EvidenceScreen({
            "actor": self.actor["name"], "topic": f"{self.topic['name']} ({point['date']})",
            "stance": point["stance"], "counts": point["counts"], "mixed": False,
            "statements": point["statements"]}))

    def export_view(self):
        points = self.row["points"] if self.row else []
        return ("timeline", ["date", "stance", *LETTER, "statements"],
                [[p["date"], p["stance"], *(p["counts"][k] for k in LETTER), len(p["statements"])] for p in points])
