"""Articles: the list (title, source, date, statements, reviewed/total), search and sorts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from .. import keymap, safe
from ..export import query_rows
from ..rows import QueryRows
from ..widgets.virtual_list import VirtualList
from .base import ParleyScreen

SORT_NAMES = {"published": "date", "title": "title", "source": "source", "id": "id"}


def article_line(row: dict, width: int) -> Text:
    rest = 11 + 14 + 9
    title_w = max(10, width - rest - 1)
    done = f"{row['reviewed']}/{row['statements']}" if row["statements"] else "-"
    line = safe.text(" " + safe.cell(row["title"] or "(untitled)", title_w))
    line.append(" " + safe.cell(row["source"], 13), style="dim")
    line.append(" " + safe.cell((row["published"] or "")[:10], 10))
    line.append(" " + done.rjust(8))
    return line


def article_header(width: int) -> str:
    title_w = max(10, width - 34 - 1)
    return " " + "Title".ljust(title_w) + " " + "Source".ljust(13) + " " + "Date".ljust(10) + " " + "Reviewed".rjust(8)


class ArticlesScreen(ParleyScreen):
    section = "articles"
    BINDINGS = keymap.ARTICLES

    def __init__(self) -> None:
        super().__init__()
        self.sort = "published"
        self.desc = False
        self.search = ""

    def compose_body(self) -> ComposeResult:
        yield Static(classes="list-header", id="articles-header")
        yield VirtualList(article_line, empty="no articles (ingest some with 'parley ingest PATH')",
                          id="articles-list")
        yield Input(placeholder="search articles (full text), enter to apply, esc to cancel", id="search")

    def on_mount(self) -> None:
        self.reload(cursor=0)
        self.query_one(VirtualList).focus()

    def on_resize(self) -> None:
        self.query_one("#articles-header", Static).update(article_header(self.size.width))

    def reload(self, cursor: int | None = None, same_total: bool = False) -> None:
        view = self.query_one(VirtualList)
        query = self.app.store.browse.articles(self.sort, self.desc, self.search or None)
        view.set_rows(QueryRows(self.app.store.browse, query),
                      cursor=view.cursor if cursor is None else cursor, same_total=same_total)

    def on_virtual_list_loaded(self, event: VirtualList.Loaded) -> None:
        arrow = "↓" if self.desc else "↑"
        parts = [f"{event.total:,}{'' if event.exact else '+'} shown", f"sort {SORT_NAMES[self.sort]} {arrow}"]
        if self.search:
            parts.append(f"search {safe.line(self.search, 24)!r}")
        self.filter_text = " · ".join(parts)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(event.row["id"]))

    def action_sort(self, key: str) -> None:
        if key == self.sort:
            self.desc = not self.desc  # one-key sort reverses on repeat
        else:
            self.sort, self.desc = key, False
        self.reload(cursor=0, same_total=True)

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("-active")
        box.value = self.search
        box.focus()

    def action_clear(self) -> None:
        self.search = ""
        self.reload(cursor=0)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search = event.value.strip()
        self._close_search()
        self.reload(cursor=0)

    def _close_search(self) -> None:
        box = self.query_one("#search", Input)
        box.remove_class("-active")
        self.query_one(VirtualList).focus()

    def on_key(self, event) -> None:
        if event.key == "escape" and self.query_one("#search", Input).has_focus:
            event.stop()
            self._close_search()

    def export_view(self):
        query = self.app.store.browse.articles(self.sort, self.desc, self.search or None)
        cols = ["id", "title", "source", "published", "statements", "reviewed"]
        return "articles", cols, query_rows(self.app.store.browse, query, cols)
