"""Fixtures for the learning tests: a private copy of the extracted sample database (real
ingest, real spaCy extraction, built once per session by tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def sample_db(extracted_db_master: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "sample.db"
    shutil.copyfile(extracted_db_master, copy)
    return copy
