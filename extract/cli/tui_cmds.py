"""``parley tui``: open the explorer on --db. Also what a bare ``parley`` runs."""

from __future__ import annotations

import click

from .base import main, open_store


@main.command("tui")
@click.option("--theme", default=None, help="Textual theme, e.g. ansi-dark, ansi-light, textual-dark.")
@click.pass_context
def tui(ctx: click.Context, theme: str | None) -> None:
    """Explore, review and compare: the keyboard-driven terminal app."""
    open_store(ctx).close()  # a clear one-line error for a missing or broken file
    from tui.app import run_tui

    run_tui(ctx.obj["db"], theme=theme, coder=ctx.obj.get("coder"))


def run_tui(db_path, theme: str | None = None, coder: str | None = None) -> None:
    """Open the explorer (``parley demo`` calls this); Textual is imported only here."""
    from tui.app import run_tui as _run

    _run(db_path, theme=theme, coder=coder)
