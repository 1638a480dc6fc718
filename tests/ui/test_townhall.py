"""Step 6 at the keyboard: a team presents, two questions are logged as they are asked,
one is answered, one changes the plan, the leader signs off and sums up; then the
course summary."""

from __future__ import annotations

import pytest

from planning import ready_action, shandong, with_strategies
from uitools import FakeTime, paste, rendered_lines, shown, stepper_text, tick, type_text
from workshop.methods import townhall as townhall_math
from workshop.store import Session, load
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.screens.townhall import TownhallScreen
from workshop.tui.widgets.action_form import ActionForm
from workshop.tui.widgets.row_list import RowList
from workshop.tui.widgets.top_bar import TopBar
from workshop.tui.widgets.townhall.dialogs import ChallengeForm, ClosingForm, SignOffForm


@pytest.fixture
def session_path(tmp_path):
    """济南队 and 青岛队 with plans; the town hall about to start."""
    doc = with_strategies(shandong())
    ready_action(doc, "每月拜访每家VIP客户一次", team_index=0, member_index=0)
    ready_action(doc, "6月30日前举办VIP技术交流研讨会", team_index=0, member_index=1,
                 strategy_index=1)
    ready_action(doc, "参加两次行业展会", team_index=1)
    doc.room.step = "townhall"
    path = tmp_path / "townhall.workshop.json"
    Session.create(doc, path).close()
    return path


@pytest.mark.slow  # a whole flow end to end
async def test_a_town_hall_with_two_questions_a_change_and_a_sign_off(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TownhallScreen)
        doc = app.session.doc
        jinan = doc.teams[0]
        assert "⑥城镇会议·2" in stepper_text(app)  # two plans wait for the leader
        plan = screen.query_one("#th-plan", RowList)
        shown_plan = rendered_lines(plan)
        assert "每月拜访每家VIP客户一次" in shown_plan and "参加两次行业展会" not in shown_plan

        # an executive asks; the facilitator types the question and the name
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ChallengeForm)
        await type_text(pilot, "VIP名单从哪里来？")
        await pilot.press("tab", "tab")  # asked by, name
        await type_text(pilot, "刘总")
        await pilot.press("enter")  # logged
        await pilot.pause()
        # a peer team asks
        await pilot.press("3")
        await pilot.pause()
        await paste(pilot, "研讨会[/b]预算够吗？")
        await pilot.press("enter")
        await pilot.pause()
        first, second = app.session.doc.townhall.challenges
        assert (first.team_id, first.asker_kind, first.asker, first.outcome) == (
            jinan.id, "executive", "刘总", "open")
        assert (second.asker_kind, second.question) == ("peer", "研讨会[/b]预算够吗？")
        log = screen.query_one("#th-log", RowList)
        shown_log = rendered_lines(log)
        assert "高管 · 刘总" in shown_log and "研讨会[/b]预算够吗？" in shown_log

        # the first one is answered
        log.focus()
        await pilot.press("up")
        assert log.selected.key == first.id
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "市场部提供")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.doc.townhall.challenges[0].outcome == "answered"

        # the second changes the plan: the seminar action gets a target
        await pilot.press("down")
        plan.focus()  # the seminar is the first action (strategy 1)
        seminar = next(a for a in app.session.doc.plan.actions if a.what.startswith("6月30日"))
        assert plan.selected.key == seminar.id
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#in-target").value = ""
        form.query_one("#in-target").focus()
        await type_text(pilot, "参会客户20家")
        await pilot.press("f10")
        await pilot.pause()
        doc = app.session.doc
        seminar = next(a for a in doc.plan.actions if a.id == seminar.id)
        changed = doc.townhall.challenges[1]
        assert seminar.target == "参会客户20家"
        assert changed.outcome == "changed" and changed.action_ids == [seminar.id]
        assert "已修改行动 1" in rendered_lines(log)
        await pilot.press("ctrl+z")  # one step undoes the change and the link
        await pilot.pause()
        assert app.session.doc.townhall.challenges[1].action_ids == []
        await pilot.press("ctrl+y")
        await pilot.pause()

        # the leader approves
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SignOffForm)
        await pilot.press("tab")
        await type_text(pilot, "计划扎实")
        await pilot.press("tab")
        await type_text(pilot, "刘总")
        await pilot.press("enter")
        await pilot.pause()
        signed = app.session.doc.townhall.signoffs
        assert [(s.team_id, s.decision, s.note, s.by) for s in signed] == [
            (jinan.id, "approved", "计划扎实", "刘总")]
        assert "⑥城镇会议·1" in stepper_text(app)
        assert "已批准" in shown(screen.query_one("#th-title"))

        # and sums up
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ClosingForm)
        await type_text(pilot, "计划落地靠每月检查")
        await pilot.press("f10")
        await pilot.pause()
        assert app.session.doc.townhall.closing_statement == "计划落地靠每月检查"
        assert app.session.doc.townhall.closing_by == "刘总"  # the signer, remembered


async def test_revise_needs_a_note(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        await pilot.press("right")  # the decision picker: approved → revise
        await pilot.press("tab", "tab")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "意见" in shown(form.query_one(".th-error"))
        assert app.session.doc.townhall.signoffs == []


async def test_presentation_mode_clock_and_next_team(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        doc = app.session.doc
        await pilot.press("p")
        await pilot.pause()
        assert screen.has_class("-presenting")
        assert not screen.query_one(TopBar).display or \
            screen.query_one(TopBar).styles.display == "none"
        await pilot.press("space")
        await pilot.pause()
        room = app.session.doc.room
        assert room.presentation.running and room.presenting_team_id == doc.teams[0].id
        await pilot.press("right")  # 青岛队 comes up, its own fresh time box
        await pilot.pause()
        room = app.session.doc.room
        assert room.turn.team_id == doc.teams[1].id
        assert not room.presentation.running
        assert room.presentation.remaining_s == 8 * 60
        plan = screen.query_one("#th-plan", RowList)
        assert "参加两次行业展会" in rendered_lines(plan)
        await pilot.press("right")  # 烟台队 has no plan: back to 济南队
        await pilot.pause()
        assert app.session.doc.room.turn.team_id == doc.teams[0].id
        await pilot.press("p")
        await pilot.pause()
        assert not screen.has_class("-presenting")


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_a_team_keeps_its_presentation_time_when_the_next_team_comes_up(make_app, size):
    clock = FakeTime()  # a loaded machine made the wall clock's 1.3 s read 00:02
    app = make_app(time_source=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        doc = app.session.doc
        first, second = doc.teams[0].id, doc.teams[1].id
        await pilot.press("space")  # 济南队's clock runs
        clock.advance(1.3)
        await tick(pilot)
        assert "已用 00:01" in shown(screen.query_one("#th-title"))
        await pilot.press("f4")  # F4 here brings the next team up, like →
        await pilot.pause()
        room = app.session.doc.room
        assert room.turn.team_id == second and room.presenting_team_id == second
        kept = room.presentation_clocks[first]
        assert not kept.running and 1 <= kept.duration_s - kept.remaining_s < 3
        await pilot.press("left")  # back to 济南队: its time goes on, not from the start
        await pilot.pause()
        room = app.session.doc.room
        assert room.presenting_team_id == first and room.presentation.remaining_s < 8 * 60 - 1
        assert "已用 00:01" in shown(screen.query_one("#th-title"))
    assert townhall_math.seconds_used(load(app.session.path), first) >= 1  # saved


async def test_the_summary_takes_takeaway_cards_and_shows_the_results(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.step == "summary"
        entry = app.screen.query_one("#entry-input")
        entry.focus()
        entry.value = "PDCA 要每月检查"
        await pilot.press("enter")
        await pilot.pause()
        cards = app.session.doc.summary.cards
        assert [(c.text, c.board, c.team_id) for c in cards] == [
            ("PDCA 要每月检查", "takeaway", app.session.doc.teams[0].id)]
        results = shown(app.screen.query_one("#summary-results"))
        assert "济南队" in results and "2 项行动" in results and "待签批" in results
