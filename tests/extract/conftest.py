"""Fixtures for the extraction tests: one real spaCy pipeline per session, and a database with
the sample articles ingested and extracted once, copied for each test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.extract_run import ExtractOptions, run_extract
from extract.ingest import ingest_paths
from extract.nlp.config import ExtractConfig, TopicSpec
from extract.nlp.extractor import extract_doc
from extract.nlp.pipeline import load_pipeline
from extract.nlp.text import unwrap
from extract.store import Store
from tests.conftest import SAMPLE_DIR

TOPICS_FILE = SAMPLE_DIR / "topics.toml"
GOLD_FILE = SAMPLE_DIR / "gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Run the pure extraction on a text, with optional topics {name: [aliases]}."""

    def run(text: str, topics: dict[str, list[str]] | None = None, propose: bool = False):
        specs = []
        for name, aliases in (topics or {}).items():
            pats = set()
            for surface in [name, *aliases]:
                doc = nlp(surface)
                words = [t for t in doc if t.text != "-" and not t.is_punct]
                pats.add(tuple(t.lemma_.lower() for t in words))
                pats.add(tuple(t.lower_ for t in words))
            specs.append(TopicSpec(name, sorted(pats)))
        return extract_doc(nlp(unwrap(text)), ExtractConfig(topics=specs, propose_topics=propose))

    return run


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(path) as store:
        ingest_paths(store, [SAMPLE_DIR])
        run_extract(store, ExtractOptions(topics_file=TOPICS_FILE), nlp=nlp)
    return path


@pytest.fixture
def sample_db(sample_db_template, tmp_path) -> Path:
    """A private copy of the extracted sample database."""
    path = tmp_path / "parley.db"
    shutil.copy(sample_db_template, path)
    return path


@pytest.fixture
def sample_store(sample_db):
    s = Store(sample_db)
    yield s
    s.close()
