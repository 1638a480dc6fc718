"""Keys that explain themselves: the footer keeps the keys that matter at any width (F1
and Ctrl+Q always, the focused board's and the step's before the global ones), F1 lists
the step's own keys first and the editing keys last, and the stepper's badges say what
they count."""

from __future__ import annotations

import pytest

from rooms import odd_session
from uitools import settle, shown
from workshop import i18n
from workshop.model import STEPS
from workshop.tui.screens.help import HelpScreen, key_sections
from workshop.tui.widgets.key_bar import KeyBar
from workshop.tui.widgets.stepper import Stepper

SIZES = [(80, 24), (200, 60)]


@pytest.fixture
def session_path(tmp_path):
    return odd_session(tmp_path, "review")


def footer(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_keeps_help_quit_and_the_steps_keys_at_any_width(make_app, size,
                                                                           lang):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await app.set_language(lang)
        for step in STEPS:
            app.switch_mode(step)
            await settle(pilot)
            line = footer(app)
            assert line.startswith("F1 " + i18n.t("keys.help")), (step, line)
            assert line.rstrip().endswith("Ctrl+Q " + i18n.t("keys.quit")), (step, line)
        app.switch_mode("townhall")
        await settle(pilot)
        assert "P " + i18n.t("keys.th_present") in footer(app)  # the step's before F-keys
        if size[0] < 100:
            assert "F8" not in footer(app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_focused_board_names_its_keys(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        entry = app.screen.query_one("#entry-input")
        entry.value = "客户满意度提高"
        await pilot.press("enter")
        await settle(pilot)
        assert "Enter " + i18n.t("keys.edit_card") not in footer(app)  # typing: not yet
        app.screen.query_one("#board").focus()
        await settle(pilot)
        line = footer(app)
        assert "Enter " + i18n.t("keys.edit_card") in line, line
        assert "Delete " + i18n.t("keys.delete_card") in line, line
        assert line.index("Enter") < line.index("F2" if "F2" in line else "Ctrl+Q")


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_help_lists_the_steps_keys_first_and_editing_keys_last(make_app, lang):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.set_language(lang)
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        sections = key_sections(app, app.screen.target)
        headings = [heading for heading, _rows in sections]
        assert headings[0] == i18n.t("help.section.step", step=i18n.t("step.review"))
        assert headings[-1] == i18n.t("help.section.editing")
        review_keys = {keys for _h, rows in sections[:2] for keys, _label in rows}
        assert {"1", "2", "3", "4", "0", "A", "X"} <= review_keys, review_keys
        editing = [keys for keys, _label in sections[-1][1]]
        assert any("Home" in keys for keys in editing)  # the editing keys come last
        await pilot.press("escape")
        app.switch_mode("townhall")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        sections = key_sections(app, app.screen.target)
        first = sections[0][1]
        assert ("F", i18n.t("keys.th_followup")) in first
        assert ("1", i18n.t("keys.th_ask_expert")) in first
        assert ("→", i18n.t("keys.th_next_team")) in first
        labels = [label for _h, rows in sections for _keys, label in rows]
        # no card boards in the town hall: no card keys in its help
        assert i18n.t("keys.next_board") not in labels
        assert i18n.t("keys.edit_card") not in labels


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_badges_on_the_stepper_say_what_they_count(make_app, lang):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.set_language(lang)
        app.go_to("charter")
        await settle(pilot)
        stepper = app.screen.query_one(Stepper)
        assert "·8" in stepper.render().plain  # ③ … ·8: eight teams to sign
        tooltip = stepper.tooltip.plain
        assert i18n.t("progress.legend") in tooltip
        assert i18n.t("progress.charter.unsigned", count=8) in tooltip
        await pilot.press("f1")
        await settle(pilot)
        text = shown(app.screen.query_one("#help-badges"))
        assert i18n.t("progress.charter.unsigned", count=8) in text
        assert i18n.t("progress.townhall.unsigned", count="N") in text  # every kind


async def test_help_names_keys_as_the_keymap_remaps_them(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"next_turn": "f12"})
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        rows = [row for _heading, rows in key_sections(app, app.screen.target) for row in rows]
        assert ("F12", i18n.t("keys.next_turn")) in rows
        assert ("F4", i18n.t("keys.next_turn")) not in rows
