from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .seed_db import build_seed_db


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    return build_seed_db(tmp_path / "seed.db")


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    return build_seed_db(tmp_path / "hostile.db", hostile=True, big_line=True)


@pytest.fixture(scope="session")
def extracted_db_master(tmp_path_factory) -> Path:
    """sample_data/ through the real ingest and the real `parley extract` (spaCy), built once."""
    from extract.extract_run import ExtractOptions, run_extract
    from extract.ingest import ingest_paths
    from extract.store import Store

    from .seed_db import REPO

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


@pytest.fixture
def extracted_db(extracted_db_master: Path, tmp_path: Path) -> Path:
    """A private copy of the extracted sample database for one test."""
    copy = tmp_path / "sample.db"
    shutil.copyfile(extracted_db_master, copy)
    return copy
