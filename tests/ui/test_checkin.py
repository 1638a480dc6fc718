"""The check-in step from the keyboard: the store example typed into the grid, the rule on
screen, the re-split accepted and undone, the actions checked, the room view."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from checkin_factory import FEBRUARY, STORE, store
from factories import SCENARIOS
from uitools import FakeTime, record_notices, rendered_lines, settle, shown
from workshop import i18n
from workshop.edits import checkin as edits
from workshop.methods.checkin import ledger, progress
from workshop.model import Action
from workshop.scenario import load_scenario
from workshop.store import Session, load
from workshop.tui.widgets.checkin.actions_pane import ActionsPane
from workshop.tui.widgets.checkin.actuals_pane import ActualsPane
from workshop.tui.widgets.checkin.grid import ActualGrid
from workshop.tui.widgets.checkin.room_pane import RoomPane

VALENTINES = dt.datetime(2027, 2, 14, 10).timestamp()


@pytest.fixture
def checkin_app(tmp_path):
    """The app on the store example at the check-in step, on 14 February 2027."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(*, held: bool = True, lang: str = "zh", actions: bool = False):
        i18n.set_language(lang)
        doc = store()
        doc.room.language = lang
        if actions:
            early = doc.teams[0]
            doc.plan.actions.append(Action(
                what="每天开店前10分钟晨会", team_id=early.id, goal_id="store",
                owner_id=early.members[0].id, checker_id=early.members[1].id,
                due=dt.date(2027, 2, 28), next_check=dt.date(2027, 2, 7), cadence="weekly"))
            doc.plan.actions.append(Action(what="每周调整一次陈列", team_id=early.id,
                                           owner_id=early.members[2].id,
                                           due=dt.date(2027, 3, 31)))
        if held:
            checkin = edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY)
            doc.room.checkin_id = checkin.id
        doc.room.step = "checkin"
        session = Session.create(doc, tmp_path / f"s{len(sessions)}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session, time_source=FakeTime(VALENTINES))

    yield build
    for session in sessions:
        session.close()


def grid(app) -> ActualGrid:
    return app.screen.query_one(ActualGrid)


def detail(app) -> str:
    return shown(app.screen.query_one("#actual-detail", Static))


def store_progress(app):
    doc = app.session.doc
    return progress.of_key(doc, STORE, ledger.find(doc, doc.room.checkin_id))


async def test_the_store_example_typed_is_behind_and_says_what_each_day_must_bring(
        checkin_app):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ActualGrid)
        await pilot.press(*"22000")
        await settle(pilot)
        assert "22000▏" in rendered_lines(grid(app))  # on screen as it is typed
        await pilot.press("enter", *"24000", "enter")
        await settle(pilot)
        shown_grid = rendered_lines(grid(app))
        assert "22,000" in shown_grid and "46,000" in shown_grid
        p = store_progress(app)
        assert (p.actual, p.verdict) == (46000, "behind")
        # back on week 2: the rule for the store, in words
        await pilot.press("up")
        await settle(pilot)
        text = detail(app).replace("\n", "")
        assert "落后" in text and "需要高于平均水平的业绩才能追上" in text
        assert "3,857.14" in text and "12天各3,857元" in text
        assert "27,000元" in text
        await pilot.press("a")
        await settle(pilot)
        replan = ledger.replan_here(ledger.find(app.session.doc, app.session.doc.room.checkin_id),
                                    STORE)
        assert [p.value for p in replan.periods] == [27000, 27000]
        assert "已接受重新分解" in detail(app).replace("\n", "")
        assert "原计划25,000元" in detail(app).replace("\n", "")  # the day's plan, still
        assert "27,000*" in rendered_lines(grid(app))  # the re-split plan, marked
        await pilot.press("ctrl+z")
        await settle(pilot)
        doc = app.session.doc
        assert ledger.find(doc, doc.room.checkin_id).replans == []
        assert store_progress(app).actual == 46000  # the actuals stay


async def test_keys_typed_faster_than_the_screen_are_taken_in_order(checkin_app):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for char in "22000\r24000\r":  # as a fast typist or a keypad sends them
            app.post_message(events.Key("enter" if char == "\r" else char, char))
        await settle(pilot, 8)
        found = store_progress(app)
        assert [r.actual for r in found.rows[:2]] == [22000, 24000]
        assert isinstance(app.focused, ActualGrid)  # no dialog opened on the way


def driver_key(char: str) -> str:
    """The key name a terminal driver gives a typed character: itself when it is a
    letter or digit (万, ２), else its Unicode name (．: fullwidth_full_stop). A pty test
    (``e2e/test_pty_typing.py``) types the same through the real driver."""
    if char.isalnum():
        return char
    return unicodedata.name(char).lower().replace(" ", "_").replace("-", "_")


@pytest.mark.parametrize("typed", ["2.2万\r2.4万\r", "２２０００\r２．４万\r"],
                         ids=["wan", "full-width"])
async def test_wan_and_full_width_digits_typed_fast_stay_in_order(checkin_app, typed):
    """An input method sends 万 and full-width digits; typed quickly, or committed with
    the digits before them at once, they land where they were typed ("2.2万", not
    "万2.2"), and Enter saves each number in turn."""
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for char in typed:  # keys as the terminal driver names them, all at once
            app.post_message(events.Key("enter" if char == "\r" else driver_key(char),
                                        char))
        await settle(pilot, 8)
        found = store_progress(app)
        assert [r.actual for r in found.rows[:2]] == [22000, 24000]
        assert grid(app).buffer is None  # nothing left typed, no "not a number" held


async def test_wan_typed_in_a_wan_yuan_goal_is_what_the_room_said(tmp_path):
    """Shandong counts in 万元: "145万" typed for the first quarter is 145 (万元), as the
    room says it, and "1.2亿" is 12,000; not 1,450,000万元."""
    from workshop.tui.app import WorkshopApp

    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    doc.room.checkin_id = edits.new_checkin(doc, dt.date(2027, 2, 14), dt.date(2027, 1, 1),
                                            dt.date(2027, 1, 31)).id
    doc.room.step = "checkin"
    session = Session.create(doc, tmp_path / "shandong.workshop.json")
    try:
        app = WorkshopApp(session=session, time_source=FakeTime(VALENTINES))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(*"145万", "enter", *"1.2亿", "enter")
            await settle(pilot)
            doc = app.session.doc
            checkin = ledger.find(doc, doc.room.checkin_id)
            first, second = (progress.of_key(doc, key, checkin).rows[0].actual
                             for key in (("shandong", None, None), ("jinan", None, None)))
            assert (first, second) == (145, 12_000)
            assert "145" in rendered_lines(grid(app)) and "1,450,000" not in rendered_lines(
                grid(app))
    finally:
        session.close()


async def test_ahead_proposes_the_higher_target(checkin_app):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"30000", "enter", *"29000", "enter", "up")
        await settle(pilot)
        text = detail(app).replace("\n", "")
        assert "超前" in text and "重新设定更高的目标" in text and "109,000元" in text


async def test_a_wrong_number_stays_typed_to_correct_and_escape_drops_it(checkin_app):
    app = checkin_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"1.2.3", "enter")
        await settle(pilot)
        assert any("不是数字" in n for n in notices)
        assert grid(app).buffer == "1.2.3"
        assert store_progress(app).rows[0].actual is None
        await pilot.press("backspace", "backspace", "escape")
        await settle(pilot)
        assert grid(app).buffer is None
        assert isinstance(app.focused, ActualGrid)


async def test_x_clears_an_actual_and_enter_without_typing_asks(checkin_app):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"22000", "enter", "up", "x")
        await settle(pilot)
        assert store_progress(app).rows[0].actual is None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        app.focused.value = "2.2万"
        await pilot.press("enter")
        await settle(pilot)
        assert store_progress(app).rows[0].actual == 22000


async def test_without_a_check_in_n_holds_one_for_the_default_period(checkin_app):
    app = checkin_app(held=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "N" in shown(app.screen.query_one("#checkin-head", Static))
        # the grid says there is none, once: the panel beside it does not repeat it
        assert "还没有检查" in rendered_lines(grid(app)) and not detail(app).strip()
        await pilot.press("N")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert "（默认）" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        doc = app.session.doc
        (held,) = doc.checkin.checkins
        assert (held.date, held.start, held.end) == (dt.date(2027, 2, 14), *FEBRUARY)
        assert doc.room.checkin_id == held.id
        assert "2027-02-14" in shown(app.screen.query_one("#checkin-head", Static))


async def test_brackets_move_between_check_ins(checkin_app):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.session.doc.room.checkin_id
        later = app.edit("n", edits.new_checkin, dt.date(2027, 2, 21), *FEBRUARY)
        app.room(edits.show_checkin, later.id)
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.session.doc.room.checkin_id == first
        assert "第1/2次" in shown(app.screen.query_one("#checkin-head", Static))


async def test_actions_overdue_first_then_checked_with_percent_and_what_was_done(checkin_app):
    app = checkin_app(actions=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        pane = app.screen.query_one(ActionsPane)
        lines = rendered_lines(pane.rows)
        assert lines.index("晨会") < lines.index("陈列")  # overdue (check of 02-07) first
        assert "已逾期" in lines
        await pilot.press("p")
        await settle(pilot)
        app.focused.value = "40"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.focused.value = "晨会开了 12 天"
        await pilot.press("enter")
        await settle(pilot)
        doc = app.session.doc
        check = ledger.find(doc, doc.room.checkin_id).actions[0]
        assert (check.percent, check.done, check.status) == (40, "晨会开了 12 天", "doing")
        assert check.checker_id == doc.plan.actions[0].checker_id  # the plan's checker
        assert doc.plan.actions[0].status == "doing"
        await pilot.press("c")
        await settle(pilot)
        assert app.focused.value == "2027-02-21"  # a weekly action: a week on
        await pilot.press("enter", "d")
        await settle(pilot)
        doc = app.session.doc
        check = ledger.find(doc, doc.room.checkin_id).actions[0]
        assert check.next_check == dt.date(2027, 2, 21) and check.status == "done"
        assert "已完成" in shown(app.screen.query_one("#review-detail", Static))


async def test_a_new_action_is_added_at_the_check_in_and_its_form_opens(checkin_app):
    from workshop.tui.widgets.action_form import ActionForm

    app = checkin_app(actions=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "n")
        await settle(pilot)
        app.focused.value = "周末加一名兼职导购"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        await pilot.press("escape")
        await settle(pilot)
        added = app.session.doc.plan.actions[-1]
        assert added.what == "周末加一名兼职导购" and added.team_id == app.session.doc.teams[0].id


async def test_the_room_view_shows_every_team_at_a_glance(checkin_app):
    app = checkin_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press(*"22000", "enter", *"24000", "enter", "ctrl+n", "ctrl+n")
        await settle(pilot)
        view = shown(app.screen.query_one(RoomPane).query_one("#room-view", Static))
        for team in ("早班组", "晚班组", "陈列会员组"):
            assert team in view
        assert "▼ 落后 1" in view
        assert "46,000元 / 50,000元" in view


async def test_the_check_in_is_the_step_after_the_summary(checkin_app):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.session.doc.room.step == "summary"
        await pilot.press("f3")
        await settle(pilot)
        assert app.session.doc.room.step == "checkin"
        assert app.screen.query_one(ActualsPane)


async def test_in_english(checkin_app):
    app = checkin_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"22000", "enter", *"24000", "enter", "up")
        await settle(pilot)
        text = detail(app).replace("\n", " ")
        assert "above-average results are needed" in text
        assert "3,857.14" in text


async def test_what_is_typed_is_saved_before_it_shows(checkin_app, tmp_path):
    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"22000", "enter")
        await settle(pilot)
        saved = load(app.session.path)
        assert progress.of_key(saved, STORE, saved.checkin.checkins[0]).rows[0].actual == 22000


async def test_f8_exports_the_boards_of_the_check_in_on_screen(checkin_app):
    from pdftools import require_cjk_font

    require_cjk_font()
    app = checkin_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"22000", "enter", "f8")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
        index = next(i for i, label in enumerate(labels) if "业绩板（PDF" in label)
        assert "2027-02-14" in labels[index]
        options.highlighted = index
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        folder = app.session.path.parent / "exports"
        boards = sorted(p.name for p in folder.glob("*业绩板-2027-02-14.pdf"))
        assert len(boards) == 4
        assert any("已导出 4 个文件" in n for n in notices)


async def test_the_stepper_names_the_check_in_only_after_the_day(make_app):
    from uitools import stepper_text

    app = make_app()  # the Shandong workshop on its day, at step 1
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "跟进" not in stepper_text(app)
        app.go_to("checkin")
        await settle(pilot)
        assert "(跟进)" in stepper_text(app)
        app.go_to("summary")
        await settle(pilot)
        assert "跟进" not in stepper_text(app)  # nothing held yet


async def test_i_imports_a_csv_beside_the_session_and_m_keeps_the_rooms_notes(checkin_app):
    app = checkin_app()
    notices = record_notices(app)
    folder = app.session.path.parent
    (folder / "实际数.csv").write_bytes("目标编号,开始,实际\nstore,2027-02-01,22000\n"
                                       "store,2027-02-08,24000\n".encode("gbk"))
    (folder / "坏.csv").write_text("目标编号,开始,实际\nstore,2027-02-01,abc\n", "utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.focused.value = "坏.csv"
        await pilot.press("enter")
        await settle(pilot)
        assert any("第 2 行" in n for n in notices)
        assert store_progress(app).rows[0].actual is None
        await pilot.press("i")
        await settle(pilot)
        app.focused.value = "实际数.csv"
        await pilot.press("enter")
        await settle(pilot)
        assert store_progress(app).actual == 46000
        assert "46,000" in rendered_lines(grid(app))
        await pilot.press("m")
        await settle(pilot)
        app.focused.value = "机会点：情人节 [/oops] 周末加班"
        await pilot.press("enter")
        await settle(pilot)
        head = shown(app.screen.query_one("#checkin-head", Static))
        assert "机会点：情人节 [/oops] 周末加班" in head


async def test_at_80_columns_the_key_hint_keeps_whole_keys_and_says_there_are_more(
        checkin_app):
    """The tab line has no room for every key: it shows the keys that fit whole and `…`
    (F1 lists them all), never half a key such as "· a"."""
    from workshop.tui.widgets.pane_tabs import PaneTabs

    app = checkin_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one(PaneTabs)
        line = tabs.render_line(0).text.rstrip()
        assert line.endswith("x 清除 …"), line
        assert "· a" not in line
    wide = checkin_app()
    async with wide.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        line = wide.screen.query_one(PaneTabs).render_line(0).text
        assert "v 本组/全部" in line and "…" not in line
