"""Agreement networks, comparison, alignment and timelines on the hand-made world.

Sides per actor (see conftest.py), counted stances only:
  United States   denuclearization S1            peace treaty C1 O1
  North Korea     denuclearization O2            peace treaty S1
  South Korea     denuclearization S1            peace treaty S1
  China                                          peace treaty S1
Hand-worked scores ('none'):
  US-SK: denuc 1 congruence; treaty {C .5, O .5} x {S 1} = .25 congruence, .5 conflict
         -> congruence 1.25, conflict .5, subtract .75
  US-NK: denuc conflict 1; treaty .25 congruence, .5 conflict -> 0.25, 1.5, -1.25
  China-NK: treaty 1 congruence -> 1, 0, 1
"""

from __future__ import annotations

import math

import pytest

from extract.analysis.agreement import agreement_network, count_table
from extract.analysis.alignment import alignment
from extract.analysis.compare import compare_actors
from extract.analysis.matrix import stance_cells
from extract.analysis.rules import topic_agreement
from extract.analysis.timeline import stance_timeline

COUNTRIES = ["country"]


def edge_map(net):
    return {frozenset((e["source"]["name"], e["target"]["name"])): e for e in net.edges()}


def test_congruence_conflict_subtract_none(world):
    store, _ = world
    for kind, expected in {
        "congruence": {("United States", "South Korea"): 1.25, ("United States", "North Korea"): 0.25,
                       ("China", "North Korea"): 1.0},
        "conflict": {("United States", "South Korea"): 0.5, ("United States", "North Korea"): 1.5},
        "subtract": {("United States", "South Korea"): 0.75, ("United States", "North Korea"): -1.25,
                     ("China", "North Korea"): 1.0},
    }.items():
        edges = edge_map(agreement_network(store, kind=kind, actor_types=COUNTRIES))
        for pair, weight in expected.items():
            assert edges[frozenset(pair)]["weight"] == pytest.approx(weight), (kind, pair)
    conflict = edge_map(agreement_network(store, kind="conflict", actor_types=COUNTRIES))
    assert frozenset(("China", "North Korea")) not in conflict   # no conflict, no edge


def test_normalisations(world):
    store, _ = world
    # China-NK: w = 1, a_China = 1, a_NK = 2, shared 1.
    for normalize, expected in {"average": 1 / 1.5, "jaccard": 1 / 2, "cosine": 1 / math.sqrt(2)}.items():
        edges = edge_map(agreement_network(store, kind="congruence", normalize=normalize,
                                           actor_types=COUNTRIES))
        assert edges[frozenset(("China", "North Korea"))]["weight"] == pytest.approx(expected)
    # US-SK subtract, average: (1.25 - .5) / 2
    edges = edge_map(agreement_network(store, kind="subtract", normalize="average", actor_types=COUNTRIES))
    assert edges[frozenset(("United States", "South Korea"))]["weight"] == pytest.approx(0.375)


def test_edges_carry_topics(world):
    store, _ = world
    edges = edge_map(agreement_network(store, kind="conflict", actor_types=COUNTRIES))
    assert edges[frozenset(("United States", "North Korea"))]["topics"] == ["denuclearization", "peace treaty"]
    assert edges[frozenset(("United States", "South Korea"))]["topics"] == ["peace treaty"]
    assert edges[frozenset(("United States", "South Korea"))]["shared"] == 2


def test_network_matches_the_per_topic_rule(world):
    """The sparse-matrix network and the plain per-topic rule agree on every pair."""
    store, _ = world
    cells = stance_cells(store)
    by_actor: dict[str, dict[str, dict]] = {}
    for c in cells:
        by_actor.setdefault(c["actor"], {})[c["topic"]] = c["counts"]
    net = agreement_network(store, kind="subtract")
    got = {frozenset((e["source"]["name"], e["target"]["name"])): e for e in net.edges()}
    names = sorted(by_actor)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            c = x = 0.0
            for topic in by_actor[a].keys() & by_actor[b].keys():
                dc, dx = topic_agreement(by_actor[a][topic], by_actor[b][topic])
                c, x = c + dc, x + dx
            edge = got.get(frozenset((a, b)))
            if c - x == 0:
                assert edge is None
            else:
                assert edge["congruence"] == pytest.approx(c) and edge["conflict"] == pytest.approx(x)


def test_min_evidence_and_reviewed_only(world):
    store, _ = world
    table = count_table(store, min_evidence=2)
    # Only US peace treaty (2) and NK denuclearization (2) are left, and they share no topic.
    assert len(agreement_network(store, table=table)) == 0
    assert table.counts.sum() == 4
    assert len(agreement_network(store, reviewed_only=True)) == 0   # only North Korea is reviewed


def test_bad_kind_and_normalisation(world):
    store, _ = world
    with pytest.raises(ValueError, match="unknown network kind"):
        agreement_network(store, kind="friendship")
    with pytest.raises(ValueError, match="unknown normalisation"):
        agreement_network(store, normalize="softmax")


def test_compare_side_by_side(world):
    store, s = world
    result = compare_actors(store, ["U.S.", "seoul", "Pyongyang"])
    assert [a["name"] for a in result["actors"]] == ["United States", "South Korea", "North Korea"]
    us, sk, nk = (a["id"] for a in result["actors"])
    pairs = {(p["a"], p["b"]): p for p in result["pairs"]}
    assert pairs[(us, sk)]["topics"]["denuclearization"] == (1.0, 0.0)
    assert pairs[(us, nk)]["topics"]["denuclearization"] == (0.0, 1.0)
    assert pairs[(us, sk)]["congruence"] == pytest.approx(1.25)
    assert result["cells"][(us, "peace treaty")]["statements"] == sorted([s["s1"], s["s7"]])
    assert result["evidence"][s["s7"]]["content"] == "Washington rejected the peace treaty proposal."


def test_alignment(world):
    store, _ = world
    result = alignment(store, "north korea", actor_types=COUNTRIES)
    assert [e["actor"]["name"] for e in result["closest"]] == ["China"]
    assert result["closest"][0]["score"] == pytest.approx(1 / 1.5)
    # US -1.25 / 2 = -.625; SK: denuc conflict 1, treaty congruence 1 -> 0
    assert [e["actor"]["name"] for e in result["furthest"]] == ["United States"]
    assert result["furthest"][0]["score"] == pytest.approx(-0.625)
    assert result["furthest"][0]["topics"][0][0] == "denuclearization"


def test_timeline(world):
    store, s = world
    rows = {(r["actor"], r["topic"]): r for r in stance_timeline(store, actor_types=COUNTRIES)}
    us = rows[("United States", "peace treaty")]
    assert [(p["date"], p["stance"]) for p in us["points"]] == [
        ("2024-01-10", "conditional"), ("2024-02-01", "oppose")]
    assert us["first_change"] == "2024-02-01" and us["change"] == ("conditional", "oppose")
    assert rows[("North Korea", "denuclearization")]["first_change"] is None
    sk = rows[("South Korea", "peace treaty")]
    assert sk["points"] == [] and sk["undated"] == 1
