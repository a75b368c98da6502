from __future__ import annotations

from pathlib import Path

import pytest

from .seed_db import build_seed_db


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    return build_seed_db(tmp_path / "seed.db")


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    return build_seed_db(tmp_path / "hostile.db", hostile=True, big_line=True)
