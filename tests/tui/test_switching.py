"""Section switches and sorts take shortcuts (no footer rebuild, no restyle, no recount):
what the analyst sees must be the same as without them."""

from __future__ import annotations

from tui.app import ParleyApp
from tui.screens import compare
from tui.screens.actors import ActorsScreen
from tui.screens.articles import ArticlesScreen
from tui.widgets.bars import KeyBar, StatusBar

from .helpers import screen_text, settle


async def test_round_trip_shows_the_same_screen(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "j")  # sort by title, move the cursor
        await settle(pilot)
        articles_before = screen_text(app)
        assert "sort title" in articles_before and "Title" in articles_before  # status + footer
        await pilot.press("2", "y")  # actors: a type filter
        await settle(pilot)
        assert isinstance(app.screen, ActorsScreen)
        actors_before = screen_text(app)
        assert "Type filter" in actors_before and "type person" in actors_before
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, ArticlesScreen)
        assert screen_text(app) == articles_before
        await pilot.press("2")
        await settle(pilot)
        assert screen_text(app) == actors_before


async def test_sort_keeps_the_count_and_reorders(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one("#articles-list")
        first = lst.current["title"]
        await pilot.press("t")
        await settle(pilot)
        titles = [lst.rows.get(i)["title"] for i in range(lst.total)]
        assert lst.total == 3 and lst.exact and titles == sorted(titles, key=str.lower)
        await pilot.press("t")  # reverse
        await settle(pilot)
        assert [lst.rows.get(i)["title"] for i in range(lst.total)] == titles[::-1]
        assert "3 shown" in app.screen.filter_text and first in titles


async def test_theme_change_while_away_restyles_on_return(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = app.screen
        await pilot.press("2")
        await settle(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        expected = app.screen.query_one(StatusBar).styles.background
        await pilot.press("1")
        await settle(pilot)
        assert app.screen is articles
        assert articles.query_one(StatusBar).styles.background == expected


async def test_footer_follows_focus_changes(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert "Open" in screen_text(app)  # the list's enter key
        await pilot.press("slash")  # the search box takes the focus: the list's keys go
        await settle(pilot)
        footer = app.screen.query_one(KeyBar)
        assert not any(getattr(k, "description", "") == "Open" for k in footer.children)
        await pilot.press("escape")
        await settle(pilot)
        assert "Open" in screen_text(app)


async def test_compare_counts_the_actors_left_out(seed_db, monkeypatch):
    monkeypatch.setattr(compare, "MATRIX_ACTORS", 1)
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert len(screen.matrix.actors) == 1 and screen.matrix.hidden_actors >= 1
        assert f"{screen.matrix.hidden_actors:,} more actors (raise min evidence)" in screen.filter_text


async def test_status_counts_follow_decisions(seed_db):
    from .helpers import row

    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        reviewed = row(seed_db, "SELECT count(*) FROM statements WHERE review != 'pending'")[0]
        articles = row(seed_db, "SELECT count(*) FROM articles")[0]
        assert f"{reviewed:,} rev" in app.status and f"{articles:,} art" in app.status
        assert f"{reviewed:,} rev" in screen_text(app)
