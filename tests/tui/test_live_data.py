"""Live data: another process ingests and extracts into the open database; the app shows the
new article after R and after its periodic check, with no lock error."""

from __future__ import annotations

import asyncio
import sys

from tui import app as app_module
from tui.app import ParleyApp

from .helpers import screen_text, settle
from .seed_db import REPO


async def parley(db, *args: str) -> None:
    """`python -m extract --db DB ...` in another process, while the app keeps running."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "extract", "--db", str(db), *args, cwd=str(REPO),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    assert proc.returncode == 0, (out + err).decode()


def article(tmp_path, name: str, title: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(f"{title}\n\nOn the {name} day the minister said on Monday that the harbour tariff deal was a mistake. "
                    "\"We will not sign it,\" Ellen Marsh told reporters in Westhaven.\n", "utf-8")
    return path


async def test_new_articles_appear_after_R_and_by_themselves(seed_db, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "REFRESH_SECONDS", 0.5)
    app = ParleyApp(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one("#articles-list")
        assert lst.total == 3
        # Keys work while the other process writes.
        writer = asyncio.ensure_future(parley(seed_db, "ingest", str(article(tmp_path, "one", "Harbour tariff row"))))
        while not writer.done():
            await pilot.press("j", "k")
            await pilot.pause(0.05)
        await writer
        await parley(seed_db, "extract")
        await pilot.press("R")
        await settle(pilot)
        assert lst.total == 4
        assert "Harbour tariff row" in screen_text(app)
        # The periodic check, no key pressed.
        await parley(seed_db, "ingest", str(article(tmp_path, "two", "Second harbour dispute")))
        for _ in range(60):
            await pilot.pause(0.1)
            if lst.total == 5:
                break
        await settle(pilot)
        assert lst.total == 5
        assert "Second harbour dispute" in screen_text(app)
        notes = " ".join(str(n.message) for n in app._notifications)
        assert "lock" not in notes.lower() and "not saved" not in notes
        assert app.is_running
