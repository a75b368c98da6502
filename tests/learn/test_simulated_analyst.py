"""The simulated analyst of benchmarks/learning_curve.py adds the stances the machine missed
(issue 11): on a statement she accepts, the gold stance of its speaker on a topic the machine
gave no stance on, where the statement overlaps the sentence gold took that stance from.
Real SQLite store, real spaCy extraction of sample_data (tests/conftest.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from extract.review_file import apply_file
from extract.store import Store

REPO = Path(__file__).resolve().parents[2]


def _curve():
    spec = importlib.util.spec_from_file_location("learning_curve", REPO / "benchmarks" / "learning_curve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _a_statement_without_stance_on(store: Store):
    """(statement row, its article, a topic it has no machine stance on, a topic it has one on)."""
    topics = [r[0] for r in store.query("SELECT name FROM topics ORDER BY name")]
    for st in store.query("SELECT s.id, s.article_id, s.content, s.content_start, s.content_end, a.name "
                          "FROM statements s JOIN actors a ON a.id = s.speaker_id ORDER BY s.id"):
        given = [r[0] for r in store.query("SELECT t.name FROM stances x JOIN topics t ON t.id = x.topic_id "
                                           "WHERE x.statement_id = ?", (st["id"],))]
        missing = [t for t in topics if t not in given]
        if given and missing:
            art = store.query_one("SELECT path, text FROM articles WHERE id = ?", (st["article_id"],))
            return st, art, missing[0], given[0]
    raise AssertionError("the sample has no statement with a stance and a topic it lacks")


def _gold(st, art, topics: list[tuple[str, str, str]]) -> dict:
    return {"path": art["path"], "actors": [{"name": st["name"], "aliases": [st["name"]]}],
            "statements": [{"speaker": st["name"], "content": st["content"]}],
            "stances": [{"actor": st["name"], "topic": t, "stance": label, "evidence": evidence}
                        for t, label, evidence in topics]}


def test_the_analyst_adds_the_speakers_missed_stance_where_the_statement_is_its_evidence(sample_db, tmp_path):
    curve = _curve()
    with Store(sample_db) as store:
        st, art, missing, given = _a_statement_without_stance_on(store)
        elsewhere = art["text"][: 40]  # an evidence sentence the statement does not overlap
        gold = _gold(st, art, [(missing, "oppose", st["content"]), (given, "support", st["content"])])
        lines = [x for per in curve.decisions_for(store, [gold]) for x in per if x["statement"] == st["id"]]
        assert {"statement": st["id"], "decision": "accept"} in lines
        assert {"statement": st["id"], "topic": missing, "stance": "oppose"} in lines  # added
        assert [x for x in lines if x.get("topic") == given] == [
            {"statement": st["id"], "topic": given, "stance": "support"}]  # the machine's, relabelled once
        # evidence elsewhere in the article: nothing added to this statement
        if not (st["content_start"] < 40):
            far = _gold(st, art, [(missing, "oppose", elsewhere)])
            far_lines = [x for per in curve.decisions_for(store, [far]) for x in per if x["statement"] == st["id"]]
            assert not [x for x in far_lines if x.get("topic") == missing]
    path = tmp_path / "decisions.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    with Store(sample_db) as store:
        apply_file(store, path)
        row = store.query_one("SELECT x.label, x.evidence FROM stances x JOIN topics t ON t.id = x.topic_id "
                              "WHERE x.statement_id = ? AND t.name = ?", (st["id"], missing))
    assert row is not None and row["label"] == "oppose" and row["evidence"] == "set by analyst"


def test_an_analyst_who_only_judges_the_machine_adds_nothing(sample_db, monkeypatch):
    curve = _curve()
    monkeypatch.setattr(curve, "ADD_MISSED", False)
    with Store(sample_db) as store:
        st, art, missing, _ = _a_statement_without_stance_on(store)
        gold = _gold(st, art, [(missing, "oppose", st["content"])])
        lines = [x for per in curve.decisions_for(store, [gold]) for x in per]
    assert not [x for x in lines if x.get("topic") == missing]
