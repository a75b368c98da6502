"""Commands that close the loop between the analyst and the machine: review apply, learn,
and the accuracy figures of ``stats --accuracy``."""

from __future__ import annotations

import json
import time

import click

from .base import main, open_store
from .team_cmds import review


@review.command("apply")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def review_apply(ctx, path, as_json):
    """Apply decisions from a JSONL file, one a line: {"statement": ID, "decision":
    "accept"|"reject"}, {"statement": ID, "topic": NAME, "stance": LABEL} (or "decision":
    "reject" for that stance), {"statement": ID, "speaker": NAME}; optional "coder". Same rules,
    audit log and undo as the explorer; bad lines are reported and the good ones still apply."""
    from ..review_file import apply_file
    from ..textsafe import one_line

    with open_store(ctx) as store:
        summary = apply_file(store, path)
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    else:
        click.echo(f"{summary.applied} decisions applied, {summary.unchanged} unchanged, "
                   f"{len(summary.errors)} bad lines (of {summary.lines})")
        for number, error in summary.errors[:50]:
            click.echo(one_line(f"{path}:{number}: {error}"), err=True)
        if len(summary.errors) > 50:
            click.echo(f"  ... and {len(summary.errors) - 50} more", err=True)
    if summary.errors and not summary.applied and not summary.unchanged:
        ctx.exit(1)


@main.command("learn")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def learn_cmd(ctx, as_json):
    """Learn from the reviewed statements and stances: which statements the analyst rejects and
    which stance each (statement, topic) gets. The model overrides the rules only where it did
    better on held-back reviews; the next 'parley extract' redoes the articles with pending
    statements (reviewed ones are never touched)."""
    from ..learn import learn

    started = time.perf_counter()
    with open_store(ctx) as store:
        version, report = learn(store)
        status = store.learning.learn_status()
    seconds = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps({"version": version, "seconds": round(seconds, 3), "decisions": status["reviewed"],
                               **report}))
        return
    click.echo(f"learned model v{version} from {status['reviewed']} reviewed statements in {seconds:.1f} s")
    for what, key in (("statements", "by_kind"), ("stances", "by_rule_label")):
        part = report[what]
        if "skipped" in part:
            click.echo(f"  {what}: not learned ({part['skipped']}; {part['examples']} decisions)")
            continue
        for group, fig in part.get(key, {}).items():
            where = f"{what} ({'kind' if key == 'by_kind' else 'rules said'} {group})"
            if fig["threshold"] is None:
                click.echo(f"  {where}: rules stay (rules scored {fig['rules_score']} on {fig['held_back']} "
                           "held-back decisions, the model not better)")
            else:
                click.echo(f"  {where}: model overrides ({_setting_text(fig['threshold'])}; scored "
                           f"{fig['model_score']} on {fig['held_back']} held back, rules {fig['rules_score']})")
    click.echo("next 'parley extract' applies it to articles with pending statements" if report["overrides"]
               else "the rules stay in charge everywhere: nothing to re-extract")


def _setting_text(setting) -> str:
    """A statement threshold (a number) or a stance setting [relabel above, drop below]."""
    if isinstance(setting, (int, float)):
        return f"drops above p={setting:.1f}"
    relabel, drop = setting
    parts = ([f"relabels above p={relabel:.1f}"] if relabel is not None else []) + \
        ([f"drops where the rules' label has p<{drop:.1f}"] if drop is not None else [])
    return ", ".join(parts)


def print_accuracy(store, as_json: bool) -> None:
    figures = store.learning.accuracy()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return

    def line(name: str, f: dict) -> str:
        if not f["reviewed"]:
            return f"  {name:<14} no reviewed items"
        return (f"  {name:<14} {f['precision']:6.1%}  ({f['right']:,} right of {f['reviewed']:,}; "
                f"95% interval {f['low']:.0%}-{f['high']:.0%})")

    click.echo("machine precision from reviewed items")
    click.echo(line("statements", figures["statements"]))
    for kind, f in figures["statements"]["by_kind"].items():
        click.echo(line(f"  {kind}", f))
    click.echo(line("stances", figures["stances"]))
    for label, f in figures["stances"]["by_label"].items():
        click.echo(line(f"  {label}", f))
