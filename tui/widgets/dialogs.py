"""Modal dialogs: a fuzzy picker, a one-line prompt, a key choice, and the help screen."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .. import safe
from ..rows import MemoryRows
from .virtual_list import VirtualList


class Picker(ModalScreen[dict | None]):
    """Type to filter (fuzzy, rapidfuzz), arrows to move, enter to pick, esc to cancel.

    ``choices`` are dicts with at least 'id' and 'name' (and optionally 'hint')."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="picker.pgdn"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="picker.pgup"),
    ]
    DEFAULT_CSS = """
    Picker { align: center middle; }
    Picker > Vertical { width: 70; max-width: 95%; height: 18; border: round $accent; background: $surface; }
    Picker Static { height: 1; }
    """

    def __init__(self, title: str, choices: list[dict], limit: int = 200) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text).stylize("bold"))
            yield Input(placeholder="type to filter", id="picker-input")
            yield VirtualList(self._format, empty="no match", id="picker-list")

    def on_mount(self) -> None:
        self._filter("")
        self.query_one(Input).focus()

    @staticmethod
    def _format(row: dict, width: int) -> Text:
        line = safe.text(" " + safe.line(row["name"], width - 16))
        if row.get("hint"):
            line.append(" " + safe.line(row["hint"], 14), style="dim")
        return line

    def _filter(self, query: str) -> None:
        if query.strip():
            names = [c["name"] for c in self.choices]
            found = process.extract(query, names, scorer=fuzz.WRatio, limit=self.limit, score_cutoff=40)
            rows = [self.choices[i] for _, _, i in found]
        else:
            rows = self.choices[: self.limit]
        self.query_one(VirtualList).set_rows(MemoryRows(rows))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def on_input_submitted(self) -> None:
        self.dismiss(self.query_one(VirtualList).current)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        self.dismiss(event.row)

    def action_move(self, delta: int) -> None:
        self.query_one(VirtualList).move(delta)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Prompt(ModalScreen[str | None]):
    """One line of text (a new name, a search)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]
    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical { width: 60; max-width: 95%; height: 5; border: round $accent; background: $surface; }
    """

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text).stylize("bold"))
            yield Input(value=safe.line(self.value), id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choice(ModalScreen[str | None]):
    """Press one key among a few: {'c': 'CSV', 'm': 'Markdown'}."""

    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Static { width: auto; max-width: 95%; border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, title: str, options: dict[str, str]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        keys = "  ".join(f"{k} {label}" for k, label in self.options.items())
        yield Static(Content(f"{self.title_text}\n{keys}   esc cancel"))

    def on_key(self, event) -> None:
        event.stop()
        if event.key in self.options:
            self.dismiss(event.key)
        elif event.key in ("escape", "q"):
            self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from, generated from that screen's bindings."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VirtualList { width: 64; max-width: 95%; height: 90%; border: round $accent; background: $surface; }
    """

    def __init__(self, title: str, rows: list[dict]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield VirtualList(self._format, id="help-list")

    def on_mount(self) -> None:
        view = self.query_one(VirtualList)
        view.border_title = Content(self.title_text)
        view.set_rows(MemoryRows(self.rows))
        view.focus()

    @staticmethod
    def _format(row: dict, width: int) -> Text:
        line = Text(f" {row['keys']:<16}", style="bold", no_wrap=True)
        line.append(row["description"])
        return line

    def action_close(self) -> None:
        self.dismiss(None)
