"""Pilot tests: every section's keys, with review decisions checked in the database."""

from __future__ import annotations

from tui.app import ParleyApp
from tui.screens.actors import ActorDetailScreen, ActorsScreen
from tui.screens.articles import ArticlesScreen
from tui.screens.compare import CompareScreen, EvidenceScreen, SideBySideScreen
from tui.screens.reader import ReaderScreen
from tui.screens.review import ReviewScreen
from tui.widgets.dialogs import HelpScreen

from .helpers import row, screen_text, settle


async def test_sections_switch_and_remember_cursor(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ArticlesScreen)
        await pilot.press("j", "j")
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ActorsScreen)
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.query_one("#articles-list").cursor == 2
        assert "seed.db" in screen_text(app)


async def test_articles_sort_search_and_reader(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one("#articles-list")
        assert lst.total == 3
        await pilot.press("d")  # same key again: reverse
        await settle(pilot)
        assert lst.current["title"] == "Chip export controls tighten"
        await pilot.press("slash")
        await pilot.press(*"treaty", "enter")
        await settle(pilot)
        assert lst.total == 1 and "search 'treaty'" in app.screen.filter_text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("n", "n")
        assert app.screen.index == 1
        await pilot.press("N")
        assert app.screen.index == 0
        assert "Statement 1/10" in screen_text(app)
        await pilot.press("q")
        assert isinstance(app.screen, ArticlesScreen)


async def test_review_accept_reject_stance_undo_in_database(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        first = screen.item["id"]
        await pilot.press("a")
        await settle(pilot)
        assert row(seed_db, "SELECT review FROM statements WHERE id = ?", (first,))[0] == "accepted"
        assert row(seed_db, "SELECT count(*) FROM stances WHERE statement_id = ? AND review = 'accepted'",
                   (first,))[0] == 2
        second = screen.item["id"]
        assert second != first
        await pilot.press("x")
        await settle(pilot)
        assert row(seed_db, "SELECT review FROM statements WHERE id = ?", (second,))[0] == "rejected"
        third = screen.item["id"]
        stance = screen.item["stances"][0]["id"]
        await pilot.press("2")  # oppose
        await settle(pilot)
        assert row(seed_db, "SELECT review_label FROM stances WHERE id = ?", (stance,)) == ("oppose",)
        assert "reviewed 3 / 10" in screen_text(app)
        # Undo three levels: the stance, the rejection, the acceptance.
        await pilot.press("u")
        await settle(pilot)
        assert row(seed_db, "SELECT review_label FROM stances WHERE id = ?", (stance,)) == (None,)
        assert screen.item["id"] == third
        await pilot.press("u")
        await settle(pilot)
        assert row(seed_db, "SELECT review FROM statements WHERE id = ?", (second,))[0] == "pending"
        await pilot.press("u")
        await settle(pilot)
        assert row(seed_db, "SELECT review FROM statements WHERE id = ?", (first,))[0] == "pending"
        assert row(seed_db, "SELECT count(*) FROM reviews WHERE undone = 1")[0] >= 3


async def test_review_skip_speaker_and_low_confidence(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        first = screen.item["id"]
        await pilot.press("space")
        await settle(pilot)
        assert screen.item["id"] != first
        assert row(seed_db, "SELECT review FROM statements WHERE id = ?", (first,))[0] == "pending"
        target = screen.item["id"]
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*"Wang", "enter")
        await settle(pilot)
        speaker = row(seed_db, "SELECT a.name FROM statements s JOIN actors a ON a.id = s.speaker_id "
                               "WHERE s.id = ?", (target,))[0]
        assert speaker == "Wang Yi"
        await pilot.press("o")
        await settle(pilot)
        assert screen.item["confidence"] == 0.4  # the least confident pending statement


async def test_actors_filter_and_edits(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        lst = app.screen.query_one("#actors-list")
        assert lst.total == 13
        await pilot.press("y")  # type filter: person
        await settle(pilot)
        assert lst.total == 5
        await pilot.press("c", "slash", *"kirby", "enter")
        await settle(pilot)
        assert lst.total == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorDetailScreen)
        assert "State Department" in screen_text(app)
        kirby = app.screen.actor_id
        await pilot.press("r")
        await pilot.press("ctrl+a", "ctrl+k", *"J. Kirby", "enter")
        await settle(pilot)
        assert row(seed_db, "SELECT name FROM actors WHERE id = ?", (kirby,)) == ("J. Kirby",)
        await pilot.press("T")
        await pilot.press(*"organization", "enter")
        await settle(pilot)
        assert row(seed_db, "SELECT type FROM actors WHERE id = ?", (kirby,)) == ("organization",)
        await pilot.press("u")
        await settle(pilot)
        assert row(seed_db, "SELECT type FROM actors WHERE id = ?", (kirby,)) == ("person",)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"Daniel Kritenbrink", "enter")
        await settle(pilot)
        assert row(seed_db, "SELECT count(*) FROM actors WHERE id = ?", (kirby,)) == (0,)
        assert row(seed_db, "SELECT count(*) FROM statements s JOIN actors a ON a.id = s.speaker_id "
                            "WHERE a.name = 'Daniel Kritenbrink'") == (3,)


async def test_compare_matrix_evidence_and_pair(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        text = screen_text(app)
        for name in ("United States", "North Korea", "South Korea", "China"):
            assert name in text
        assert "S support" in text  # the legend
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceScreen)
        assert app.screen.query_one("#evidence").total >= 1
        await pilot.press("escape")
        await pilot.press("m", "j", "m")
        await settle(pilot)
        assert isinstance(app.screen, SideBySideScreen)
        await pilot.press("q")
        await pilot.press("y")  # actor type filter: person
        await settle(pilot)
        assert all(a["type"] == "person" for a in screen.matrix.actors)


async def test_help_palette_and_export(seed_db, tmp_path):
    app = ParleyApp(seed_db, refresh=False)
    app.export_dir = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Search" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("e", "c")
        await settle(pilot)
        exported = (tmp_path / "parley-articles.csv").read_text()
        assert "Coal deadline debated in Bonn" in exported
        await pilot.press("ctrl+p")
        await pilot.press(*"Kirby")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorDetailScreen)
