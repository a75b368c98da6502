"""Articles: the list (title, source, date, statements, reviewed/total), search and sorts."""

from __future__ import annotations

from rich.text import Text

from .. import keymap, safe
from ..export import query_rows
from ..widgets.virtual_list import VirtualList
from .list_section import ListSectionScreen

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


class ArticlesScreen(ListSectionScreen):
    section = "articles"
    BINDINGS = keymap.ARTICLES
    list_id = "articles-list"
    row_line = staticmethod(article_line)
    empty_text = "no articles (ingest some with 'parley ingest PATH')"
    filter_placeholder = "search articles (full text), enter to apply, esc to cancel"
    default_sort = "published"

    def list_query(self):
        return self.app.store.browse.articles(self.sort, self.desc, self.text_filter or None)

    def header(self, width: int) -> str:
        return article_header(width)

    def on_virtual_list_loaded(self, event: VirtualList.Loaded) -> None:
        arrow = "↓" if self.desc else "↑"
        parts = [f"{event.total:,}{'' if event.exact else '+'} shown", f"sort {SORT_NAMES[self.sort]} {arrow}"]
        if self.text_filter:
            parts.append(f"search {safe.line(self.text_filter, 24)!r}")
        self.filter_text = " · ".join(parts)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(event.row["id"]))

    def action_search(self) -> None:
        self.open_filter()

    def action_clear(self) -> None:
        self.text_filter = ""
        self.reload(cursor=0)

    def export_view(self):
        cols = ["id", "title", "source", "published", "statements", "reviewed"]
        return "articles", cols, query_rows(self.app.store.browse, self.list_query(), cols)
