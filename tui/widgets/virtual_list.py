"""A list that draws only the lines on screen (Textual's line API), for lists of any size.

Rows come from a ``QueryRows`` / ``MemoryRows`` source; a missing page is fetched in a thread
worker and the lines are repainted when it lands. A formatter turns a row into one line of
``rich.text.Text`` (built with ``tui.safe``, never markup)."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from .. import keymap
from .line_view import LineView

Formatter = Callable[[dict, int], Text]


class VirtualList(LineView, can_focus=True):
    BINDINGS = keymap.LIST
    COMPONENT_CLASSES = {"virtual-list--cursor", "virtual-list--loading"}
    DEFAULT_CSS = """
    VirtualList { height: 1fr; }
    VirtualList > .virtual-list--cursor { background: $accent 40%; text-style: bold; }
    VirtualList:focus > .virtual-list--cursor { background: $accent; color: $text; }
    VirtualList > .virtual-list--loading { color: $text-muted; }
    """

    cursor = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, widget: VirtualList, row: dict | None) -> None:
            super().__init__()
            self.list = widget
            self.row = row

    class Selected(Message):
        def __init__(self, widget: VirtualList, row: dict) -> None:
            super().__init__()
            self.list = widget
            self.row = row

    class Loaded(Message):
        """Rows can be shown (after ``set_rows``); ``exact`` is False while the total is still
        being counted (the first page is on screen, ``total`` is then its length)."""

        def __init__(self, widget: VirtualList, total: int, exact: bool = True) -> None:
            super().__init__()
            self.list = widget
            self.total = total
            self.exact = exact

    def __init__(self, formatter: Formatter, *, empty: str = "nothing here", **kwargs) -> None:
        super().__init__(**kwargs)
        self.formatter = formatter
        self.empty = empty
        self.rows = None
        self.total = 0
        self._loading: set[int] = set()
        self._generation = 0
        self.loaded = False
        self.exact = False  # ``total`` is the full count, not the provisional first page

    # -- data ------------------------------------------------------------------------

    def set_rows(self, rows, *, cursor: int = 0, same_total: bool = False) -> None:
        """Show a new source; count it (and load the cursor's page) in a worker.

        ``same_total``: the new source holds the same rows in another order (a new sort), so
        the current exact count is kept instead of counting again."""
        total = self.total if same_total and self.loaded and self.exact else None
        self._generation += 1
        self.rows = rows
        self._loading.clear()
        self.loaded = False
        self._count(rows, self._generation, cursor, total)

    @work(thread=True, group="list-count")
    def _count(self, rows, generation: int, cursor: int, known_total: int | None = None) -> None:
        if known_total is not None:  # one page to fetch, one repaint, no layout change
            rows.total = known_total
            if known_total:
                rows.load(rows.page_of(min(cursor, known_total - 1)))
            self.app.call_from_thread(self._counted, rows, generation, known_total, cursor)
            return
        if cursor == 0:  # show the first page at once, count after
            total = rows.load_first()
            if total is not None:
                self.app.call_from_thread(self._counted, rows, generation, total, cursor)
                return
            self.app.call_from_thread(self._counted, rows, generation, rows.page_size, cursor, False)
            if generation != self._generation:
                return
        total = rows.load_count()
        if total:
            page = rows.page_of(min(cursor, total - 1))
            if not rows.has_page(page):
                rows.load(page)
        self.app.call_from_thread(self._counted, rows, generation, total, cursor)

    def _counted(self, rows, generation: int, total: int, cursor: int, exact: bool = True) -> None:
        if generation != self._generation:
            return
        if self.loaded:  # the exact count after a provisional first page: keep the cursor
            cursor = self.cursor
        self.total = total
        self.loaded = True
        self.exact = exact
        self.virtual_size = Size(self.size.width, total)
        self.cursor = max(0, min(cursor, total - 1))
        self.refresh()
        self.post_message(self.Loaded(self, total, exact))

    def _ensure_page(self, index: int) -> None:
        rows = self.rows
        page = rows.page_of(index)
        if rows.has_page(page) or page in self._loading:
            return
        self._loading.add(page)
        self._load_page(rows, page, self._generation)

    @work(thread=True, group="list-page")
    def _load_page(self, rows, page: int, generation: int) -> None:
        rows.load(page)
        self.app.call_from_thread(self._page_loaded, page, generation)

    def _page_loaded(self, page: int, generation: int) -> None:
        self._loading.discard(page)
        if generation == self._generation:
            self.refresh()
            self.post_message(self.Highlighted(self, self.current))

    @property
    def current(self) -> dict | None:
        if self.rows is None or not self.total:
            return None
        return self.rows.get(self.cursor)

    # -- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        base = self.base_style
        if self.rows is None or not self.loaded:
            return Strip([Segment(" loading…".ljust(width), base)]) if y == 0 else Strip.blank(width, base)
        if not self.total:
            return Strip([Segment(f" {self.empty}"[:width].ljust(width), base)]) if y == 0 else Strip.blank(width, base)
        if index >= self.total:
            return Strip.blank(width, base)
        row = self.rows.get(index)
        if row is None:
            self._ensure_page(index)
            style = base + self.get_component_rich_style("virtual-list--loading")
            return Strip([Segment(" …".ljust(width), style)])
        line = self.formatter(row, width)
        line.truncate(width, pad=True)
        if index == self.cursor:
            line.stylize(self.get_component_rich_style("virtual-list--cursor"))
        segments = list(line.render(self.app.console))
        return Strip(segments, width).apply_style(base if isinstance(base, Style) else Style())

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)

    # -- cursor ----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.total:
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh()
        row = self.current
        if row is None:
            self._ensure_page(new)
        self.post_message(self.Highlighted(self, row))

    def move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_first(self) -> None:
        self.move(-self.total)

    def action_last(self) -> None:
        self.move(self.total)

    def action_page_down(self) -> None:
        self.move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move(-max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event) -> None:
        index = round(self.scroll_offset.y) + event.y
        if 0 <= index < self.total:
            self.cursor = index
