"""Snapshots of each section at 80x24 and 120x40 (pytest-textual-snapshot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.app import ParleyApp

from .helpers import settle
from .seed_db import build_seed_db

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(scope="module")
def snapshot_db(tmp_path_factory) -> Path:
    # The same file name every run: the status bar shows it.
    folder = tmp_path_factory.mktemp("snap")
    return build_seed_db(folder / "sample.db")


def _app(snapshot_db: Path, tmp_path: Path) -> ParleyApp:
    db = tmp_path / "sample.db"
    shutil.copy(snapshot_db, db)
    return ParleyApp(db, refresh=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", [[], ["2"], ["3"], ["4"], ["enter", "n", "n"], ["2", "j", "enter"]],
                         ids=["articles", "actors", "compare", "review", "reader", "actor-detail"])
def test_section_snapshot(snap_compare, snapshot_db, tmp_path, size, keys):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(_app(snapshot_db, tmp_path), terminal_size=size, run_before=run_before)
