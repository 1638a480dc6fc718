"""The brainstorm's side panel says how many of step 2's findings are left to pull in.
Working that out ranks step 2's gaps (1 ms at 400 gap cards) and the panel is drawn
again after every card, so the answer is kept until step 2 changes: the count is right
after cards typed, after a change to step 2, its undo, and a language switch."""

from __future__ import annotations

import pytest

from cocreate_factory import brainstormed, with_gaps
from cocreate_pilot import panel_text
from uitools import settle
from workshop.edits import cards as card_edits
from workshop.methods.cocreate import focus


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def counted(monkeypatch):
    """How many times step 2's findings are worked out."""
    calls = []
    original = focus.sources

    def sources(doc, lang=None):
        calls.append(1)
        return original(doc, lang)

    monkeypatch.setattr(focus, "sources", sources)
    return calls


async def type_card(pilot, text: str) -> None:
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_the_pull_count_is_kept_while_cards_are_typed_and_follows_step_2(
        cocreate_app, counted):
    doc = with_gaps(brainstormed())
    doc.cocreate.phase = "brainstorm"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "第二步还有5条可拉入" in squeeze(panel_text(app))
        before, cards = len(counted), len(app.session.doc.cocreate.cards)
        for text in ("巡店", "直播", "会员日"):
            await type_card(pilot, text)
        assert len(app.session.doc.cocreate.cards) == cards + 3
        assert "第二步还有5条可拉入" in squeeze(panel_text(app))
        assert len(counted) == before  # three cards, step 2 not ranked again

        # a TOWS idea added to step 2 (as from the gaps screen): one more to pull in
        app.edit("tows", lambda d: card_edits.add_card(d, "gaps", "借力渠道伙伴",
                                                        board="swot.WO"))
        await settle(pilot)
        assert "第二步还有6条可拉入" in squeeze(panel_text(app))
        await pilot.press("ctrl+z")  # undone: back to five
        await settle(pilot)
        assert "借力渠道伙伴" not in [c.text for c in app.session.doc.gaps.swot]
        assert "第二步还有5条可拉入" in squeeze(panel_text(app))

        await app.set_language("en")
        await settle(pilot)
        assert "5 more from step 2 to pull in" in panel_text(app)
