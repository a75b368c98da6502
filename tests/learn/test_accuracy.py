"""`parley stats --accuracy`: the machine's precision from reviewed items, with Wilson intervals."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from extract.cli import main
from extract.store import SCHEMA_VERSION, Store
from extract.store.learning import wilson


def test_wilson_interval_matches_hand_figures():
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(5, 10)
    assert round(low, 4) == 0.2366 and round(high, 4) == 0.7634
    low, high = wilson(10, 10)
    assert high == 1.0 and round(low, 4) == 0.7225
    low, high = wilson(0, 4)
    assert low == 0.0 and round(high, 4) == 0.4899


def test_precision_by_kind_and_label_from_decisions(sample_db):
    with Store(sample_db, coder="ana") as store:
        rows = store.query("SELECT s.id, s.kind, st.id AS stance, st.label FROM statements s "
                           "JOIN stances st ON st.statement_id = s.id ORDER BY s.id")
        first = {}
        for r in rows:
            first.setdefault(r["id"], r)
        items = list(first.values())[:6]
        a, b, c, d, e, f = items
        store.review.accept(a["id"])                       # statement right, its stances right
        store.review.reject(b["id"])                       # statement wrong, its stances not counted
        other = next(lab for lab in ("support", "oppose") if lab != c["label"])
        store.review.set_stance(c["stance"], other)        # statement edited (right), stance wrong
        store.review.set_stance(d["stance"], d["label"])   # the machine's own label: right
        store.review.reject_stance(e["stance"])            # stance wrong
        free = store.scalar("SELECT id FROM topics WHERE id NOT IN (SELECT topic_id FROM stances "
                            "WHERE statement_id = ?) ORDER BY id", (f["id"],))
        store.review.add_stance(f["id"], free, "neutral")  # the analyst's own stance: not counted
        expected_stances = store.scalar(
            "SELECT count(*) FROM stances WHERE statement_id = ? AND review = 'accepted'", (a["id"],)) + 3
        figures = store.learning.accuracy()
    st = figures["statements"]
    reviewed_statements = 5  # a, b, c, d, f; rejecting e's stance leaves e pending
    assert st["reviewed"] == reviewed_statements and st["right"] == reviewed_statements - 1
    kinds = {k: v["reviewed"] for k, v in st["by_kind"].items()}
    assert sum(kinds.values()) == st["reviewed"]
    stances = figures["stances"]
    assert stances["reviewed"] == expected_stances
    assert stances["right"] == expected_stances - 2
    assert sum(v["reviewed"] for v in stances["by_label"].values()) == expected_stances
    low, high = wilson(stances["right"], stances["reviewed"])
    assert (stances["low"], stances["high"]) == (round(low, 4), round(high, 4))

    result = CliRunner().invoke(main, ["--db", str(sample_db), "stats", "--accuracy", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == figures
    text = CliRunner().invoke(main, ["--db", str(sample_db), "stats", "--accuracy"]).output
    assert "machine precision from reviewed items" in text and "95% interval" in text


def test_v5_file_with_reviews_migrates_to_v6_without_losing_a_decision(sample_db):
    with Store(sample_db, coder="ana") as store:
        ids = [r[0] for r in store.query("SELECT id FROM statements ORDER BY id LIMIT 4")]
        store.review.accept(ids[0])
        store.review.reject(ids[1])
        stance = store.query_one("SELECT id FROM stances WHERE statement_id NOT IN (?, ?)", tuple(ids[:2]))[0]
        store.review.set_stance(stance, "conditional")
        store.review.accept(ids[3])
        store.review.undo()
        snapshot = {t: [tuple(r) for r in store.query(f"SELECT * FROM {t} ORDER BY id")]
                    for t in ("statements", "stances", "reviews", "codings", "coding_stances")}
    # Back to v5: v6 only adds the learned_models table and a partial index, v7 a table of
    # topic aliases shared by several topics.
    conn = sqlite3.connect(sample_db)
    conn.execute("DROP TABLE topic_shared_aliases")
    conn.execute("DROP TABLE learned_models")
    conn.execute("DROP INDEX stances_reviewed")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with Store(sample_db, coder="ana") as store:
        assert store.migrated_from == 5
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION == 7
        for table, rows in snapshot.items():
            assert [tuple(r) for r in store.query(f"SELECT * FROM {table} ORDER BY id")] == rows
        assert store.learning.latest() is None
        assert store.learning.accuracy()["statements"]["reviewed"] == 3
        assert store.review.undo() is not None  # the log still undoes
