"""A key hint is shown only where its key works (issue 14: ``s 撰写愿景 · g 确认共识`` was
shown while the focus was in the card entry, where ``s`` types an s).

For every panel of the vision step and the review's goals, the focus is put on each
place it can go (the entry, the board, the statement, lists, tables…), and every key
named by a hint on screen there — the tab line, the panel's key lines, the statement's
key line — must work there: bound and enabled on the focused widget or one of its
ancestors, and not a letter or digit while the focus is in a text entry (which types
it). Then the keys are pressed for real where it matters most.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from uitools import settle
from workshop import i18n
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.pane_tabs import PaneTabs
from workshop.tui.widgets.review.goals import ReviewGoalList
from workshop.tui.widgets.vision.cascade import CascadeList, CascadeTable
from workshop.tui.widgets.vision.goals import GoalTree
from workshop.tui.widgets.vision.statement import StatementDialog, VisionStatement

KEY_NAMES = {
    "回车": ["enter"], "Enter": ["enter"], "Esc": ["escape"], "Tab": ["tab"],
    "Shift+Tab": ["shift+tab"], "Ctrl+N": ["ctrl+n"], "+": ["plus"], "−": ["minus"],
    "↑↓": ["up", "down"], "Shift+↑↓": ["shift+up", "shift+down"],
    "1–4": ["1", "2", "3", "4"],
}


def shown(widget) -> str:
    """What a Static shows, one unwrapped line per line of its content."""
    console = Console(width=1000, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()).strip()


def hinted_keys(hint: str) -> list[str]:
    """The keys a hint line names: the first word of each ``key what`` segment."""
    keys: list[str] = []
    for segment in hint.split(" · "):
        token = segment.split()[0]
        for name in [token] if token in KEY_NAMES else token.split("/"):
            if name in KEY_NAMES:
                keys += KEY_NAMES[name]
            else:
                assert len(name) == 1, f"not a key the test knows: {name!r} in {hint!r}"
                keys.append(name)
    return keys


def key_works(screen, key: str) -> bool:
    focused = screen.focused
    if len(key) == 1 and isinstance(focused, Input):
        return False  # typed into the entry, never a command
    active = screen.active_bindings.get(key)
    return active is not None and active.enabled


def hints_on_screen(screen) -> list[str]:
    """Every key hint the room can read now: the tab line's, the key lines of the view
    in sight, and the statement's own key line."""
    hints = []
    tabs = screen.query(PaneTabs)
    if tabs:
        hints.append(tabs.first().hint)
    for line in screen.query(".panel-hint"):
        if line.display and all(a.display for a in line.ancestors if hasattr(a, "display")) \
                and line.region.height:
            hints.append(shown(line))
    for statement in screen.query(VisionStatement):
        if statement.region.height:
            keys_line = i18n.t("vision.ui.statement_keys")
            if keys_line in shown(statement):
                hints.append(keys_line)
    return [hint for hint in hints if hint]


def check_hints_here(screen, where: str) -> int:
    hints = hints_on_screen(screen)
    assert hints, where
    checked = 0
    for hint in hints:
        keys = hinted_keys(hint)
        assert keys, hint
        dead = [key for key in keys if not key_works(screen, key)]
        assert not dead, f"{where}: {hint!r} names {dead}, which do not work here"
        checked += len(keys)
    return checked


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_hint_on_every_vision_panel_names_keys_that_work_where_the_focus_is(
        make_app, lang, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await app.set_language(lang)
        await settle(pilot)
        screen = app.screen
        checked = 0
        for view in ("cards", "goals", "cascade", "funnel"):
            screen.show_pane(view)
            await settle(pilot)
            places = list(screen.focus_chain)
            assert places, view
            for widget in places:
                widget.focus()
                await settle(pilot)
                assert screen.focused is widget
                checked += check_hints_here(screen, f"{lang} {size} {view} on {widget!r}")
        assert checked > 40


async def test_in_the_entry_s_types_an_s_and_the_hint_does_not_offer_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        entry = app.focused
        assert isinstance(entry, Input)
        tabs = screen.query_one(PaneTabs)
        assert "s 撰写愿景" not in tabs.hint and "Tab 到卡片板" in tabs.hint
        assert "s 修改陈述" not in shown(screen.query_one(VisionStatement))
        await pilot.press("s", "g")
        await settle(pilot)
        assert entry.value == "sg" and not isinstance(app.screen, StatementDialog)
        assert not app.session.doc.vision.agreed
        # Tab, as the hint says: the board, where s and g are offered and work
        entry.value = ""
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, CardBoard)
        assert "s 撰写愿景" in tabs.hint and "g 确认共识" in tabs.hint
        assert "2 目标" in tabs.render().plain  # at 80 columns the hint gives way, not the tabs
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatementDialog)
        app.screen.query_one("#statement-text").text = "每家VIP客户每月都见到我们"
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert app.session.doc.vision.agreed
        # the statement: Enter drafts it, and its own key line shows while the keys work
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert isinstance(app.focused, VisionStatement)
        assert "s 修改陈述" in shown(app.focused)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StatementDialog)
        await pilot.press("escape")
        await settle(pilot)
        # back in the entry the statement's key line goes; the statement stays
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        statement = shown(screen.query_one(VisionStatement))
        assert "每家VIP客户" in statement and "s 修改陈述" not in statement


async def test_the_cascade_hints_follow_the_focus_between_list_and_table(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.show_pane("cascade")
        await settle(pilot)
        keys_line = screen.query_one("#cascade-keys", Static)
        assert isinstance(app.focused, CascadeTable)
        assert "a 添加" in shown(keys_line) and "n 新建分解" not in shown(keys_line)
        await pilot.press("tab")  # as the hint says: to the list on the left
        await settle(pilot)
        assert isinstance(app.focused, CascadeList)
        assert "n 新建分解" in shown(keys_line) and "+/−" not in shown(keys_line)
        assert "n 新建分解" in screen.query_one(PaneTabs).hint
        # on the list, a is a new split (as the footer says), not a new part
        parts = [len(c.parts) for c in app.session.doc.vision.cascades]
        await pilot.press("plus")
        await settle(pilot)
        assert [len(c.parts) for c in app.session.doc.vision.cascades] == parts
        assert app.session.doc.vision.cascades[0].parts[0].weight == 20


async def test_the_goals_panel_offers_digits_to_switch_and_they_do(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.focused, GoalTree)
        assert "1–4 切换" in screen.query_one(PaneTabs).hint
        await pilot.press("3")
        await settle(pilot)
        assert screen.view == "cascade"
        await pilot.press("1")
        await settle(pilot)
        assert screen.view == "cards" and isinstance(app.focused, Input)
        await pilot.press("2")  # in the entry a digit is typed, not a panel switch
        await settle(pilot)
        assert screen.view == "cards" and app.focused.value == "2"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_review_key_line_names_outcome_keys_only_on_last_years_goals(
        make_app, lang):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.set_language(lang)
        app.go_to("review")
        await settle(pilot)
        screen = app.screen
        entry = screen.query_one("#entry-input", Input)
        entry.focus()
        await settle(pilot)
        keys_line = screen.query_one("#review-keys", Static)
        assert shown(keys_line) == i18n.t("review.ui.keys_entry")
        check_hints_here(screen, "review entry")
        await pilot.press("2")
        await settle(pilot)
        assert entry.value == "2" and app.session.doc.review.goals[0].outcome == "missed"
        entry.value = ""
        await pilot.press("tab")  # as the line says
        await settle(pilot)
        assert isinstance(app.focused, ReviewGoalList)
        assert shown(keys_line) == i18n.t("review.ui.keys_list")
        check_hints_here(screen, "review list")
        await pilot.press("2")
        await settle(pilot)
        assert app.session.doc.review.goals[0].outcome == "met"
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, CardBoard)
        assert shown(keys_line) == i18n.t("review.ui.keys_board")
        check_hints_here(screen, "review board")
        await pilot.press("shift+tab")  # as the line says
        await settle(pilot)
        assert isinstance(app.focused, ReviewGoalList)


async def test_a_weight_prompt_is_not_opened_by_enter_on_the_list(make_app):
    """Enter on the cascade list goes to the table; Enter on the table types a weight."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.show_pane("cascade")
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, CascadeList)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, CascadeTable)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
