"""The export contract and 'parley eval' on the team's gold."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from extract.cli import main
from extract.export import escape_cell, write
from extract.store import ArticleIn
from tests.extract.conftest import GOLD_FILE

FIELDS = {
    "articles": ["id", "external_id", "path", "title", "source", "published", "text"],
    "actors": ["id", "name", "type", "affiliation", "aliases", "mentions"],
    "statements": ["id", "article_id", "speaker", "cue", "content", "kind", "topics", "review",
                   "review_by", "review_at", "adjudicated_by", "codings"],
    "stances": ["actor", "actor_type", "affiliation", "topic", "stance", "counts", "statements", "reviewed"],
}


def export(store, kind, fmt="jsonl"):
    buf = io.StringIO()
    write(store, kind, fmt, buf)
    return buf.getvalue()


def test_jsonl_fields_are_exactly_the_contract(sample_store):
    for kind, fields in FIELDS.items():
        rows = [json.loads(line) for line in export(sample_store, kind).splitlines()]
        assert rows, kind
        for row in rows:
            assert list(row) == fields, kind
    statements = [json.loads(line) for line in export(sample_store, "statements").splitlines()]
    texts = {a["id"]: a["text"] for a in map(json.loads, export(sample_store, "articles").splitlines())}
    for st in statements:
        assert list(st["speaker"]) == ["name", "type", "affiliation", "mention", "start", "end"]
        assert list(st["cue"]) == ["text", "start", "end"]
        text = texts[st["article_id"]]
        assert text[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]
        assert st["review"] in ("pending", "accepted", "rejected", "edited")
    stances = [json.loads(line) for line in export(sample_store, "stances").splitlines()]
    assert all(set(s["counts"]) == {"support", "oppose", "conditional", "neutral"} for s in stances)
    us = next(s for s in stances if s["actor"] == "United States" and s["topic"] == "peace treaty")
    assert us["stance"] == "conditional" and us["reviewed"] is False


def test_csv_flattens_and_escapes_formulas(sample_store):
    sample_store.articles.add(ArticleIn(text="=HYPERLINK(\"http://x\") +1 said the @ source", title="=cmd|'/c calc'!A1",
                                        path="evil.txt"))
    rows = list(csv.reader(io.StringIO(export(sample_store, "articles", "csv"))))
    assert rows[0] == FIELDS["articles"]
    evil = next(r for r in rows if r[2] == "evil.txt")
    assert evil[3].startswith("'=") and evil[6].startswith("'=")
    header = next(csv.reader(io.StringIO(export(sample_store, "statements", "csv"))))
    assert "speaker.name" in header and "content.start" in header
    header = next(csv.reader(io.StringIO(export(sample_store, "stances", "csv"))))
    assert "counts.support" in header
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1"):
        assert escape_cell(value).startswith("'")
    assert escape_cell("plain") == "plain" and escape_cell(None) == ""


def test_cli_export_to_file(sample_db, tmp_path):
    out = tmp_path / "stances.csv"
    result = CliRunner().invoke(main, ["--db", str(sample_db), "export", "stances", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("actor,actor_type,affiliation,topic,stance")
    bad = CliRunner().invoke(main, ["--db", str(sample_db), "export", "actors", "--out", str(tmp_path / "no" / "x")])
    assert bad.exit_code == 1 and "folder does not exist" in bad.output


def test_eval_on_team_gold_meets_the_targets(sample_db):
    result = CliRunner().invoke(main, ["--db", str(sample_db), "eval", str(GOLD_FILE), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    overall = report["overall"]
    assert not any(a["missing"] for a in report["articles"])
    assert overall["statements"]["f1"] >= 0.85
    assert overall["stances"]["f1"] >= 0.80
    assert overall["affiliations"]["accuracy"] >= 0.90
    table = CliRunner().invoke(main, ["--db", str(sample_db), "eval", str(GOLD_FILE)])
    assert table.exit_code == 0 and "overall" in table.output


def test_eval_bad_gold_is_a_clear_error(sample_db, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"actors": []}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(sample_db), "eval", str(gold)])
    assert result.exit_code == 1 and "needs 'path' or 'external_id'" in result.output
    result = CliRunner().invoke(main, ["--db", str(sample_db), "eval", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1 and "gold file not found" in result.output


def test_eval_scores_stances_as_held_out_sets_are_judged(store, tmp_path):
    """A label in also_ok counts; a predicted neutral pair gold does not list is ignored, a
    predicted side it does not list is spurious and counted by actor type."""
    from extract.evaluate import evaluate
    from extract.records import ActorRec, ArticleExtraction, StanceRec, StatementRec

    text = "Ann Lee said the tax was fair. Bob Ray said the tax was a topic. Cy Dee said the levy was bad."
    article_id, _ = store.articles.add(ArticleIn(text=text, title="t", external_id="a1"))
    actors = [ActorRec("ann", "Ann Lee", "person"), ActorRec("bob", "Bob Ray", "person"),
              ActorRec("cy", "Cy Dee", "person")]
    spans = [(13, 29, "ann", "tax", "conditional"), (44, 64, "bob", "tax", "neutral"),
             (78, 94, "cy", "levy", "oppose")]
    recs = [StatementRec(text[a:b], a, b, "indirect", speaker=who, stances=[StanceRec(topic, label)])
            for a, b, who, topic, label in spans]
    store.extraction.save(article_id, ArticleExtraction(actors=actors, statements=recs), "t")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"external_id": "a1", "actors": [], "statements": [], "stances": [
        {"actor": "Ann Lee", "topic": "tax", "stance": "support", "also_ok": ["conditional"]}]}) + "\n")
    overall = evaluate(store, gold).overall()
    assert (overall.stances.tp, overall.stances.predicted, overall.stances.gold) == (1, 2, 1)
    assert dict(overall.stance_errors.spurious) == {"person": 1}


def test_eval_counts_statements_by_kind(store, tmp_path):
    """Which kinds of statement match gold's list: gold lists what people said, so an act
    shows up as predicted but not matched."""
    from extract.evaluate import evaluate
    from extract.records import ActorRec, ArticleExtraction, StatementRec

    text = "Ann Lee said the tax was fair. Bob Ray opposed the levy."
    article_id, _ = store.articles.add(ArticleIn(text=text, title="t", external_id="a1"))
    actors = [ActorRec("ann", "Ann Lee", "person"), ActorRec("bob", "Bob Ray", "person")]
    recs = [StatementRec(text[13:29], 13, 29, "indirect", speaker="ann"),
            StatementRec(text[39:55], 39, 55, "action", speaker="bob")]
    store.extraction.save(article_id, ArticleExtraction(actors=actors, statements=recs), "t")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"external_id": "a1", "actors": [], "stances": [], "statements": [
        {"speaker": "Ann Lee", "content": "the tax was fair", "direct": False}]}) + "\n")
    overall = evaluate(store, gold).overall()
    kinds = {k: (v.tp, v.predicted) for k, v in overall.statement_kinds.items()}
    assert kinds == {"indirect": (1, 1), "action": (0, 1)}
    assert overall.as_dict()["statement_kinds"]["action"] == {"matched": 0, "predicted": 1}
