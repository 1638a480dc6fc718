"""The phone page in a real browser (Debian's Chromium at 360×800, driven by Playwright)
against the real app (Textual's pilot, the room served on 127.0.0.1): join by the QR
code's link, add cards on two boards, vote in secret, ask and upvote a question; the
projector's screen shows each result. Screenshots of the page and of the projector are
kept in ``WORKSHOP_SCREENSHOTS`` when that is set (to look at them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phones_factory import PHONE, phone_browser, vote_doc
from uitools import rendered_lines, settle
from workshop.store import Session
from workshop.tui.phones import RoomOptions
from workshop.tui.widgets.card_board import CardBoard

pytestmark = pytest.mark.slow

SHOTS = os.environ.get("WORKSHOP_SCREENSHOTS")
if SHOTS:
    Path(SHOTS).mkdir(parents=True, exist_ok=True)


async def shot(page, name: str) -> None:
    if SHOTS:
        await page.screenshot(path=str(Path(SHOTS) / f"phone-{name}.png"), full_page=True)


async def until(pilot, check, what: str, tries: int = 60) -> None:
    """Let the app run until `check()` holds (the page polls, the server answers)."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"never happened: {what}")


async def test_the_room_joins_from_a_phone_browser(tmp_path):
    from playwright.async_api import expect

    from workshop.tui.app import WorkshopApp

    doc, strategy, _ = vote_doc()  # step 4 ready: two named strategies, 2 dots per member
    doc.room.step = "review"
    doc.room.turn.team_id = doc.teams[0].id
    session = Session.create(doc, tmp_path / "room.workshop.json")
    app = WorkshopApp(session=session, room_options=RoomOptions("127.0.0.1", 0))
    try:
        async with app.run_test(size=(120, 36)) as pilot, phone_browser() as browser:
            await pilot.press("ctrl+f")
            await settle(pilot)
            if SHOTS:
                app.save_screenshot(path=SHOTS, filename="projector-qr.svg")
            link = app.room_server.join_url()
            await pilot.press("escape")

            phone = await browser.new_context(viewport=PHONE, device_scale_factor=2,
                                              is_mobile=True, has_touch=True)
            page = await phone.new_page()
            await page.goto(link)
            team = app.session.doc.teams[1]
            await page.wait_for_selector(f"#teams button[data-team='{team.id}']")
            await shot(page, "1-join")
            await page.click(f"#teams button[data-team='{team.id}']")
            await page.select_option("#member", team.members[0].id)
            await page.click("#join-button")
            await page.wait_for_selector("#stage:not([hidden])")
            assert "#" not in page.url  # the code left the address bar

            # cards on two boards
            await page.fill("#card-text", "回款周期缩短 <b>&[/oops]")
            await page.click("#add-card")
            await page.wait_for_selector("#mine li[data-card]")
            await page.click("#board-tabs button:nth-child(5)")  # 经验萃取
            await page.fill("#card-text", "早立项早复盘")
            await page.click("#add-card")
            await expect(page.locator("#mine")).to_contain_text("早立项早复盘")
            await shot(page, "2-cards")
            # the projector draws phones' changes together, a moment later (later still
            # on a slow machine: the clean-clone CI once drew the second after 0.3 s)
            board = app.screen.query_one(CardBoard)
            await until(pilot, lambda: all(text in rendered_lines(board) for text in (
                "回款周期缩短 <b>&[/oops]", "早立项早复盘")), "both phone cards on the projector")
            cards = app.session.doc.cards("review")
            assert {(c.board, c.team_id) for c in cards} == {("highlight", team.id),
                                                             ("lesson", team.id)}
            assert await page.locator("#mine b").count() == 0  # markup stays text

            # secret dots: the page follows the projector to step 4
            app.go_to("cocreate")
            await settle(pilot)
            await page.wait_for_selector("#ballot:not([hidden])", timeout=10_000)
            vote = f"#items li[data-item='{strategy}'] button.vote-up"
            await page.click(vote)
            await expect(page.locator("#ballot-left")).to_contain_text("1")
            await page.click(vote)
            await expect(page.locator("#ballot-left")).to_contain_text("0")
            await shot(page, "3-dots")
            await pilot.pause(0.3)
            board = rendered_lines(app.screen.query_one("#board-vote", CardBoard))
            assert "● ?" in board and "● 2" not in board  # secret until shown
            cluster = app.session.doc.cocreate.cluster(strategy)
            assert [v.member_id for v in cluster.votes] == [team.members[0].id] * 2
            await pilot.press("ctrl+f", "v", "escape")
            await settle(pilot)
            board = rendered_lines(app.screen.query_one("#board-vote", CardBoard))
            assert "深耕县域渠道" in board and "●● 2" in board  # the wall: dots under the name

            # the town hall: a question, upvoted from a second phone
            app.go_to("townhall")
            await settle(pilot)
            await page.wait_for_selector("#questions:not([hidden])", timeout=10_000)
            await page.fill("#question-text", "县域经销商的账期怎么控制？")
            await page.click("#ask")
            await page.wait_for_selector("#question-list li[data-question]")

            other = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            second = await other.new_page()
            await second.goto(link)
            third = app.session.doc.teams[2]
            await second.click(f"#teams button[data-team='{third.id}']")
            await second.click("#join-button")
            await second.wait_for_selector("#question-list li[data-question] button.vote-up")
            await second.click("#question-list li[data-question] button.vote-up")
            await second.wait_for_selector(
                "#question-list li[data-question] button.vote-up[aria-pressed='true']")
            await shot(second, "4-questions")
            await until(pilot, lambda: app.session.doc.townhall.room_questions
                        and app.session.doc.townhall.room_questions[0].upvotes,
                        "the upvote reached the document")
            await pilot.press("q")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            log = rendered_lines(app.screen.query_one("#th-log"))
            assert "县域经销商的账期怎么控制？" in log
            if SHOTS:
                app.save_screenshot(path=SHOTS, filename="projector-townhall.svg")
            await expect(page.locator("#asked")).to_contain_text("账期")
            await phone.close()
            await other.close()
    finally:
        session.close()
