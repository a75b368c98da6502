"""Real news from ../shared/corpora: extraction over a few hundred articles never crashes,
and every offset it produces points at the text it claims."""

from __future__ import annotations

import json
from itertools import islice

import pytest

from extract.extract_run import ExtractOptions, run_extract
from extract.ingest import ingest_paths
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")


def corpus_sample(n: int, step: int = 79) -> list[dict]:
    """Every step-th record: Reuters (hard-wrapped), BBC and FNC-1 bodies alike."""
    with open(CORPUS, encoding="utf-8") as fh:
        return list(islice((json.loads(line) for i, line in enumerate(fh) if i % step == 0), n))


@pytest.mark.slow
def test_three_hundred_corpus_articles(store, nlp, tmp_path):
    records = corpus_sample(300)
    src = tmp_path / "sample.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest_paths(store, [src])
    summary = run_extract(store, ExtractOptions(batch_size=16), nlp=nlp)
    assert summary.articles == store.articles.count() and not summary.errors
    assert summary.statements > 100
    texts = {r[0]: r[1] for r in store.query("SELECT id, text FROM articles")}
    for st in store.query("SELECT * FROM statements"):
        text = texts[st["article_id"]]
        assert text[st["content_start"]:st["content_end"]] == st["content"]
        assert st["content_end"] > st["content_start"]
        assert st["content"].count("\n\n") <= 2  # never a swallowed article
    for m in store.query("SELECT * FROM mentions LIMIT 2000"):
        assert text_at(texts[m["article_id"]], m["start"], m["end"]) == " ".join(m["text"].split())


def text_at(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())
