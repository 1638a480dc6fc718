"""Step 5 at the keyboard: actions from a strategy, adoption, the form that fixes what the
readiness check flags, and what the room sees on the list."""

from __future__ import annotations

import pytest

from pdftools import pdf_text
from rooms import plan_session
from uitools import paste, record_notices, rendered_lines, shown, stepper_text, type_text
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.screens.plan import PlanScreen
from workshop.tui.widgets.action_form import ActionForm
from workshop.tui.widgets.row_list import RowList


@pytest.fixture
def session_path(tmp_path):
    """The Shandong workshop after step 4: three named strategies, on the plan step."""
    return plan_session(tmp_path)


async def open_form(pilot) -> ActionForm:
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionForm)
    return pilot.app.screen


@pytest.mark.slow  # a whole flow end to end
async def test_actions_from_a_strategy_are_adopted_and_completed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        rows = screen.query_one("#actions", RowList)
        assert rows.selected.kind == "strategy"  # ① 技术交流与展会, the most votes
        await pilot.press("c")
        await pilot.pause()
        doc = app.session.doc
        jinan = doc.teams[0]
        assert [a.what for a in doc.plan.actions] == ["6月前举办VIP技术交流研讨会",
                                                      "参加两次行业展会"]
        assert all(a.team_id == jinan.id and a.goal_id == "jinan" for a in doc.plan.actions)
        assert "⑤计划·2" in stepper_text(app)
        assert rows.selected.key == doc.plan.actions[0].id
        assert "待认领" in rendered_lines(rows)

        # adopt the first action for 李娜, the team's second member
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("down", "enter")
        await pilot.pause()
        action = app.session.doc.plan.actions[0]
        assert app.session.doc.member(action.owner_id)[1].name == "李娜"
        assert "李娜" in rendered_lines(rows)
        load = shown(screen.query_one("#plan-load"))
        assert "李娜" in load

        # fill in what the readiness check asks for: dates, measure, target
        form = await open_form(pilot)
        assert app.focused.id == "in-what"
        await pilot.press("tab", "tab", "tab")  # strategy, owner, who checks
        assert app.focused.id == "in-checker_id"
        await pilot.press("right")  # the first member: 张伟 checks 李娜's action
        await pilot.press("tab", "tab")  # the checker's role, start
        assert app.focused.id == "in-start"
        await type_text(pilot, "2027/1/4")
        await pilot.press("enter")  # Enter moves on to the next field
        await type_text(pilot, "2027-06-30")
        await pilot.press("enter")
        await type_text(pilot, "参会VIP客户数")
        await pilot.press("enter")
        await type_text(pilot, "20家")
        await pilot.press("f10")
        await pilot.pause()
        assert not isinstance(app.screen, ActionForm), form
        action = app.session.doc.plan.actions[0]
        assert (action.start.isoformat(), action.due.isoformat()) == ("2027-01-04", "2027-06-30")
        assert (action.measure, action.target) == ("参会VIP客户数", "20家")
        assert app.session.doc.member(action.checker_id)[1].name == "张伟"
        assert "⑤计划·1" in stepper_text(app)  # one action left to complete
        assert "✓" in rendered_lines(rows).splitlines()[1]
        detail = shown(screen.query_one("#plan-detail"))
        assert "就绪" in detail
        assert "谁来检查" in detail and "张伟（组长）" in detail


async def test_a_bad_date_keeps_the_form_open_and_says_why(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "每月拜访每家VIP客户一次")
        await pilot.press("enter")
        await pilot.pause()
        assert [a.what for a in app.session.doc.plan.actions] == ["每月拜访每家VIP客户一次"]
        form = await open_form(pilot)
        await pilot.press(*["tab"] * 6)  # strategy, owner, checker, role, start, due
        await type_text(pilot, "2027-02-30")
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is form  # still open: nothing is lost
        error = form.query_one("#err-due")
        assert error.has_class("-shown") and "不存在" in shown(error)
        assert app.focused.id == "in-due"
        assert app.session.doc.plan.actions[0].due is None
        await pilot.press(*["backspace"] * 2)
        await type_text(pilot, "28")
        await pilot.press("f10")
        await pilot.pause()
        assert app.session.doc.plan.actions[0].due.isoformat() == "2027-02-28"


async def test_start_after_due_is_shown_on_the_due_field(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "参加两次行业展会")
        await pilot.press("enter")
        await pilot.pause()
        form = await open_form(pilot)
        await pilot.press(*["tab"] * 5)  # … start
        await type_text(pilot, "2027-05-01")
        await pilot.press("enter")
        await type_text(pilot, "2027-04-01")
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is form
        assert "晚于完成期限" in shown(form.query_one("#err-due"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # dates were typed: it asks first
        await pilot.press("down", "enter")  # throw them away
        await pilot.pause()
        assert not isinstance(app.screen, ActionForm | Choice)
        assert app.session.doc.plan.actions[0].start is None  # cancelled: unchanged


async def test_user_text_shows_literally_and_delete_undoes(make_app):
    app = make_app()
    nasty = "[/oops] <b>&[b]x[/b] 😀"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await paste(pilot, nasty)
        await pilot.press("enter")
        await pilot.pause()
        rows = app.screen.query_one("#actions", RowList)
        assert nasty in rendered_lines(rows)
        assert nasty in shown(app.screen.query_one("#plan-detail"))
        await pilot.press("delete")
        await pilot.pause()
        assert app.session.doc.plan.actions == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [a.what for a in app.session.doc.plan.actions] == [nasty]


async def test_status_view_and_the_next_team(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.session.doc.plan.actions[0].status == "doing"
        rows = app.screen.query_one("#actions", RowList)
        await pilot.press("f4")  # 青岛队's turn: its plan is empty
        await pilot.pause()
        assert "6月前举办" not in rendered_lines(rows)
        assert "青岛队" in shown(app.screen.query_one("#plan-summary"))
        await pilot.press("v")  # every team
        await pilot.pause()
        text = rendered_lines(rows)
        assert "济南队" in text and "青岛队" in text and "6月前举办" in text


async def test_the_list_fits_a_small_terminal(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await paste(pilot, "长" * 300)  # what is typed does not matter here: how it wraps
        await pilot.press("enter")
        await pilot.pause()
        rows = app.screen.query_one("#actions", RowList)
        width = rows.scrollable_content_region.width
        for y in range(rows.scrollable_content_region.height):
            assert rows.render_line(y).cell_length <= width
        assert rows.virtual_size.height > 10  # the long action wraps


async def test_f8_exports_every_handout_off_the_ui_thread(make_app, session_path):
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")  # a plan to print
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("down", "enter")  # the report and every team's handout
        await app.workers.wait_for_complete()
        await pilot.pause()
        folder = session_path.parent / "exports"
        pdfs = sorted(p.name for p in folder.glob("*.pdf"))
        assert len(pdfs) == 4 and any("济南队" in name for name in pdfs)
        done = next(m for m in notices if "已导出 4 个文件" in m)
        assert str(folder) in done and "济南队" in done
        handout = next(folder.glob("*济南队*.pdf"))
        assert "附录" not in pdf_text(handout)

        # the third choice: the handouts again, each with its appendix
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = pdf_text(handout)
        assert "附录" in text and "行动计划" in text


@pytest.mark.parametrize(("lang", "flag", "ready_word"),
                         [("zh", "没有检查人", "就绪"), ("en", "nobody checks it", "Ready")])
async def test_an_action_nobody_checks_is_flagged_until_someone_does(tmp_path, lang, flag,
                                                                      ready_word):
    from planning import ready_action, shandong, with_strategies
    from rooms import saved
    from workshop import i18n
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    i18n.set_language(lang)
    doc = with_strategies(shandong())
    doc.meta.language = doc.room.language = lang
    # under the strategy with the most votes, listed first
    ready_action(doc, "每月拜访每家VIP客户一次", strategy_index=1).checker_id = None
    session = Session.open(saved(doc, tmp_path / "p.workshop.json", "plan"))
    try:
        app = WorkshopApp(session=session)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen = app.screen
            rows = screen.query_one("#actions", RowList)
            await pilot.press("down")  # from the strategy to its action
            await pilot.pause()
            assert rows.selected.kind == "action"
            assert "⚠1" in rendered_lines(rows)
            detail = shown(screen.query_one("#plan-detail"))
            assert flag in detail and ready_word not in detail
            form = await open_form(pilot)
            await pilot.press("tab", "tab", "tab")  # strategy, owner, who checks
            assert app.focused.id == "in-checker_id"
            await pilot.press("right", "right")  # 李娜 checks 张伟's action
            await pilot.press("f10")
            await pilot.pause()
            assert not isinstance(app.screen, ActionForm), form
            assert app.session.doc.plan.actions[0].checker_id is not None
            detail = shown(screen.query_one("#plan-detail"))
            assert flag not in detail and ready_word in detail
    finally:
        session.close()
        i18n.set_language("zh")


async def test_the_key_bar_follows_the_cursor_between_strategies_and_actions(make_app):
    """An action's keys (A adopt, S status) are offered on an action and not on a strategy:
    the key bar on the terminal changes as the cursor moves (it kept the first row's keys
    until something else redrew it)."""
    from terminal_mirror import TerminalMirror
    from uitools import settle

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one("#actions", RowList)
        await pilot.press("c")  # two draft actions under the strategy
        await pilot.press("home")  # back on the strategy
        await settle(pilot)
        mirror = TerminalMirror(app)
        mirror.install()
        await settle(pilot)
        for key, kind, adopt in (("down", "action", True), ("home", "strategy", False),
                                 ("down", "action", True)):
            await pilot.press(key)
            await settle(pilot)
            assert rows.selected.kind == kind
            assert ("认领" in mirror.screen.display[-1]) == adopt, mirror.screen.display[-1]
            assert not mirror.differences(), mirror.differences()[:3]
            await settle(pilot)


async def test_walking_the_list_shows_each_strategy_without_ranking_them_again(
        make_app, monkeypatch):
    """The side shows the strategy under the cursor as the list ranks it; moving the
    cursor does not rank every strategy again (that walks every co-create card: 5 ms a
    row at 9,900 cards, and an off-screen plan redrawn in a quiet moment held up the
    next key by as much)."""
    from workshop.methods.plan import actions as plan_math

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        rows = screen.query_one("#actions", RowList)
        ranked = {s.id: s for s in plan_math.strategies(app.session.doc, shown=True)}
        calls: list[object] = []
        rank = plan_math.strategies
        monkeypatch.setattr(plan_math, "strategies",
                            lambda *a, **k: (calls.append(a), rank(*a, **k))[1])
        seen = set()
        for _ in range(len(rows.rows)):
            row = rows.selected
            if row is not None and row.kind == "strategy":
                sid = row.key.split(":")[1]  # strategy:<id>:<team>
                if sid in ranked:
                    assert ranked[sid].name in shown(screen.query_one("#plan-detail"))
                    seen.add(sid)
            await pilot.press("down")
            await pilot.pause()
        assert seen == set(ranked)  # every strategy was passed and shown
        assert calls == []


async def test_a_redraw_draws_the_side_once(make_app, monkeypatch):
    """The side is drawn with the list, once per redraw: the list does not report again a
    row that stays under its cursor (a second drawing cost an off-screen plan redrawn in
    a quiet moment 3-4 ms at 9,900 cards, as the next key came)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        drawn: list[str | None] = []
        side = PlanScreen._side

        def counted(self, doc):
            row = self.action_list.selected
            drawn.append(row.key if row is not None else None)
            side(self, doc)

        monkeypatch.setattr(PlanScreen, "_side", counted)
        app.edit("retitle", lambda doc: setattr(doc.meta, "title", "新标题"))
        await pilot.pause()
        await pilot.pause()
        assert len(drawn) == 1
        await pilot.press("down")
        await pilot.pause()
        assert len(drawn) == 2 and drawn[1] != drawn[0]  # a move draws the new row's side
        assert screen.query_one(RowList).selected.key == drawn[1]
