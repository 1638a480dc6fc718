"""Step 3 at the keyboard: the facilitator goes member by member — yes/no, roles,
commitments in one run — and the charter is signed; rules, rewards and penalties."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from uitools import open_charter, settle
from workshop.methods import charter as charter_method
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.stepper import Stepper


def sheet_text(app) -> str:
    sheet = app.screen.query_one("#charter-sheet", OptionList)
    return "\n".join(str(sheet.get_option_at_index(i).prompt) for i in range(sheet.option_count))


@pytest.mark.slow  # a whole flow end to end
async def test_member_by_member_the_charter_gets_signed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_charter(pilot)
        doc = app.session.doc
        team = doc.teams[0]
        stepper = app.screen.query_one(Stepper)
        assert "公约·3" in stepper.render().plain  # three charters to sign
        assert "四被：被尊重、被认可、被看见、被听见" in sheet_text(app)
        # the cursor starts on the first member: five yeses, one key each
        await pilot.press(*["y"] * len(team.members))
        await settle(pilot)
        charter = app.session.doc.charter.charter(team.id)
        assert [c.commits for c in charter.commitments] == [True] * len(team.members)
        assert not charter_method.is_signed(charter, team)
        # Enter on the first member opens the commitment line; Enter saves and goes on
        await pilot.press("up", "up", "up", "up", "enter")
        await settle(pilot)
        field = app.screen.query_one("#commit-input", Input)
        assert field.has_focus
        for i, member in enumerate(team.members):
            assert member.name in str(app.screen.query_one("#commit-who").render())
            field.value = f"每周拜访 {i + 3} 家VIP客户 [/oops]"
            await pilot.press("enter")
            await settle(pilot)
        charter = app.session.doc.charter.charter(team.id)
        assert [c.text for c in charter.commitments] == [
            f"每周拜访 {i + 3} 家VIP客户 [/oops]" for i in range(len(team.members))]
        assert charter_method.is_signed(charter, team)
        assert charter.signed_at is not None
        assert "已签署" in sheet_text(app)
        assert "公约·2" in stepper.render().plain
        assert app.screen.query_one("#charter-sheet", OptionList).has_focus

        await pilot.press("n")  # the last member changes their mind: unsigned again
        await settle(pilot)
        assert not charter_method.is_signed(app.session.doc.charter.charter(team.id), team)


async def test_roles_rules_rewards_and_the_next_team(make_app):
    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_charter(pilot)
        team = app.session.doc.teams[0]
        await pilot.press("r")  # the first member's role
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await pilot.press("down", "enter")  # 时间官, held by the second member until now
        await settle(pilot)
        members = app.session.doc.teams[0].members
        assert (members[0].role, members[1].role) == ("时间官", "")

        sheet = app.screen.query_one("#charter-sheet", OptionList)
        sheet.highlighted = sheet.get_option_index("rewards:+")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "季度达标，全队聚餐 <b>&"
        await pilot.press("enter")
        await settle(pilot)
        charter = app.session.doc.charter.charter(team.id)
        assert charter.rewards == ["季度达标，全队聚餐 <b>&"]
        assert "季度达标，全队聚餐 <b>&" in sheet_text(app)

        rules = len(charter.rules)
        sheet.highlighted = sheet.get_option_index("rules:0")
        await pilot.press("delete")
        await settle(pilot)
        assert len(app.session.doc.charter.charter(team.id).rules) == rules - 1

        await pilot.press("right")
        await settle(pilot)
        second = app.session.doc.teams[1]
        assert app.screen.team_id == second.id
        assert second.members[0].name in sheet_text(app)
        await pilot.press("ctrl+z")  # undo the rule removal, on the first team
        await settle(pilot)
        assert len(app.session.doc.charter.charter(team.id).rules) == rules


async def test_renaming_the_team_refuses_a_taken_name(make_app):
    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_charter(pilot)
        sheet = app.screen.query_one("#charter-sheet", OptionList)
        sheet.highlighted = sheet.get_option_index("name")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(Input).value = app.session.doc.teams[1].name
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.teams[0].name == "济南队"  # refused, with a notice
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(Input).value = "泉城队"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.teams[0].name == "泉城队"
        assert "泉城队" in sheet_text(app)


async def test_a_click_on_a_team_tab_opens_its_charter_and_leaves_the_turn_alone(make_app):
    from workshop.methods import turns
    from workshop.tui.widgets.charter.sheet import TeamTabs
    from workshop.tui.widgets.turn_bar import TurnBar

    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_charter(pilot)
        doc = app.session.doc
        second = doc.teams[1]
        turn_before = turns.current_team_id(doc)
        tabs = app.screen.query_one(TeamTabs)
        x = next(start for start, _end, team_id in tabs._spans if team_id == second.id)
        await pilot.click(TeamTabs, offset=(x + 1, 0))
        await settle(pilot)
        assert app.screen.team().id == second.id
        assert turns.current_team_id(doc) == turn_before  # a tab is not the turn bar
        # the turn bar's own chips still hand the turn over
        bar = app.screen.query_one(TurnBar)
        x = next(start for start, _end, team_id in bar._spans if team_id == second.id)
        await pilot.click(TurnBar, offset=(x + 1, 0))
        await settle(pilot)
        assert turns.current_team_id(doc) == second.id


async def test_the_sheet_is_drawn_again_at_its_new_width(make_app):
    """The signing line lists every member, cut to the sheet's width: a wider terminal
    shows more of it at once, a narrower one cuts it again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_charter(pilot)
        last = app.session.doc.teams[0].members[-1].name

        def signing_line() -> str:
            return next(line for line in sheet_text(app).splitlines() if "签署进度" in line)

        assert signing_line().rstrip().endswith("…") and last not in signing_line()
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert last in signing_line() and not signing_line().rstrip().endswith("…")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert signing_line().rstrip().endswith("…") and last not in signing_line()
