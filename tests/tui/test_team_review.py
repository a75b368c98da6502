"""Review as a team, in the real app (Pilot): who decided is shown, another coder's decision is
never overwritten, double-coded statements come back to the second coder, and the filter lists
the disagreements, where the decision made is the one every count uses."""

from __future__ import annotations

from extract.store import Store
from tui.app import ParleyApp

from .helpers import row, screen_text, settle


async def test_a_decision_made_by_another_coder_meanwhile_is_refused_with_who(seed_db):
    app = ParleyApp(seed_db, refresh=False, coder="ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        shown = app.screen.item["id"]
        assert "ana ·" in screen_text(app)  # the status line names the coder
        with Store(seed_db, coder="ben") as ben:  # e.g. after ana's claim expired
            ben.review.reject(shown)
        await pilot.press("a")
        await settle(pilot)
        assert f"not saved: statement {shown} was rejected by ben, just now" in screen_text(app)
        assert row(seed_db, "SELECT review, reviewed_by FROM statements WHERE id = ?", (shown,)) == ("rejected", "ben")
        assert app.screen.item["id"] != shown  # moved on


async def test_double_coding_then_adjudicating_a_disagreement(seed_db):
    with Store(seed_db, coder="ben") as ben:
        ben.team.set_double_share(1.0)
        first = ben.team.claim_next(ben.team.queue(ben.browse.review_queue()))
        ben.review.accept(first)
        ben.team.release()
    app = ParleyApp(seed_db, refresh=False, coder="ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert app.screen.item["id"] == first  # double-coded: back for a second coder
        assert "accepted by ben, just now" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        # Kept side by side: the statement still counts as ben decided it.
        assert row(seed_db, "SELECT review, reviewed_by FROM statements WHERE id = ?", (first,)) == ("accepted", "ben")
        assert row(seed_db, "SELECT review FROM codings WHERE statement_id = ? AND coder = 'ana'", (first,)) == (
            "rejected",)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press(*"disagree", "enter")
        await settle(pilot)
        assert app.screen.item["id"] == first
        text = screen_text(app)
        assert "adjudicating" in text and "ben: accepted · ana: rejected" in text
        await pilot.press("x")
        await settle(pilot)
        assert row(seed_db, "SELECT review, reviewed_by, adjudicated_by FROM statements WHERE id = ?",
                   (first,)) == ("rejected", "ana", "ana")
        await settle(pilot)
        assert "rejected by ana, just now" in screen_text(app)  # the adjudicated decision, shown
