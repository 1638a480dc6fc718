"""A reportlab paragraph that prints right-to-left text: wrapped in reading order as
typed, each line shaped and put in display order when it is drawn (see ``rtl``)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph

from workshop.export.pdf import rtl
from workshop.export.pdf.glyphs import FontStack, stack_for


class RtlParagraph(Paragraph):
    """A paragraph with right-to-left text (``styles.markup_para`` picks it)."""

    def drawPara(self, debug: int = 0) -> Any:
        logical = self.blPara
        self.blPara = _display_lines(logical, stack_for(self.style.fontName))
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical


def _display_lines(para: Any, fonts: FontStack) -> Any:
    """A copy of wrapped paragraph lines, each line shaped and in display order."""
    if para.kind == 0:  # one font: lines are (extra space, [words])
        lines = [(space, [fonts.line(" ".join(words))]) for space, words in para.lines]
    else:
        lines = [_display_frag_line(line, fonts) for line in para.lines]
    return para.clone(lines=lines)


def _display_frag_line(line: Any, fonts: FontStack) -> Any:
    """A line of fragments (fonts, colours) shaped and in display order: each fragment's
    letters joined, the line's characters reordered, then grouped again by the fragment
    each came from (in the font that draws its joined form)."""
    words = line.words
    if any(not isinstance(getattr(w, "text", None), str) or hasattr(w, "cbDefn")
           for w in words):
        return line  # an image or an anchor: nothing here prints right to left
    if not rtl.has_rtl("".join(w.text for w in words)):
        return line
    shaped = [fonts.shape(w.text) for w in words]
    owner = [w for w, text in zip(words, shaped, strict=True) for _ in text]
    groups: list[tuple[Any, str, list[str]]] = []
    for char, index in rtl.display_order("".join(shaped)):
        frag = owner[index]
        font = (fonts.font_for(char) if rtl.is_joined_form(char) else None) or frag.fontName
        if groups and groups[-1][0] is frag and groups[-1][1] == font:
            groups[-1][2].append(char)
        else:
            groups.append((frag, font, [char]))
    return line.clone(words=[frag.clone(text="".join(chars), fontName=font)
                             for frag, font, chars in groups])
