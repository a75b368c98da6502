"""The top line (sections, database name) and the status bar (counts, filter, tasks)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Footer, Static

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
        _update_line(self, Content("").join(parts) + tail)


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
        _update_line(self, text)


def _update_line(bar: Static, text: Content) -> None:
    """Repaint a one-line bar only when its text changed, and without a layout pass: its size
    never depends on its text (height 1, full width)."""
    if text != getattr(bar, "_shown", None):
        bar._shown = text
        bar.update(text, layout=False)


class KeyBar(Footer):
    """Textual's Footer that rebuilds its keys only when the keys to show changed.

    The stock Footer recomposes (mounts and styles a widget per key) every time the screen's
    bindings are refreshed, which happens on every section switch and focus change: that was
    most of a section switch's cost although the keys were the same as on the last visit."""

    _shown_keys: tuple | None = None

    def bindings_changed(self, screen) -> None:
        keys = _shown_keys(screen)
        if keys == self._shown_keys and self._bindings_ready:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown_keys = keys  # only once the recompose below really happens
        super().bindings_changed(screen)


def _shown_keys(screen) -> tuple:
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple((key, binding.action, binding.description, binding.group, enabled, tooltip)
                 for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
                 if binding.show or key == palette)
