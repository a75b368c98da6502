"""The root ``parley`` group, shared options and error handling."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..store import Store, StoreError, check_coder, default_coder

DEFAULT_DB = "parley.db"


def default_db() -> str:
    return os.environ.get("PARLEY_DB") or DEFAULT_DB


class ParleyGroup(click.Group):
    """Turns StoreError and other expected failures into one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: one line for the user, the traceback to a log file
            log = _write_crash_log()
            click.echo(f"error: unexpected {type(exc).__name__}: {exc} (details in {log})", err=True)
            sys.exit(70)


def _write_crash_log() -> str:
    import tempfile
    import traceback

    from platformdirs import user_log_dir

    text = traceback.format_exc()
    for folder in (Path(user_log_dir("parley", appauthor=False)), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "crash.log"
            with path.open("a", encoding="utf-8") as f:
                f.write(text + "\n")
            return str(path)
        except OSError:
            continue
    return "nowhere: no writable log folder"


@click.group(cls=ParleyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", default=default_db, show_default="./parley.db or $PARLEY_DB",
              type=click.Path(dir_okay=False), help="SQLite database file.")
@click.option("--coder", "coder", default=None, metavar="NAME",
              help="Who makes the decisions (default: $PARLEY_CODER, else the login name).")
@click.version_option(__version__, prog_name="parley")
@click.pass_context
def main(ctx: click.Context, db_path: str, coder: str | None) -> None:
    """Parley: who said what in the news, reviewed and compared from the terminal.

    With no command, opens the explorer on --db."""
    ctx.obj = {"db": db_path, "coder": check_coder(coder) if coder is not None else default_coder()}
    if ctx.invoked_subcommand is None:
        ctx.invoke(main.commands["tui"])


def open_store(ctx: click.Context, *, create: bool = False, readonly: bool = False) -> Store:
    """Open the database named by --db; a missing file is an error unless ``create``."""
    path = Path(ctx.obj["db"])
    if not create and not path.exists():
        raise StoreError(f"database not found: {path} (create it with 'parley ingest PATH', "
                         "or try 'parley demo')")
    return Store(path, readonly=readonly, create=create, coder=ctx.obj.get("coder"))
