"""A real terminal: the app in tmux at 80x24, keys sent, the screen read back."""

from __future__ import annotations

import sys
import time

from .seed_db import build_seed_db
from .terminal import alive, needs_tmux, tmux, wait_for

pytestmark = needs_tmux


def test_tmux_smoke(tmp_path):
    db = build_seed_db(tmp_path / "smoke.db", hostile=True)
    session = f"parley-test-{tmp_path.name}"
    command = f"cd {tmp_path} && NO_COLOR=1 TEXTUAL_ANIMATIONS=none {sys.executable} -m tui {db}"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        wait_for(session, "Chip export controls")
        screen = wait_for(session, "smoke.db")
        assert "[@click=app.quit]Hostile" in screen
        tmux("send-keys", "-t", session, "4")
        wait_for(session, "reviewed 0 / 11")
        tmux("send-keys", "-t", session, "a")
        wait_for(session, "reviewed 1 / 11")
        tmux("send-keys", "-t", session, "F3")
        wait_for(session, "S support")
        tmux("send-keys", "-t", session, "q")
        time.sleep(1.0)
        title = tmux("display-message", "-p", "-t", session, "#{pane_title}") if alive(session) else ""
        assert "pwned" not in title
    finally:
        if alive(session):
            tmux("kill-session", "-t", session)
    import sqlite3

    with sqlite3.connect(db) as conn:  # the decision survived quitting
        assert conn.execute("SELECT count(*) FROM statements WHERE review = 'accepted'").fetchone()[0] == 1

