"""Stance over time from Compare ('t' on a cell) and the agreement bars of the side-by-side
view: the real app through Pilot on a real database, snapshots at 80x24 and 120x40, hostile
names literal, and readable with NO_COLOR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.records import ActorRec, ArticleExtraction, StanceRec, StatementRec
from extract.store import ArticleIn, Store
from tui import safe
from tui.app import ParleyApp
from tui.widgets.stance_chart import chart_lines

from .helpers import screen_text, settle
from .seed_db import build_seed_db

SIZES = [(80, 24), (120, 40)]
LATER = [("2016-03-10", "oppose", "Pyongyang now rejects a peace treaty."),
         ("2016-04-02", "support", "Pyongyang again wants a peace treaty.")]


def add_later_articles(path: Path) -> Path:
    """The seed database plus two later articles in which North Korea changes its mind."""
    with Store(path) as store:
        for published, label, text in LATER:
            article_id, _ = store.articles.add(ArticleIn(text=text, title=f"Later {published}",
                                                         source="Wire", published=published))
            store.extraction.save(article_id, ArticleExtraction(
                actors=[ActorRec("nk", "North Korea", "country", ["Pyongyang"])],
                statements=[StatementRec(text, 0, len(text), "direct", speaker="nk", speaker_text="Pyongyang",
                                         stances=[StanceRec("peace treaty", label)])]), "test-1")
    return path


@pytest.fixture(scope="module")
def timeline_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("timeline")
    return add_later_articles(build_seed_db(folder / "sample.db"))


def _app(db: Path, tmp_path: Path) -> ParleyApp:
    copy = tmp_path / "sample.db"   # the same name every run: the status bar shows it
    shutil.copy(db, copy)
    return ParleyApp(copy, refresh=False)


async def go_to_cell(pilot, actor: str, topic: str) -> None:
    """From anywhere: Compare, then j/l to the cell (actor row, topic column)."""
    await pilot.press("3")
    await settle(pilot)
    screen = pilot.app.screen
    row = [safe.line(a["name"]) for a in screen.matrix.actors].index(actor)
    column = [safe.line(t["name"]) for t in screen.matrix.topics].index(topic)
    for _ in range(row):
        await pilot.press("j")
    for _ in range(column):
        await pilot.press("l")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_snapshot(snap_compare, timeline_db, tmp_path, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await go_to_cell(pilot, "North Korea", "peace treaty")
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(_app(timeline_db, tmp_path), terminal_size=size, run_before=run_before)


async def test_t_opens_the_cells_timeline_with_its_first_change(timeline_db, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = _app(timeline_db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await settle(pilot)
        await go_to_cell(pilot, "North Korea", "peace treaty")
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert "North Korea on peace treaty" in text
        for level in ("support", "conditional", "neutral", "oppose"):
            assert f" {level}" in text
        assert "▲" in text
        assert "first change 2016-03-10: support → oppose" in text
        assert "2016-02-22" in text and "2016-04-02" in text
        # enter on a date: that date's statements; q comes back to the chart.
        await pilot.press("j", "enter")
        await settle(pilot)
        assert "Pyongyang now rejects a peace treaty." in screen_text(app)
        await pilot.press("q")
        await settle(pilot)
        assert "first change" in screen_text(app)


async def test_hostile_names_stay_literal_in_the_timeline(tmp_path):
    db = build_seed_db(tmp_path / "hostile.db", hostile=True)
    app = ParleyApp(db, refresh=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await go_to_cell(pilot, "[bold]Evil Corp", "[red]topic[/red]")
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert app.is_running
        assert "[bold]Evil Corp on [red]topic[/red] · stance over time" in text
        assert "2024-01-01" in text and "no change of side" in text


async def test_side_by_side_shows_agreement_bars(timeline_db, tmp_path):
    app = _app(timeline_db, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        names = [a["name"] for a in app.screen.matrix.actors]
        first, second = names.index("United States"), names.index("South Korea")
        for _ in range(first):
            await pilot.press("j")
        await pilot.press("m")
        for _ in range(second - first):
            await pilot.press("j")
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        assert "United States vs South Korea" in text
        # Both back denuclearization: a full agreement bar right of the centre line.
        denuclearization = next(line for line in text.splitlines() if "denuclearization" in line)
        assert "│█████" in denuclearization


def test_chart_places_points_by_time_and_marks_the_change():
    row = {"points": [{"date": "2024-01-01", "stance": "support"}, {"date": "2024-01-11", "stance": "support"},
                      {"date": "2024-01-31", "stance": "oppose"}],
           "first_change": "2024-01-31", "change": ("support", "oppose"), "undated": 2}
    lines = [line.plain for line in chart_lines(row, 45)]   # a plot 30 cells wide
    support, oppose, axis = lines[0], lines[3], lines[4]
    plot = support.index("│") + 1
    assert support[plot] == "●" and support[plot + 10] == "●"   # 10 days = a third of the width
    assert oppose[plot + 29] == "●"
    assert axis[plot + 29] == "▲"
    assert "2 undated stance(s) not drawn" in lines[-1]
