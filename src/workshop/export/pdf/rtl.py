"""Right-to-left text (Arabic, Hebrew) as a reader expects it on paper.

A PDF draws glyphs left to right, one after the other, exactly as given. Arabic letters
change shape with their neighbours (an initial, medial, final or isolated form) and a
right-to-left run reads from the right, so a name like "مريم" printed as typed comes out
as four unjoined letters in the wrong order. Two steps fix that:

- ``shape`` joins Arabic letters: each letter becomes its presentation form (with
  ``arabic-reshaper``), lam-alef becomes its ligature.
- ``display`` puts one line into display order (the Unicode bidirectional algorithm, with
  ``python-bidi``): right-to-left runs reversed, brackets in them mirrored, a combining
  mark kept after its letter.

Both work on one line. A paragraph is wrapped as typed, in reading order (reportlab
breaks Arabic letters between words, as Latin; joined forms it would break anywhere, like
Chinese), and each line is shaped and reordered when it is drawn
(``rtl_paragraph.RtlParagraph``): a long Arabic card's first words are on its first line.

The paragraph direction stays left to right (the workshop's languages are Chinese and
English): an Arabic name inside a Chinese sentence reads right to left in its place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
                  "\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms."""

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
"""Letters that join (the base Arabic blocks; presentation forms are already shaped)."""

_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def has_rtl(text: str) -> bool:
    """True when `text` has a right-to-left character (the common case answers fast)."""
    return not text.isascii() and _RTL.search(text) is not None


@cache
def _reshaper() -> Any:
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={
        # marks (harakat) are part of a name: keep them, after their letter
        "delete_harakat": False,
        # word ligatures (ﷲ) are missing from the usual fonts; lam-alef stays
        "ARABIC LIGATURE ALLAH": False,
    })


def is_joined_form(char: str) -> bool:
    """True for an Arabic presentation form (what ``shape`` turns letters into)."""
    return _PRESENTATION.match(char) is not None


def shape(text: str, drawable: Callable[[str], bool] | None = None) -> str:
    """`text` with its Arabic letters in their joined forms. `drawable(char)` says whether
    some font can draw a character: where a joined form cannot be drawn, the letters stay
    as typed (unjoined, but never a placeholder)."""
    if text.isascii() or _ARABIC.search(text) is None:
        return text
    shaped: str = _reshaper().reshape(text)
    if drawable is not None and not all(drawable(c) for c in _PRESENTATION.findall(shaped)):
        return text
    return shaped


def _levels(text: str) -> list[int] | None:
    """The bidirectional algorithm's embedding level of each character of `text`, one
    paragraph whose base direction is left to right; None if they cannot be read.

    python-bidi returns its levels only as its debug report (``debug=True``: one level
    per UTF-8 byte, after the text itself, so the last ``levels:`` list is read)."""
    from bidi import get_display

    report = str(get_display(text, base_dir="L", debug=True))
    start = report.rfind("levels: [")
    per_byte = [int(n) for n in _LEVEL.findall(report, start, report.find("]", start))]
    if start < 0 or len(per_byte) != len(text.encode("utf-8")):
        return None
    out, offset = [], 0
    for char in text:
        out.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    return out


_LEVEL = re.compile(r"Level\(\s*(\d+)")


def display_order(text: str) -> list[tuple[str, int]]:
    """One line of `text` as (character, logical index) pairs in display order, left to
    right: from the highest level down to the lowest odd one, each run at that level or
    above reversed, and a bracket in a right-to-left run mirrored. Unreadable levels leave
    the line as typed.

    A combining mark in a reversed run ends up before its letter, which is where a
    right-to-left font's marks expect to be drawn: they have no width and reach over the
    glyph drawn after them (DejaVu Sans's Arabic harakat do; its Latin accents reach back
    instead, and Latin text is never reversed)."""
    from bidi.mirror import MIRRORED

    levels = _levels(text)
    if levels is None:
        return [(char, i) for i, char in enumerate(text)]
    end = len(levels)
    while end and unicodedata.bidirectional(text[end - 1]) in ("WS", "S", "B", "BN"):
        end -= 1
        levels[end] = 0  # trailing white space takes the line's direction
    order = list(range(len(text)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels, default=0), min(odd, default=1) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return [(MIRRORED.get(text[i], text[i]) if levels[i] % 2 else text[i], i) for i in order]


def display(text: str) -> str:
    """One line of `text` in display order (see ``display_order``)."""
    if not has_rtl(text):
        return text
    return "".join(char for char, _ in display_order(text))
