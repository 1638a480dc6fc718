"""The QR code of the room's link, as a matrix of modules with its quiet zone.

The terminal draws it with half blocks (``▀``: two modules in one character cell, which
is about twice as tall as wide, so modules come out square), dark on light whatever the
theme: phone cameras read dark-on-light codes, not all read inverted ones.
"""

from __future__ import annotations

import segno

QUIET_ZONE = 4
"""Light modules around the code, as the standard asks: without them a camera looking at
a projected screen may not find the code's edges."""


def matrix(text: str, quiet_zone: int = QUIET_ZONE) -> list[list[bool]]:
    """`text` as a QR code: rows of modules, True for dark, quiet zone included.

    Error correction level M (15 % of the code may be unreadable): a projector's glare or
    a head in the way is read through, and the code stays small enough to be large.
    """
    code = segno.make(text, error="m", micro=False, boost_error=False)
    rows = [[bool(module) for module in row] for row in code.matrix]
    size = len(rows) + 2 * quiet_zone
    light = [False] * size
    return ([list(light) for _ in range(quiet_zone)]
            + [[False] * quiet_zone + row + [False] * quiet_zone for row in rows]
            + [list(light) for _ in range(quiet_zone)])


def cell_pairs(modules: list[list[bool]], scale: int = 1) -> list[list[tuple[bool, bool]]]:
    """The modules scaled by `scale`, as terminal rows of (top, bottom) pairs: each
    character cell shows two modules' worth of height and one module's width."""
    scaled = [[dark for dark in row for _ in range(scale)]
              for row in modules for _ in range(scale)]
    if len(scaled) % 2:
        scaled.append([False] * len(scaled[0]))
    return [list(zip(scaled[y], scaled[y + 1], strict=True))
            for y in range(0, len(scaled), 2)]


def fitting_scale(modules: int, columns: int, rows: int) -> int:
    """The largest whole scale at which a code of `modules` fits `columns` × `rows`
    character cells (at least 1)."""
    return max(1, min(columns // modules, (rows * 2) // modules))
