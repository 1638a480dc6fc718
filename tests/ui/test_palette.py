"""The command palette (Ctrl+P), through real keys: every command it offers does what it
says, and every word in it is in the room's language."""

from __future__ import annotations

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from uitools import FakeTime, settle, until
from workshop import i18n
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.screens.help import HelpScreen
from workshop.tui.widgets.stepper import Stepper
from workshop.tui.widgets.turn_bar import TurnBar

TEXTUAL_WORDS = ["Search for", "Theme", "Quit", "Keys", "Maximize", "Minimize",
                 "Screenshot", "No matches", "Change the current theme", "Save an SVG",
                 "Show help", "Hide the keys", "the application"]
"""Textual's own words in its palette (its commands, their help, the placeholder)."""


def palette_lines(app) -> list[str]:
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def open_palette(pilot) -> None:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette)
                and palette_lines(pilot.app) != [])


async def run_command(pilot, query: str, expect: str) -> None:
    """Ctrl+P, type `query` key by key, check `expect` is the first hit, Enter."""
    await open_palette(pilot)
    await pilot.press(*query)
    await until(pilot, lambda: palette_lines(pilot.app)
                and expect in palette_lines(pilot.app)[0])
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_every_word_in_the_palette_is_in_the_rooms_language(make_app, lang):
    i18n.set_language(lang)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await app.set_language(lang)
        await open_palette(pilot)
        placeholder = app.screen.query_one(CommandInput).placeholder
        shown = "\n".join([placeholder, *palette_lines(app)])
        assert shown.count("\n") > 15  # every command is listed
        if lang == "zh":
            assert "搜索命令" in placeholder and "更换配色" in shown and "截图" in shown
            assert not [word for word in TEXTUAL_WORDS if word in shown], shown
        else:
            assert "Change colours" in shown and "Search for commands" in placeholder
        await pilot.press(*"qqqxz")  # matches nothing
        said = {"zh": "没有找到匹配的命令", "en": "No matching command"}[lang]
        await until(pilot, lambda: any(said in line for line in palette_lines(app)))
        await pilot.press("escape")
        # the theme picker, too
        await run_command(pilot, {"zh": "配色", "en": "colours"}[lang],
                          {"zh": "更换配色", "en": "Change colours"}[lang])
        await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                    and palette_lines(app) != [])
        placeholder = app.screen.query_one(CommandInput).placeholder
        themes = "\n".join([placeholder, *palette_lines(app)])
        if lang == "zh":
            assert "搜索配色" in placeholder and "投影（高对比度）" in themes
            assert "Search for themes" not in themes


async def test_go_to_a_step_from_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(pilot, "差距", "前往：② 差距")
        assert app.doc.room.step == "gaps" and app.screen.step == "gaps"
        assert "现状分析" in app.screen.query_one("#step-title").render().plain


async def test_export_projector_and_language_from_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(pilot, "导出", "导出 PDF / 报告")
        assert isinstance(app.screen, Choice)
        assert "完整报告 PDF" in "\n".join(
            str(app.screen.query_one("OptionList").get_option_at_index(i).prompt)
            for i in range(2))
        await pilot.press("escape")
        await run_command(pilot, "投影", "切换投影模式")
        assert app.doc.room.projector and app.has_class("-projector")
        assert app.theme == "workshop-projector"
        await run_command(pilot, "语言", "切换语言")
        assert app.doc.room.language == "en"
        assert "Vision" in app.screen.query_one(Stepper).render().plain


@pytest.mark.parametrize(("lang", "query", "other"), [("zh", "English", "en"),
                                                      ("zh", "英文", "en"),
                                                      ("en", "中文", "zh"),
                                                      ("en", "Chinese", "zh")])
async def test_the_language_switch_is_found_by_the_language_it_switches_to(
        make_app, lang, query, other):
    """A facilitator looking for English types "English", not "switch language"."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.set_language(lang)
        await run_command(pilot, query, "Switch language")
        assert app.doc.room.language == other


async def test_the_turn_timer_from_the_palette(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(pilot, "限时", "每轮限时")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"45", "enter")
        await settle(pilot)
        assert app.doc.room.turn.seconds == 45
        await pilot.press("f5")  # the countdown runs with the clock
        clock.advance(10)
        app.tick()
        await settle(pilot)
        assert "⏱ 00:35" in app.screen.query_one(TurnBar).render().plain


async def test_a_theme_picked_in_the_palette_is_kept(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(pilot, "配色", "更换配色")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                    and palette_lines(app) != [])
        await pilot.press(*"深色")
        await until(pilot, lambda: "深色" in palette_lines(app)[0])
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "workshop-dark" and app.doc.room.theme == "workshop-dark"


async def test_a_screenshot_lands_in_the_exports_folder(make_app, session_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(pilot, "截图", "截图")
        await settle(pilot)
        shots = list((session_path.parent / "exports").glob("*.svg"))
        assert len(shots) == 1
        assert "济南队" in shots[0].read_text("utf-8")  # the turn bar, not the palette
        assert "截图" not in shots[0].read_text("utf-8")


async def test_ctrl_p_with_the_palette_under_the_help_opens_no_second(make_app):
    """F1 opens the help over the palette; Ctrl+P then put a second palette under the
    same id and the app crashed (DuplicateIds), found by keys pressed at random. Now the
    palette under the help stays the only one, and shows again once the help is closed."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_palette(pilot)
        palette = app.screen
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palettes = [s for s in app.screen_stack if isinstance(s, CommandPalette)]
        assert palettes == [palette]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is palette
