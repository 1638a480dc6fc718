"""The few places that lean on Textual's private internals (textual is pinned ``<9``).

Everything here has no public route in Textual 8.2. Each item has a canary test in
``tests/ui/test_compat.py`` that fails, saying what to do, when Textual changes
underneath; nowhere else in ``workshop.tui`` may touch a ``_``-prefixed Textual name.
"""

from __future__ import annotations

import codecs
import functools
import threading
from math import ceil
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual import events
from textual._compositor import Compositor
from textual.command import CommandList, CommandPalette
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widgets.option_list import Option

from workshop.tui.widgets.card_layout import line_runs

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.widget import Widget
    from textual.widgets import Input


# -- start-up: open in the session's step, parse the CSS once per theme ----------------------

def open_in_mode(app: App, mode: str) -> None:
    """Make `mode` the mode `app` composes first. Call before ``App.__init__``.

    Textual builds the stack of ``DEFAULT_MODE`` at ``__init__`` and composes it first;
    setting it on the instance opens on the session's step directly, instead of building,
    styling and then suspending a placeholder screen (``App.get_default_screen`` can only
    give a screen to the ``_default`` mode, not to a step's own mode).
    """
    app.DEFAULT_MODE = mode  # type: ignore[misc]


def styled_as_shown(screen: Screen) -> None:
    """Spare `screen`, a step's screen built while the app runs, Textual's restyling of
    the whole app when it is first shown.

    Textual refreshes the CSS of every widget of every screen (twice: once building the
    mode, once switching to it) the first time a screen is shown, because a new screen
    starts out marked as styled for no version of the CSS. Its own widgets are styled
    as they mount, with every rule (a new class's CSS is parsed before it is applied),
    and a new class's rules are scoped to it, so nothing already on another screen
    needs them: mark it as styled for the app's current CSS. A theme changed later
    still restyles it as usual.
    """
    try:
        app = screen.app
        up = bool(app.screen_stack)
    except Exception:  # no app yet (a test building a screen alone), or none up yet
        return
    if up:
        screen._css_update_count = app._css_update_count


class ReusingStylesheet(Stylesheet):
    """A stylesheet that parses each CSS source once per set of variables.

    Textual refreshes the CSS several times while the first screen starts (the theme,
    the first mode, the switch to it); each refresh empties the parse cache and parses
    every source again with the same variables, and every widget class mounted after it
    parses them all once more. Keeping the cache while the variables stay the same
    makes those refreshes cheap; a real change of variables (a theme) still parses all.
    It relies on ``parse()`` taking unchanged sources from the cache that
    ``set_variables`` empties.
    """

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.variables_in_use = dict(variables or {})

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self.variables_in_use:
            self.variables_in_use = dict(variables)
            super().set_variables(variables)

    def reparse(self) -> None:
        # parse() takes each unchanged source from the cache (emptied above whenever the
        # variables change) and raises before touching the rules if any source is bad.
        self.parse()


def reuse_parsed_css(app: App) -> None:
    """Give `app` a `ReusingStylesheet` (call at the end of ``__init__``, before any CSS
    is read). Textual has no hook to choose the stylesheet's class."""
    app.stylesheet = ReusingStylesheet(variables=app.get_css_variables())


# -- a line-drawn board that keeps its own scrollable size ------------------------------------

class SteadyScrollView(ScrollView):
    """A ``ScrollView`` that keeps the virtual size it sets itself.

    The compositor hands every scrollable widget the size of its laid-out content as its
    virtual size; a line-drawn ``ScrollView`` has no children, so that is its viewport,
    which always differs from the real (taller) one. ``ScrollView`` then updates its
    scrollbars on every layout anywhere on the screen, and the repaint spans the whole
    widget (each keystroke that re-lays out the screen redraws a 2,000-card board).
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size, without a layout while the scrollbar stays as it is:
        a layout repaints the whole screen, which with thousands of cards was most of the
        cost of adding one. A scrollbar coming or going needs one (the watchers of
        ``show_vertical_scrollbar`` then lay the lines out at their new width)."""
        if size == self.virtual_size:
            return
        viewport = self.scrollable_content_region.height
        same_bar = (size.height > viewport) == (self.virtual_size.height > viewport)
        if self.is_mounted and viewport and same_bar:
            self.set_reactive(ScrollView.virtual_size, size)
        else:
            self.virtual_size = size
        if self.is_mounted:
            self.update_scrollbars()

    def update_scrollbars(self) -> None:
        """Fit the scrollbars to ``virtual_size`` after it was set with ``set_reactive``
        (which, unlike assigning it, re-lays out nothing: a layout repaints the screen).

        As ``ScrollView._scroll_update`` does, except that a scrollbar is repainted only
        when its thumb is drawn elsewhere: one more card on a wall of thousands seldom
        moves the thumb by an eighth of a cell, and repainting every line of the bar was
        a twentieth of an Enter."""
        self._refresh_scrollbars()
        width, height = self.container_size
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            _set_bar(self.vertical_scrollbar, window_virtual_size=self.virtual_size.height,
                     window_size=height - self.scrollbar_size_horizontal)
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            _set_bar(self.horizontal_scrollbar, window_virtual_size=self.virtual_size.width,
                     window_size=width - self.scrollbar_size_vertical)
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    # as ScrollView's, but the scrollbar is repainted only when its thumb is drawn
    # elsewhere: a card typed at the foot of the wall scrolls it a line, and the thumb,
    # at the bottom of the bar, stays where it is
    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        if self.show_horizontal_scrollbar:
            bar = self.horizontal_scrollbar
            _set_bar(bar, position=bar.validate_position(new_value))
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            _set_bar(bar, position=bar.validate_position(new_value))
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)


def thumb(length: int, virtual_size: float, window_size: float,
          position: float) -> tuple[int, int] | None:
    """Where a scrollbar `length` cells long draws its thumb, in eighths of a cell (first,
    end), as ``ScrollBarRender.render_bar`` works it out; None: no thumb."""
    virtual, window = ceil(virtual_size), ceil(window_size if window_size < virtual_size else 0)
    if not (window and length and virtual and length != virtual):
        return None
    eighths = len(ScrollBarRender.VERTICAL_BARS)
    size = max(1, window / (virtual / length))
    start = int((length - size) * (position / (virtual - window)) * eighths)
    return max(0, start), max(0, start + ceil(size * eighths))


def _drawn(bar: ScrollBar) -> tuple[int, tuple[int, int] | None]:
    length = bar.size.height if bar.vertical else bar.size.width
    return length, thumb(length, bar.window_virtual_size, bar.window_size, bar.position)


def _set_bar(bar: ScrollBar, **values: float) -> None:
    """Give `bar` its new `values` (its reactives, by name); repaint it only if its thumb
    is drawn elsewhere now."""
    drawn = _drawn(bar)
    for name, value in values.items():
        bar.set_reactive(getattr(ScrollBar, name), value)
    if _drawn(bar) != drawn:
        bar.refresh()


# -- the command palette in the room's language -----------------------------------------------

class LocalCommandPalette(CommandPalette):
    """Textual's command palette with its one fixed English line, "No matches found",
    in the room's words."""

    def __init__(self, *, no_matches: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        super()._start_no_matches_countdown(search_value)
        timer = self._no_matches_timer
        if timer is None or not search_value:
            return
        timer.stop()
        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN,
                                                self._say_no_matches)

    def _say_no_matches(self) -> None:
        self.query_one(CommandList).add_option(
            Option(Align.center(Text(self.no_matches, style="not bold")), disabled=True,
                   id=self._NO_MATCHES))
        self._list_visible = True


# -- what the terminal sends, decoded leniently -----------------------------------------------

TERMINAL_ERRORS = "workshop-terminal"
"""The codec error handler for bytes from the terminal that are not UTF-8: dropped."""
_not_utf8 = threading.Event()


def _drop_and_remember(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _not_utf8.set()
    return "", error.end


def lenient_terminal_input() -> None:
    """Make Textual's Linux driver drop bytes that are not UTF-8 instead of crashing.

    A terminal set to GBK sends b6 ab for 东; Textual's input thread decodes with a
    strict UTF-8 decoder, and one such byte ends the app with a traceback. The driver
    makes its decoder with the ``getincrementaldecoder`` it imported from ``codecs``
    when its input thread starts (before the app mounts): replace that one with a
    decoder that drops what it cannot read and remembers it, so the app can say once
    that the terminal is not in UTF-8 (:func:`input_was_not_utf8`). Call before
    ``App.run``.
    """
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - Windows: its driver reads keys as text
        return
    if getattr(linux_driver.getincrementaldecoder, "lenient", False):
        return
    codecs.register_error(TERMINAL_ERRORS, _drop_and_remember)

    def lenient_decoder(encoding: str) -> Any:
        return functools.partial(codecs.getincrementaldecoder(encoding),
                                 errors=TERMINAL_ERRORS)

    lenient_decoder.lenient = True  # type: ignore[attr-defined]
    linux_driver.getincrementaldecoder = lenient_decoder  # type: ignore[assignment]


def input_was_not_utf8() -> bool:
    """Whether the terminal has sent bytes that are not UTF-8 (dropped) since last asked."""
    if _not_utf8.is_set():
        _not_utf8.clear()
        return True
    return False


# -- building a step's screen before it is shown ------------------------------------------

async def build_mode(app: App, mode: str) -> bool:
    """Build the screen of `mode` (one of the app's ``MODES``) now, without showing it:
    composed, mounted and drawn from the document (``settle_offscreen`` lays it out).
    False if the mode has its screen already.

    Does what ``App._init_mode`` does, except telling the screen it is shown: the switch
    to it does that. False too once the app has begun to quit.
    """
    stacks = app._screen_stacks
    if mode in stacks or mode == app.current_mode or not app.is_running:
        # not running: the app is quitting, and while it closes its screens one by one,
        # a screen stack added under it broke its loop over them
        return False
    screen, mounted = app._get_screen(app._modes[mode]())
    stacks[mode] = [screen]
    app._load_screen_css(screen)
    await mounted
    return True


def switch_mode_now(app: App, mode: str) -> None:
    """``app.switch_mode(mode)``, holding updates only until the mode's screen has heard
    it is shown, when that screen is built already (``build_mode``).

    Textual's ``switch_mode`` holds every update for 50 ms (``App.delay_update``) to hide
    a screen that is still being mounted; a screen built before (in a quiet moment, or
    shown before) has nothing to hide, and the hold was most of the time F2/F3 took to
    show a step (60 of 77 ms at 2,000 cards). The hold still covers the switch itself
    (a frame of the new screen's own changes alone, drawn over the screen left, would
    show both): it ends once the new screen has taken its first messages, and its next
    frame repaints it whole, as Textual's does. A mode never shown yet is switched to
    as Textual does it.
    """
    stack = app._screen_stacks.get(mode)
    if not stack:
        app.switch_mode(mode)
        return
    shown = stack[-1]

    def hold_until_shown(delay: float = 0.05) -> None:
        app._begin_batch()
        held = [True]

        def end() -> None:  # once, whichever comes first
            if held:
                held.clear()
                app._end_batch()
                if not app._batch_count:
                    app.screen.refresh()

        shown.call_after_refresh(end)
        app.set_timer(delay, end)  # as Textual's, should the screen never get there

    app.delay_update = hold_until_shown  # type: ignore[method-assign]
    try:
        app.switch_mode(mode)
    finally:
        del app.delay_update


def unsettled_offscreen(app: App, screen: Screen) -> bool:
    """Whether `screen`, not shown, waits for a layout (``settle_offscreen``)."""
    if screen in app.screen_stack or not screen.is_attached:  # shown, or under a dialog
        return False
    return screen._compositor.size != app.size or screen._layout_required


def settle_offscreen(app: App, screen: Screen) -> bool:
    """Lay out and render `screen`, which is not shown, if it needs it (never laid out,
    or changed since), as showing it would; nothing goes to the terminal. Returns
    whether it did anything. Showing it later costs what coming back to a screen costs:
    each widget keeps its place and the lines it rendered.

    Textual lays out and renders only the screen in view: the update timer of a screen
    out of view leaves its layout pending until it is shown.
    """
    if not unsettled_offscreen(app, screen):
        return False
    screen._refresh_layout(app.size)
    screen._layout_required = False
    screen._dirty_widgets.clear()
    screen._compositor.render_update(full=True, screen_stack=[])
    return True


def paint_now(screen: Screen) -> bool:
    """Send the changes made so far to what `screen` shows to the terminal now, as
    Textual does once every widget has gone idle and the screen's update timer fired.
    Returns whether a frame went out: not for a screen out of view, while updates are
    held (a batch, a mode switch), or when a widget on screen waits for a new layout
    or its styles (Textual's own frame, at the next idle moment, does those).

    A widget asks for a repaint at its next idle moment (``Widget._check_refresh``,
    a message to the screen); the widgets in view that asked are gathered here, so the
    frame holds every change made before the call. For the change a key made: its frame
    goes out before the rest of the screen follows it (``StepScreen.follow_up``)."""
    app = screen.app
    if not (app.is_running and screen.is_current) or app._batch_count:
        return False
    in_view = screen._compositor.visible_widgets
    if any(widget._layout_required or widget._scroll_required
           or widget._refresh_styles_required for widget in in_view):
        return False
    for widget in in_view:
        if widget._repaint_required:
            widget._repaint_required = False  # its idle moment has nothing left to send
            screen._dirty_widgets.add(widget)
    screen._on_timer_update()
    return True


# -- keys: what a key means where the focus is ----------------------------------------------

def bound_keys(screen: Screen) -> dict[str, Binding]:
    """Every key bound along `screen`'s binding chain (the focused widget, its ancestors,
    the screen, the app; the user's keymap applied), enabled now or not: a key bound
    anywhere means something here. Textual's public ``active_bindings`` leaves out keys
    whose action is disabled at the moment, and asks every action whether it is."""
    return {key: binding for _node, bindings in screen._modal_binding_chain
            for key, binding in bindings}


class BoundKeysAtOnce:
    """For a focusable widget: a key bound along its binding chain (itself, its
    ancestors, the screen, the app; the keymap applied) runs from the widget's own key
    handler, as Textual would run it once the key had bubbled up through every
    ancestor's message queue to the app. The same bindings in the same order, without
    the hops (about half a millisecond a key on a step's wall), and in the order typed:
    an input inserts a character as soon as it arrives, so a bound key before it
    (Enter, Backspace) must not wait for the trip up. A key the widget takes itself
    (`takes_key`) goes on as before."""

    def takes_key(self, event: events.Key) -> bool:
        return False

    async def _on_key(self, event: events.Key) -> None:
        # not prevent_default: the widget's own handler still sees the key (an input's
        # restarts its cursor's blink), it only goes no further up
        if not self.takes_key(event) and await _run_bound_key(self, event.key):  # type: ignore[arg-type]
            event.stop()


async def _run_bound_key(widget: Widget, key: str) -> bool:
    """What Textual's ``App._check_bindings(key)`` does for a key that is not a priority
    key, along the binding chain of `widget`'s own screen rather than the screen shown
    now. The app takes a priority key (F3: the next step) as it arrives, ahead of the
    keys typed before it, still in the widget's queue: a card and Enter typed just
    before F3 are added where they were typed, not looked up on the step shown since
    (whose keys ask for widgets it may not have composed yet)."""
    app = widget.app
    for namespace, bindings in widget.screen._modal_binding_chain:
        for binding in bindings.key_to_bindings.get(key, ()):
            if not binding.priority and await app.run_action(binding.action, namespace):
                return True
    return False


def cursor_shown(field: Input) -> bool:
    """Whether `field`'s blinking cursor is in its visible half (what its line shows)."""
    return bool(field._cursor_visible)


# -- painting a frame: only what shows ------------------------------------------------------

class CullingCompositor(Compositor):
    """Textual's compositor, except that a widget renders only the changed lines of it
    that the widgets in front of it leave uncovered.

    Textual renders every widget overlapping the box around all the changed regions,
    each over its whole height, and then keeps, cut by cut, the front-most piece: a
    step's containers (the screen, its columns, a pane, a scroll view) are rendered
    for every frame and never seen, their children covering them. An Enter changes the
    wall near the top and the entry near the bottom, so that box is the screen: 16
    widgets rendered for the 6 that show (a quarter of the compositor's time). Same
    pieces, in the same order, as Textual's: only what would have been thrown away is
    not rendered; and a widget renders its changed lines a run at a time, not the
    lines between two changes too. (A widget's lines left unrendered stay marked as
    changed in its own cache, as they would be out of a crop.)
    """

    def _render_chops(self, crop: Region,
                      is_rendered_line: Callable[[int], bool]) -> list[dict[int, Strip | None]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        crop_overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            if not crop_overlaps(clip):
                continue
            shown = region.intersection(clip)
            left, right = shown.column_span
            lines = [y for y in shown.line_range
                     if is_rendered_line(y) and _uncovered(chops[y], cuts[y], left, right)]
            # a run at a time: each line rendered costs, cached or not
            for top, bottom in line_runs(lines):
                strips = widget.render_lines(
                    Region(left - region.x, top - region.y, shown.width, bottom - top))
                for y, strip in zip(range(top, bottom), strips, strict=False):
                    line = chops[y]
                    line_cuts = [cut for cut in cuts[y] if left <= cut <= right]
                    pieces = strip.divide([cut - left for cut in line_cuts[1:]])
                    for cut, piece in zip(line_cuts, pieces, strict=False):
                        if line.get(cut) is None:  # the front-most piece stays
                            line[cut] = piece
        return chops


def _uncovered(line: dict[int, Strip | None], line_cuts: list[int], left: int,
               right: int) -> bool:
    """Whether any piece of the line between `left` and `right` is still unpainted."""
    return any(line.get(cut) is None for cut in line_cuts if left <= cut < right)


def cull_hidden_lines(screen: Screen) -> None:
    """Give `screen`, just made, a ``CullingCompositor``: call from its ``__init__``."""
    screen._compositor = CullingCompositor()
