"""What every screen shares: the section line on top, the status bar and footer below."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from ..widgets.bars import KeyBar, SectionTabs, StatusBar


class ParleyScreen(Screen):
    section = "articles"
    title_text = ""
    filter_text = reactive("", repaint=False)  # the status bar repaints its own line

    _suspended_state: tuple | None = None

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

    # -- section switches ----------------------------------------------------------------
    # Textual restyles every widget of a resumed screen in case its styles changed while it
    # was hidden (a third of a section switch). They can only have changed with the theme, the
    # stylesheet or the app's focus; class changes restyle their own widgets when they happen.

    def _app_style_state(self) -> tuple:
        app = self.app
        return (app.theme, app.app_focus, app._css_update_count, self._css_update_count)

    # Textual calls the handler of each class in the MRO: Screen's runs after these.
    def _on_screen_suspend(self) -> None:
        self._suspended_state = self._app_style_state()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if event.refresh_styles and self._suspended_state == self._app_style_state():
            event.prevent_default()  # Screen's handler runs here instead, without the restyle
            Screen._on_screen_resume(self, events.ScreenResume(refresh_styles=False))

    def reload(self) -> None:
        """Read again from the store (R, or new data from another process)."""

    def export_view(self):
        """(file stem, headers, rows iterable) of what is on screen, or None."""
        return None
