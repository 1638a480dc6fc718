"""The cascade's parts and the value chains driven by their real keys: add, rename,
annotate, move, delete a part; step and equal weights; weights by +/−, ←→ and typed;
rename and delete a split; add, edit and delete a chain; type, keep and copy a what-if.
Checked on the document and on what the table, header, list and chain show.

The cascade's numbers (rounding, steps) are the methods' business and are tested there;
here the invariants a room relies on: the parts add up to the goal, exactly."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from uitools import record_notices, settle
from workshop.i18n import t
from workshop.methods.vision import cascade as cascade_math
from workshop.scenario import load_scenario
from workshop.store import Session
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.widgets.vision.cascade import CascadeHeader, CascadeList, CascadeTable
from workshop.tui.widgets.vision.funnel import FunnelDialog, FunnelList, FunnelView

REPO = Path(__file__).resolve().parents[2]


def quarters(app):
    return next(c for c in app.session.doc.vision.cascades if c.label.startswith("按季度"))


def table_rows(app) -> list[str]:
    """The cascade table as the room reads it, a row a line."""
    table = app.screen.query_one(CascadeTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def header(app) -> str:
    header = app.screen.query_one(CascadeHeader)
    return str(header.content) if not hasattr(header.content, "plain") else header.content.plain


def assert_adds_up(app, cascade) -> None:
    resolved = cascade_math.resolve(app.session.doc, cascade)
    assert resolved.adds_up and resolved.sum == 700, resolved
    assert "正好等于总数" in header(app)


async def prompt(pilot, text: str) -> None:
    """Answer the text prompt the last key opened."""
    assert isinstance(pilot.app.screen, TextPrompt), pilot.app.screen
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def to_panel(pilot, view: str) -> None:
    """Ctrl+N until `view` is the panel in sight (it works from the entry too)."""
    for _ in range(4):
        if pilot.app.screen.view == view:
            return
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert pilot.app.screen.view == view


async def on_the_table(pilot) -> CascadeTable:
    await to_panel(pilot, "cascade")
    table = pilot.app.screen.query_one(CascadeTable)
    assert pilot.app.focused is table
    return table


async def test_add_rename_annotate_move_and_delete_a_part(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for the notes
        table = await on_the_table(pilot)
        await pilot.press("a")  # a new part after the first quarter
        await prompt(pilot, "机动 [/oops]")
        cascade = quarters(app)
        assert [p.label for p in cascade.parts] == ["第一季度", "机动 [/oops]", "第二季度",
                                                     "第三季度", "第四季度"]
        assert cascade.parts[1].weight == 1
        assert "机动 [/oops]" in table_rows(app)[1]
        assert_adds_up(app, cascade)
        table.move_cursor(row=1)
        await pilot.press("r")
        await prompt(pilot, "机动")
        await pilot.press("o")
        await prompt(pilot, "留给新客户")
        cascade = quarters(app)
        assert (cascade.parts[1].label, cascade.parts[1].note) == ("机动", "留给新客户")
        assert "机动" in table_rows(app)[1] and "留给新客户" in table_rows(app)[1]
        await pilot.press("shift+down")  # after the second quarter; the cursor goes with it
        await settle(pilot)
        assert [p.label for p in quarters(app).parts][1:3] == ["第二季度", "机动"]
        assert table.cursor_row == 2 and "机动" in table_rows(app)[2]
        await pilot.press("shift+up", "shift+up", "shift+up")  # stops at the top
        await settle(pilot)
        assert quarters(app).parts[0].label == "机动" and table.cursor_row == 0
        await pilot.press("x")
        await settle(pilot)
        assert [p.label for p in quarters(app).parts] == ["第一季度", "第二季度", "第三季度",
                                                           "第四季度"]
        assert not any("机动" in row for row in table_rows(app))
        assert_adds_up(app, quarters(app))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert quarters(app).parts[0].label == "机动"


async def test_an_empty_part_name_is_refused_and_nothing_changes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        await pilot.press("r")
        await prompt(pilot, "   ")
        assert quarters(app).parts[0].label == "第一季度"
        assert "第一季度" in table_rows(app)[0]


async def test_weights_by_plus_minus_and_arrows_step_and_equal_weights(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        table = await on_the_table(pilot)
        notices = record_notices(app)
        step = cascade_math.weight_step([p.weight for p in quarters(app).parts])
        await pilot.press("right")  # the table gives ←→ to the weights
        await settle(pilot)
        assert quarters(app).parts[0].weight == 20 + step
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert quarters(app).parts[0].weight == 20 - step
        await pilot.press("left")
        await settle(pilot)
        assert quarters(app).parts[0].weight == 20 - 2 * step
        assert table.cursor_row == 0  # ←→ changed weights, not the cursor
        assert_adds_up(app, quarters(app))
        await pilot.press("w")  # w types the weight as Enter does
        await prompt(pilot, "35")
        assert quarters(app).parts[0].weight == 35
        assert "35" in table_rows(app)[0]
        await pilot.press("e")
        await settle(pilot)
        cascade = quarters(app)
        assert len({p.weight for p in cascade.parts}) == 1
        assert all("175万元" in row for row in table_rows(app))  # 700 in four equal parts
        await pilot.press("s")
        await prompt(pilot, "50")
        cascade = quarters(app)
        assert cascade.step == 50
        values = [p.value for p in cascade_math.resolve(app.session.doc, cascade).parts]
        assert all(v % 50 == 0 for v in values) and sum(values) == 700
        assert_adds_up(app, cascade)
        assert "步长 50" in header(app)
        await pilot.press("s")
        await prompt(pilot, "很多")  # not a number: said, nothing changes
        assert quarters(app).step == 50
        assert any("很多" in notice for notice in notices)


async def test_rename_and_delete_a_split_on_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await on_the_table(pilot)
        await pilot.press("tab")
        await settle(pilot)
        cascades = app.screen.query_one(CascadeList)
        assert app.focused is cascades
        await pilot.press("l")
        await prompt(pilot, "按季度（淡旺季）")
        assert quarters(app).label == "按季度（淡旺季）"
        listed = "\n".join(str(o.prompt) for o in cascades.options)
        assert "按季度（淡旺季）" in listed
        assert "按季度（淡旺季）" in header(app)
        count = len(app.session.doc.vision.cascades)
        await pilot.press("x")
        await settle(pilot)
        assert len(app.session.doc.vision.cascades) == count - 1
        assert not any(c.label.startswith("按季度") for c in app.session.doc.vision.cascades)
        listed = "\n".join(str(o.prompt) for o in cascades.options)
        assert "按季度" not in listed
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert quarters(app).label == "按季度（淡旺季）"


# -- value chains -----------------------------------------------------------------------------

def insurance_app(tmp_path):
    from workshop.tui.app import WorkshopApp

    doc = load_scenario(REPO / "scenarios" / "insurance-mdrt.toml")
    doc.room.step = "vision"
    session = Session.create(doc, tmp_path / "mdrt.workshop.json")
    return WorkshopApp(session=session), session


def chain(view: FunnelView) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    console.print(view.render())
    return console.export_text()


async def test_edit_and_delete_a_value_chain_on_the_list(tmp_path):
    app, session = insurance_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_panel(pilot, "funnel")
        funnels = app.screen.query_one(FunnelList)
        funnels.focus()
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FunnelDialog)
        app.screen.query_one("#field-label", Input).value = "Assumption 1b <b>&"
        app.screen.query_one("#field-average_value", Input).value = "2500"
        await pilot.press("enter")
        await settle(pilot)
        first = app.session.doc.vision.funnels[0]
        assert (first.label, first.average_value) == ("Assumption 1b <b>&", 2500)
        assert "Assumption 1b <b>&" in str(funnels.options[0].prompt)
        assert "Assumption 1b <b>&" in chain(app.screen.query_one(FunnelView))
        await pilot.press("down", "x")
        await settle(pilot)
        labels = [f.label for f in app.session.doc.vision.funnels]
        assert len(labels) == 2 and not any(label.startswith("Assumption 2") for label in labels)
        assert not any("Assumption 2" in str(o.prompt) for o in funnels.options)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.doc.vision.funnels[1].label.startswith("Assumption 2")
    session.close()


async def test_type_a_rate_keep_it_and_what_cannot_be_kept(tmp_path):
    app, session = insurance_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_panel(pilot, "funnel")
        view = app.screen.query_one(FunnelView)
        assert app.focused is view
        notices = record_notices(app)
        await pilot.press("k")  # nothing changed yet: said, nothing written
        await settle(pilot)
        assert t("vision.ui.what_if_none") in notices
        await pilot.press("down", "enter")  # the rate from calls to appointments
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == "10%"
        await prompt(pilot, "150%")  # out of range: said, nothing changes
        assert not view.changed() and notices[-1] == t("vision.ui.what_if_range")
        await pilot.press("enter")
        await prompt(pilot, "twenty")  # not a rate
        assert not view.changed() and "twenty" in notices[-1]
        await pilot.press("enter")
        await prompt(pilot, "20%")
        assert view.changed() and app.session.doc.vision.funnels[0].rates == [0.1, 0.5, 0.1]
        shown = chain(view)
        assert "20%" in shown and t("vision.ui.what_if_note") in shown  # the what-if, its keys
        calls = next(line for line in shown.splitlines() if "calls" in line)
        assert calls.split()[-1] == "−200"  # 400 calls a day → 200
        await pilot.press("k")
        await settle(pilot)
        assert app.session.doc.vision.funnels[0].rates == [0.2, 0.5, 0.1]
        assert not view.changed()
        # Enter on the list opens the chain; there the key line shows, on the list it goes
        await pilot.press("shift+tab", "shift+tab")
        await settle(pilot)
        assert isinstance(app.focused, FunnelList)
        assert t("vision.ui.what_if_note") not in chain(view)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.focused is view and view.funnel.label.startswith("Assumption 2")
    session.close()


async def test_a_what_if_copied_as_a_new_assumption_names_its_numbers(tmp_path):
    app, session = insurance_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_panel(pilot, "funnel")
        await pilot.press("+", "down", "down", "+")  # average up a step, meetings 50 → 55 %
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        funnels = app.session.doc.vision.funnels
        copy = funnels[-1]
        assert len(funnels) == 4 and copy.rates == [0.1, 0.55, 0.1]
        assert copy.average_value > 2000 and "55%" in copy.label
        assert funnels[0].average_value == 2000  # the original keeps its numbers
        listed = app.screen.query_one(FunnelList)
        assert listed.funnel_id == copy.id
        assert "55%" in str(listed.options[-1].prompt)
    session.close()
