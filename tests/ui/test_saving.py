"""Saving from the facilitator's side: one save per action, backups worth restoring."""

from __future__ import annotations

from uitools import enter_card
from workshop.store import backups, load
from workshop.store.journal import Journal
from workshop.tui.quiet import QUIET_SECONDS


async def test_each_thing_the_facilitator_does_is_saved_once(make_app, monkeypatch):
    saves: list[bytes] = []
    append = Journal.append

    def counted(journal, record):
        saves.append(record)
        append(journal, record)

    monkeypatch.setattr(Journal, "append", counted)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for keys, what in [(["f3"], "next step"), (["f2"], "previous step"),
                           (["f4"], "next team"), (["f5"], "clock"), (["ctrl+z"], "undo")]:
            if what == "undo":
                await enter_card(pilot, "一张卡片")
            saves.clear()
            await pilot.press(*keys)
            await pilot.pause()
            assert len(saves) == 1, (what, saves)
        saves.clear()
        await enter_card(pilot, "又一张卡片")
        # what is typed is kept as it is typed (a draft record per change of the entry,
        # so a closed terminal loses nothing); Enter is then one record: the card, the
        # emptied draft and the turn's count together
        draft, enter = saves
        assert b'"draft"' in draft and "又一张卡片".encode() in draft
        assert b'"draft",""' in enter and "又一张卡片".encode() in enter
        assert len(enter) < 2000  # of the change, not of the whole workshop


async def test_cards_and_turns_write_no_backups_and_a_step_change_does(make_app, session_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for i in range(8):
            await enter_card(pilot, f"卡片{i}")
            await pilot.press("f4")
        assert backups(session_path) == []  # nothing rotates away
        await pilot.press("f3")
        # the snapshot that is due is written in the first quiet moment (``tui.quiet``)
        await pilot.pause(QUIET_SECONDS + 0.6)
        assert app.session.doc.room.step == "gaps"
        await pilot.press("f4")
        await pilot.pause()
    app.session.close()
    kept = backups(session_path)
    step = [b for b in kept if b.name.endswith("-step.json")]
    assert len(step) == 1
    at_step = load(step[0])
    assert at_step.room.step == "gaps" and len(at_step.vision.cards) == 8
    assert len(load(session_path).vision.cards) == 8
