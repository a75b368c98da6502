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


@pytest.fixture
def extracted_db(extracted_db_master: Path, tmp_path: Path) -> Path:
    """A private copy of the extracted sample database for one test."""
    copy = tmp_path / "sample.db"
    shutil.copyfile(extracted_db_master, copy)
    return copy
