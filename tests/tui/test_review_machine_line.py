"""The Review header says how often the machine was right on reviewed stances, and when enough
new decisions came in to learn again (issue 11)."""

from __future__ import annotations

from extract.store import Store
from extract.store.learning import LEARN_AGAIN_AFTER
from tui.app import ParleyApp
from tui.screens.review import ReviewScreen

from .helpers import screen_text, settle


async def test_header_shows_machine_accuracy_after_decisions(seed_db):
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "machine right on" not in screen_text(app)  # nothing reviewed yet: no figure
        first = app.screen.item
        await pilot.press("a")  # its stances accepted as the machine labelled them
        await settle(pilot)
        stance = app.screen.item["stances"][0]
        other = "2" if stance["label"] != "oppose" else "1"
        await pilot.press(other)  # relabelled: the machine was wrong on this one
        await settle(pilot)
    with Store(seed_db) as store:
        right, reviewed = store.learning.stance_headline()
    assert reviewed == len(first["stances"]) + 1 and right == reviewed - 1
    app = ParleyApp(seed_db, refresh=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert f"machine right on {right / reviewed:.0%} of {reviewed} reviewed stances" in text
        assert "parley learn" not in text  # two decisions are not enough to learn again


async def test_header_says_when_to_learn_again(extracted_db):
    with Store(extracted_db) as store:
        ids = [r[0] for r in store.query("SELECT id FROM statements ORDER BY id LIMIT ?", (LEARN_AGAIN_AFTER,))]
        for sid in ids:
            store.review.accept(sid)
    app = ParleyApp(extracted_db, refresh=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert f"{LEARN_AGAIN_AFTER} new decisions: parley learn" in screen_text(app)
