"""Page geometry, colours and paragraph styles in the CJK font, and the two helpers every
PDF section uses: ``para`` (user text, escaped) and ``table`` (a printable table).

User text is data, never markup: reportlab paragraphs parse ``<b>``, ``&amp;`` and
friends, so every piece of user text goes through ``esc`` (directly, or via ``para``).
Markup of our own is built with ``markup_para`` from pieces that were escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as _PlatypusTable
from reportlab.platypus.tables import CellStyle, _setCellStyle

from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.paragraphs import paragraph
from workshop.export.pdf.rtl import has_rtl
from workshop.export.pdf.rtl_paragraph import RtlParagraph

# -- page geometry (A4, print margins) --------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 25 * mm
"""The header sits inside the top margin, above the frame."""
MARGIN_BOTTOM = 22 * mm
"""The footer sits inside the bottom margin, below the frame."""
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM


@dataclass(frozen=True)
class Margins:
    """Where the text frame sits on the A4 page; the header and footer sit in the top and
    bottom margins."""

    left: float = MARGIN_LEFT
    right: float = MARGIN_RIGHT
    top: float = MARGIN_TOP
    bottom: float = MARGIN_BOTTOM

    @property
    def width(self) -> float:
        return PAGE_WIDTH - self.left - self.right

    @property
    def height(self) -> float:
        return PAGE_HEIGHT - self.top - self.bottom


REPORT_MARGINS = Margins()
HANDOUT_MARGINS = Margins(left=15 * mm, right=15 * mm, top=21 * mm, bottom=18 * mm)
"""A wall sheet uses more of the paper: 15 mm at the sides still prints on any office
printer."""

ROW_SPLIT_MIN = 30
"""Points of a row that must fit before a page break may fall inside it."""

CELL_OPS = frozenset({
    "FONT", "FONTNAME", "FACE", "SIZE", "FONTSIZE", "LEADING", "TEXTCOLOR", "ALIGN",
    "ALIGNMENT", "VALIGN", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING",
    "HREF", "DESTINATION", "DIRECTION", "SHAPING"})
"""Style commands that set an attribute of each cell in their range (reportlab's
``_setCellStyle``); the others (backgrounds, lines, spans) are kept as commands."""
WHOLE_TABLE = ((0, 0), (-1, -1))


def _hoist_cell_styles(data: Any, style: Any) -> tuple[list[list[Any]], list[Any]] | None:
    """The cell styles `style`'s leading whole-table cell commands (font, size, colour,
    paddings…) give every cell, and the commands left to apply; None when there is
    nothing to gain.

    reportlab applies such a command to each cell in turn (``table`` gives nine of them
    to each cell: 170,000 calls for the realistic report); here each is applied once and
    every cell starts from the result. Later commands (one cell's colour) still apply after
    them, in order, so each cell ends up as it would have."""
    if isinstance(style, TableStyle):
        if style._opts or hasattr(style, "spaceBefore") or hasattr(style, "spaceAfter"):
            return None
        commands = list(style.getCommands())
    elif isinstance(style, (list, tuple)):
        commands = list(style)
    else:
        return None
    if not data or not all(isinstance(row, (list, tuple)) for row in data):
        return None
    first = CellStyle("first")
    hoisted, rest, partial = 0, [], False
    for command in commands:
        if command[0] in CELL_OPS:
            if not partial and tuple(command[1:3]) == WHOLE_TABLE:
                _setCellStyle([[first]], 0, 0, command[0], command[3:])
                hoisted += 1
                continue
            partial = True
        rest.append(command)
    if not hoisted:
        return None
    shared = {k: v for k, v in vars(first).items() if k != "name"}
    columns = max(len(row) for row in data)
    cells = []
    for i in range(len(data)):
        row = []
        for j in range(columns):
            cell = CellStyle(repr((i, j)))  # the name reportlab gives it
            cell.__dict__.update(shared)
            row.append(cell)
        cells.append(row)
    return cells, rest


class Table(_PlatypusTable):
    """A reportlab table whose rows may break across pages.

    People paste whole paragraphs into a card or a note; a row taller than a page would
    otherwise stop the whole export with a layout error.
    """

    def __init__(self, data: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", ROW_SPLIT_MIN)
        if not args and kwargs.get("style") and kwargs.get("cellStyles") is None:
            hoisted = _hoist_cell_styles(data, kwargs["style"])
            if hoisted is not None:
                kwargs["cellStyles"], kwargs["style"] = hoisted
        super().__init__(data, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # reportlab measures every row again at each wrap (to fit a frame, inside a
        # KeepTogether, before a split); once all rows are measured at a width, the sizes
        # at that width are known, whatever height is offered
        if self.__dict__.get("_measured_at") == availWidth:
            self.availWidth = availWidth
            return self._width, self._height
        size = super().wrap(availWidth, availHeight)
        if self._hmax == self._nrows:
            self._measured_at = availWidth
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if not parts and self.splitInRow and availHeight > 3 * self.splitInRow:
            # reportlab refuses to cut a row when less than `splitInRow` points of it
            # would go to the next page (a row just taller than a page: "a piece of text
            # is too long"); cutting it a little higher leaves enough for the next page.
            parts = super().split(availWidth, availHeight - self.splitInRow)
        repeated = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        if len(parts) == 2 and all(isinstance(p, _PlatypusTable) for p in parts):
            top, rest = parts
            if top._nrows + rest._nrows - repeated > self._nrows:
                # A row was cut in two. reportlab gives the remainder a fixed height
                # worked out from the old row, which overstates it; with each page the
                # excess grows until the row cannot be split at all. Let it measure.
                heights = list(rest._argH)
                heights[repeated] = None
                rest._argH = rest._rowHeights = heights
        return parts


# -- colours (print-friendly: dark ink, light fills) ------------------------------------
INK = colors.HexColor("#1d232a")
ACCENT = colors.HexColor("#1f3a5f")
"""Headings, table headers, the cover band."""
ACCENT_LIGHT = colors.HexColor("#e8eef5")
MUTED = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#c8d0d8")
ZEBRA = colors.HexColor("#f4f6f8")
WHITE = colors.white

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: object) -> str:
    """`text` escaped for reportlab paragraph markup: ``& < >`` as entities, control
    characters dropped, line breaks kept as ``<br/>``."""
    value = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _xml_escape(value).replace("\n", "<br/>")


def safe_color(color: str, default: str = "#5f6b76") -> str:
    """`color` if it is ``#rrggbb``, else `default` (a colour goes into markup)."""
    return color.lower() if color and _HEX.fullmatch(color) else default


def _luminance(hex_color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@cache  # a handful of team colours, asked for each card of the report
def readable_ink(color: str, min_contrast: float = 4.5) -> str:
    """`color` darkened just enough to be read as text on white paper (WCAG contrast
    `min_contrast`), so a yellow team still prints a legible name in its own hue."""
    hex_color = safe_color(color)
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    factor = 1.0
    while factor > 0:
        candidate = "#{:02x}{:02x}{:02x}".format(*(round(v * factor) for v in (r, g, b)))
        if 1.05 / (_luminance(candidate) + 0.05) >= min_contrast:
            return candidate
        factor -= 0.05
    return "#000000"


def team_tag(name: str, color: str) -> str:
    """Markup for a team name in the team's colour: a swatch in the exact colour, the
    name in a darkened shade of it that reads on paper. `name` is escaped here."""
    if not name:
        return ""
    swatch = safe_color(color)
    return (f'<font color="{swatch}">■</font> '
            f'<font color="{readable_ink(swatch)}">{esc(name)}</font>')


@dataclass(frozen=True)
class Styles:
    """Everything a section needs to lay itself out: the language, the font, the frame
    width and the paragraph styles."""

    lang: str
    font: str
    """The registered reportlab font name (the CJK font)."""
    width: float
    """The frame width, in points."""
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_org: ParagraphStyle
    cover_team: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    purpose: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_right: ParagraphStyle
    header_cell: ParagraphStyle


def make_styles(font: str, lang: str, width: float = FRAME_WIDTH) -> Styles:
    """The paragraph styles in `font` (a registered name) for `lang`."""

    def style(name: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
        values: dict[str, object] = {
            "fontName": font, "fontSize": size, "leading": leading, "textColor": INK,
            "alignment": TA_LEFT, "wordWrap": "CJK", "splitLongWords": 1,
        }
        values.update(extra)
        return ParagraphStyle(name, **values)  # type: ignore[arg-type]

    return Styles(
        lang=lang,
        font=font,
        width=width,
        cover_kicker=style("cover_kicker", 11, 15, textColor=ACCENT, spaceAfter=6),
        cover_title=style("cover_title", 26, 36, textColor=ACCENT, spaceAfter=10),
        cover_subtitle=style("cover_subtitle", 14, 20, textColor=MUTED, spaceAfter=4),
        cover_org=style("cover_org", 13, 19, spaceAfter=2),
        cover_team=style("cover_team", 30, 40, spaceAfter=6),
        h1=style("h1", 16, 22, textColor=ACCENT, spaceBefore=14, spaceAfter=6,
                 keepWithNext=1),
        h2=style("h2", 12, 17, textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        h3=style("h3", 10.5, 15, spaceBefore=6, spaceAfter=2, keepWithNext=1),
        body=style("body", 10, 15, spaceAfter=4),
        purpose=style("purpose", 9.5, 14.5, textColor=MUTED, backColor=ACCENT_LIGHT,
                      borderPadding=(4, 6, 5, 6), leftIndent=6, rightIndent=6,
                      spaceBefore=2, spaceAfter=10),
        small=style("small", 8.5, 12),
        muted=style("muted", 9, 13, textColor=MUTED, spaceAfter=4),
        cell=style("cell", 9, 13),
        cell_muted=style("cell_muted", 9, 12, textColor=MUTED),
        cell_right=style("cell_right", 9, 13, alignment=2),
        header_cell=style("header_cell", 9, 13, textColor=WHITE),
    )


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph showing `text` literally: markup characters escaped, line breaks kept."""
    return markup_para(esc(text), style)


def markup_para(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from markup of our own. Every piece of user text in `markup` must
    have gone through ``esc`` (or ``team_tag``). Right-to-left text is shaped and each
    of its lines drawn in display order."""
    markup = stack_for(style.fontName).markup(markup)
    if has_rtl(markup):
        return RtlParagraph(markup, style)
    return paragraph(markup, style)


class Plain(str):
    """A table cell drawn as a plain string when it fits on one line: never parsed as
    markup, and far cheaper than a Paragraph (numbers, names, short cards). Too wide or
    several lines, it becomes an escaped, wrapping paragraph after all."""


Cell = str | Flowable | None

CELL_SIZE = 9
CELL_LEADING = 13
CELL_PADDING = 5


SHORT_HEADER = 4
"""Headers this short (序号, 票数, 状态) never wrap: their column widens to hold them."""


def _column_widths(header: Sequence[str], widths: Sequence[float], total: float, font: str,
                   absolute: bool) -> list[float]:
    """`widths` as points that fill `total`: relative weights, or (`absolute`) points
    where 0 takes an equal share of what is left. A column too narrow for its short
    header takes the room from the widest column."""
    if absolute:
        flexible = sum(1 for w in widths if not w)
        share = (total - sum(widths)) / flexible if flexible else 0.0
        out = [w or share for w in widths]
    else:
        weight = sum(widths) or 1
        out = [total * w / weight for w in widths]
    for i, label in enumerate(header):
        if not isinstance(label, str) or len(label.strip()) > SHORT_HEADER:
            continue
        need = stringWidth(label, font, CELL_SIZE) + 2 * CELL_PADDING + 1
        if out[i] < need:
            widest = max(range(len(out)), key=lambda j: out[j])
            if widest != i and out[widest] - (need - out[i]) > need:
                out[widest] -= need - out[i]
                out[i] = need
    return out


def table(header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
          styles: Styles, *, total_width: float | None = None, zebra: bool = True,
          extra: Sequence[tuple[object, ...]] = (), absolute: bool = False) -> Table:
    """A table that prints well: a header row repeated on every page, cells that wrap
    (strings become escaped paragraphs; ``Plain`` strings stay plain when they fit),
    column widths that fill the frame, zebra rows.

    `widths` are relative weights (``[1, 6, 2]``) scaled to `total_width` (default the
    frame width), or with `absolute` points where 0 takes the rest. Rows taller than a
    page split inside the row. `extra` adds ``TableStyle`` commands (e.g. a team's colour
    on one cell).
    """
    total = styles.width if total_width is None else total_width
    col_widths = _column_widths(header, widths, total, styles.font, absolute)
    fonts = stack_for(styles.font)

    def cell(value: Cell, style: ParagraphStyle, width: float) -> Flowable | str:
        if value is None:
            return ""
        if isinstance(value, Plain):
            text = str(value)
            if "\n" not in text and fonts.simple(text) and (
                    stringWidth(text, styles.font, CELL_SIZE) <= width - 2 * CELL_PADDING):
                return text
            return para(text, style)
        if isinstance(value, str):
            return para(value, style)
        return value

    data: list[list[Flowable | str]] = [
        [cell(h, styles.header_cell, w) for h, w in zip(header, col_widths, strict=True)]]
    data += [[cell(v, styles.cell, w) for v, w in zip(row, col_widths, strict=True)]
             for row in rows]
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    if zebra and len(data) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]))
    commands.extend(extra)
    return Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT",
                 style=TableStyle(commands))


def key_values(pairs: Sequence[tuple[str, str]], styles: Styles, *,
               label_width: float = 0.22) -> Table:
    """A borderless two-column table of labels and values (cover details); empty values
    are left out."""
    rows = [[para(label, styles.cell_muted), para(value, styles.cell)]
            for label, value in pairs if value]
    if not rows:
        rows = [["", ""]]
    return Table(rows, colWidths=[styles.width * label_width, styles.width * (1 - label_width)],
                 hAlign="LEFT", style=TableStyle([
                     ("VALIGN", (0, 0), (-1, -1), "TOP"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("TOPPADDING", (0, 0), (-1, -1), 2),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                 ]))
