"""Issue 13's check in a real terminal: `parley demo` in an 80x24 tmux pane. Actors shows
the seed's four countries on its first screen, Compare shows the 'peace treaty' column or
says how to reach it, and Review shows the statement's context."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from .terminal import alive, keys, needs_tmux, screen, tmux, wait_for

pytestmark = needs_tmux


def test_demo_first_screens_at_80x24(tmp_path):
    parley = Path(sys.executable).with_name("parley")
    assert parley.exists() or shutil.which("parley")
    session = f"parley-demo-{tmp_path.name}"
    command = (f"cd {tmp_path} && XDG_DATA_HOME={tmp_path / 'data'} TEXTUAL_ANIMATIONS=none "
               f"{parley if parley.exists() else 'parley'} demo")
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        wait_for(session, "demo.db", timeout=120)  # first run builds the demo with spaCy
        keys(session, "2")
        shown = wait_for(session, "sort prominence")
        for country in ("United States", "North Korea", "South Korea", "China"):
            assert country in shown, shown
        keys(session, "3")
        shown = wait_for(session, "actor \\ topic")
        header = shown.split("actor \\ topic")[1].splitlines()[:3]
        as_column = "peace" in header[0] and "treaty" in header[1]
        named = "l ▸" in header[2] and "peace treaty" in header[2]  # hidden: the key that reaches it
        assert as_column or named, shown
        keys(session, "4")
        first = _context(wait_for(session, "reviewed 0 /"))
        keys(session, "space")
        deadline = time.monotonic() + 20
        second = first
        while second == first and time.monotonic() < deadline:
            time.sleep(0.2)
            second = _context(screen(session))
        assert second != first and first[0] in second, (first, second)  # the sentence before is shown
        keys(session, "s")
        shown = wait_for(session, "nearby first")
        assert "nearby" in shown.split("nearby first")[1], shown
        keys(session, "Escape", "q")
    finally:
        if alive(session):
            tmux("kill-session", "-t", session)


def _context(shown: str) -> list[str]:
    """The context lines of the Review screen (between the progress line and the meta)."""
    body = shown.split("reviewed 0 /")[1].split("\n", 1)[1].split(" speaker ")[0]
    return [line.strip() for line in body.splitlines() if line.strip()]
