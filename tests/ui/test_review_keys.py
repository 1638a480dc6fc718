"""The review in the room: last year's goals, outcomes set by one key, the five boards."""

from __future__ import annotations

from rich.console import Console
from textual.widgets import Input, OptionList, Static

from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.review.goals import ReviewGoalDialog, ReviewGoalList


def rendered(widget, width: int = 120) -> str:
    console = Console(width=width, record=True, color_system=None)
    if isinstance(widget, OptionList):
        for option in widget.options:
            console.print(option.prompt)
    else:
        console.print(widget.content if isinstance(widget, Static) else widget.render())
    return console.export_text()


def open_review(make_app):
    app = make_app()

    async def go(pilot):
        app.go_to("review")
        await pilot.pause()
        app.screen.query_one(ReviewGoalList).focus()
        await pilot.pause()

    return app, go


async def test_outcomes_are_set_by_key_and_shown(make_app):
    app, go = open_review(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await go(pilot)
        goals = app.session.doc.review.goals
        assert [g.outcome for g in goals] == ["missed", "exceeded", "lost"]
        listing = rendered(app.screen.query_one(ReviewGoalList))
        assert "没完成" in listing and "超出" in listing and "丢失" in listing
        assert "93%" in listing  # 560 of 600
        await pilot.press("2")  # the first goal: met
        await pilot.pause()
        assert app.session.doc.review.goals[0].outcome == "met"
        assert "达成" in rendered(app.screen.query_one(ReviewGoalList))
        await pilot.press("down", "0")
        await pilot.pause()
        assert app.session.doc.review.goals[1].outcome is None
        await pilot.press("o")  # none → exceeded
        await pilot.pause()
        assert app.session.doc.review.goals[1].outcome == "exceeded"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.doc.review.goals[1].outcome is None
        summary = rendered(app.screen.query_one("#review-summary", Static))
        assert "达成" in summary and "丢失" in summary


async def test_add_edit_and_delete_last_years_goals(make_app):
    app, go = open_review(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await go(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReviewGoalDialog)
        app.screen.query_one("#field-statement", Input).value = "2026年新开发加盟商 [/oops] 10家"
        app.screen.query_one("#field-target", Input).value = "10"
        app.screen.query_one("#field-actual", Input).value = "12"
        app.screen.query_one("#field-note", Input).value = "展会带来新客户"
        await pilot.press("enter")
        await pilot.pause()
        goal = app.session.doc.review.goals[-1]
        assert (goal.statement, goal.target, goal.actual, goal.note) == (
            "2026年新开发加盟商 [/oops] 10家", 10, 12, "展会带来新客户")
        listing = rendered(app.screen.query_one(ReviewGoalList))
        assert "[/oops]" in listing and "120%" in listing
        await pilot.press("1")
        await pilot.pause()
        assert app.session.doc.review.goals[-1].outcome == "exceeded"
        await pilot.press("enter")  # edit the highlighted goal
        await pilot.pause()
        app.screen.query_one("#field-actual", Input).value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.doc.review.goals[-1].actual == 9
        await pilot.press("enter")  # in 万元, "560万" is the 560万元 the room means
        await pilot.pause()
        app.screen.query_one("#field-unit", Input).value = "万元"
        app.screen.query_one("#field-target", Input).value = "600万"
        app.screen.query_one("#field-actual", Input).value = "560"
        await pilot.press("enter")
        await pilot.pause()
        goal = app.session.doc.review.goals[-1]
        assert (goal.unit, goal.target, goal.actual) == ("万元", 600, 560)
        await pilot.press("x")
        await pilot.pause()
        assert len(app.session.doc.review.goals) == 3


async def test_review_cards_go_to_the_five_boards(make_app):
    app, go = open_review(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await go(pilot)
        entry = app.screen.query_one("#entry-input", Input)
        entry.focus()
        for board in ("highlight", "improve", "success", "failure", "lesson"):
            for _ in range(5):  # ctrl+b goes round the five boards
                if app.screen.board == board:
                    break
                await pilot.press("ctrl+b")
            assert app.screen.board == board
            entry.value = f"卡片 {board}"
            await pilot.press("enter")
            await pilot.pause()
        cards = app.session.doc.review.cards
        assert {c.board for c in cards} == {"highlight", "improve", "success", "failure",
                                            "lesson"}
        board = app.screen.query_one(CardBoard)
        assert "卡片 lesson" in "\n".join(
            board.render_line(y).text for y in range(board.scrollable_content_region.height))
