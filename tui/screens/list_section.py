"""What the Articles and Actors sections share: a header, a virtual list over a store query,
one-key sorts that reverse on repeat, and a text filter typed in a box under the list."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ..rows import QueryRows
from ..widgets.virtual_list import VirtualList
from .base import ParleyScreen


class ListSectionScreen(ParleyScreen):
    """Subclasses say what to list; this class does the list, the sorts and the filter box."""

    list_id = ""                      # id of the VirtualList ('articles-list')
    row_line: Callable[[dict, int], Text]
    empty_text = ""
    filter_placeholder = ""
    default_sort = ""
    descending_first: frozenset[str] = frozenset()  # sorts whose first press shows the most first

    def __init__(self) -> None:
        super().__init__()
        self.sort = self.default_sort
        self.desc = self.default_sort in self.descending_first
        self.text_filter = ""         # what was typed in the box (search words, a name)

    # -- what to list (subclasses) ------------------------------------------------------

    def list_query(self):
        """The store ListQuery for the current sort and filters."""
        raise NotImplementedError

    def header(self, width: int) -> str:
        raise NotImplementedError

    # -- the list -------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static(classes="list-header", id=f"{self.section}-header")
        yield VirtualList(self.row_line, empty=self.empty_text, id=self.list_id)
        yield Input(placeholder=self.filter_placeholder, id="search")

    def on_mount(self) -> None:
        self.reload(cursor=0)
        self.query_one(VirtualList).focus()

    def on_resize(self) -> None:
        self.query_one(f"#{self.section}-header", Static).update(self.header(self.size.width))

    def reload(self, cursor: int | None = None, same_total: bool = False) -> None:
        view = self.query_one(VirtualList)
        view.set_rows(QueryRows(self.app.store.browse, self.list_query()),
                      cursor=view.cursor if cursor is None else cursor, same_total=same_total)

    def action_sort(self, key: str) -> None:
        if key == self.sort:
            self.desc = not self.desc  # one-key sort reverses on repeat
        else:
            self.sort, self.desc = key, key in self.descending_first
        self.reload(cursor=0, same_total=True)  # same rows, new order: no recount

    # -- the filter box -------------------------------------------------------------------

    def open_filter(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("-active")
        box.value = self.text_filter
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.text_filter = event.value.strip()
        self._close_filter()
        self.reload(cursor=0)

    def _close_filter(self) -> None:
        self.query_one("#search", Input).remove_class("-active")
        self.query_one(VirtualList).focus()

    def on_key(self, event) -> None:
        if event.key == "escape" and self.query_one("#search", Input).has_focus:
            event.stop()
            self._close_filter()
