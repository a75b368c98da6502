"""Same results: 500 corpus articles extracted on a LocalCluster of two single-threaded workers
(``--scheduler local:2``) give the database a local run gives: statements, stances, actors,
aliases, mentions, topics, article versions."""

from __future__ import annotations

import pytest

from extract.extract_run import ExtractOptions, run_extract
from extract.store import Store
from tests.cluster.conftest import assert_same, copy_db, corpus_records, dump, ingested, local_run
from tests.conftest import CORPUS


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_five_hundred_corpus_articles_on_a_local_cluster(tmp_path):
    source = ingested(tmp_path, corpus_records(500))
    # The local run: the own pool of two processes (its equality with one process is the
    # existing extraction tests' business; both write in article order).
    want = local_run(copy_db(source, tmp_path / "local.db"), workers=2)
    db = copy_db(source, tmp_path / "cluster.db")
    with Store(db) as store:
        summary = run_extract(store, ExtractOptions(scheduler="local:2"))
        assert summary.articles == store.articles.count() >= 495 and not summary.errors  # a few are duplicates
    assert summary.statements > 200 and summary.stances > 20
    assert_same(dump(db), want)
