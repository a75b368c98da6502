"""The agreement network as a picture: actors as dots coloured by type, edges coloured by
congruence or conflict with a width that follows the weight, a stable layout.

Takes the ``networkx.Graph`` that ``network_export.agreement_graph`` / ``actor_topic_graph``
build (or the report's own graph of the same shape): nodes carry ``label``, ``kind`` and
``actor_type``; agreement edges carry ``weight`` (and ``congruence``, ``conflict``),
actor-topic edges ``weight`` and ``stance``.

Layout: networkx's spring layout with a fixed seed over the nodes in a fixed order, pulled
together by agreement only (a conflict is drawn but does not attract), so the same data gives
the same picture. Readability: the figure grows with the number of nodes, labels sit on a
white box beside their dot, and past ``max_labels`` only the most connected actors are named;
past ``max_edges`` only the strongest edges are drawn (the caption says so).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import colours
from .canvas import label, new_figure

SEED = 14
MAX_LABELS = 80
MAX_EDGES = 1500


def layout(graph: nx.Graph, seed: int = SEED) -> dict:
    """Node -> (x, y) in [-1, 1], the same for the same graph (nodes and edges sorted first)."""
    attract = nx.Graph()
    attract.add_nodes_from(sorted(graph.nodes, key=str))
    kind = graph.graph.get("kind")
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        w = float(d.get("weight", 1.0))
        if kind in ("congruence", "conflict", "actor-topic"):
            w = abs(w)
        # A conflict pulls a little (the pair is related), far less than an agreement.
        attract.add_edge(u, v, weight=w if w > 0 else 0.05 * abs(w) + 1e-3)
    if not len(attract):
        return {}
    if len(attract) == 1:
        return {next(iter(attract)): np.array([0.0, 0.0])}
    k = 1.4 / math.sqrt(len(attract))   # looser than networkx's default: room for labels
    pos = nx.spring_layout(attract, k=k, iterations=80, seed=seed, weight="weight")
    pos = nx.rescale_layout_dict(pos, scale=1.0)
    nodes = list(pos)
    spread = _spread(np.array([pos[n] for n in nodes]), min_gap=min(0.16, 1.1 / math.sqrt(len(nodes))))
    return dict(zip(nodes, spread))


def _spread(xy: np.ndarray, min_gap: float, rounds: int = 60) -> np.ndarray:
    """Push apart dots closer than ``min_gap`` (labels need the room), keeping the layout's
    shape; then rescale each axis into [-1, 1] (the picture is filled)."""
    xy = xy.copy()
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + np.eye(len(xy))
        close = (dist < min_gap) & ~np.eye(len(xy), dtype=bool)
        if not close.any():
            break
        push = np.where(close, (min_gap - dist) / dist / 2, 0.0)
        xy += (delta * push[:, :, None]).sum(1)
    span = np.abs(xy).max(axis=0)
    span[span == 0] = 1.0
    return xy / span


def edge_colour(kind: str | None, data: dict) -> str:
    if kind == "actor-topic":
        return colours.STANCE.get(data.get("stance"), colours.OTHER)
    if kind == "conflict":
        return colours.CONFLICT
    if kind == "congruence":
        return colours.CONGRUENCE
    w = float(data.get("weight", 0.0))
    return colours.CONGRUENCE if w > 1e-12 else colours.CONFLICT if w < -1e-12 else colours.BALANCED


def node_colour(data: dict) -> str:
    if data.get("kind") == "topic":
        return colours.TOPIC
    return colours.ACTOR_TYPE.get(data.get("actor_type"), colours.OTHER)


def draw_network(graph: nx.Graph, *, title: str | None = None, max_labels: int = MAX_LABELS,
                 max_edges: int = MAX_EDGES) -> Figure:
    n = graph.number_of_nodes()
    side = min(24.0, max(7.0, 4.0 + 1.1 * math.sqrt(max(n, 1)) * 1.4))
    fig = new_figure(side, side * 0.8)
    ax = fig.add_axes((0.01, 0.06, 0.98, 0.88))
    ax.set_axis_off()
    kind = graph.graph.get("kind")
    if n == 0:
        ax.text(0.5, 0.5, **label("no actor takes a side under these filters", None), ha="center",
                transform=ax.transAxes)
        return fig
    pos = layout(graph)

    edges = sorted(graph.edges(data=True), key=lambda e: (-abs(float(e[2].get("weight", 0))), str(e[0]), str(e[1])))
    drawn = edges[:max_edges]
    top = max((abs(float(d.get("weight", 0))) for _u, _v, d in drawn), default=0.0) or 1.0
    if drawn:
        segments = [(pos[u], pos[v]) for u, v, _d in drawn]
        widths = [0.4 + 3.6 * abs(float(d.get("weight", 0))) / top for _u, _v, d in drawn]
        ax.add_collection(LineCollection(segments, colors=[edge_colour(kind, d) for _u, _v, d in drawn],
                                         linewidths=widths, alpha=0.55, zorder=1))
        if len(drawn) <= 30 and kind != "actor-topic":
            for u, v, d in drawn:
                (x1, y1), (x2, y2) = pos[u], pos[v]
                ax.text((x1 + x2) / 2, (y1 + y2) / 2, **label(f"{float(d.get('weight', 0)):+.2g}", None),
                        fontsize=6, color=edge_colour(kind, d), ha="center", va="center", zorder=2)

    strength = dict(graph.degree(weight=None))
    for u, v, d in graph.edges(data=True):
        strength[u] = strength.get(u, 0) + abs(float(d.get("weight", 0)))
        strength[v] = strength.get(v, 0) + abs(float(d.get("weight", 0)))
    top_strength = max(strength.values(), default=0) or 1
    nodes = sorted(graph.nodes, key=str)
    xy = np.array([pos[node] for node in nodes])
    sizes = [30 + 170 * math.sqrt(strength.get(node, 0) / top_strength) for node in nodes]
    markers = {"actor": "o", "topic": "s"}
    for node_kind, marker in markers.items():
        idx = [i for i, node in enumerate(nodes) if graph.nodes[node].get("kind", "actor") == node_kind]
        if idx:
            ax.scatter(xy[idx, 0], xy[idx, 1], s=[sizes[i] for i in idx], marker=marker,
                       c=[node_colour(graph.nodes[nodes[i]]) for i in idx],
                       edgecolors="#333333", linewidths=0.6, zorder=3)

    named = sorted(nodes, key=lambda node: (-strength.get(node, 0), str(node)))[:max_labels]
    fontsize = 8 if n <= 60 else 7
    for node in named:
        x, y = pos[node]
        ax.text(x, y - 0.035, **label(graph.nodes[node].get("label", node), 28), fontsize=fontsize,
                ha="center", va="top", zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.75, "edgecolor": "none"})
    ax.set_xlim(-1.18, 1.18)
    ax.set_ylim(-1.15, 1.1)

    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor=colour, markeredgecolor="#333333",
                      label=name) for name, colour in colours.ACTOR_TYPE.items()
               if any(graph.nodes[x].get("actor_type") == name for x in nodes)]
    if kind == "actor-topic":
        handles.append(Line2D([], [], marker="s", linestyle="", markerfacecolor=colours.TOPIC,
                              markeredgecolor="#333333", label="topic"))
        handles += [Line2D([], [], color=c, linewidth=2, label=s) for s, c in colours.STANCE.items()]
    else:
        if kind != "conflict":
            handles.append(Line2D([], [], color=colours.CONGRUENCE, linewidth=2, label="congruence (agree)"))
        if kind != "congruence":
            handles.append(Line2D([], [], color=colours.CONFLICT, linewidth=2, label="conflict"))
    ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False, ncols=min(4, len(handles)),
              bbox_to_anchor=(0.0, 1.06))
    notes = [f"{n} actors, {graph.number_of_edges()} edges" if kind != "actor-topic"
             else f"{n} nodes, {graph.number_of_edges()} edges"]
    if len(drawn) < len(edges):
        notes.append(f"the {len(drawn)} strongest edges drawn")
    if len(named) < n:
        notes.append(f"the {len(named)} most connected named")
    notes.append("edge width = weight")
    fig.text(0.01, 0.015, **label(" · ".join(notes), None), fontsize=7, color="#555555")
    if title:
        fig.text(0.5, 0.975, **label(title, 80), fontsize=10, ha="center", va="top", weight="bold")
    return fig
