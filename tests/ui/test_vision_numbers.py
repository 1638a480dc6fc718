"""The numbers a room reads on the vision panels, driven by real keys: weights move by
whole steps, a split by person offers the owning team's members, a sub-split of 11.5
takes a step that fits and says so in plain numbers, a part is not split twice the same
way, a team's share that differs from its own goal is shown with the difference and
made to agree by a key, the rounding is explained on request, and the value chain's
what-if counts whole activities. The plan's form fills an action's milestones from the
share its owner carries."""

from __future__ import annotations

from test_vision_cascade_funnel import (
    chain,
    header,
    insurance_app,
    on_the_table,
    prompt,
    quarters,
    table_rows,
    to_panel,
)
from textual.widgets import Button, OptionList, TextArea

from uitools import record_notices, settle
from workshop.edits import vision as edits
from workshop.methods.vision import cascade as cascade_math
from workshop.tui.screens.dialogs import Choice
from workshop.tui.widgets.vision.cascade import CascadeList, CascadeTable
from workshop.tui.widgets.vision.funnel import FunnelView


async def choose(pilot, preset: str) -> None:
    """Pick `preset` in the open preset dialog."""
    assert isinstance(pilot.app.screen, Choice), pilot.app.screen
    pilot.app.screen.query_one(OptionList).highlighted = list(cascade_math.PRESETS).index(
        preset)
    await pilot.press("enter")
    await settle(pilot)


async def split_first_part(pilot, cascade_id: str, preset: str) -> None:
    """Select a split on the list, then press c on its first part and pick `preset`."""
    pilot.app.screen.query_one(CascadeList).select(cascade_id)
    await settle(pilot)
    pilot.app.screen.query_one(CascadeTable).focus()
    await pilot.press("c")
    await settle(pilot)
    await choose(pilot, preset)


def dialog_text(pilot) -> str:
    options = pilot.app.screen.query_one(OptionList)
    return "\n".join(str(options.get_option_at_index(i).prompt)
                     for i in range(options.option_count))


async def test_plus_and_minus_move_weights_by_whole_steps(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        await pilot.press("e")  # every quarter weight 1: the old step was 0.05
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        assert quarters(app).parts[0].weight == 2
        await pilot.press("enter")
        await prompt(pilot, "8.2")
        await pilot.press("plus")
        await settle(pilot)
        assert quarters(app).parts[0].weight == 9  # the next whole number, not 9.2
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert quarters(app).parts[0].weight == 7
        assert "7" in table_rows(app)[0] and "8.2" not in table_rows(app)[0]


async def test_by_person_offers_the_members_of_the_team_that_owns_the_part(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        markets = next(c for c in app.session.doc.vision.cascades if c.kind == "unit")
        app.screen.query_one(CascadeList).select(markets.id)
        await settle(pilot)
        app.screen.query_one(CascadeTable).focus()
        qingdao = next(i for i, p in enumerate(markets.parts) if p.team_id ==
                       app.session.doc.teams[1].id)
        app.screen.query_one(CascadeTable).move_cursor(row=qingdao)
        await pilot.press("c")
        await settle(pilot)
        offered = dialog_text(pilot)
        assert "青岛队的 4 位成员" in offered and "全场" not in offered
        await choose(pilot, "members")
        people = app.session.doc.vision.cascades[-1]
        assert [p.label for p in people.parts] == ["赵磊", "孙丽", "周杰", "吴敏"]
        assert "赵磊" in table_rows(app)[0]


async def test_a_split_of_a_half_takes_a_step_that_fits_and_speaks_plain_numbers(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        notices = record_notices(app)
        app.edit("23", edits.add_goal, statement="2027年节约23万元", unit="万元", target=23.0)
        goal = app.session.doc.vision.goals[-1]
        halves = app.edit("halves", edits.add_cascade, goal.id, "custom")
        app.edit("two", edits.delete_part, halves.id, 2)
        app.edit("step", edits.set_cascade, halves.id, step=0.5)
        await settle(pilot)
        await split_first_part(pilot, halves.id, "months")
        months = app.session.doc.vision.cascades[-1]
        assert months.step == 0.5
        text = header(app) + "\n".join(table_rows(app))
        assert "步长 0.5" in text and "正好等于总数" in text
        assert "23/2" not in text and "—" not in text
        # the same part split the same way again: refused, saying where the first one is
        await split_first_part(pilot, halves.id, "months")
        assert any("已经按月分解过了" in notice for notice in notices)
        assert len([c for c in app.session.doc.vision.cascades
                    if c.parent_cascade_id == halves.id]) == 1


async def test_a_share_that_differs_from_its_team_goal_shows_and_follows_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        notices = record_notices(app)
        doc = app.session.doc
        markets = next(c for c in doc.vision.cascades if c.kind == "unit")
        jinan = next(i for i, p in enumerate(markets.parts) if p.team_id == doc.teams[0].id)
        app.edit("goal", edits.update_goal, "jinan", target=301.0)  # 300 in the split
        app.screen.query_one(CascadeList).select(markets.id)
        await settle(pilot)
        app.screen.query_one(CascadeTable).focus()
        app.screen.query_one(CascadeTable).move_cursor(row=jinan)
        await settle(pilot)
        assert "本组目标是 301万元：相差 1万元" in header(app)
        assert "f 这一份跟随本组目标" in header(app)
        assert "≠" in table_rows(app)[jinan]
        await pilot.press("f")
        await settle(pilot)
        values = [p.value for p in cascade_math.resolve(app.session.doc, markets).parts]
        assert values[jinan] == 301 and sum(values) == 700
        assert "≠" not in table_rows(app)[jinan]
        # every market has its own goal and they add up to 701: another one must differ
        assert "济南" not in header(app) and "相差 1万元" in header(app)
        await pilot.press("i")  # why the other shares moved by a unit
        await settle(pilot)
        assert notices and ("取整" in notices[-1])


async def test_the_what_if_counts_whole_activities_and_says_it_rounds_up(tmp_path):
    app, session = insurance_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_panel(pilot, "funnel")
        view = app.screen.query_one(FunnelView)
        await pilot.press("enter")  # type the average: 6,000 makes 133.3 calls a day
        await prompt(pilot, "6000")
        text = chain(view)
        rows = [line for line in text.splitlines() if "→" not in line]
        assert "134" in "\n".join(rows) and "133.3" not in "\n".join(rows)
        assert "133.3 → 134" in text  # the note says it rounds up
        await pilot.press("c")
        await settle(pilot)
        copy = app.session.doc.vision.funnels[-1]
        # named from its own numbers, the fourth assumption of the goal
        assert copy.label.startswith(("假设4", "Assumption 4")) and "6,000" in copy.label
        assert copy.label.endswith("10% / 50% / 10%") and "假如" not in copy.label
    session.close()


async def test_the_plan_form_fills_the_milestones_of_the_owners_share(tmp_path):
    from planning import ready_action, shandong, with_strategies
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp
    from workshop.tui.widgets.action_form import ActionForm

    doc = with_strategies(shandong())
    action = ready_action(doc, "每月拜访每家VIP客户一次")  # 张伟, who carries 80 of 300
    doc.room.step = "plan"
    path = tmp_path / "p.workshop.json"
    Session.create(doc, path).close()
    session = Session.open(path)
    app = WorkshopApp(session=session)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        assert app.screen.action_list.select(action.id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#fill-cascade", Button).press()
        await settle(pilot)
        lines = app.screen.query_one("#in-milestones", TextArea).text.splitlines()
        assert lines[0] == "2027-03-31  16  +16  第一季度"
        assert lines[-1].startswith("2027-12-31  80  +24")  # his 80, not the team's 300
    session.close()


async def test_a_split_without_numbers_says_why_once_not_a_dash_on_every_row(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        app.edit("goal", edits.add_goal, statement="2027年提升客户满意度")
        goal = app.session.doc.vision.goals[-1]
        split = app.edit("split", edits.add_cascade, goal.id, "quarters")
        await settle(pilot)
        app.screen.query_one(CascadeList).select(split.id)
        await settle(pilot)
        assert "目标还没有目标值" in header(app)
        rows = table_rows(app)
        assert len(rows) == 4 and not any("—" in row for row in rows)
