"""A real terminal: the app in tmux at 80x24, keys sent, the screen read back."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest

from .seed_db import build_seed_db

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


def test_tmux_smoke(tmp_path):
    db = build_seed_db(tmp_path / "smoke.db", hostile=True)
    session = f"parley-test-{tmp_path.name}"
    command = f"cd {tmp_path} && NO_COLOR=1 TEXTUAL_ANIMATIONS=none {sys.executable} -m tui {db}"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        _wait_for(session, "Chip export controls")
        screen = _wait_for(session, "smoke.db")
        assert "[@click=app.quit]Hostile" in screen
        _tmux("send-keys", "-t", session, "4")
        _wait_for(session, "reviewed 0 / 11")
        _tmux("send-keys", "-t", session, "a")
        _wait_for(session, "reviewed 1 / 11")
        _tmux("send-keys", "-t", session, "F3")
        _wait_for(session, "S support")
        _tmux("send-keys", "-t", session, "q")
        time.sleep(1.0)
        title = _tmux("display-message", "-p", "-t", session, "#{pane_title}") if _alive(session) else ""
        assert "pwned" not in title
    finally:
        if _alive(session):
            _tmux("kill-session", "-t", session)
    import sqlite3

    with sqlite3.connect(db) as conn:  # the decision survived quitting
        assert conn.execute("SELECT count(*) FROM statements WHERE review = 'accepted'").fetchone()[0] == 1


def _alive(session: str) -> bool:
    return subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0
