"""`parley learn` and the next `parley extract`: the analyst's decisions change what the machine
does on pending statements, never what was reviewed, and only where the model proved better."""

from __future__ import annotations

import json

from click.testing import CliRunner

from extract.cli import main
from extract.extract_run import ExtractOptions, run_extract
from extract.learn import active_model
from extract.store import Store
from tests.conftest import SAMPLE_DIR


def run(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def teach(db, tmp_path, every: int = 3) -> dict:
    """An analyst with two habits the rules do not have: every statement cued by 'said' is
    rejected, and every 'support' stance is really 'oppose'. One statement in `every` stays
    pending."""
    lines = []
    with Store(db) as store:
        for sid, cue in store.query("SELECT id, coalesce(cue, '') FROM statements ORDER BY id"):
            if sid % every == 0:
                continue
            if cue.lower() == "said":
                lines.append({"statement": sid, "decision": "reject"})
                continue
            lines.append({"statement": sid, "decision": "accept"})
            for topic, label in store.query("SELECT t.name, st.label FROM stances st JOIN topics t "
                                            "ON t.id = st.topic_id WHERE st.statement_id = ?", (sid,)):
                if label == "support":
                    lines.append({"statement": sid, "topic": topic, "stance": "oppose"})
    path = tmp_path / "decisions.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    result = run(db, "review", "apply", str(path))
    assert result.exit_code == 0 and "0 bad lines" in result.output, result.output
    return {"lines": len(lines)}


def reviewed_rows(store):
    """Reviewed statements and their reviewed stances. (A re-extraction may fold a new machine
    topic into a reviewed statement as a pending suggestion: that is the store's contract.)"""
    statements = [tuple(r) for r in store.query(
        "SELECT id, review, reviewed_by, speaker_id, content_start, content_end, kind, confidence "
        "FROM statements WHERE review != 'pending' ORDER BY id")]
    stances = [tuple(r) for r in store.query(
        "SELECT st.* FROM stances st JOIN statements s ON s.id = st.statement_id "
        "WHERE s.review != 'pending' AND st.review != 'pending' ORDER BY st.id")]
    return statements, stances


def test_learn_then_extract_changes_only_pending_statements(sample_db, tmp_path):
    teach(sample_db, tmp_path)
    with Store(sample_db) as store:
        before = reviewed_rows(store)
        pending_articles = {r[0] for r in store.query(
            "SELECT DISTINCT article_id FROM statements WHERE review = 'pending'")}
        articles = store.articles.count()
        assert store.learning.learn_status()["learn_again"]

    result = run(sample_db, "learn", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["version"] == 1 and report["overrides"]
    assert report["stances"]["by_rule_label"]["support"]["threshold"] is not None
    assert any(v["threshold"] is not None for v in report["statements"]["by_kind"].values())

    with Store(sample_db) as store:
        model = store.learning.latest()
        assert model["version"] == 1 and isinstance(model["model"]["stance"]["weights"], dict)  # JSON, no pickle
        assert not store.learning.learn_status()["learn_again"]
        summary = run_extract(store, ExtractOptions())
        assert summary.version.endswith("|learned:1")
        # Only the articles with pending statements were redone; the rest just took the version.
        assert summary.articles == len(pending_articles) and summary.up_to_date == articles - len(pending_articles)
        assert reviewed_rows(store) == before
        # 'said' statements without a stance are gone; those with stances stay (the stance model
        # judges their stances: a rejected statement can still hold its speaker's stance).
        pending = store.query("SELECT s.id, s.cue, (SELECT count(*) FROM stances t WHERE t.statement_id = s.id) "
                              "AS n FROM statements s WHERE s.review = 'pending'")
        assert pending and not [r for r in pending if (r["cue"] or "").lower() == "said" and not r["n"]]
        assert [r for r in pending if (r["cue"] or "").lower() != "said"]
        relabelled = store.query("SELECT st.label, st.evidence FROM stances st JOIN statements s "
                                 "ON s.id = st.statement_id WHERE s.review = 'pending' AND st.evidence LIKE '%learned v1%'")
        assert relabelled and all(r["label"] == "oppose" and "(rules: support" in r["evidence"] for r in relabelled)
        # ... except on statements the analyst would reject (cued 'said'): the stance model learnt
        # from kept statements only, and does not relabel on those (extract/learn/decide.py).
        assert not store.scalar("SELECT count(*) FROM stances st JOIN statements s ON s.id = st.statement_id "
                                "WHERE s.review = 'pending' AND st.label = 'support' AND lower(s.cue) != 'said'")
        # Nothing changed: nothing to do.
        again = run_extract(store, ExtractOptions())
        assert again.articles == 0 and again.up_to_date == articles


def test_relabelled_stances_train_on_what_the_rules_said(sample_db, tmp_path):
    teach(sample_db, tmp_path)
    run(sample_db, "learn")
    with Store(sample_db) as store:
        run_extract(store, ExtractOptions())
        # The analyst accepts the learned labels: the next model still sees the rules' label.
        ids = [r[0] for r in store.query("SELECT DISTINCT s.id FROM statements s JOIN stances st ON "
                                         "st.statement_id = s.id WHERE s.review = 'pending' AND st.evidence LIKE '%learned%'")]
        for sid in ids:
            store.review.accept(sid)
        rows = store.learning.examples()
    from extract.learn.features import rule_of

    marked = [t for r in rows if r["id"] in ids for t in r["stances"] if "learned v1" in (t["evidence"] or "")]
    assert marked and {t["label"] for t in marked} == {"oppose"}
    assert {rule_of(t)[0] for t in marked} == {"support"}
    assert all("learned" not in rule_of(t)[2] for t in marked)


def test_too_few_decisions_leave_the_rules_in_charge(sample_db):
    with Store(sample_db) as store:
        first = store.query("SELECT id FROM statements ORDER BY id LIMIT 3")
        for (sid,) in first:
            store.review.accept(sid)
    result = run(sample_db, "learn")
    assert result.exit_code == 0
    assert "not learned" in result.output and "the rules stay in charge everywhere" in result.output
    with Store(sample_db) as store:
        assert store.learning.latest()["version"] == 1
        assert active_model(store) is None
        summary = run_extract(store, ExtractOptions())
        assert "learned" not in summary.version and summary.articles == 0


def test_learn_on_an_empty_database_says_so(tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    result = run(db, "learn")
    assert result.exit_code == 0 and "the rules stay in charge everywhere" in result.output
    missing = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "learn"])
    assert missing.exit_code == 1 and "database not found" in missing.output
    assert SAMPLE_DIR.exists()
