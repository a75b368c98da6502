"""Commands for analysts as a team and for DNA users: import dna, review --double, agreement.

(``parley export dna`` lives with the other exports, ``--weighting dna`` with ``network``.)"""

from __future__ import annotations

import json

import click

from ..store import StoreError
from .base import main, open_store


@main.group("import")
def import_group():
    """Read coded data from other tools."""


@import_group.command("dna")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def import_dna(ctx, path, as_json):
    """Import a Discourse Network Analyzer (DNA 3.x) database: documents, statements with
    person, organization, concept and agreement, each as a decision of its DNA coder."""
    from ..store.dna import open_dna

    open_dna(path).close()  # not a DNA file: one line, and no database is created or touched
    with open_store(ctx, create=True) as store:
        counts = store.dna.import_file(path)
    if as_json:
        click.echo(json.dumps(counts))
        return
    skipped = ", ".join(f"{n} {label}" for label, n in counts["skipped"].items()) or "none"
    click.echo(f"imported {counts['documents']} documents ({counts['documents_existing']} already here), "
               f"{counts['statements']} statements ({counts['statements_existing']} already here), "
               f"{counts['stances']} stances, {counts['actors']} new actors, {counts['topics']} new topics; "
               f"coders: {', '.join(counts['coders']) or 'none'}; other statement types skipped: {skipped}")
    if counts["affiliation_conflicts"]:
        click.echo(f"note: {counts['affiliation_conflicts']} statements name a person with another organization "
                   "than their first; the first was kept as the affiliation", err=True)


def _share(value: str) -> float:
    text = value.strip()
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a share; write e.g. 20% or 0.2") from None
    share = number / 100 if text.endswith("%") or number > 1 else number
    if not 0 <= share <= 1:
        raise click.BadParameter(f"{value!r} is not between 0% and 100%")
    return share


@main.group("review", invoke_without_command=True)
@click.option("--double", "double", metavar="SHARE",
              help="Hand this share of the undecided statements to two coders (e.g. 20%).")
@click.option("--seed", type=int, default=0, show_default=True, help="Which sample (reproducible).")
@click.pass_context
def review(ctx, double, seed):
    """Set up team review: double coding for agreement. (The review itself is the explorer's
    Review section, F4; 'parley review apply FILE' applies decisions from a file.)"""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(ctx) as store:
        if double is None:
            click.echo(f"double coding: {store.team.double_share():.0%} of statements "
                       f"({store.scalar('SELECT count(*) FROM double_coding')} chosen); "
                       f"{store.team.disagreements()} disagreements to adjudicate")
            return
        result = store.team.set_double_share(_share(double), seed=seed)
    click.echo(f"double coding {result['share']:.0%}: {result['double_coded']} of {result['statements']} "
               f"statements go to two coders ({result['added']} newly chosen)")


@main.command("agreement")
@click.option("--coders", "coders", default=None, metavar="A,B", help="Only these coders (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def agreement(ctx, coders, as_json):
    """Inter-coder agreement (Krippendorff's alpha) on accept/reject and on stance labels."""
    from ..analysis.coder_agreement import coder_agreement

    names = [c.strip() for c in coders.split(",")] if coders else None
    with open_store(ctx, readonly=True) as store:
        known = store.team.coders()
        if names is not None:
            unknown = [n for n in names if n not in known]
            if unknown or len(names) < 2:
                raise StoreError(f"unknown coder {', '.join(unknown)}; coders with decisions: "
                                 f"{', '.join(known) or 'none'}" if unknown else "name at least two coders")
        result = coder_agreement(store, names)
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(f"coders: {', '.join(result['coders']) or 'none'}")
    for key, title in (("review", "accept/reject"), ("stance", "stance labels")):
        r = result[key]
        alpha = "n/a" if r["alpha"] is None else f"{r['alpha']:.3f}"
        click.echo(f"{title}: alpha {alpha} over {r['items']} items coded by two or more "
                   f"({r['agreed']} agreed, {r['disagreed']} disagreed)")
    click.echo(f"disagreements waiting for adjudication: {result['open_disagreements']}")


@main.command("log")
@click.option("--coder", "coder", default=None, metavar="NAME", help="Only this coder's decisions.")
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True)
@click.pass_context
def log(ctx, coder, limit):
    """The audit log: every decision, newest first, with its coder."""
    from ..textsafe import one_line

    with open_store(ctx, readonly=True) as store:
        rows = store.review.history(limit, coder=coder)
    for r in rows:
        undone = " (undone)" if r["undone"] else ""
        click.echo(one_line(f"{r['at']}  {r['coder'] or '(no coder)'}  {r['entity']} {r['entity_id']} "
                            f"{r['field']}: {r['old_value']} -> {r['new_value']}{undone}"))
