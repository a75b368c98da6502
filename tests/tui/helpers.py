from __future__ import annotations

import sqlite3


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their results repaint."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def row(db, sql: str, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from the compositor)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
