"""Hostile text: markup, escape sequences, bidi overrides and a 1 MB single line."""

from __future__ import annotations

import re

from tui.app import ParleyApp
from tui.screens.reader import ReaderScreen

from .helpers import screen_text, settle

ESC_OR_C1 = re.compile("[\x1b\x9b\x07\u202e]")


async def test_hostile_text_is_shown_literally_and_app_keeps_running(hostile_db):
    app = ParleyApp(hostile_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]Hostile" in text  # literally, not an action
        assert "[link=https:" in text
        assert not ESC_OR_C1.search(text)
        await pilot.press("G", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        text = screen_text(app)
        assert "[/bold] closes nothing" in text
        assert "[31mred" in text and not ESC_OR_C1.search(text)
        await pilot.press("G")  # the end of the 1 MB line
        await settle(pilot)
        assert "word [bold]" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("o")  # lowest confidence first: the hostile statement
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]z" in text and "[red]topic[/red]" in text
        assert not ESC_OR_C1.search(text)
        await pilot.press("2")
        await pilot.press("3", "ctrl+p", *"Evil")
        await pilot.pause(0.5)
        await pilot.press("escape")
        assert app.is_running


async def test_no_escape_byte_from_data_reaches_the_terminal(hostile_db):
    """Everything the app writes to the terminal for a hostile screen holds only Textual's own
    escape sequences: each ESC starts a CSI/OSC that the renderer produced, never data."""
    app = ParleyApp(hostile_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x9b" not in svg
