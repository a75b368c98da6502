"""NO_COLOR=1 and the ansi themes: the app starts and every section shows its content."""

from __future__ import annotations

import pytest

from tui.app import ParleyApp

from .helpers import screen_text, settle

SECTIONS = (("1", "Chip export controls tighten"), ("2", "John Kirby"), ("3", "S support"),
            ("4", "reviewed 0 / 10"))


async def walk_sections(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, expected in SECTIONS:
            await pilot.press(key if key != "4" or app.current_mode != "review" else "f4")
            await settle(pilot)
            assert expected in screen_text(app), (key, screen_text(app))
        await pilot.press("f1")
        await settle(pilot)
        assert app.current_mode == "articles"


async def test_no_color(seed_db, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ParleyApp(seed_db, refresh=False)
    assert app.no_color
    await walk_sections(app)


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_ansi_themes(seed_db, theme):
    app = ParleyApp(seed_db, theme=theme, refresh=False)
    await walk_sections(app)
    assert app.theme == theme
