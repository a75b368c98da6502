"""Issue 13, the explorer's first ten minutes, through Pilot on the sample articles built by
the real ingest and extractor: actors by prominence with the 'with statements' filter,
Compare's hidden-column line, Review's context, the speaker picker's nearby actors and
undated articles after dated ones."""

from __future__ import annotations

import sqlite3

from tui.app import ParleyApp
from tui.screens.actors import MANY_ACTORS
from tui.widgets.dialogs import Picker

from .helpers import row, screen_text, settle

COUNTRIES = ("United States", "North Korea", "South Korea", "China")


async def test_actors_open_by_prominence_and_toggle_the_speakers_filter(extracted_db):
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        shown = screen_text(app)
        for name in COUNTRIES:
            assert name in shown, shown
        assert "sort prominence ↓" in shown and "· all ·" in shown  # a small database: every actor
        lst = app.screen.query_one("#actors-list")
        everyone = lst.total
        await pilot.press("w")
        await settle(pilot)
        assert lst.total < everyone and "with statements" in screen_text(app)
        assert lst.total == row(extracted_db, "SELECT count(DISTINCT speaker_id) FROM statements")[0]
        await pilot.press("s")  # name order, one key away
        await settle(pilot)
        names = [lst.rows.get(i)["name"] for i in range(min(lst.total, 10))]
        assert names == sorted(names, key=str.casefold)
        assert "sort name ↑" in screen_text(app)


async def test_a_large_database_opens_on_actors_with_statements(extracted_db):
    with sqlite3.connect(extracted_db) as conn:
        conn.executemany("INSERT INTO actors (name, type, created_at) VALUES (?, 'person', '2024')",
                         [(f"Mentioned Once {i}",) for i in range(MANY_ACTORS)])
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert "with statements" in screen_text(app)
        assert app.screen.query_one("#actors-list").total == row(
            extracted_db, "SELECT count(DISTINCT speaker_id) FROM statements")[0]
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#actors-list").total == row(extracted_db, "SELECT count(*) FROM actors")[0]
        assert "· all ·" in screen_text(app)


async def test_compare_names_the_hidden_columns_and_the_keys_to_reach_them(extracted_db):
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        topics = [t["name"] for t in screen.matrix.topics]
        evidence = [t["evidence"] for t in screen.matrix.topics]
        assert evidence == sorted(evidence, reverse=True)  # most evidence first
        visible = screen._visible_columns()
        assert len(topics) > visible  # at 80 columns some are hidden
        shown = screen_text(app)
        assert "l ▸ " + topics[visible] in shown and "◂ h" not in shown
        assert "peace treaty" in shown  # on screen, or named on the hidden-columns line
        for _ in range(visible):
            await pilot.press("l")
        await settle(pilot)
        shown = screen_text(app)
        assert "◂ h " in shown and topics[0] in shown.split("◂ h ")[1].splitlines()[0]


async def test_review_shows_the_sentence_naming_a_pronoun_speaker(extracted_db):
    # A 'she said' statement whose speaker is named only in an earlier sentence.
    with sqlite3.connect(extracted_db) as conn:
        found = conn.execute(
            "SELECT s.id, ac.name FROM statements s JOIN actors ac ON ac.id = s.speaker_id "
            "WHERE lower(s.speaker_text) IN ('she', 'he') AND ac.type = 'person' ORDER BY s.id").fetchall()
    assert found
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        for statement_id, name in found:
            screen._run(None, goto=statement_id)
            await settle(pilot)
            context = screen.item["context"]
            surname = name.split()[-1]
            assert surname in context.text, (statement_id, context.text)
            if context.speaker_sentence:
                break
        else:
            raise AssertionError("no statement whose speaker is named in another sentence")
        shown = screen_text(app)
        assert "…" in shown and surname in shown
        await pilot.press("s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, Picker)
        assert picker.choices[0]["hint"] == "nearby"
        nearby = [c["name"] for c in picker.choices if c["hint"] == "nearby"]
        assert name in nearby
        assert len(picker.choices) == row(extracted_db, "SELECT count(*) FROM actors")[0]


async def test_undated_articles_sort_after_dated_ones_both_ways(extracted_db):
    with sqlite3.connect(extracted_db) as conn:
        undated = conn.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < undated < total
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one("#articles-list")
        for press in ((), ("d",)):  # date ascending (the default), then descending
            await pilot.press(*press)
            await settle(pilot)
            dates = [lst.rows.get(i)["published"] for i in range(total)]
            assert all(d is None for d in dates[total - undated:]), dates
            dated = dates[:total - undated]
            assert dated == sorted(dated, reverse=bool(press))
