"""The app on a database made by the real ingest and the real extraction (sample_data/)."""

from __future__ import annotations

from tui.app import ParleyApp
from tui.screens.compare import CompareScreen, EvidenceScreen

from .helpers import screen_text, settle

COUNTRIES = ("United States", "North Korea", "South Korea", "China")


async def test_compare_shows_the_seed_countries_and_cell_evidence(extracted_db):
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        topics = [t["name"] for t in screen.matrix.topics]
        assert "peace treaty" in topics and "denuclearization" in topics
        text = screen_text(app)
        for name in COUNTRIES:
            assert name in text
        # Each country has a stance on at least one of the two seed topics.
        actors = {a["name"]: a for a in screen.matrix.actors}
        seed_topics = [t for t in screen.matrix.topics if t["name"] in ("peace treaty", "denuclearization")]
        for name in COUNTRIES:
            assert any(screen.matrix.cell(actors[name]["id"], t["id"]) for t in seed_topics), name
        # Go to the United States' denuclearization cell and open its evidence.
        lst = screen.query_one("#matrix")
        target_row = [a["name"] for a in screen.matrix.actors].index("United States")
        target_col = topics.index("denuclearization")
        await pilot.press("g", *["j"] * target_row, *["l"] * target_col)
        await settle(pilot)
        assert lst.current["name"] == "United States" and screen.column == target_col
        await pilot.press("enter")
        await settle(pilot)
        evidence = app.screen
        assert isinstance(evidence, EvidenceScreen)
        assert evidence.query_one("#evidence").total >= 1
        first = evidence.rows[0]
        assert first["content"][:20] in screen_text(app).replace("\n", " ") or first["content"][:12] in screen_text(app)
        assert "United States" in screen_text(app) and "denuclearization" in screen_text(app)
