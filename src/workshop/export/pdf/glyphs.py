"""Every character printed, in some font: per-character fallback from the CJK font to
the fallback fonts (``fonts.fallback_fonts``), and a visible placeholder where no font
has the glyph — never a character that silently vanishes ("马🚀云" must not print as
"马云", another person's name on a signed charter).

A ``FontStack`` is the CJK font and its fallbacks. It splits text into runs of one font
each: ``markup`` rewrites paragraph markup (text between tags gets ``<font face=…>`` where
a fallback font draws it), ``draw`` and ``strings`` place runs on a canvas or in a drawing,
``width`` and ``fit`` measure them. A character with a combining mark after it goes to a
font that has both, so the mark sits on its letter.

Right-to-left text (``rtl``) is shaped (Arabic letters joined) and put in display order
line by line: here for a line drawn on a canvas or in a drawing, when it is drawn for a
paragraph's line (``rtl_paragraph.RtlParagraph``, which ``styles.markup_para`` uses for
such text; its markup keeps the text as typed).

Characters no font has become ``PLACEHOLDER`` and are recorded, with the text they were
in, for the export to warn about (``collect_missing``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import unescape

from reportlab.graphics.shapes import String
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import CIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from workshop.export.fonts import fallback_fonts
from workshop.export.pdf import rtl

PLACEHOLDER = "□"
"""Printed for a character that no font has (U+25A1, in every CJK font)."""

_IGNORABLE = frozenset([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10),
                        *range(0xE0000, 0xE0080), *range(0xE0100, 0xE01F0)])
"""Invisible format characters (zero-width joiners, variation selectors, tags): they
shape what is around them and have no glyph of their own, so they are not drawn."""

_CID_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x22FF),
               (0x2460, 0x27BF), (0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
               (0xFF00, 0xFFEF))
"""What the built-in CID font (its PDF viewer's Song face) draws: ASCII, Latin-1,
punctuation, symbols, CJK. Anything else goes to a fallback font."""

_TOKEN = re.compile(r"(<[^>]*>|&#?\w+;)")
"""Tags and entities in paragraph markup: never split, never re-fonted."""


@dataclass(frozen=True)
class Missing:
    """A character no font could draw, and the text it was in."""

    char: str
    text: str


_missing: ContextVar[list[Missing] | None] = ContextVar("workshop_missing_glyphs",
                                                         default=None)


@contextmanager
def collect_missing() -> Iterator[list[Missing]]:
    """Record, while the block runs, every character printed as the placeholder (once per
    character and text)."""
    found: list[Missing] = []
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def _record(char: str, text: str) -> None:
    found = _missing.get()
    if found is None:
        return
    entry = Missing(char, text.strip())
    if entry not in found:
        found.append(entry)


def _coverage(font: str) -> frozenset[int] | None:
    """The code points `font` has glyphs for; None for a CID font (see ``_CID_RANGES``)."""
    face = pdfmetrics.getFont(font)
    if isinstance(face, CIDFont):
        return None
    return frozenset(face.face.charToGlyph)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


class FontStack:
    """A primary font and its fallbacks, by registered name."""

    def __init__(self, primary: str, fallbacks: tuple[str, ...]) -> None:
        self.primary = primary
        self.fonts = (primary, *(f for f in fallbacks if f != primary))
        self._maps = [_coverage(f) for f in self.fonts]
        self._font_of: dict[str, str | None] = {}
        self._primary_chars: set[str] = set()
        """Characters known to be drawn by the primary font (``simple`` asks once per
        character, not once per character of every text)."""
        self.placeholder_font = self.font_for(PLACEHOLDER) or primary
        self._ascii = all(self.font_for(chr(c)) == primary for c in range(0x20, 0x7F))

    # -- which font draws what ------------------------------------------------------------
    def _has(self, index: int, code: int) -> bool:
        cmap = self._maps[index]
        if cmap is None:
            return any(low <= code <= high for low, high in _CID_RANGES)
        return code in cmap

    def font_for(self, char: str) -> str | None:
        """The first font of the stack with a glyph for `char`, or None."""
        found = self._font_of.get(char, "")
        if found != "":
            return found
        code = ord(char)
        font = next((f for i, f in enumerate(self.fonts) if self._has(i, code)), None)
        if font is None and char in "\n\t \u3000":
            font = self.primary
        self._font_of[char] = font
        if font == self.primary:
            self._primary_chars.add(char)
        return font

    def simple(self, text: str) -> bool:
        """True when the primary font draws all of `text` as it stands (the common case:
        no runs; right-to-left text is never simple, it needs shaping and reordering)."""
        if text.isascii() and self._ascii:
            return True
        if rtl.has_rtl(text):
            return False
        unknown = set(text).difference(self._primary_chars)
        return all(self.font_for(c) == self.primary for c in unknown)

    def shape(self, text: str) -> str:
        """`text` with Arabic letters joined where a font of the stack draws the joined
        forms."""
        return rtl.shape(text, lambda char: self.font_for(char) is not None)

    def line(self, text: str) -> str:
        """One line of `text` as it is drawn: shaped and in display order."""
        return rtl.display(self.shape(text)) if rtl.has_rtl(text) else text

    def runs(self, text: str, context: str | None = None) -> list[tuple[str, str]]:
        """One line of `text` as (font, piece) runs in drawing order (right-to-left text
        shaped and reordered); characters no font has become the placeholder (recorded
        with `context`, default `text`), invisible format characters are left out."""
        if self.simple(text):
            return [(self.primary, text)] if text else []
        return self._runs(self.line(text), text if context is None else context)

    def _runs(self, text: str, context: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []

        def add(font: str, piece: str) -> None:
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + piece)
            else:
                out.append((font, piece))

        for cluster in _clusters(text):
            fonts = [self.font_for(c) for c in cluster]
            if len(cluster) > 1:
                # a letter and its marks in one font that has them all, if there is one
                whole = next((f for i, f in enumerate(self.fonts)
                              if all(self._has(i, ord(c)) for c in cluster)), None)
                if whole is not None:
                    fonts = [whole] * len(cluster)
            for char, font in zip(cluster, fonts, strict=True):
                if ord(char) in _IGNORABLE:
                    continue
                if font is None:
                    _record(char, context)
                    add(self.placeholder_font, PLACEHOLDER)
                else:
                    add(font, char)
        return out

    # -- paragraphs ----------------------------------------------------------------------
    def markup(self, markup: str) -> str:
        """Paragraph markup with the text that the primary font lacks wrapped in
        ``<font face=…>`` of a font that has it (tags and entities untouched). The text
        stays in reading order, unshaped: a paragraph wraps it first."""
        if self.simple(markup):
            return markup
        parts = []
        for piece in _TOKEN.split(markup):
            if not piece or _TOKEN.fullmatch(piece) or self.simple(piece):
                parts.append(piece)
                continue
            for font, run in self._runs(piece, unescape(piece)):
                parts.append(run if font == self.primary else f'<font face="{font}">{run}</font>')
        return "".join(parts)

    def single(self, text: str) -> str:
        """`text` for a place that takes one font (the primary): what it lacks becomes the
        placeholder, recorded."""
        if self.simple(text):
            return text
        out = []
        for char in self.line(text):
            if ord(char) in _IGNORABLE:
                continue
            if self.font_for(char) == self.primary:
                out.append(char)
            else:
                _record(char, text)
                out.append(PLACEHOLDER)
        return "".join(out)

    # -- canvas and drawings -----------------------------------------------------------
    def width(self, text: str, size: float) -> float:
        return sum(stringWidth(run, font, size) for font, run in self.runs(text))

    def fit(self, text: str, size: float, width: float) -> str:
        """`text` cut with an ellipsis to fit `width` points."""
        if self.width(text, size) <= width:
            return text
        while text and self.width(text + "…", size) > width:
            text = text[:-1]
        return text + "…"

    def draw(self, canvas: Any, x: float, y: float, text: str, size: float, *,
             anchor: str = "start") -> float:
        """Draw `text` at (x, y) run by run (`anchor` start, middle or end); the width."""
        runs = self.runs(text)
        total = sum(stringWidth(run, font, size) for font, run in runs)
        x -= {"start": 0, "middle": total / 2, "end": total}[anchor]
        for font, run in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, font, size)
        return total

    def strings(self, x: float, y: float, text: str, size: float, *,
                anchor: str = "start", **style: Any) -> list[String]:
        """Drawing strings for `text` at (x, y), one per run, placed side by side."""
        runs = self.runs(text)
        total = sum(stringWidth(run, font, size) for font, run in runs)
        x -= {"start": 0, "middle": total / 2, "end": total}[anchor]
        out = []
        for font, run in runs:
            out.append(String(x, y, run, fontName=font, fontSize=size, textAnchor="start",
                              **style))
            x += stringWidth(run, font, size)
        return out


def _clusters(text: str) -> Iterator[str]:
    """`text` as a base character followed by its combining marks, one cluster at a time."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not _is_mark(text[i]):
            yield text[start:i]
            start = i


@cache
def _stack(primary: str, fallbacks: tuple[str, ...]) -> FontStack:
    return FontStack(primary, fallbacks)


def stack_for(primary: str) -> FontStack:
    """The stack of the registered font `primary` and this machine's fallback fonts."""
    return _stack(primary, fallback_fonts())


def describe(missing: list[Missing], limit: int = 40) -> list[tuple[str, str]]:
    """(characters with their code points, the text) per text that lost characters."""
    by_text: dict[str, list[str]] = {}
    for entry in missing:
        chars = by_text.setdefault(entry.text, [])
        label = f"{entry.char} (U+{ord(entry.char):04X})"
        if label not in chars:
            chars.append(label)
    out = []
    for text, chars in by_text.items():
        shown = text if len(text) <= limit else text[:limit - 1] + "…"
        out.append((" ".join(chars), shown))
    return out
