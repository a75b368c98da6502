"""The issue's check, in real terminals: two explorers on one copy of the demo database,
coders 'ana' and 'ben', one pressing `a` eight times and the other `x` eight times in Review,
keys interleaved. Afterwards: eight statements accepted by ana, eight rejected by ben, sixteen
different statements, every decision with its coder; each explorer's counter follows."""

from __future__ import annotations

import os
import sqlite3
import sys

from .terminal import alive, keys, needs_tmux, quit_app, tmux, wait_for

pytestmark = needs_tmux


def start(session: str, db, cwd, coder: str) -> None:
    command = f"cd {cwd} && PARLEY_CODER={coder} TEXTUAL_ANIMATIONS=none {sys.executable} -m tui {db}"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    wait_for(session, db.name)
    wait_for(session, coder)  # the status line names the coder


def test_two_coders_review_at_once_without_lost_decisions(extracted_db, tmp_path):
    db = extracted_db
    tag = f"{os.getpid()}-{tmp_path.name}"  # other test runs on this machine share the tmux server
    ana, ben = f"parley-ana-{tag}", f"parley-ben-{tag}"
    start(ana, db, tmp_path, "ana")
    start(ben, db, tmp_path, "ben")
    try:
        keys(ana, "4")
        keys(ben, "4")
        wait_for(ana, "reviewed 0 / ")
        wait_for(ben, "reviewed 0 / ")
        for _ in range(8):
            keys(ana, "a", pause=0.15)
            keys(ben, "x", pause=0.15)
        wait_for(ana, "reviewed 16 / ", timeout=30)  # ana's counter follows ben's decisions too
        wait_for(ben, "reviewed 16 / ", timeout=30)
        shown = wait_for(ana, "rev ")
        assert "ana" in shown
        quit_app(ana)
        quit_app(ben)
    finally:
        for session in (ana, ben):
            if alive(session):
                tmux("kill-session", "-t", session)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, review, reviewed_by FROM statements WHERE review != 'pending'").fetchall()
        accepted = {r[0] for r in rows if r[1:] == ("accepted", "ana")}
        rejected = {r[0] for r in rows if r[1:] == ("rejected", "ben")}
        assert len(accepted) == 8 and len(rejected) == 8 and len(rows) == 16
        assert not accepted & rejected
        coders = conn.execute("SELECT coder, count(DISTINCT decision) FROM reviews GROUP BY coder").fetchall()
        assert sorted(coders) == [("ana", 8), ("ben", 8)]
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0  # released on quit
