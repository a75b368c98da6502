"""What every screen shares: the section line on top, the status bar and footer below."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from ..widgets.bars import KeyBar, SectionTabs, StatusBar


class ParleyScreen(Screen):
    section = "articles"
    title_text = ""
    filter_text = reactive("", repaint=False)  # the status bar repaints its own line

    def compose(self) -> ComposeResult:
        yield SectionTabs(self.section, self.title_text)
        yield from self.compose_body()
        yield StatusBar()
        yield KeyBar(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def set_title(self, title: str) -> None:
        self.title_text = title
        tabs = self.query_one(SectionTabs)
        tabs.title = title
        tabs.refresh_tabs()

    def reload(self) -> None:
        """Read again from the store (R, or new data from another process)."""

    def export_view(self):
        """(file stem, headers, rows iterable) of what is on screen, or None."""
        return None
