"""The HTML report's pictures: the agreement network of the briefing's actors, the matrix as a
coloured grid and stance over time, each an inline <svg> (no script, nothing fetched) with a
caption. The numbers are the briefing's own (the tables below the pictures say the same)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from ..textsafe import one_line

if TYPE_CHECKING:
    from .report import Briefing

CSS = """figure{margin:1em 0}figure svg{max-width:100%;height:auto;display:block}
figcaption{color:#555;font-size:.9em}"""


def briefing_graph(b: Briefing) -> nx.Graph:
    """The briefing's agreement network (subtract, no normalisation: the agreement table's
    'score'), in the shape network_export.agreement_graph gives."""
    g = nx.Graph(kind="subtract", normalize="none")
    for actor in b.matrix.actors:
        g.add_node(f"a{actor['id']}", label=one_line(actor["name"] or ""), kind="actor",
                   actor_type=actor["type"], affiliation=one_line(actor.get("affiliation") or ""))
    for p in b.pairs:
        g.add_edge(f"a{p['a_id']}", f"a{p['b_id']}", weight=p["score"], congruence=p["congruence"],
                   conflict=p["conflict"], shared=p["shared"])
    return g


def pictures_html(b: Briefing) -> list[str]:
    """HTML lines: one <figure> per picture, with ids network, matrix-grid and timelines."""
    from .draw import draw_matrix, draw_network, draw_timelines, figure_svg

    out = ["<h2>Pictures</h2>"]
    graph = briefing_graph(b)
    out.append('<figure id="network">' + figure_svg(draw_network(graph), title="Agreement network")
               + "<figcaption>Agreement network: actors coloured by type; blue edges agree, red "
               "edges conflict, wider is stronger (congruence minus conflict over shared "
               "topics).</figcaption></figure>")
    out.append('<figure id="matrix-grid">' + figure_svg(draw_matrix(b.matrix), title="Stance matrix")
               + "<figcaption>Stance matrix: each cell in the colour of the leading stance, with "
               "its letter and number of stances.</figcaption></figure>")
    if b.timelines:
        out.append('<figure id="timelines">' + figure_svg(draw_timelines(b.timelines), title="Stance over time")
                   + f"<figcaption>Stance over time for {len(b.timelines)} actor and topic pair(s), "
                   "changed stances first; the dashed line marks the first change.</figcaption></figure>")
    return out
