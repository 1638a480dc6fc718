"""What a terminal shows after the frames an app sent it, against a frame drawn afresh.

Textual sends a terminal only what changed: a widget that changes must say which of its
lines did (``refresh`` with a region), and every line it does not name stays on the
terminal as it was. A line left out shows stale text until something else repaints it,
and a pilot test that reads the widgets never sees it. ``TerminalMirror`` feeds every
frame the app sends to a terminal emulator (``pyte``), as the terminal would get it;
``fresh_screen`` repaints every widget from scratch into another; ``differences`` lists
the cells that differ, with the text of both lines.

It hooks ``App._display``, the one place every frame goes through (as ``bench/frames.py``
does): if Textual renames it, these tests fail at ``install`` saying so.
"""

from __future__ import annotations

from typing import Any

import pyte
from textual._compositor import Compositor
from textual.strip import Strip


def _emulator(width: int, height: int) -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(width, height)
    return screen, pyte.Stream(screen)


def _cells(screen: pyte.Screen) -> list[list[tuple[str, str, str, bool]]]:
    return [[(cell.data, cell.fg, cell.bg, cell.bold)
             for cell in (screen.buffer[y][x] for x in range(screen.columns))]
            for y in range(screen.lines)]


class TerminalMirror:
    """The terminal of `app`, kept up to date from the frames the app sends."""

    def __init__(self, app: Any) -> None:
        self.app = app
        width, height = app.size
        self.screen, self.stream = _emulator(width, height)
        self.frames = 0
        self.on_frame: Any = None
        """Called after each frame is on the terminal (to look at one frame alone)."""

    def install(self) -> None:
        """Start from the screen as it is now (drawn afresh), then follow every frame."""
        app = self.app
        assert hasattr(app, "_display"), (
            "Textual no longer sends frames through App._display: find the new place "
            "every frame goes through and hook it in tests/terminal_mirror.py")
        display = app._display

        def mirrored(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None or screen is not app.screen or app._batch_count:
                return  # what App._display sends no terminal
            self.frames += 1
            self.stream.feed(self._ansi(renderable))
            if self.on_frame is not None:
                self.on_frame()

        app._display = mirrored
        self.screen = self.fresh_screen()
        self.stream = pyte.Stream(self.screen)

    def _ansi(self, renderable: Any) -> str:
        console = self.app.console
        if hasattr(renderable, "render_segments"):
            return renderable.render_segments(console)
        return console._render_buffer(console.render(renderable))

    def fresh_screen(self) -> pyte.Screen:
        """The screen as every widget draws it now, from scratch (each widget's cached
        lines dropped): what a terminal that missed nothing would show."""
        app = self.app
        for widget in app.screen.walk_children(with_self=True):
            widget.refresh()
        # drawn by Textual's own compositor, not by the step's (compat.CullingCompositor),
        # whose frames are what is being checked
        compositor = app.screen._compositor
        chops = Compositor._render_chops(compositor, compositor.size.region, lambda y: True)
        strips = [Strip.join(chop.values()) for chop in chops]
        screen, stream = _emulator(*app.size)
        console = app.console
        text = "".join(
            f"\x1b[{y + 1};1H" + console._render_buffer(strip) for y, strip in enumerate(strips))
        stream.feed(text)
        return screen

    def differences(self) -> list[str]:
        """Each line where the terminal and a fresh drawing differ, both texts shown."""
        fresh = self.fresh_screen()
        seen, truth = _cells(self.screen), _cells(fresh)
        out = []
        for y, (mine, right) in enumerate(zip(seen, truth, strict=True)):
            if mine != right:
                cells = [x for x, (a, b) in enumerate(zip(mine, right, strict=True)) if a != b]
                first = cells[0]
                out.append(f"line {y}:\n  terminal: {self.screen.display[y]!r}\n"
                           f"  fresh:    {fresh.display[y]!r}\n"
                           f"  columns {first}–{cells[-1]} differ, e.g. {mine[first]} on the "
                           f"terminal, {right[first]} drawn afresh")
        return out
