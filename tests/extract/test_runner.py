"""parley extract: what gets (re-)extracted, runs, workers, errors."""

from __future__ import annotations

import json

import pytest

from extract.extract_run import ExtractOptions, run_extract
from extract.nlp.pipeline import ModelMissing, load_pipeline
from extract.store import ArticleIn, Store
from tests.extract.conftest import TOPICS_FILE

ARTICLES = [
    ('"We will not accept these terms," union president Ray Kowalczyk said. The Coastal Dockworkers Union said it opposed '
     'automation at the port.', "strike"),
    ("China rejected the proposal for a fishing ban, Foreign Ministry spokesman Gao Jianming said.", "ban"),
    ("Reuters reported that exports rose 5 pct in March, the ministry said.", "exports"),
]


def add_articles(store):
    return [store.articles.add(ArticleIn(text=t, title=title, path=f"{title}.txt"))[0] for t, title in ARTICLES]


def test_second_run_does_nothing_and_runs_are_recorded(store, nlp):
    add_articles(store)
    first = run_extract(store, ExtractOptions(), nlp=nlp)
    assert first.articles == 3 and first.statements >= 3
    again = run_extract(store, ExtractOptions(), nlp=nlp)
    assert again.articles == 0 and again.up_to_date == 3
    forced = run_extract(store, ExtractOptions(force=True), nlp=nlp)
    assert forced.articles == 3
    last = store.runs.last("extract")
    assert last["counts"]["articles"] == 3 and last["model"] and last["model_version"]
    assert "topics:" in last["extractor_version"]


def test_topic_changes_trigger_reextraction(store, nlp, tmp_path):
    add_articles(store)
    run_extract(store, ExtractOptions(), nlp=nlp)
    summary = run_extract(store, ExtractOptions(topics_file=TOPICS_FILE), nlp=nlp)
    assert summary.articles == 3
    assert run_extract(store, ExtractOptions(), nlp=nlp).articles == 0
    store.topics.add_alias("automation", "automated terminals")
    assert run_extract(store, ExtractOptions(), nlp=nlp).articles == 3
    stance_topics = {r[0] for r in store.query(
        "SELECT t.name FROM stances s JOIN topics t ON t.id = s.topic_id")}
    assert "automation" in stance_topics


def test_workers_two_gives_the_same_records(tmp_path, nlp):
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            add_articles(store)
            summary = run_extract(store, ExtractOptions(workers=workers, batch_size=1))
            assert summary.articles == 3 and not summary.errors
            results.append(store.query(
                "SELECT article_id, content_start, content_end, kind, speaker_text FROM statements ORDER BY 1, 2"))
    assert [tuple(r) for r in results[0]] == [tuple(r) for r in results[1]]


def test_missing_model_is_one_clear_message():
    with pytest.raises(ModelMissing, match="pip install"):
        load_pipeline("no_such_model_xyz")


def test_cli_extract_missing_model_and_json(sample_db, monkeypatch):
    from click.testing import CliRunner

    from extract.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(sample_db), "extract", "--force", "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert "error:" in result.output and "pip install" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["--db", str(sample_db), "extract", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] == 0  # all up to date
    result = runner.invoke(main, ["--db", str(sample_db), "extract", "--article", "99999"])
    assert result.exit_code == 1 and "no article with id 99999" in result.output


def test_cli_topics_commands(sample_db):
    from click.testing import CliRunner

    from extract.cli import main

    runner = CliRunner()
    db = ["--db", str(sample_db)]
    listed = runner.invoke(main, [*db, "topics", "list", "--json"])
    assert listed.exit_code == 0
    names = {json.loads(line)["name"] for line in listed.output.splitlines()}
    assert {"peace treaty", "denuclearization", "tariffs"} <= names
    assert runner.invoke(main, [*db, "topics", "rename", "tariffs", "trade tariffs"]).exit_code == 0
    assert runner.invoke(main, [*db, "topics", "alias", "trade tariffs", "customs duties"]).exit_code == 0
    assert runner.invoke(main, [*db, "topics", "merge", "trade deal", "trade tariffs"]).exit_code == 0
    assert runner.invoke(main, [*db, "topics", "delete", "fishing ban"]).exit_code == 0
    bad = runner.invoke(main, [*db, "topics", "delete", "no such topic"])
    assert bad.exit_code == 1 and "error: no topic" in bad.output
    table = runner.invoke(main, [*db, "topics"])
    assert "trade tariffs" in table.output and "fishing ban" not in table.output
