"""A shareable briefing: the stance matrix, the agreement table and, per cell, the quoted
evidence with its source and date, as Markdown or as one self-contained HTML file.

Everything that comes from articles or from the analyst's names is untrusted: Markdown output
backslash-escapes every character Markdown or inline HTML could act on, HTML output goes through
html.escape, and both strip control characters first (textsafe.one_line).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import combinations
from typing import TYPE_CHECKING

from ..textsafe import one_line
from .choices import REPORT_FORMATS
from .matrix import StanceMatrix, actor_topic_matrix
from .rules import SHORT, SIDES, topic_agreement

if TYPE_CHECKING:
    from ..store import Store

FORMATS = REPORT_FORMATS
RULES = (
    "Counts use the analyst's label where there is one and the machine's otherwise; rejected "
    "statements and stances never count. A statement by an official counts for the person and "
    "for the bodies and country they speak for; media count for no one. Agreement per shared "
    "topic: same side 1, support with conditional 0.5, opposite sides -1, conditional with "
    "oppose -0.5, neutral 0."
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~&$])")
_MD_LIST = re.compile(r"^(\d+)([.)])")


def md(text) -> str:
    """Markdown-safe single line: every punctuation Markdown or HTML could act on is escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(str(text)))
    # '1. x' or '1) x' would start an ordered list where the text begins a line.
    return _MD_LIST.sub(r"\1\\\2", escaped)


def h(text) -> str:
    return html.escape(one_line(str(text)), quote=True)


@dataclass
class Briefing:
    matrix: StanceMatrix
    pairs: list[dict]        # {a, b, congruence, conflict, score, shared, topics}
    evidence: dict[int, dict]
    filters: dict
    evidence_per_cell: int
    generated: str
    timelines: list[dict] = field(default_factory=list)   # stance_timeline rows to draw


def build_briefing(store: Store, *, actors: Iterable[str | int] | None = None,
                   topics: Iterable[str | int] | None = None,
                   actor_types: Iterable[str] | None = None, reviewed_only: bool = False,
                   min_evidence: int = 1, max_actors: int = 25, evidence_per_cell: int = 5,
                   timelines: int = 0) -> Briefing:
    """The briefing's numbers. ``timelines``: how many (actor, topic) stance-over-time rows to
    keep for the pictures (those whose stance changed first, then those with most dates)."""
    matrix = actor_topic_matrix(store, actors=actors, topics=topics, actor_types=actor_types,
                                reviewed_only=reviewed_only, min_evidence=min_evidence)
    if actors is None and len(matrix.actors) > max_actors:
        kept = {a["id"] for a in matrix.actors[:max_actors]}
        matrix = StanceMatrix(matrix.actors[:max_actors],
                              [t for t in matrix.topics
                               if any((a, t["id"]) in matrix.cells for a in kept)],
                              {k: c for k, c in matrix.cells.items() if k[0] in kept})
    pairs = _pairs(matrix)
    pairs.sort(key=lambda p: (-abs(p["score"]), -p["shared"], p["a"].casefold(), p["b"].casefold()))
    wanted = [s for c in matrix.cells.values() for s in c["statements"][-evidence_per_cell:]]
    filters = {"actors": list(actors) if actors else None, "topics": list(topics) if topics else None,
               "actor types": list(actor_types) if actor_types else None,
               "reviewed only": reviewed_only, "minimum evidence": min_evidence}
    return Briefing(matrix, pairs, store.stance_rows.statements(wanted), filters, evidence_per_cell,
                    datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    _timelines(store, matrix, timelines, reviewed_only) if timelines else [])


def _pairs(matrix: StanceMatrix) -> list[dict]:
    """Every actor pair that agrees or conflicts on a shared topic (rules.topic_agreement),
    topics in the matrix's order. Looks only at the topics both actors have cells on."""
    order = {t["id"]: i for i, t in enumerate(matrix.topics)}
    names = {t["id"]: t["name"] for t in matrix.topics}
    spoken: dict[int, set[int]] = {}
    for actor_id, topic_id in matrix.cells:
        if topic_id in order:
            spoken.setdefault(actor_id, set()).add(topic_id)
    pairs = []
    for a, b in combinations(matrix.actors, 2):
        shared = spoken.get(a["id"], set()) & spoken.get(b["id"], set())
        if not shared:
            continue
        congruence = conflict = 0.0
        involved = []
        for topic_id in sorted(shared, key=order.get):
            c, x = topic_agreement(matrix.cell(a["id"], topic_id)["counts"],
                                   matrix.cell(b["id"], topic_id)["counts"])
            if c or x:
                congruence, conflict = congruence + c, conflict + x
                involved.append(names[topic_id])
        if involved:
            pairs.append({"a": a["name"], "b": b["name"], "a_id": a["id"], "b_id": b["id"],
                          "congruence": congruence, "conflict": conflict, "score": congruence - conflict,
                          "shared": len(involved), "topics": involved})
    return pairs


def _timelines(store: Store, matrix: StanceMatrix, limit: int, reviewed_only: bool) -> list[dict]:
    """The stance-over-time rows worth drawing among the matrix's cells: cells whose stance
    changed, most evidence first, then the cells with most evidence. Only cells holding two
    different sides can change, so only the strongest of those are read in time order."""
    from .timeline import stance_timeline

    if not matrix.cells:
        return []
    by_evidence = sorted(matrix.cells, key=lambda k: (-matrix.cell(*k)["total"], k))
    sides = [k for k in by_evidence
             if sum(1 for label in SIDES if matrix.cell(*k)["counts"].get(label)) >= 2]
    wanted = sides[:4 * limit] + by_evidence[:limit]
    rows = stance_timeline(store, actors=sorted({a for a, _t in wanted}), topics=sorted({t for _a, t in wanted}),
                           reviewed_only=reviewed_only, pairs=wanted)
    rank = {k: i for i, k in enumerate(by_evidence)}
    rows = [r for r in rows if r["points"]]
    rows.sort(key=lambda r: (r["first_change"] is None, rank[(r["actor_id"], r["topic_id"])]))
    return rows[:limit]


def cell_text(cell: dict | None) -> str:
    """'S 2 (S2 O0 C1 N0) mixed' style summary; '' for an empty cell."""
    if not cell:
        return ""
    counts = " ".join(f"{SHORT[label]}{n}" for label, n in cell["counts"].items() if n)
    return f"{cell['stance']} ({counts}){' mixed' if cell['mixed'] else ''}"


def _evidence_lines(b: Briefing, cell: dict) -> tuple[list[dict], int]:
    shown = [b.evidence[s] for s in cell["statements"][-b.evidence_per_cell:] if s in b.evidence]
    return shown, len(cell["statements"]) - len(shown)


def _review(ev: dict) -> str:
    """'accepted by ana' (the coder who decided it), or the bare state."""
    who = ev.get("reviewed_by")
    return f"{ev['review']} by {who}" if who and ev["review"] != "pending" else ev["review"]


def _source(ev: dict) -> str:
    parts = [ev.get("title") or f"article {ev['article_id']}", ev.get("source"), ev.get("published")]
    return ", ".join(one_line(str(p)) for p in parts if p)


def render_markdown(b: Briefing) -> str:
    m = b.matrix
    out = ["# Parley briefing", "", f"Generated {md(b.generated)}\\. {md(RULES)}", ""]
    active = [f"{md(k)}: {md(', '.join(map(str, v)) if isinstance(v, list) else v)}"
              for k, v in b.filters.items() if v]
    if active:
        out += ["Filters: " + "; ".join(active), ""]
    out += ["## Stance matrix", ""]
    if not m.cells:
        out += ["No counted stances match\\.", ""]
        return "\n".join(out)
    out.append("| actor | " + " | ".join(md(t["name"]) for t in m.topics) + " |")
    out.append("|---" * (len(m.topics) + 1) + "|")
    for a in m.actors:
        out.append(f"| {md(a['name'])} | "
                   + " | ".join(md(cell_text(m.cell(a['id'], t['id']))) for t in m.topics) + " |")
    out += ["", "## Agreement", ""]
    if b.pairs:
        out += ["| actor | actor | congruence | conflict | score | topics |", "|---|---|---|---|---|---|"]
        for p in b.pairs:
            out.append(f"| {md(p['a'])} | {md(p['b'])} | {p['congruence']:.2f} | {p['conflict']:.2f} | "
                       f"{p['score']:+.2f} | {md('; '.join(p['topics']))} |")
    else:
        out.append("No two actors share a topic\\.")
    out += ["", "## Evidence", ""]
    for a in m.actors:
        for t in m.topics:
            cell = m.cell(a["id"], t["id"])
            if not cell:
                continue
            out += [f"### {md(a['name'])} on {md(t['name'])}: {md(cell_text(cell))}", ""]
            shown, more = _evidence_lines(b, cell)
            for ev in shown:
                speaker = ev.get("speaker") or ev.get("speaker_text") or "unknown speaker"
                out.append(f"- {md(speaker)}: \u201c{md(ev['content'])}\u201d \u2014 {md(_source(ev))}"
                           f" \\({md(_review(ev))}\\)")
            if more:
                out.append(f"- \u2026 and {more} more")
            out.append("")
    return "\n".join(out)


_CSS = """body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
th{background:#f3f3f3}.mixed{background:#fff3cd}blockquote{margin:.3em 0 .3em 1em;color:#333}
.src{color:#666;font-size:.9em}"""


def render_html(b: Briefing, *, pictures: bool = False) -> str:
    """The briefing as one HTML file; with ``pictures``, the network, the matrix grid and
    stance over time as inline SVG before the tables (report_pictures)."""
    m = b.matrix
    css = _CSS
    if pictures:
        from .report_pictures import CSS as PICTURE_CSS
        css += "\n" + PICTURE_CSS
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           # Nothing in the file may load anything: no scripts, images only inline.
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">",
           "<title>Parley briefing</title>", f"<style>{css}</style></head><body>",
           "<h1>Parley briefing</h1>", f"<p>Generated {h(b.generated)}. {h(RULES)}</p>"]
    active = [f"{h(k)}: {h(', '.join(map(str, v)) if isinstance(v, list) else v)}"
              for k, v in b.filters.items() if v]
    if active:
        out.append("<p>Filters: " + "; ".join(active) + "</p>")
    if pictures and m.cells:
        from .report_pictures import pictures_html
        out += pictures_html(b)
    out.append("<h2>Stance matrix</h2>")
    if not m.cells:
        out += ["<p>No counted stances match.</p>", "</body></html>"]
        return "\n".join(out)
    out.append("<table><thead><tr><th>actor</th>" + "".join(f"<th>{h(t['name'])}</th>" for t in m.topics)
               + "</tr></thead><tbody>")
    for a in m.actors:
        cells = []
        for t in m.topics:
            cell = m.cell(a["id"], t["id"])
            css = ' class="mixed"' if cell and cell["mixed"] else ""
            cells.append(f"<td{css}>{h(cell_text(cell))}</td>")
        out.append(f"<tr><th>{h(a['name'])}</th>{''.join(cells)}</tr>")
    out.append("</tbody></table><h2>Agreement</h2>")
    if b.pairs:
        out.append("<table><thead><tr><th>actor</th><th>actor</th><th>congruence</th><th>conflict</th>"
                   "<th>score</th><th>topics</th></tr></thead><tbody>")
        for p in b.pairs:
            out.append(f"<tr><td>{h(p['a'])}</td><td>{h(p['b'])}</td><td>{p['congruence']:.2f}</td>"
                       f"<td>{p['conflict']:.2f}</td><td>{p['score']:+.2f}</td>"
                       f"<td>{h('; '.join(p['topics']))}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append("<p>No two actors share a topic.</p>")
    out.append("<h2>Evidence</h2>")
    for a in m.actors:
        for t in m.topics:
            cell = m.cell(a["id"], t["id"])
            if not cell:
                continue
            out.append(f"<h3>{h(a['name'])} on {h(t['name'])}: {h(cell_text(cell))}</h3>")
            shown, more = _evidence_lines(b, cell)
            for ev in shown:
                speaker = ev.get("speaker") or ev.get("speaker_text") or "unknown speaker"
                out.append(f"<blockquote><b>{h(speaker)}</b>: \u201c{h(ev['content'])}\u201d "
                           f'<span class="src">\u2014 {h(_source(ev))} ({h(_review(ev))})</span></blockquote>')
            if more:
                out.append(f"<p>\u2026 and {more} more</p>")
    out.append("</body></html>")
    return "\n".join(out)


def render(b: Briefing, fmt: str, *, pictures: bool = False) -> str:
    """``pictures`` applies to HTML (Markdown stays text)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return render_markdown(b) if fmt == "markdown" else render_html(b, pictures=pictures)
