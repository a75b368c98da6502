"""Fixtures shared by every test area. Each area (tests/store, tests/ingest, tests/extract,
tests/analysis, tests/tui) keeps its own fixtures in its own conftest.py."""

from __future__ import annotations

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
