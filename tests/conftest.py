"""Fixtures shared by every test area. Each area (tests/store, tests/ingest, tests/extract,
tests/analysis, tests/tui) keeps its own fixtures in its own conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "sample_data"
# ../shared beside the checkout (CI lays a read-only copy there). Never copied into the repo.
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "news_volume.jsonl"
SEED = SHARED / "seeds" / "000_96f73f12d8d1799f.txt"


@pytest.fixture(autouse=True)
def _coder(monkeypatch):
    """One known coder name for every test (the login name differs between machines and
    shows in the status line, so in snapshots)."""
    monkeypatch.setenv("PARLEY_CODER", "analyst")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "parley.db"


@pytest.fixture
def store(db_path: Path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def extracted_db_master(tmp_path_factory) -> Path:
    """sample_data/ through the real ingest and the real `parley extract` (spaCy), built once
    per session (the TUI tests and the report's browser test share it)."""
    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("sample")
    articles = folder / "articles"
    articles.mkdir()
    for entry in (REPO / "sample_data").iterdir():
        if entry.is_file() and entry.name not in ("gold.jsonl", "README.md", "topics.toml"):
            shutil.copyfile(entry, articles / entry.name)
    db = folder / "sample.db"
    with Store(db) as store:
        ingest_paths(store, [articles])
        run_extract(store, ExtractOptions(topics_file=str(REPO / "sample_data" / "topics.toml")))
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db
