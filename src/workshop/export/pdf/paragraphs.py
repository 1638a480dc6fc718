"""Paragraphs that cost what their text costs: parsed only when they hold markup, and
broken into lines once per width.

Profiled on the realistic workshop (``bench/realistic.py``), the report spent a quarter
of its time in reportlab's markup parser and a third breaking lines, most of it twice
over: most paragraphs are plain text (a card, a name, a number), and a table wraps each
cell to measure its row, again to split it across a page, and again to draw it.

``paragraph(markup, style)`` is a reportlab ``Paragraph`` that

- skips the parser when `markup` has no tag and no entity: its one fragment is the
  style's own fragment (what the parser makes of one letter in that style) holding the
  text, whitespace cleaned exactly as the parser would clean it;
- remembers its lines for the last width it was wrapped to, so measuring, splitting and
  drawing at the same width break the lines once;
- breaks a one-fragment paragraph (plain text in one font) with each character's width
  looked up once per font and size, where reportlab asks the font for every character
  of every paragraph again.

The PDF bytes are the same as with plain ``Paragraph`` (``tests/unit/test_pdf_paragraphs.py``
compares the fragments, and whole documents byte for byte).
"""

from __future__ import annotations

import weakref
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import dumbSplit
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.paragraph import (
    Paragraph,
    cleanBlockQuotedText,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser

_templates: weakref.WeakKeyDictionary[ParagraphStyle, Any] = weakref.WeakKeyDictionary()


def _template(style: ParagraphStyle) -> Any:
    """The fragment the parser makes of plain text in `style` (its text to be replaced)."""
    frag = _templates.get(style)
    if frag is None:
        _style, frags, _bullets = ParaParser().parse("X", style)
        frag = frags[0]
        _templates[style] = frag
    return frag


def plain_frags(text: str, style: ParagraphStyle) -> tuple[str, list[Any]] | None:
    """The cleaned text and the fragments reportlab's parser would make of `text` in
    `style`, without parsing; None when `text` needs the parser (a tag, an entity) or
    cleans to nothing."""
    if "<" in text or "&" in text:
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return None
    frags = [_template(style).clone(text=cleaned)]
    textTransformFrags(frags, style)
    return cleaned, frags


_widths: weakref.WeakKeyDictionary[Any, dict[tuple[float, str], float]] = (
    weakref.WeakKeyDictionary())
"""Per font object (a name registered again is another font): (size, character) → width."""


def char_widths(text: str, font_name: str, size: float) -> list[float]:
    """The width of each character of `text`, as reportlab's ``getCharWidths`` measures
    it (one character at a time), each character measured once per font and size."""
    font = getFont(font_name)
    known = _widths.get(font)
    if known is None:
        known = _widths[font] = {}
    out = []
    for char in text:
        width = known.get((size, char))
        if width is None:
            width = known[(size, char)] = font.stringWidth(char, size)
        out.append(width)
    return out


class Para(Paragraph):
    """A Paragraph that keeps its line breaks for the width it was last wrapped to, and
    breaks plain text with widths it has measured before."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self.__dict__.get("_lines_for")
        if memo is not None and memo[0] == availWidth:
            _width, self.width, self.height, self.blPara, self._wrapWidths = memo
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        # CJK line breaking leaves the fragments as they are (the other breaker rewrites
        # them); a width too small to wrap in sets nothing to remember
        if self.style.wordWrap == "CJK" and "blPara" in self.__dict__ and size[0] == availWidth:
            self._lines_for = (availWidth, self.width, self.height, self.blPara,
                               self._wrapWidths)
        return size

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        frags = self.frags
        if (len(frags) != 1 or self.bulletText is not None or self.style.endDots
                or hasattr(frags[0], "cbDefn") or not hasattr(frags[0], "text")
                or (hasattr(self, "blPara") and getattr(self, "_splitpara", 0))):
            return super().breakLinesCJK(maxWidths)
        # reportlab's own one-fragment case (``wordSplit`` cutting between characters),
        # with the widths from the cache
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        frag = frags[0]
        text = frag.text
        lines = dumbSplit(text, char_widths(text, frag.fontName, frag.fontSize), maxWidths)
        return frag.clone(kind=0, lines=[(space, [line]) for space, line in lines],
                          ascent=frag.fontSize, descent=-0.2 * frag.fontSize)


def paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of `markup` (already escaped) in `style`."""
    plain = plain_frags(markup, style)
    if plain is None:
        return Para(markup, style)
    cleaned, frags = plain
    return Para(cleaned, style, frags=frags)
