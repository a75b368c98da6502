"""Networks as files other tools open: GraphML (Gephi, visone, yEd), GEXF (Gephi), CSV edge
lists (spreadsheets, R, pandas) and UCINET DL.

Two kinds of network:
- actor x actor agreement (congruence, conflict, subtract): nodes are actors (label, actor
  type, affiliation); edges carry weight, congruence, conflict, shared (topics both take a side
  on) and topics (the topics involved, '; '-separated);
- actor x topic (two-mode): nodes are actors and topics (attribute ``kind``); an edge joins an
  actor to a topic it spoke on, with weight = counted stances, the leading stance, the counts
  per label and ``mixed``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

import networkx as nx

from ..textsafe import one_line
from .agreement import AgreementNetwork
from .choices import NETWORK_FORMATS
from .matrix import StanceMatrix

FORMATS = NETWORK_FORMATS


def agreement_graph(net: AgreementNetwork) -> nx.Graph:
    g = nx.Graph(kind=net.kind, normalize=net.normalize)
    for actor in net.actors():
        g.add_node(f"a{actor['id']}", label=_text(actor["name"]), kind="actor",
                   actor_type=actor["type"], affiliation=_text(actor["affiliation"]))
    for e in net.edges():
        g.add_edge(f"a{e['source']['id']}", f"a{e['target']['id']}", weight=e["weight"],
                   congruence=e["congruence"], conflict=e["conflict"], shared=e["shared"],
                   topics="; ".join(_text(t) for t in e["topics"]))
    return g


def actor_topic_graph(matrix: StanceMatrix) -> nx.Graph:
    g = nx.Graph(kind="actor-topic")
    for actor in matrix.actors:
        g.add_node(f"a{actor['id']}", label=_text(actor["name"]), kind="actor",
                   actor_type=actor["type"], affiliation=_text(actor["affiliation"]))
    for topic in matrix.topics:
        g.add_node(f"t{topic['id']}", label=_text(topic["name"]), kind="topic",
                   actor_type="", affiliation="")
    for (actor_id, topic_id), cell in matrix.cells.items():
        g.add_edge(f"a{actor_id}", f"t{topic_id}", weight=cell["total"], stance=cell["stance"],
                   mixed=cell["mixed"], **{label: n for label, n in cell["counts"].items()})
    return g


def write_network(graph: nx.Graph, fmt: str, out: str | Path | IO[str]) -> None:
    """Write ``graph`` (from agreement_graph or actor_topic_graph) in ``fmt`` to a path or a
    text stream."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt in ("graphml", "gexf"):
        lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
        text = "\n".join(lines) + "\n"
    elif fmt == "csv":
        text = _csv(graph)
    else:
        text = _dl(graph)
    if isinstance(out, (str, Path)):
        Path(out).write_text(text, encoding="utf-8")
    else:
        out.write(text)


def _text(value: str | None) -> str:
    """Names as single clean lines ('' for None: GraphML and GEXF have no null)."""
    return one_line(value) if value else ""


def csv_safe(value):
    """Defuse spreadsheet formulas: a text cell starting with = + - @ (or a tab/CR) gets a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(graph: nx.Graph) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    nodes = graph.nodes
    if graph.graph.get("kind") == "actor-topic":
        header = ["actor", "actor_type", "affiliation", "topic", "stance", "weight",
                  "support", "oppose", "conditional", "neutral", "mixed"]
        rows = []
        for u, v, d in graph.edges(data=True):
            actor, topic = (u, v) if nodes[u]["kind"] == "actor" else (v, u)
            rows.append([nodes[actor]["label"], nodes[actor]["actor_type"], nodes[actor]["affiliation"],
                         nodes[topic]["label"], d["stance"], d["weight"], d["support"], d["oppose"],
                         d["conditional"], d["neutral"], d["mixed"]])
        rows.sort(key=lambda r: (str(r[0]).casefold(), str(r[3]).casefold()))
    else:
        # One row per undirected pair, 'source, target, weight' first (what Gephi and DNA
        # users' scripts read), then the details.
        header = ["source", "target", "weight", "source_type", "source_affiliation", "target_type",
                  "target_affiliation", "congruence", "conflict", "shared", "topics"]
        rows = []
        for u, v, d in graph.edges(data=True):
            if nodes[u]["label"].casefold() > nodes[v]["label"].casefold():
                u, v = v, u
            rows.append([nodes[u]["label"], nodes[v]["label"], round(d["weight"], 6),
                         nodes[u]["actor_type"], nodes[u]["affiliation"],
                         nodes[v]["actor_type"], nodes[v]["affiliation"],
                         round(d["congruence"], 6), round(d["conflict"], 6), d["shared"], d["topics"]])
        rows.sort(key=lambda r: (-abs(r[2]), str(r[0]).casefold(), str(r[1]).casefold()))
    writer.writerow(header)
    writer.writerows([csv_safe(x) for x in row] for row in rows)
    return buffer.getvalue()


def _dl_label(text: str) -> str:
    # UCINET labels: one line, quoted; a double quote inside would end the label.
    return '"' + text.replace('"', "'") + '"'


def _dl(graph: nx.Graph) -> str:
    """UCINET DL with explicit labels and a numbered edge list, so isolates survive."""
    nodes = graph.nodes
    if graph.graph.get("kind") == "actor-topic":
        actors = [n for n in nodes if nodes[n]["kind"] == "actor"]
        topics = [n for n in nodes if nodes[n]["kind"] == "topic"]
        row = {n: i for i, n in enumerate(actors, 1)}
        col = {n: i for i, n in enumerate(topics, 1)}
        lines = [f"DL NR={len(actors)} NC={len(topics)} FORMAT=EDGELIST2", "ROW LABELS:"]
        lines += [_dl_label(nodes[n]["label"]) for n in actors]
        lines.append("COLUMN LABELS:")
        lines += [_dl_label(nodes[n]["label"]) for n in topics]
        lines.append("DATA:")
        for u, v, d in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            actor, topic = (u, v) if nodes[u]["kind"] == "actor" else (v, u)
            lines.append(f"{row[actor]} {col[topic]} {d['weight']:g}")
    else:
        order = list(nodes)
        index = {n: i for i, n in enumerate(order, 1)}
        lines = [f"DL N={len(order)} FORMAT=EDGELIST1", "LABELS:"]
        lines += [_dl_label(nodes[n]["label"]) for n in order]
        lines.append("DATA:")
        for u, v, d in graph.edges(data=True):
            i, j = sorted((index[u], index[v]))
            # An undirected edge goes both ways in UCINET's edge lists.
            lines.append(f"{i} {j} {d['weight']:.6g}")
            lines.append(f"{j} {i} {d['weight']:.6g}")
    return "\n".join(lines) + "\n"
