"""Canaries for ``workshop.tui.compat``: the only code that leans on Textual's internals.

Each test fails with a message that says what changed in Textual and what to do about
it. Run them first after moving the ``textual`` pin.
"""

from __future__ import annotations

import inspect
import random
import time

from rich.segment import Segment
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.command import CommandList, CommandPalette
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip

from uitools import FakeTime, settle, until
from workshop.edits.cards import add_card
from workshop.model import STEPS
from workshop.tui import compat
from workshop.tui.screens.base import StepScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.top_bar import TopBar

CSS = "Static { color: $primary; }"


def test_textual_takes_the_first_mode_from_the_instance(make_app):
    app = make_app()
    assert app.current_mode == app.session.doc.room.step, (
        "Textual no longer reads DEFAULT_MODE from the app instance at __init__: "
        "compat.open_in_mode must find another way to open on the session's step (or "
        "be dropped, at the cost of a placeholder screen at start-up: measure "
        "bench/bench_app.py).")


async def test_the_first_screen_is_the_sessions_step_with_no_placeholder(make_app):
    app = make_app()
    made: list[object] = []
    app.get_default_screen = lambda: made.append("placeholder")  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.step == "vision"
        assert [type(s) for s in app.screen_stack] == [type(app.screen)]
    assert made == [], "Textual built a placeholder screen before the session's step"


def test_the_stylesheet_reuses_what_it_parsed_while_the_variables_stay():
    assert {"set_variables", "reparse", "parse", "add_source"} <= set(dir(Stylesheet))
    sheet = compat.ReusingStylesheet(variables={"primary": "red"})
    sheet.add_source(CSS, read_from=("test", "css"))
    sheet.parse()
    first = sheet.rules
    sheet.set_variables({"primary": "red"})
    sheet.reparse()
    assert sheet.rules[0] is first[0], (
        "Textual's Stylesheet.parse() no longer takes unchanged sources from its parse "
        "cache: ReusingStylesheet saves nothing; drop it (compat.reuse_parsed_css) or "
        "find the new cache.")
    sheet.set_variables({"primary": "blue"})
    sheet.reparse()
    assert sheet.rules[0] is not first[0], (
        "Textual's Stylesheet.set_variables() no longer empties the parse cache: "
        "ReusingStylesheet would keep CSS parsed for the old theme.")
    assert "#0000FF" in sheet.css


async def test_the_app_is_styled_by_the_reusing_stylesheet(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.stylesheet, compat.ReusingStylesheet), (
            "Textual replaced App.stylesheet after __init__: the reusing stylesheet is "
            "no longer used (start-up parses the CSS several times again).")
        before = app.screen.styles.background
        app.theme = "workshop-dark"
        await pilot.pause()
        assert app.screen.styles.background != before  # a theme still restyles


class Board(compat.SteadyScrollView):
    """A line-drawn widget taller than its viewport."""

    def on_mount(self) -> None:
        self.virtual_size = Size(20, 500)

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class BoardApp(App):
    def compose(self) -> ComposeResult:
        yield Board()


async def test_a_layout_elsewhere_does_not_repaint_the_card_board(make_app, monkeypatch):
    signature = list(inspect.signature(ScrollView._size_updated).parameters)
    assert signature == ["self", "size", "virtual_size", "container_size", "layout"], (
        "ScrollView._size_updated changed its signature: update "
        "compat.SteadyScrollView._size_updated to match.")
    assert list(inspect.signature(ScrollView._scroll_update).parameters) == [
        "self", "virtual_size"], ("ScrollView._scroll_update changed: update "
                                  "compat.SteadyScrollView.update_scrollbars.")
    app = make_app()
    for n in range(200):
        app.edit("card", add_card, "vision", f"第 {n} 张卡片", team_id=app.doc.teams[0].id)
    drawn: list[int] = []
    render_lines = CardBoard.render_lines

    def counting(board: CardBoard, crop: Region) -> list[Strip]:
        drawn.append(crop.height)
        return render_lines(board, crop)

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(CardBoard, "render_lines", counting)
        for _ in range(3):
            await pilot.press("f4")  # the turn bar changes: the screen is laid out again
            await settle(pilot)
        assert sum(drawn) == 0, (
            "A layout elsewhere on the screen repaints the whole card board again: Textual "
            "changed how it hands a ScrollView its virtual size; see "
            "compat.SteadyScrollView.")


async def test_scrollbars_follow_a_virtual_size_set_without_a_layout():
    app = BoardApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        board = app.query_one(Board)
        board.set_reactive(Board.virtual_size, Size(20, 1000))
        board.update_scrollbars()
        assert board.vertical_scrollbar.window_virtual_size == 1000, (
            "ScrollView._scroll_update no longer fits the scrollbar to the virtual size: "
            "see compat.SteadyScrollView.update_scrollbars.")
        board.scroll_to(y=900, animate=False, immediate=True)
        assert board.scroll_y == 900


def _bar_drawn(length: int, virtual: int, window: int, position: float) -> tuple:
    bar = ScrollBarRender.render_bar(size=length, virtual_size=virtual,
                                     window_size=window if window < virtual else 0,
                                     position=position)
    return _shape(bar.segments)


def _shape(segments) -> tuple:
    """A scrollbar's cells: each one's glyph and what a click on it does (the thumb's
    cells grab, the others scroll up or down), whatever the theme's colours."""
    return tuple((segment.text, (segment.style.meta if segment.style else {}).get("@mouse.down"))
                 for segment in segments)


def test_the_thumb_is_where_textual_draws_it():
    # compat.thumb decides whether a scrollbar is repainted: the bar Textual draws must be
    # the same whenever thumb() is, and differ whenever thumb() does
    rng = random.Random(17)
    by_thumb: dict[tuple, tuple] = {}
    by_drawing: dict[tuple, tuple] = {}
    for _ in range(4000):
        length = rng.randint(1, 40)
        virtual = rng.choice([rng.randint(1, 60), rng.randint(1, 5000)])
        window = rng.randint(0, 70)
        position = int(rng.uniform(0, max(0, virtual - window)) * 8) / 8
        drawn = _bar_drawn(length, virtual, window, position)
        key = (length, compat.thumb(length, virtual, window, position))
        assert by_thumb.setdefault(key, drawn) == drawn, (
            "ScrollBarRender.render_bar draws its thumb differently from compat.thumb: "
            "update compat.thumb to its new arithmetic.")
        assert by_drawing.setdefault((length, drawn), key) == key, (
            "compat.thumb tells apart bars that Textual draws alike: update it.")


async def test_a_scrollbar_is_repainted_when_its_thumb_moves_and_only_then():
    assert "_refresh_scrollbars" in dir(ScrollView), (
        "ScrollView._refresh_scrollbars is gone: see compat.SteadyScrollView.update_scrollbars.")
    app = BoardApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        board = app.query_one(Board)
        bar = board.vertical_scrollbar
        repainted: list[int] = []
        refresh = type(bar).refresh

        def counting(widget, *args, **kwargs):
            repainted.append(1)
            return refresh(widget, *args, **kwargs)

        bar.refresh = lambda *a, **k: counting(bar, *a, **k)
        for rows in range(20, 400):  # a board growing a line at a time
            board.set_virtual_size(Size(20, rows))
            await pilot.pause()
            length = bar.size.height
            shown = _shape(segment for strip in bar.render_lines(Region(0, 0, 1, length))
                           for segment in strip)
            assert shown == _bar_drawn(length, rows, bar.window_size, bar.position), (
                f"at {rows} rows the scrollbar shows a thumb where it no longer is")
        assert 0 < len(repainted) < 200  # 380 sizes: repainted only when the thumb moved
        repainted.clear()
        for y in [*range(1, 390), *range(388, -1, -1)]:  # a line at a time, down and up
            board.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            shown = _shape(segment for strip in bar.render_lines(Region(0, 0, 1, length))
                           for segment in strip)
            assert shown == _bar_drawn(length, 399, bar.window_size, bar.position), (
                f"scrolled to line {y}, the scrollbar shows a thumb where it no longer is")
        assert 0 < len(repainted) < 389  # 778 moves: the thumb moves an eighth every few


async def test_the_palette_says_no_matches_in_the_rooms_words(make_app):
    for name in ("_start_no_matches_countdown", "_NO_MATCHES", "_NO_MATCHES_COUNTDOWN"):
        assert hasattr(CommandPalette, name), (
            f"Textual's CommandPalette has no {name} any more: update "
            "compat.LocalCommandPalette, which says 'No matches found' in the room's words.")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"qqqzzz")
        commands = app.screen.query_one(CommandList)

        def shown() -> list[str]:
            return [str(commands.get_option_at_index(i).prompt)
                    for i in range(commands.option_count)]

        def no_matches_said() -> bool:
            return any("没有找到匹配的命令" in line for line in shown())

        await until(pilot, lambda: no_matches_said() or any("No matches" in line
                                                             for line in shown()))
        assert no_matches_said(), (
            "The palette no longer shows its no-matches line through "
            "_start_no_matches_countdown: see compat.LocalCommandPalette.")
        assert not any("No matches" in line for line in shown())


def test_the_linux_driver_decodes_terminal_input_with_the_decoder_compat_replaces():
    from textual.drivers import linux_driver

    source = inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
    assert 'getincrementaldecoder("utf-8")()' in source, (
        "Textual's Linux driver no longer makes its UTF-8 decoder with the module's "
        "getincrementaldecoder: compat.lenient_terminal_input must find where it decodes "
        "what the terminal sends now, or one byte that is not UTF-8 (a GBK terminal) "
        "ends the app with a traceback again (tests/e2e/test_pty_hangup.py shows it).")
    compat.lenient_terminal_input()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode("东".encode() + b"\xb6\xab" + b"ab") == "东ab"
    assert compat.input_was_not_utf8()
    assert decode("东".encode()[:2]) == "" and decode("东".encode()[2:]) == "东"  # split keys


async def test_a_step_shown_first_does_not_restyle_the_whole_app(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        refreshed: list[int] = []
        refresh_css = app.refresh_css
        monkeypatch.setattr(app, "refresh_css",
                            lambda *args, **kwargs: (refreshed.append(1),
                                                     refresh_css(*args, **kwargs)))
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen.step == "gaps"
        assert refreshed == [], (
            "Textual restyled the whole app when a new step was first shown: the screen's "
            "_css_update_count no longer decides it; find what does, or drop "
            "compat.styled_as_shown (F3 to a new step pays for every screen's styles).")
        top = app.screen.query_one(TopBar)  # styled and laid out all the same
        assert top.styles.height.value == 3 and top.region.height == 3


async def test_a_step_built_off_screen_is_shown_composed_and_laid_out(make_app):
    app = make_app(time_source=FakeTime())  # the quiet work must not build it first
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await compat.build_mode(app, "gaps"), (
            "compat.build_mode built nothing: Textual's modes (_screen_stacks, _modes, "
            "_get_screen, _load_screen_css) have changed; follow App._init_mode")
        await settle(pilot)
        gaps = app.step_screens["gaps"]
        assert app.screen.step == "vision" and gaps.drawn
        assert compat.unsettled_offscreen(app, gaps)  # never laid out yet
        assert compat.settle_offscreen(app, gaps)
        assert gaps.query_one(TopBar).size.width > 0, (
            "Screen._refresh_layout no longer lays out a screen that is not shown: "
            "compat.settle_offscreen must find another way (or F3 lays it out)")
        assert not await compat.build_mode(app, "gaps")  # built once
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen is gaps
        assert gaps.query_one(TopBar).region.height == 3


async def test_no_step_is_built_once_the_app_has_begun_to_quit(make_app):
    """While the app quits it closes its screens one stack at a time; a step's screen built
    meanwhile (the quiet work's worker starting then) added a stack under that loop and
    Textual's shutdown raised 'dictionary changed size during iteration' (found by the
    suite run in eight processes)."""
    app = make_app(time_source=FakeTime())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stacks = app._screen_stacks  # what compat.build_mode adds to
        app._running = False  # what App._shutdown does first
        try:
            assert not await compat.build_mode(app, "gaps")
            assert "gaps" not in stacks and "gaps" not in app.step_screens
        finally:
            app._running = True


async def test_a_built_step_is_switched_to_without_textuals_hold_on_updates(make_app):
    app = make_app(time_source=FakeTime())  # the quiet work must not build anything first
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.switch_mode("review")  # Textual's own switch: never built, mounted now
        assert app._batch_count == 1, (
            "Textual's switch_mode no longer holds updates (App.delay_update): "
            "compat.switch_mode_now has nothing to spare; call switch_mode directly.")
        await settle(pilot)
        await until(pilot, lambda: app._batch_count == 0)
        compat.switch_mode_now(app, "vision")  # built: held only until it is shown
        assert app._batch_count == 1 and app.current_mode == "vision"
        assert "delay_update" not in vars(app)  # Textual's method is back
        held_since = time.perf_counter()
        await until(pilot, lambda: app._batch_count == 0)
        assert time.perf_counter() - held_since < 0.045, "held as long as Textual holds"
        compat.switch_mode_now(app, "gaps")  # not built: Textual's hold hides the mounting
        assert app._batch_count == 1 and app.current_mode == "gaps"
        await until(pilot, lambda: app._batch_count == 0)


def _drawn_by_textual(compositor: Compositor) -> list[list[Segment]]:
    chops = Compositor._render_chops(compositor, compositor.size.region, lambda y: True)
    return [list(Strip.join(chop.values())) for chop in chops]


async def test_each_step_is_painted_as_textuals_compositor_paints_it(make_app, monkeypatch):
    """compat.CullingCompositor leaves out only the lines other widgets cover: every step
    of the scenario, in a small and a large terminal and in projector mode, comes out of
    it segment for segment as it comes out of Textual's own compositor."""
    calls: list[object] = []
    culled = compat.CullingCompositor._render_chops
    monkeypatch.setattr(compat.CullingCompositor, "_render_chops",
                        lambda self, *args: calls.append(self) or culled(self, *args))
    app = make_app(time_source=FakeTime())
    async with app.run_test(size=(80, 24)) as pilot:
        for size, projector in (((80, 24), False), ((200, 60), False), ((120, 40), True)):
            await pilot.resize_terminal(*size)
            if projector:
                app.action_toggle_projector()
            for step in STEPS:
                app.go_to(step)
                await settle(pilot)
                compositor = app.screen._compositor
                assert isinstance(compositor, compat.CullingCompositor)
                calls.clear()
                ours = [list(strip) for strip in compositor.render_strips()]
                assert calls, ("Textual no longer paints through Compositor._render_chops: "
                               "compat.CullingCompositor is never used (harmless, but its "
                               "gain is gone); port it to Textual's new painting or drop it")
                assert ours == _drawn_by_textual(compositor), (size, projector, step)


async def test_bound_keys_are_the_focus_chains_with_the_keymap_enabled_or_not(make_app):
    from textual.screen import Screen

    assert isinstance(getattr(Screen, "_modal_binding_chain", None), property), (
        "Textual's Screen has no _modal_binding_chain any more: update compat.bound_keys "
        "(every key bound from the focused widget up to the app).")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap({"help": "f12"})
        await pilot.press("tab")  # the vision board: the card keys are the screen's
        await settle(pilot)
        screen = app.screen
        assert isinstance(app.focused, CardBoard)
        bound = compat.bound_keys(screen)
        assert bound["f12"].id == "help" and "f1" not in bound  # the keymap applied
        assert bound["f3"].id == "next_step"  # the app's
        assert bound["h"].id == "hide_card"  # the screen's, though no card is selected
        assert not screen.check_action("toggle_card_hidden", ())
        assert "加" not in bound


def test_the_inputs_cursor_blinks_through_a_private_reactive():
    from textual.widgets import Input

    assert "_cursor_visible" in Input._reactives, (
        "Textual's Input no longer keeps its blink in _cursor_visible: update "
        "compat.cursor_shown, which the card entry keys its kept empty line on.")
    field = Input()
    field._cursor_visible = False
    assert compat.cursor_shown(field) is False


async def test_an_inputs_own_keys_run_at_once_from_its_bindings():
    from textual import events
    from textual.widgets import Input

    from workshop.tui.widgets.typed_line import TypedLine

    bubbled: list[str] = []  # the keys that reach the app

    class OneInput(App):
        def compose(self):
            yield TypedLine(value="abc", entered=print)

        def on_key(self, event: events.Key) -> None:
            bubbled.append(event.key)

    assert any(b.key == "backspace" for b in Input.BINDINGS), (
        "Textual's Input no longer binds backspace: check compat.BoundKeysAtOnce, which "
        "the card entry runs its own keys with, in order.")
    app = OneInput()
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        await pilot.press("backspace")
        assert field.value == "ab"
        await pilot.press("home")
        assert field.cursor_position == 0
        await pilot.press("f5")  # not the input's key: on up to the app
        await pilot.pause()
        assert field.value == "ab"
        assert bubbled == ["f5"]


async def test_a_boards_bound_keys_run_from_its_own_handler(cocreate_app, monkeypatch):
    from cocreate_factory import brainstormed
    from workshop.tui.screens.base import StepScreen

    assert list(inspect.signature(App._check_bindings).parameters) == [
        "self", "key", "priority"] and "_modal_binding_chain" in inspect.getsource(
            App._check_bindings), (
        "Textual's App._check_bindings changed: compat._run_bound_key does what it does "
        "along the chain of the widget's own screen; follow the change there.")
    app = cocreate_app(brainstormed())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab")  # the wall
        await settle(pilot)
        board = app.focused
        assert isinstance(board, compat.BoundKeysAtOnce)
        seen: list[str] = []  # the keys that bubble up past the board to the screen
        monkeypatch.setattr(StepScreen, "on_key", lambda screen, event: seen.append(event.key))
        cursor = board.cursor
        await pilot.press("down", "f12")
        await settle(pilot)
        assert board.cursor != cursor  # down ran, at the board
        assert seen == ["f12"]  # an unbound key goes on up


async def test_painting_now_sends_every_change_made_so_far_in_one_frame():
    """``compat.paint_now`` gathers the widgets in view that asked for a repaint (Textual
    sends each to the screen only at that widget's idle moment) and paints them at once,
    before any of them has gone idle."""
    from textual.widgets import Static

    class Two(App):
        def compose(self) -> ComposeResult:
            yield Static("one", id="a")
            yield Static("two", id="b")

    app = Two()
    async with app.run_test(size=(40, 6)) as pilot:
        await settle(pilot)
        sent: list[str] = []
        display = app._display

        def noting(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                sent.append(renderable.render_segments(app.console))

        app._display = noting
        for name in ("_on_timer_update", "_dirty_widgets", "_compositor"):
            assert hasattr(app.screen, name), (
                f"Textual's Screen has no {name} any more: compat.paint_now must find "
                "how a frame is painted now (or go: a change's frame then waits for the "
                "rest of the screen, about a millisecond of every Enter)")
        app.query_one("#a", Static).update("ONE", layout=False)
        app.query_one("#b", Static).update("TWO", layout=False)
        assert compat.paint_now(app.screen), "nothing held updates: a frame goes out"
        assert len(sent) == 1 and "ONE" in sent[0] and "TWO" in sent[0], (
            "a widget's pending repaint did not reach the frame painted at once: Textual "
            "changed how a widget's refresh reaches its screen (Widget._check_refresh)")
        app.screen.query_one("#a").refresh(layout=True)
        assert not compat.paint_now(app.screen), (
            "a widget waiting for a layout is left to Textual's own frame")
