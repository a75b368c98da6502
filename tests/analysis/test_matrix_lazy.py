"""The numpy cell table behind the matrix: lazy cells and statements, the top-N limit, the
date tie-break, on the hand-made world (see conftest.py; figures worked out by hand)."""

from __future__ import annotations

import numpy as np

from extract.analysis import actor_topic_matrix, stance_cells
from extract.analysis.matrix import cell_table


def ids(store):
    actor = {r[1]: r[0] for r in store.query("SELECT id, name FROM actors")}
    topic = {r[1]: r[0] for r in store.query("SELECT id, name FROM topics")}
    return actor, topic


def test_matrix_cells_equal_stance_cells(world):
    store, s = world
    m = actor_topic_matrix(store)
    exported = stance_cells(store)
    # Same cells, same order, same dicts (statements read on demand).
    assert [dict(m.cells[k]) for k in m.cells] == exported
    actor, topic = ids(store)
    us, treaty = actor["United States"], topic["peace treaty"]
    assert m.statements(us, treaty) == sorted([s["s1"], s["s7"]])
    assert m.statements(actor["China"], topic["denuclearization"]) == []
    assert (us, treaty) in m.cells and (actor["Yonhap"], treaty) not in m.cells
    assert m.cell(us, treaty)["counts"] == {"support": 0, "oppose": 1, "conditional": 1, "neutral": 0}


def test_cell_table_figures(world):
    store, _ = world
    actor, topic = ids(store)
    table = cell_table(store)
    # Cells: John Kirby 2, State Department 2, United States 2 (s1 rolls up on both topics),
    # North Korea 2, Jeong 1, Unification Ministry 1, South Korea 2, Wang Yi 1, China 1 = 14.
    assert len(table) == 14
    i = table.index(actor["North Korea"], topic["denuclearization"])
    assert table.counts[i].tolist() == [0, 2, 0, 0] and table.reviewed[i].tolist() == [0, 1, 0, 0]
    assert table.index(actor["Yonhap"], topic["peace treaty"]) is None
    assert table.index(actor["China"], 10_000) is None
    # Rows are sorted by (holder id, topic id): index() relies on it.
    order = np.lexsort((table.topic, table.holder))
    assert order.tolist() == list(range(len(table)))


def test_limit_keeps_the_actors_with_most_evidence(world):
    store, _ = world
    actor, topic = ids(store)
    m = actor_topic_matrix(store, actor_types=["country"], limit=2)
    # North Korea 3 and United States 3 stay; South Korea 2 and China 1 are hidden.
    assert [a["name"] for a in m.actors] == ["North Korea", "United States"]
    assert m.hidden_actors == 2
    # Topic evidence among the two: denuclearization 2 + 1 = 3, peace treaty 1 + 2 = 3: by name.
    assert [(t["name"], t["evidence"]) for t in m.topics] == [("denuclearization", 3), ("peace treaty", 3)]
    assert len(m) == 4
    assert m.cell(actor["China"], topic["peace treaty"]) is None
    assert m.cell_at(1, 1)["stance"] == "oppose"
    full = actor_topic_matrix(store, actor_types=["country"])
    assert full.hidden_actors == 0 and len(full.actors) == 4


def test_ties_go_to_the_reviewed_then_the_most_recent_by_date(world):
    store, s = world
    actor, topic = ids(store)
    treaty = topic["peace treaty"]
    # Jeong (-> South Korea) now opposes the treaty in s3 (2024-01-10), an analyst's stance,
    # so reviewed. South Korea: support 1 (s9, undated) and oppose 1 (s3): reviewed decides.
    store.review.add_stance(s["s3"], treaty, "oppose")
    cell = actor_topic_matrix(store).cell(actor["South Korea"], treaty)
    assert cell["counts"]["support"] == 1 and cell["counts"]["oppose"] == 1
    assert cell["stance"] == "oppose" and cell["mixed"] is True and cell["reviewed"] is False
    # Accept s9 too: 1-1 and 1-1 reviewed, both sides; the dated s3 is more recent than the
    # undated s9 although s9 has the higher statement id.
    store.review.accept(s["s9"])
    cell = actor_topic_matrix(store).cell(actor["South Korea"], treaty)
    assert s["s9"] > s["s3"]
    assert cell["stance"] == "oppose" and cell["reviewed"] is True
    assert cell["statements"] == [s["s3"], s["s9"]]


def test_filters_on_the_matrix(world):
    store, _ = world
    m = actor_topic_matrix(store, min_evidence=2)
    assert {(a["name"], a["evidence"]) for a in m.actors} == {("North Korea", 2), ("United States", 2)}
    only = actor_topic_matrix(store, reviewed_only=True)
    assert [a["name"] for a in only.actors] == ["North Korea"]
    assert len(actor_topic_matrix(store, topics=["peace treaty"]).topics) == 1


def test_counted_text_and_date_ranks(world):
    store, s = world
    span, statement_span, chunks = store.stance_rows.counted_text(chunk=1)
    parts = list(chunks)
    keys = [int(k) for part in parts for k in part[0].split(",")]
    stamps = [int(x) for part in parts for x in part[1].split(",")]
    # 10 stances: 11 minus s8's (rejected); Yonhap's statement still counts here (media are
    # dropped by the roll-up, not by the read).
    assert len(keys) == len(stamps) == 10
    # s1 and s2 carry two stances each.
    expected = sorted([v for k, v in s.items() if k != "s8"] + [s["s1"], s["s2"]])
    assert sorted(x % statement_span for x in stamps) == expected
    assert {chr((k >> 7) & 127) for k in keys} == {"s", "o", "c", "n"}
    assert {chr(k & 127) for k in keys} == {"p", "a"}
    ids_text, ranks_text = store.stance_rows.article_date_ranks()
    ranks = dict(zip(map(int, ids_text.split(",")), map(int, ranks_text.split(","))))
    # Article 3 has no date: rank 1; 2024-01-10 rank 2; 2024-02-01 rank 3.
    assert sorted(ranks.values()) == [1, 2, 3]
