"""The reviewer's script from the issue, in a real terminal (tmux, 80x24, no mouse), on a
database made by the real ingest and extraction: review (accept, reject, change a stance,
undo), merge two actors, quit, reopen, and find everything as it was left, in the database
and on screen."""

from __future__ import annotations

import sqlite3
import sys

from .terminal import alive, keys, needs_tmux, quit_app, screen, tmux, type_text, wait_for

pytestmark = needs_tmux


def start(session: str, db, cwd) -> None:
    command = f"cd {cwd} && TEXTUAL_ANIMATIONS=none {sys.executable} -m tui {db}"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    wait_for(session, db.name)


def reviewed(conn) -> tuple[int, int]:
    return conn.execute("SELECT count(*) FILTER (WHERE review != 'pending'), count(*) FROM statements").fetchone()


def two_actors(db) -> tuple[str, str]:
    """Two organisations whose names are found only by themselves in the name filter."""
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM actors WHERE type = 'organization' AND length(name) > 8 ORDER BY id")]
        norms = [r[0] for r in conn.execute("SELECT norm FROM aliases")]
    unique = [n for n in names if sum(n.lower() in norm for norm in norms) == 1 and n.isascii()]
    return unique[0], unique[1]


def test_reviewer_script_survives_quit_and_reopen(extracted_db, tmp_path):
    session = f"parley-reviewer-{tmp_path.name}"
    db = extracted_db
    source, target = two_actors(db)
    start(session, db, tmp_path)
    try:
        keys(session, "4")
        wait_for(session, "reviewed 0 / ")
        keys(session, "a")
        wait_for(session, "reviewed 1 / ")
        keys(session, "x")
        wait_for(session, "reviewed 2 / ")
        for _ in range(40):  # skip to a statement with a stance
            if "no topic: t adds one" not in screen(session):
                break
            keys(session, "Space")
        keys(session, "2")  # oppose
        wait_for(session, ": oppose")
        keys(session, "u")
        wait_for(session, "undone: oppose on")
        wait_for(session, "back to pending")
        keys(session, "3")  # conditional, kept
        wait_for(session, ": conditional")
        with sqlite3.connect(db) as conn:
            left_reviewed = reviewed(conn)
            assert left_reviewed[0] == 3
            labels = [r[0] for r in conn.execute("SELECT review_label FROM stances WHERE review_label IS NOT NULL")]
            assert labels == ["conditional"]  # the oppose was undone
        # Actors: merge `source` into `target`.
        keys(session, "F2")
        wait_for(session, "Actor")
        keys(session, "/")
        type_text(session, source)
        keys(session, "Enter")
        wait_for(session, "1 actors")
        keys(session, "Enter")
        wait_for(session, "m Merge")
        keys(session, "m")
        wait_for(session, "Merge this actor into")
        type_text(session, target)
        keys(session, "Enter")
        wait_for(session, "merged ")
        quit_app(session)
        # Reopen: everything as left.
        start(session, db, tmp_path)
        keys(session, "4")
        wait_for(session, f"reviewed {left_reviewed[0]} / {left_reviewed[1]}")
        keys(session, "F2", "/")
        type_text(session, source)  # the merged name now finds the actor it went into
        keys(session, "Enter")
        shown = wait_for(session, target[:30])
        assert "1 actors" in shown
        quit_app(session)
    finally:
        if alive(session):
            tmux("kill-session", "-t", session)
    with sqlite3.connect(db) as conn:
        assert reviewed(conn) == left_reviewed
        assert conn.execute("SELECT count(*) FROM actors WHERE name = ?", (source,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM actors WHERE name = ?", (target,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM aliases al JOIN actors ac ON ac.id = al.actor_id "
                            "WHERE ac.name = ? AND al.alias = ?", (target, source)).fetchone()[0] == 1
