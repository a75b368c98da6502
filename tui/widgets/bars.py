"""The top line (sections, database name) and the status bar (counts, filter, tasks)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from .. import safe

SECTIONS = (("articles", "Articles"), ("actors", "Actors"), ("compare", "Compare"), ("review", "Review"))


class SectionTabs(Static):
    DEFAULT_CSS = """
    SectionTabs { height: 1; background: $panel; color: $text; }
    """

    def __init__(self, active: str, title: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.active = active
        self.title = title

    def on_mount(self) -> None:
        self.refresh_tabs()

    def refresh_tabs(self) -> None:
        parts: list[Content] = []
        for number, (key, label) in enumerate(SECTIONS, 1):
            key = f"F{number}" if self.active == "review" else str(number)  # 1-4 set stances there
            item = Content(f" {key} {label} ")
            if key == self.active:
                item = item.stylize("reverse bold")
            parts.append(item)
        tail = Content(f" {safe.line(self.title, 40)}").stylize("bold") if self.title else Content("")
        self.update(Content("").join(parts) + tail)


class StatusBar(Static):
    """'parley.db  4 articles · 11 statements · reviewed 3  | filter: ... | working…'"""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $primary-background; color: $text; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show)
        self.watch(self.screen, "filter_text", self._show)
        self.watch(self.app, "busy", self._show)

    def _show(self, _value=None) -> None:
        app = self.app
        text = Content(f" {safe.line(app.db_name, 20)} ").stylize("bold")
        if app.busy:
            text += Content("working… ").stylize("reverse")
        note = safe.line(getattr(self.screen, "filter_text", ""), 60)
        if note:
            text += Content(note).stylize("italic") + Content(" │ ")
        text += Content(safe.line(app.status))
        self.update(text)
