"""Commands that compare actors: compare, matrix, align, timeline, network, report.

Thin wrappers over extract.analysis (the TUI's Compare section calls the same functions).
Untrusted text reaches the terminal only as rich ``Text`` (never markup), cleaned by
textsafe.one_line.

The analysis modules (numpy, scipy, networkx) are imported inside the commands, so that
'parley --help' and the other commands start without them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..analysis.choices import AGREEMENT_KINDS as KINDS
from ..analysis.choices import NETWORK_FORMATS, NORMALIZATIONS, PICTURE_FORMATS, REPORT_FORMATS
from ..store import ACTOR_TYPES
from ..textsafe import one_line
from .base import main, open_store

out = Console(highlight=False, soft_wrap=False)


def T(value, limit: int | None = None) -> Text:
    """Untrusted text as a rich Text: one clean line, never parsed as markup."""
    return Text(one_line("" if value is None else str(value), limit))


def say(text: str) -> None:
    """One line of untrusted text, cleaned, printed as is (no markup, no wrapping)."""
    parts = text.split("\n")
    click.echo("\n".join(" " * (len(p) - len(p.lstrip(" "))) + one_line(p) for p in parts))


def split_names(values: tuple[str, ...]) -> list[str] | None:
    """Repeated options, each possibly comma-separated: --topics a,b --topics c."""
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    return names or None


def filter_options(f):
    f = click.option("--reviewed-only", is_flag=True,
                     help="Count only stances an analyst accepted or edited.")(f)
    f = click.option("--min-evidence", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Hide cells with fewer counted stances.")(f)
    f = click.option("--actor-type", "actor_types", multiple=True,
                     type=click.Choice(ACTOR_TYPES, case_sensitive=False),
                     help="Only actors of this type (repeatable).")(f)
    f = click.option("--topics", "topics", multiple=True, metavar="NAMES",
                     help="Only these topics: names or aliases, comma-separated or repeated.")(f)
    return f


def filters_from(topics, actor_types, min_evidence, reviewed_only, actors=()) -> dict:
    return {"topics": split_names(topics), "actor_types": list(actor_types) or None,
            "min_evidence": min_evidence, "reviewed_only": reviewed_only,
            "actors": split_names(actors)}


def write_output(text: str, out_path: str | None, what: str) -> None:
    if out_path is None or out_path == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(out_path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {what} to {out_path}: {exc.strerror or exc}") from None
    click.echo(f"wrote {what} to {out_path}", err=True)


# -- compare ------------------------------------------------------------------------------

@main.command()
@click.argument("actors", nargs=-1, required=True)
@click.option("--topics", "topics", multiple=True, metavar="NAMES",
              help="Only these topics: names or aliases, comma-separated or repeated.")
@click.option("--reviewed-only", is_flag=True, help="Count only stances an analyst accepted or edited.")
@click.option("--evidence", type=click.IntRange(min=0), default=3, show_default=True,
              help="Statements shown per actor and topic (0 hides the evidence).")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.pass_context
def compare(ctx, actors, topics, reviewed_only, evidence, as_json):
    """Side by side: each actor's stance per topic, agreement, and the evidence.

    ACTORS are canonical names or aliases, any case ('U.S.', 'pyongyang')."""
    from ..analysis.compare import compare_actors
    from ..analysis.report import cell_text
    if len(actors) < 2:
        raise click.UsageError("name at least two actors to compare")
    with open_store(ctx) as store:
        result = compare_actors(store, actors, reviewed_only=reviewed_only,
                                topics=split_names(topics), evidence=evidence > 0)
    people = result["actors"]
    if as_json:
        click.echo(json.dumps(_compare_json(result), indent=2, ensure_ascii=False))
        return
    if not result["topics"]:
        click.echo("none of these actors has a counted stance"
                   + (" on these topics" if topics else ""))
        return
    table = Table(show_lines=False, title=None)
    table.add_column(T("topic"))
    for actor in people:
        table.add_column(T(actor["name"]))
    if len(people) == 2:
        table.add_column(T("agreement"))
    pair = result["pairs"][0] if len(people) == 2 else None
    for topic in result["topics"]:
        row = [T(topic)] + [T(cell_text(result["cells"].get((a["id"], topic)))) for a in people]
        if pair is not None:
            row.append(T(_agreement_word(pair["topics"].get(topic))))
        table.add_row(*row)
    out.print(table)
    for p in result["pairs"]:
        a = next(x["name"] for x in people if x["id"] == p["a"])
        b = next(x["name"] for x in people if x["id"] == p["b"])
        say(f"{a} / {b}: congruence {p['congruence']:.2f}, conflict {p['conflict']:.2f}, "
                    f"score {p['congruence'] - p['conflict']:+.2f} over {p['shared']} shared topic(s)")
    if evidence:
        for topic in result["topics"]:
            for actor in people:
                cell = result["cells"].get((actor["id"], topic))
                if not cell:
                    continue
                say(f"\n{actor['name']} on {topic}: {cell_text(cell)}")
                for sid in cell["statements"][-evidence:]:
                    ev = result["evidence"].get(sid)
                    if ev:
                        source = ", ".join(str(x) for x in (ev["title"], ev["source"], ev["published"]) if x)
                        say(f"  [{sid}] {ev['speaker'] or ev['speaker_text'] or '?'}: "
                                    f"\u201c{one_line(ev['content'], 160)}\u201d \u2014 {source}")
                if len(cell["statements"]) > evidence:
                    say(f"  ... and {len(cell['statements']) - evidence} more")


def _agreement_word(score: tuple[float, float] | None) -> str:
    if score is None:
        return ""
    c, x = score
    if c and not x:
        return "agree" if c == 1 else f"partly agree ({c:.2f})"
    if x and not c:
        return "conflict" if x == 1 else f"partly conflict ({x:.2f})"
    if c or x:
        return f"mixed (+{c:.2f} / -{x:.2f})"
    return "no sides"


def _compare_json(result: dict) -> dict:
    names = {a["id"]: a["name"] for a in result["actors"]}
    return {
        "actors": result["actors"],
        "topics": result["topics"],
        "cells": [{k: v for k, v in c.items() if k not in ("actor_id", "topic_id")}
                  for c in result["cells"].values()],
        "pairs": [{"a": names[p["a"]], "b": names[p["b"]], "congruence": p["congruence"],
                   "conflict": p["conflict"], "shared": p["shared"],
                   "topics": {t: {"congruence": c, "conflict": x} for t, (c, x) in p["topics"].items()}}
                  for p in result["pairs"]],
        "evidence": {str(k): v for k, v in result["evidence"].items()},
    }


# -- matrix -------------------------------------------------------------------------------

@main.command()
@filter_options
@click.option("--actors", "actors", multiple=True, metavar="NAMES", help="Only these actors.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=40, show_default=True,
              help="Rows shown in the table (most evidence first); csv and json write all.")
@click.pass_context
def matrix(ctx, topics, actor_types, min_evidence, reviewed_only, actors, fmt, limit):
    """The actor x topic stance matrix: leading stance and counts per cell.

    S support, O oppose, C conditional, N neutral; 'mixed' marks an actor on both sides."""
    from ..analysis.matrix import actor_topic_matrix
    from ..analysis.network_export import csv_safe
    from ..analysis.report import cell_text
    with open_store(ctx) as store:
        m = actor_topic_matrix(store, **filters_from(topics, actor_types, min_evidence, reviewed_only, actors))
    if fmt == "json":
        cells = [{k: v for k, v in c.items() if k not in ("actor_id", "topic_id")} for c in m.cells.values()]
        click.echo(json.dumps({"actors": [a["name"] for a in m.actors],
                               "topics": [t["name"] for t in m.topics], "cells": cells},
                              indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["actor", "actor_type", "affiliation"] + [t["name"] for t in m.topics])
        for a in m.actors:
            writer.writerow([csv_safe(one_line(x or "")) for x in (a["name"], a["type"], a["affiliation"])]
                            + [cell_text(m.cell(a["id"], t["id"])) for t in m.topics])
        click.echo(buffer.getvalue(), nl=False)
        return
    if not m.cells:
        click.echo("no counted stances match (try without filters, or run 'parley extract')")
        return
    table = Table()
    table.add_column(T("actor"))
    table.add_column(T("type"))
    for t in m.topics:
        table.add_column(T(t["name"], 24))
    for a in m.actors[:limit]:
        table.add_row(T(a["name"], 30), T(a["type"]),
                      *[T(_short_cell(m.cell(a["id"], t["id"]))) for t in m.topics])
    out.print(table)
    hidden = len(m.actors) - limit
    click.echo(f"{len(m.actors)} actors x {len(m.topics)} topics, {len(m)} cells"
               + (f"; {hidden} more actors (--limit, or --format csv)" if hidden > 0 else "")
               + ".  S support  O oppose  C conditional  N neutral  * mixed")


def _short_cell(cell: dict | None) -> str:
    if not cell:
        return ""
    from ..analysis.rules import SHORT
    counts = "/".join(str(cell["counts"][label]) for label in ("support", "oppose", "conditional", "neutral"))
    return f"{SHORT[cell['stance']]}{'*' if cell['mixed'] else ''} {counts}"


# -- align, timeline ------------------------------------------------------------------------

@main.command()
@click.argument("actor")
@filter_options
@click.option("--normalize", type=click.Choice(NORMALIZATIONS), default="average", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True)
@click.pass_context
def align(ctx, actor, topics, actor_types, min_evidence, reviewed_only, normalize, limit):
    """Who is closest to ACTOR and who furthest, and the topics that decide it."""
    from ..analysis.alignment import alignment
    with open_store(ctx) as store:
        result = alignment(store, actor, normalize=normalize, limit=limit,
                           **filters_from(topics, actor_types, min_evidence, reviewed_only))
    say(f"alignment of {result['actor']} (congruence - conflict, {normalize})")
    for title, entries in (("closest", result["closest"]), ("furthest", result["furthest"])):
        say(f"{title}:")
        if not entries:
            say("  (none)")
        for e in entries:
            drivers = ", ".join(f"{name} (+{c:.2f}/-{x:.2f})" for name, c, x in e["topics"][:4])
            say(f"  {e['score']:+.2f}  {e['actor']['name']} ({e['actor']['type']}), "
                        f"{e['shared']} shared topic(s): {drivers}")


@main.command()
@click.option("--actors", "actors", multiple=True, metavar="NAMES", help="Only these actors.")
@click.option("--topics", "topics", multiple=True, metavar="NAMES", help="Only these topics.")
@click.option("--actor-type", "actor_types", multiple=True,
              type=click.Choice(ACTOR_TYPES, case_sensitive=False))
@click.option("--reviewed-only", is_flag=True)
@click.option("--changed", is_flag=True, help="Only actor-topic pairs whose stance changed.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def timeline(ctx, actors, topics, actor_types, reviewed_only, changed, as_json):
    """Stance over time per actor and topic, by article date, with the first change."""
    from ..analysis.timeline import stance_timeline
    with open_store(ctx) as store:
        rows = stance_timeline(store, actors=split_names(actors), topics=split_names(topics),
                               actor_types=list(actor_types) or None, reviewed_only=reviewed_only)
    if changed:
        rows = [r for r in rows if r["first_change"]]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("nothing to show")
        return
    for r in rows:
        points = " ".join(f"{p['date']}:{p['stance']}" for p in r["points"]) or "(no dated stances)"
        change = (f"  changed {r['first_change']} ({r['change'][0]} -> {r['change'][1]})"
                  if r["first_change"] else "")
        undated = f"  +{r['undated']} undated" if r["undated"] else ""
        say(f"{r['actor']} / {r['topic']}: {points}{change}{undated}")


# -- network, report ------------------------------------------------------------------------

@main.command()
@click.option("--kind", type=click.Choice(KINDS + ("actor-topic", "co-occurrence")), default="subtract",
              show_default=True)
@click.option("--weighting", type=click.Choice(["parley", "dna"]), default="parley", show_default=True,
              help="parley: agreement of actors' positions per topic; dna: DNA's counts of statement pairs.")
@click.option("--normalize", type=click.Choice(NORMALIZATIONS), default="none", show_default=True,
              help="Agreement networks only.")
@click.option("--format", "fmt", type=click.Choice(NETWORK_FORMATS + PICTURE_FORMATS), default="graphml",
              show_default=True, help="A file for other tools, or the network drawn (svg, png).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@filter_options
@click.option("--actors", "actors", multiple=True, metavar="NAMES", help="Only these actors.")
@click.pass_context
def network(ctx, kind, weighting, normalize, fmt, out_path, topics, actor_types, min_evidence, reviewed_only,
            actors):
    """Write an actor network for Gephi, visone or UCINET, or draw it (svg, png).

    congruence / conflict / subtract: actors joined by agreement on shared topics;
    actor-topic: the two-mode actor x topic network; co-occurrence (--weighting dna): every
    pair of statements on a shared topic, whatever the side."""
    from ..analysis.agreement import agreement_network
    from ..analysis.matrix import actor_topic_matrix
    from ..analysis.network_export import actor_topic_graph, agreement_graph, write_network
    filters = filters_from(topics, actor_types, min_evidence, reviewed_only, actors)
    if kind == "co-occurrence" and weighting != "dna":
        raise click.UsageError("--kind co-occurrence counts statement pairs: use it with --weighting dna")
    with open_store(ctx) as store:
        if weighting == "dna":
            from ..analysis.dna_network import dna_graph, dna_network

            graph = dna_graph(dna_network(store, kind=kind, **filters))
        elif kind == "actor-topic":
            graph = actor_topic_graph(actor_topic_matrix(store, **filters))
        else:
            graph = agreement_graph(agreement_network(store, kind=kind, normalize=normalize, **filters))
    what = f"{kind} network ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)"
    if fmt in PICTURE_FORMATS:
        _draw_network(graph, fmt, out_path, what, kind)
        return
    buffer = io.StringIO()
    write_network(graph, fmt, buffer)
    write_output(buffer.getvalue(), out_path, what)


def _draw_network(graph, fmt: str, out_path: str | None, what: str, kind: str) -> None:
    import sys

    from ..analysis.draw import draw_network, figure_png, figure_svg
    to_stdout = out_path is None or out_path == "-"
    if fmt == "png" and to_stdout and sys.stdout.isatty():
        raise click.UsageError("a PNG is binary: give --out FILE (or redirect the output)")
    fig = draw_network(graph, title=f"{kind} network")
    if fmt == "svg":
        write_output(figure_svg(fig, standalone=True), out_path, f"{what} as SVG")
        return
    data = figure_png(fig)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(out_path).write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"cannot write the picture to {out_path}: {exc.strerror or exc}") from None
    click.echo(f"wrote {what} as PNG to {out_path}", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="markdown", show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--actors", "actors", multiple=True, metavar="NAMES", help="Only these actors.")
@filter_options
@click.option("--max-actors", type=click.IntRange(min=1), default=25, show_default=True,
              help="Without --actors, the actors with most evidence.")
@click.option("--evidence", type=click.IntRange(min=0), default=5, show_default=True,
              help="Quoted statements per cell.")
@click.option("--pictures/--no-pictures", default=True, show_default=True,
              help="HTML only: draw the agreement network, the matrix grid and stance over time.")
@click.option("--timelines", type=click.IntRange(min=0), default=6, show_default=True,
              help="HTML pictures: stance-over-time charts (changed stances first).")
@click.pass_context
def report(ctx, fmt, out_path, actors, topics, actor_types, min_evidence, reviewed_only, max_actors, evidence,
           pictures, timelines):
    """A shareable briefing: stance matrix, agreement table and quoted evidence; as HTML, with
    pictures (network, coloured matrix, stance over time) drawn inline."""
    from ..analysis.report import build_briefing, render
    pictures = pictures and fmt == "html"
    with open_store(ctx) as store:
        briefing = build_briefing(store, actors=split_names(actors), topics=split_names(topics),
                                  actor_types=list(actor_types) or None, reviewed_only=reviewed_only,
                                  min_evidence=min_evidence, max_actors=max_actors,
                                  evidence_per_cell=evidence, timelines=timelines if pictures else 0)
    write_output(render(briefing, fmt, pictures=pictures), out_path, f"{fmt} report")


