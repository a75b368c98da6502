from __future__ import annotations

import sqlite3


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish, the 'working…' indicator clear, and the results repaint."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    # The status bar samples running workers every 0.25 s, so its indicator can outlive them
    # by one tick: a snapshot taken then would differ only by 'working…'.
    for _ in range(40):
        if not pilot.app.busy:
            break
        await pilot.pause(0.05)
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
