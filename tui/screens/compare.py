"""Compare: the actor x topic stance matrix from ``extract.analysis.matrix`` (never computed
here), the evidence behind a cell, and two actors side by side (``extract.analysis.compare``)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from extract.analysis.compare import compare_actors
from extract.analysis.matrix import actor_topic_matrix
from extract.store import ACTOR_TYPES

from .. import keymap, safe
from ..rows import MemoryRows
from ..widgets.matrix_header import matrix_header
from ..widgets.agreement_bar import WIDTH as BAR_W
from ..widgets.agreement_bar import agreement_bar
from ..widgets.virtual_list import VirtualList
from .base import ParleyScreen

LETTER = {"support": "S", "oppose": "O", "conditional": "C", "neutral": "N"}
LEGEND = "S support O oppose C conditional N neutral · S2/3: 2 of 3 · * mixed · + reviewed"
NAME_W = 20
CELL_W = 9
MATRIX_ACTORS = 300  # rows kept in the matrix: the actors with most evidence; the rest are counted
TYPE_CYCLE = (None, *ACTOR_TYPES)


def cell_text(cell: dict | None) -> str:
    if not cell:
        return "·"
    lead = cell["counts"][cell["stance"]] if cell["stance"] in cell["counts"] else 0
    mark = "*" if cell["mixed"] else ("+" if cell["reviewed"] else "")
    return f"{LETTER.get(cell['stance'], '?')}{lead}/{cell['total']}{mark}"


class CompareScreen(ParleyScreen):
    section = "compare"
    BINDINGS = keymap.COMPARE

    def __init__(self) -> None:
        super().__init__()
        self.matrix = None
        self.column = 0
        self.first_column = 0
        self.actor_type: str | None = None
        self.min_evidence = 1
        self.reviewed_only = False
        self.marked: list[dict] = []

    def compose_body(self) -> ComposeResult:
        yield Static(classes="list-header", id="matrix-header")
        yield VirtualList(self._line, empty="no stances yet (run 'parley extract', or relax the filters)",
                          id="matrix")
        yield Static(LEGEND, id="matrix-legend")

    def on_mount(self) -> None:
        self.query_one(VirtualList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="matrix")
    def reload(self) -> None:
        try:
            matrix = actor_topic_matrix(
                self.app.store, reviewed_only=self.reviewed_only,
                actor_types=[self.actor_type] if self.actor_type else None, min_evidence=self.min_evidence,
                limit=MATRIX_ACTORS)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"cannot build the matrix: {exc}", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self._show, matrix)

    def _show(self, matrix) -> None:
        self.matrix = matrix
        self.column = min(self.column, max(0, len(matrix.topics) - 1))
        view = self.query_one(VirtualList)
        view.set_rows(MemoryRows(matrix.actors), cursor=view.cursor)
        self._describe()

    def _describe(self) -> None:
        parts = [f"min evidence {self.min_evidence}", f"type {self.actor_type or 'all'}"]
        if self.reviewed_only:
            parts.append("reviewed only")
        hidden = getattr(self.matrix, "hidden_actors", 0) if self.matrix else 0
        if hidden:
            parts.append(f"{hidden:,} more actors (raise min evidence)")
        if self.marked:
            parts.append("picked: " + ", ".join(safe.line(a["name"], 16) for a in self.marked))
        self.filter_text = " · ".join(parts)
        self._draw_header()

    def _visible_columns(self) -> int:
        view = self.query_one(VirtualList)
        width = view.scrollable_content_region.width or self.size.width
        return max(1, (width - NAME_W - 1) // CELL_W)

    def _draw_header(self) -> None:
        if not self.matrix:
            return
        visible = self._visible_columns()
        if self.column < self.first_column:
            self.first_column = self.column
        elif self.column >= self.first_column + visible:
            self.first_column = self.column - visible + 1
        header = matrix_header(self.matrix.topics, self.first_column, visible, self.column,
                               name_w=NAME_W, cell_w=CELL_W, width=self.size.width)
        self.query_one("#matrix-header", Static).update(header)

    def _line(self, actor: dict, width: int) -> Text:
        marked = any(a["id"] == actor["id"] for a in self.marked)
        line = safe.text(("»" if marked else " ") + safe.cell(actor["name"], NAME_W))
        if not self.matrix:
            return line
        view = self.query_one(VirtualList)
        is_cursor_row = view.current is not None and view.current["id"] == actor["id"]
        visible = self._visible_columns()
        for i, topic in enumerate(self.matrix.topics[self.first_column:self.first_column + visible]):
            cell = self.matrix.cell(actor["id"], topic["id"])
            style = "underline bold" if is_cursor_row and i + self.first_column == self.column else ""
            line.append(" " + cell_text(cell).ljust(CELL_W - 1), style=style)
        return line

    def on_resize(self) -> None:
        self._draw_header()

    # -- moving ----------------------------------------------------------------------------

    def _move_column(self, delta: int) -> None:
        if self.matrix and self.matrix.topics:
            self.column = max(0, min(len(self.matrix.topics) - 1, self.column + delta))
            self._draw_header()
            self.query_one(VirtualList).refresh()

    def action_cell_left(self) -> None:
        self._move_column(-1)

    def action_cell_right(self) -> None:
        self._move_column(1)

    def focus_topic(self, topic_id: int) -> None:
        if self.matrix:
            for i, t in enumerate(self.matrix.topics):
                if t["id"] == topic_id:
                    self.column = i
                    self._draw_header()
                    self.query_one(VirtualList).refresh()
                    return
        self.notify("that topic has no stances under the current filters", markup=False)

    # -- filters ---------------------------------------------------------------------------

    def action_cycle_type(self) -> None:
        self.actor_type = TYPE_CYCLE[(TYPE_CYCLE.index(self.actor_type) + 1) % len(TYPE_CYCLE)]
        self.reload()

    def action_evidence_more(self) -> None:
        self.min_evidence += 1
        self.reload()

    def action_evidence_less(self) -> None:
        self.min_evidence = max(1, self.min_evidence - 1)
        self.reload()

    def action_toggle_reviewed(self) -> None:
        self.reviewed_only = not self.reviewed_only
        self.reload()

    # -- drilling in -----------------------------------------------------------------------

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        self.query_one(VirtualList).refresh()

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if not self.matrix or not self.matrix.topics:
            return
        topic = self.matrix.topics[self.column]
        cell = self.matrix.cell(event.row["id"], topic["id"])
        if cell is None:
            self.notify("no evidence in this cell", markup=False)
            return
        self.app.push_screen(EvidenceScreen(cell))

    def action_timeline(self) -> None:
        from .timeline import open_timeline

        open_timeline(self)

    def action_mark(self) -> None:
        actor = self.query_one(VirtualList).current
        if actor is None:
            return
        if any(a["id"] == actor["id"] for a in self.marked):
            self.marked = [a for a in self.marked if a["id"] != actor["id"]]
        else:
            self.marked.append(actor)
        if len(self.marked) == 2:
            a, b = self.marked
            self.marked = []
            self.app.push_screen(SideBySideScreen(a["id"], b["id"], self.reviewed_only))
        self._describe()
        self.query_one(VirtualList).refresh()

    def export_view(self):
        if not self.matrix:
            return None
        headers = ["actor", "type", *[t["name"] for t in self.matrix.topics]]
        rows = [[a["name"], a["type"], *[cell_text(self.matrix.cell(a["id"], t["id"])) for t in self.matrix.topics]]
                for a in self.matrix.actors]
        return "matrix", headers, rows


def evidence_line(row: dict, width: int) -> Text:
    line = safe.text(" " + safe.cell(row.get("speaker") or "?", 16), style="bold")
    line.append(" " + safe.cell(row.get("review"), 8), style="dim")
    line.append(" " + safe.cell(row.get("content"), max(10, width - 28)))
    return line


class EvidenceScreen(ParleyScreen):
    """The statements behind one matrix cell; enter opens the article."""

    section = "compare"

    def __init__(self, cell: dict) -> None:
        super().__init__()
        self.cell = cell
        self.rows: list[dict] = []

    def compose_body(self) -> ComposeResult:
        counts = " ".join(f"{LETTER[k]}{v}" for k, v in self.cell["counts"].items() if v)
        head = (Content(safe.line(self.cell["actor"], 30)).stylize("bold") + Content(" on ")
                + Content(safe.line(self.cell["topic"], 30)).stylize("bold")
                + Content(f": {self.cell['stance']} ({counts}){' mixed' if self.cell['mixed'] else ''}"))
        yield Static(head, classes="info")
        yield VirtualList(evidence_line, empty="no statements", id="evidence")

    def on_mount(self) -> None:
        self.query_one(VirtualList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="evidence")
    def reload(self) -> None:
        found = self.app.store.stance_rows.statements(self.cell["statements"])
        rows = [found[i] for i in self.cell["statements"] if i in found]
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        self.query_one(VirtualList).set_rows(MemoryRows(rows))
        self.filter_text = f"{len(rows)} statements · enter opens the article"

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(event.row["article_id"]))

    def export_view(self):
        cols = ["id", "speaker", "review", "content", "title", "published"]
        return "evidence", cols, [[r.get(c) for c in cols] for r in self.rows]


class SideBySideScreen(ParleyScreen):
    """Two actors: agreement on each shared topic and each side's evidence."""

    section = "compare"

    def __init__(self, a: int, b: int, reviewed_only: bool = False) -> None:
        super().__init__()
        self.pair = (a, b)
        self.reviewed_only = reviewed_only
        self.rows: list[dict] = []

    def compose_body(self) -> ComposeResult:
        yield Static(classes="info", id="pair-summary")
        yield VirtualList(self._line, empty="no topics", id="pair")

    def on_mount(self) -> None:
        self.query_one(VirtualList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="pair")
    def reload(self) -> None:
        result = compare_actors(self.app.store, list(self.pair), reviewed_only=self.reviewed_only)
        self.app.call_from_thread(self._show, result)

    def _show(self, result: dict) -> None:
        a, b = result["actors"]
        pair = result["pairs"][0]
        summary = (Content(safe.line(a["name"], 28)).stylize("bold") + Content(" vs ")
                   + Content(safe.line(b["name"], 28)).stylize("bold")
                   + Content(f"\nshared topics {pair['shared']} · agreement {pair['congruence']:.2f}"
                             f" · conflict {pair['conflict']:.2f}"))
        self.query_one("#pair-summary", Static).update(summary)
        rows = []
        for topic in result["topics"]:
            ca, cb = result["cells"].get((a["id"], topic)), result["cells"].get((b["id"], topic))
            agree = pair["topics"].get(topic)
            rows.append({"id": len(rows), "topic": topic, "a": ca, "b": cb, "agreement": agree,
                         "evidence": [result["evidence"].get(i) for c in (ca, cb) if c for i in c["statements"]]})
        self.rows = rows
        self.names = (a["name"], b["name"])
        self.query_one(VirtualList).set_rows(MemoryRows(rows))
        self.set_title(f"{safe.line(a['name'], 16)} vs {safe.line(b['name'], 16)}")
        self.filter_text = "enter: evidence of both sides"

    @staticmethod
    def _line(row: dict, width: int) -> Text:
        agree = row["agreement"]
        verdict = "-" if agree is None else f"+{agree[0]:.2f} -{agree[1]:.2f}"
        line = safe.text(" " + safe.cell(row["topic"], max(10, width - 37 - BAR_W)), style="bold")
        line.append(f" {cell_text(row['a']):>9} {cell_text(row['b']):>9}  {verdict:>12} ")
        return line.append_text(agreement_bar(agree))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        row = event.row
        cells = [c for c in (row["a"], row["b"]) if c]
        if not cells:
            return
        merged = dict(cells[0])
        merged["actor"] = " & ".join(c["actor"] for c in cells)
        merged["statements"] = [i for c in cells for i in c["statements"]]
        merged["counts"] = {k: sum(c["counts"][k] for c in cells) for k in cells[0]["counts"]}
        self.app.push_screen(EvidenceScreen(merged))

    def export_view(self):
        a, b = getattr(self, "names", ("a", "b"))
        return ("side-by-side", ["topic", a, b, "agreement", "conflict"],
                [[r["topic"], cell_text(r["a"]), cell_text(r["b"]),
                  *(r["agreement"] if r["agreement"] else ("", ""))] for r in self.rows])
