"""The vision step in the room: the live SMART check in the goal form, the goal tree, the
shared vision, the cascade editor and the value-chain what-if — driven by keys, checked
on the document and on what the widgets render."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from uitools import record_notices
from workshop.methods.vision import cascade as cascade_math
from workshop.scenario import load_scenario
from workshop.store import Session
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.pane_tabs import PaneTabs
from workshop.tui.widgets.vision.cascade import CascadeHeader, CascadeList, CascadeTable
from workshop.tui.widgets.vision.funnel import FunnelList, FunnelView
from workshop.tui.widgets.vision.goals import GoalDetail, GoalDialog, GoalTree
from workshop.tui.widgets.vision.statement import StatementDialog, VisionStatement

REPO = Path(__file__).resolve().parents[2]


def rendered(widget, width: int = 120) -> str:
    """What a widget shows, as plain text: a Static's content, an option list's options,
    or a widget's render."""
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    if isinstance(widget, OptionList):
        for option in widget.options:
            console.print(option.prompt)
    else:
        console.print(widget.content if isinstance(widget, Static) else widget.render())
    return console.export_text()


def verdict_line(text: str, letter: str) -> str:
    return next(line for line in text.splitlines() if f" {letter} " in line[:6])


async def open_panel(pilot, number: str) -> None:
    """Switch panel by its digit, as the facilitator does once out of the card entry."""
    pilot.app.screen.query_one(GoalTree).focus()
    await pilot.press(number)
    await pilot.pause()


def make_session(tmp_path, scenario: str) -> Session:
    doc = load_scenario(REPO / "scenarios" / scenario)
    doc.room.step = "vision"
    return Session.create(doc, tmp_path / f"{scenario}.workshop.json")


# -- panels --------------------------------------------------------------------------------

async def test_the_step_opens_ready_to_type_vision_cards_and_panels_switch_by_key(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.view == "cards"
        assert screen.query_one(CardEntry).display
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.view == "goals"
        assert not screen.query_one(CardEntry).display  # the goals get the entry's rows
        assert isinstance(app.focused, GoalTree)
        await pilot.press("3")
        await pilot.pause()
        assert screen.view == "cascade" and isinstance(app.focused, CascadeTable)
        await pilot.press("4")
        await pilot.pause()
        assert screen.view == "funnel"
        await pilot.press("1")
        await pilot.pause()
        assert screen.view == "cards" and isinstance(app.focused, Input)
        assert "1 愿景" in screen.query_one(PaneTabs).render().plain


# -- goals and the live SMART check --------------------------------------------------------

async def test_type_a_vague_goal_see_s_and_m_fail_fix_it_and_see_them_pass(make_app):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(pilot, "2")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GoalDialog)
        statement = app.screen.query_one("#field-statement", Input)
        assert app.focused is statement
        for key in "improve sales":  # typed key by key: the check follows every keystroke
            await pilot.press("space" if key == " " else key)
        await pilot.pause()
        text = rendered(app.screen.query_one("#smart-live", Static))
        assert "S ✗" in verdict_line(text, "S") and "M ✗" in verdict_line(text, "M")
        statement.value = "一定要提高拜访量"
        await pilot.pause()
        text = rendered(app.screen.query_one("#smart-live", Static))
        assert "S ✗" in text and "一定要" in verdict_line(text, "S")
        assert "M ✗" in verdict_line(text, "M") and "T ✗" in verdict_line(text, "T")
        statement.value = "2027年12月31日前济南市场VIP客户拜访量达到1200次"
        await pilot.pause()
        text = rendered(app.screen.query_one("#smart-live", Static))
        assert "S ✓" in verdict_line(text, "S") and "济南市场" in verdict_line(text, "S")
        assert "M ✓" in verdict_line(text, "M") and "1200次" in verdict_line(text, "M")
        assert "T ✓" in verdict_line(text, "T")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, GoalDialog)
        goal = app.session.doc.vision.goals[-1]
        assert goal.statement == "2027年12月31日前济南市场VIP客户拜访量达到1200次"
        tree = app.screen.query_one(GoalTree)
        assert tree.highlighted_id == goal.id  # the new goal is selected
        assert "1200次" in rendered(app.screen.query_one(GoalDetail))


async def test_the_goal_form_refuses_bad_numbers_and_keeps_what_was_typed(make_app):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(pilot, "2")
        before = len(app.session.doc.vision.goals)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-statement", Input).value = "2027年济南市场销售额达到300万元"
        app.screen.query_one("#field-target", Input).value = "三百"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalDialog)  # still open, nothing lost
        error = rendered(app.screen.query_one("#form-error", Static))
        assert "三百" in error and "目标" in error
        assert app.focused is app.screen.query_one("#field-target", Input)
        assert app.screen.query_one("#field-statement", Input).value.startswith("2027年")
        app.screen.query_one("#field-target", Input).value = "300"
        app.screen.query_one("#field-baseline", Input).value = "240"
        app.screen.query_one("#field-deadline", Input).value = "2027年12月31日"
        await pilot.press("enter")
        await pilot.pause()
        doc = app.session.doc
        assert len(doc.vision.goals) == before + 1
        goal = doc.vision.goals[-1]
        assert (goal.target, goal.baseline, str(goal.deadline)) == (300, 240, "2027-12-31")


async def test_the_goal_form_reads_wan_typed_in_a_wan_yuan_goal_as_said(make_app):
    """Unit 万元: "300万" is the 300万元 the room means (not 3,000,000万元), and the
    SMART check while typing reads it the same way."""
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(pilot, "2")
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        statement = "2027年12月31日前济南市场销售额达到300万元"
        screen.query_one("#field-statement", Input).value = statement
        screen.query_one("#field-unit", Input).value = "万元"
        screen.query_one("#field-baseline", Input).value = "240"  # bare: in the unit
        screen.query_one("#field-target", Input).value = "300万"
        await pilot.pause()
        live = rendered(screen.query_one("#smart-live", Static))
        assert "25%" in live  # 240 → 300, not 240 → 3,000,000
        await pilot.press("enter")
        await pilot.pause()
        goal = app.session.doc.vision.goals[-1]
        assert (goal.unit, goal.baseline, goal.target) == ("万元", 240, 300)


async def test_a_sub_goal_serves_its_parent_and_is_relevant(make_app):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(pilot, "2")
        tree = app.screen.query_one(GoalTree)
        jinan = app.session.doc.goal("jinan")
        tree.select_id("jinan")
        await pilot.press("c")
        await pilot.pause()
        text = rendered(app.screen.query_one("#smart-live", Static))
        assert "R ✓" in verdict_line(text, "R")  # the parent is chosen already
        app.screen.query_one("#field-statement", Input).value = (
            "2027年12月31日前张伟负责的3家VIP客户销售额达到80万元")
        await pilot.press("enter")
        await pilot.pause()
        goal = app.session.doc.vision.goals[-1]
        assert goal.parent_id == jinan.id
        assert "1.1.1" in rendered(tree)


async def test_editing_and_deleting_a_goal_is_undoable(make_app):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(pilot, "2")
        tree = app.screen.query_one(GoalTree)
        tree.select_id("jinan")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-target", Input).value = "320"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.doc.goal("jinan").target == 320
        await pilot.press("x")
        await pilot.pause()
        assert app.session.doc.goal("jinan") is None
        # its cascade went with it; ctrl+z brings both back
        assert not [c for c in app.session.doc.vision.cascades if c.goal_id == "jinan"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.doc.goal("jinan").target == 320
        assert [c for c in app.session.doc.vision.cascades if c.goal_id == "jinan"]


async def test_goal_text_with_markup_shows_literally(make_app):
    app = make_app()
    nasty = "[/oops] <b>&amp; [b]x[/b] 😀 2027年山东区销售额达到700万元"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(pilot, "2")
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-statement", Input).value = nasty
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.doc.vision.goals[-1].statement == nasty
        assert "[/oops] <b>&amp; [b]x[/b]" in rendered(app.screen.query_one(GoalDetail))


# -- the shared vision ------------------------------------------------------------------------

async def test_draft_the_vision_statement_and_record_the_agreement(make_app):
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(VisionStatement).focus()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatementDialog)
        area = app.screen.query_one("#statement-text")
        area.text = "每家VIP客户每月都见到我们\n新品上市一个月内进入三家VIP客户"
        await pilot.press("ctrl+j")
        await pilot.pause()
        vision = app.session.doc.vision
        assert vision.statement == "每家VIP客户每月都见到我们\n新品上市一个月内进入三家VIP客户"
        assert not vision.agreed
        await pilot.press("g")
        await pilot.pause()
        assert app.session.doc.vision.agreed and app.session.doc.vision.agreed_at is not None
        shown = rendered(app.screen.query_one(VisionStatement))
        assert "已达成共识" in shown and "新品上市" in shown
        # changing the statement withdraws the agreement
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#statement-text").text = "新的愿景"
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert not app.session.doc.vision.agreed
        assert any("重新确认" in notice for notice in notices)


async def test_agreeing_without_a_statement_is_refused(make_app):
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(VisionStatement).focus()
        await pilot.press("g")
        await pilot.pause()
        assert not app.session.doc.vision.agreed
        assert any("愿景陈述" in notice for notice in notices)


# -- cascades -------------------------------------------------------------------------------

def table_values(app) -> list[str]:
    table = app.screen.query_one(CascadeTable)
    column = [c.label.plain for c in table.columns.values()].index("分解值")
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_edit_a_weight_and_see_the_cascade_change_and_still_sum(make_app):
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_panel(pilot, "3")
        screen = app.screen
        assert screen.query_one(CascadeList).cascade_id is not None
        assert table_values(app) == ["140万元", "175万元", "175万元", "210万元"]
        await pilot.press("+")  # 第一季度 20 → 21
        await pilot.pause()
        quarters = next(c for c in app.session.doc.vision.cascades if c.label == "按季度")
        assert [p.weight for p in quarters.parts] == [21, 25, 25, 30]
        resolved = cascade_math.resolve(app.session.doc, quarters)
        assert resolved.sum == 700 and resolved.adds_up
        assert [p.value for p in resolved.parts] == [146, 173, 173, 208]
        assert table_values(app) == ["146万元", "173万元", "173万元", "208万元"]
        assert "正好等于总数" in rendered(screen.query_one(CascadeHeader))
        # type an exact weight
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "40"
        await pilot.press("enter")
        await pilot.pause()
        quarters = next(c for c in app.session.doc.vision.cascades if c.label == "按季度")
        assert quarters.parts[3].weight == 40
        values = [int(v.removesuffix("万元")) for v in table_values(app)]
        assert sum(values) == 700 and values[3] == max(values)
        # a weight that is not a number changes nothing
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = "很多"
        await pilot.press("enter")
        await pilot.pause()
        assert any("很多" in notice for notice in notices)
        assert next(c for c in app.session.doc.vision.cascades
                    if c.label == "按季度").parts[3].weight == 40


async def test_a_weight_never_goes_below_zero_and_not_all_can_be_zero(make_app, tmp_path):
    session = make_session(tmp_path, "store-monthly.toml")
    from workshop.tui.app import WorkshopApp

    app = WorkshopApp(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_panel(pilot, "3")
        cascades = app.screen.query_one(CascadeList)
        slots = next(c for c in app.session.doc.vision.cascades if c.label == "按时段")
        cascades.select(slots.id)
        await pilot.pause()
        app.screen.query_one(CascadeTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        slots = next(c for c in app.session.doc.vision.cascades if c.label == "按时段")
        assert slots.parts[0].weight == 0
        resolved = cascade_math.resolve(app.session.doc, slots)
        assert resolved.sum == 3571 and resolved.parts[0].value == 0
        await pilot.press("minus")
        await pilot.pause()
        slots = next(c for c in app.session.doc.vision.cascades if c.label == "按时段")
        assert slots.parts[0].weight == 0
    session.close()


async def test_new_cascade_from_a_preset_and_split_a_part_further(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_panel(pilot, "3")
        cascades = app.screen.query_one(CascadeList)
        cascades.focus()
        cascades.select("goal:qingdao")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        app.screen.query_one("OptionList").highlighted = list(cascade_math.PRESETS).index(
            "months")
        await pilot.press("enter")
        await pilot.pause()
        doc = app.session.doc
        months = doc.vision.cascades[-1]
        assert months.goal_id == "qingdao" and len(months.parts) == 12
        resolved = cascade_math.resolve(doc, months)
        assert resolved.sum == 250 and resolved.adds_up
        assert cascades.cascade_id == months.id
        # split December (the last part) by person: a combination month → people
        table = app.screen.query_one(CascadeTable)
        table.focus()
        table.move_cursor(row=11)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("OptionList").highlighted = list(cascade_math.PRESETS).index(
            "members")
        await pilot.press("enter")
        await pilot.pause()
        doc = app.session.doc
        people = doc.vision.cascades[-1]
        assert people.parent_cascade_id == months.id and people.parent_part == 11
        assert [p.label for p in people.parts] == ["赵磊", "孙丽", "周杰", "吴敏"]
        december = cascade_math.resolve(doc, months).parts[11].value
        assert cascade_math.resolve(doc, people).sum == december
        assert "12月" in rendered(app.screen.query_one(CascadeHeader))


async def test_every_scenario_cascade_shows_and_adds_up(tmp_path):
    from workshop.tui.app import WorkshopApp

    for scenario in ("shandong-sales.toml", "store-monthly.toml", "brand-operations.toml",
                     "insurance-mdrt.toml", "cost-reduction.toml"):
        session = make_session(tmp_path, scenario)
        app = WorkshopApp(session=session)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_panel(pilot, "3")
            cascades = app.screen.query_one(CascadeList)
            for c in session.doc.vision.cascades:
                cascades.select(c.id)
                await pilot.pause()
                header = rendered(app.screen.query_one(CascadeHeader), 200)
                assert "正好等于总数" in header, (scenario, c.label, header)
                assert app.screen.query_one(CascadeTable).row_count == len(c.parts)
            await pilot.press("2")
            await pilot.pause()
            tree = rendered(app.screen.query_one(GoalTree), 200)
            for goal in session.doc.vision.goals:
                assert goal.statement[:8] in tree
        session.close()


# -- the funnel what-if ---------------------------------------------------------------------

async def test_funnel_what_if_changes_the_daily_activity(tmp_path):
    from workshop.tui.app import WorkshopApp

    session = make_session(tmp_path, "insurance-mdrt.toml")
    app = WorkshopApp(session=session)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_panel(pilot, "4")
        view = app.screen.query_one(FunnelView)
        assert app.focused is view
        text = rendered(view)
        assert "400" in text and "500" in text  # calls a day, deals a year
        for _ in range(4):  # average 2,000 → 4,000 in steps of 500
            await pilot.press("+")
        await pilot.pause()
        text = rendered(view)
        calls = next(line for line in text.splitlines() if "calls" in line)
        assert "400" in calls and "200" in calls and "−200" in calls
        assert session.doc.vision.funnels[0].average_value == 2000  # a what-if only
        # two rates up to 20 %: 50 calls, 10 appointments, 5 meetings
        await pilot.press("down", "+", "+", "down", "down", "+", "+")
        await pilot.pause()
        lines = rendered(view).splitlines()
        assert "50" in next(line for line in lines if "calls" in line).split()[-2]
        assert "10" in next(line for line in lines if "appointments" in line).split()[-2]
        assert next(line for line in lines if "meetings" in line).split()[-2] == "5"
        # keep it: written into the funnel, undoable
        await pilot.press("k")
        await pilot.pause()
        funnel = app.session.doc.vision.funnels[0]
        assert funnel.average_value == 4000 and funnel.rates == [0.2, 0.5, 0.2]
        await pilot.press("ctrl+z")
        await pilot.pause()
        funnel = app.session.doc.vision.funnels[0]
        assert funnel.average_value == 2000 and funnel.rates == [0.1, 0.5, 0.1]


async def test_funnel_what_if_saved_as_a_new_assumption_and_reset(tmp_path):
    from workshop.tui.app import WorkshopApp

    session = make_session(tmp_path, "insurance-mdrt.toml")
    app = WorkshopApp(session=session)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_panel(pilot, "4")
        view = app.screen.query_one(FunnelView)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = "5,000"
        await pilot.press("enter")
        await pilot.pause()
        assert "200" in rendered(view)  # 1,000,000 / 5,000 = 200 deals a year
        await pilot.press("c")
        await pilot.pause()
        funnels = app.session.doc.vision.funnels
        assert len(funnels) == 4 and funnels[-1].average_value == 5000
        assert app.screen.query_one(FunnelList).funnel_id == funnels[-1].id
        assert funnels[0].average_value == 2000
        await pilot.press("+", "0")
        await pilot.pause()
        assert not view.changed()


async def test_add_a_funnel_in_the_form(make_app):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(pilot, "4")
        app.screen.query_one(FunnelList).focus()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#field-label", Input).value = "济南：VIP客户拜访链"
        screen.query_one("#field-average_value", Input).value = "5万"
        screen.query_one("#field-stages", Input).value = "拜访, 方案, 签约"
        screen.query_one("#field-rates", Input).value = "30%, 50%, 10%"  # one too many
        await pilot.press("enter")
        await pilot.pause()
        assert "2 个转化率" in rendered(screen.query_one("#form-error", Static))
        screen.query_one("#field-rates", Input).value = "30%, 50%"
        await pilot.press("enter")
        await pilot.pause()
        funnel = app.session.doc.vision.funnels[-1]
        # the goal counts in 万元: "5万" a deal is 5 (万元), 140 deals for the 700
        assert funnel.label == "济南：VIP客户拜访链" and funnel.average_value == 5
        assert funnel.target_value == 700 and funnel.rates == [0.3, 0.5]
        # a what-if average typed the same way: "4万" is 4 (万元), 175 deals
        view = app.screen.query_one(FunnelView)
        view.focus()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = "4万"
        await pilot.press("enter")
        await pilot.pause()
        assert view.current().average == 4


async def test_switching_language_keeps_the_panel_and_relabels_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_panel(pilot, "2")
        await app.set_language("en")
        await pilot.pause()
        screen = app.screen
        assert screen.view == "goals"
        assert screen.query_one("#panes").current == "pane-goals"
        assert not screen.query_one(CardEntry).display
        assert "2 Goals" in screen.query_one(PaneTabs).render().plain
        assert "Names what and where" in rendered(screen.query_one(GoalDetail))
