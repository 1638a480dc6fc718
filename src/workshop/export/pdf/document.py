"""The document template every PDF uses: A4, print margins, a cover page without header
or footer, then pages with a header (workshop title, organization) and a footer (date,
"page x / N").

The total page count comes from a numbered canvas: pages are kept until the document
is saved, then each gets its footer with the final count, in one layout pass.

Headings become PDF bookmarks (the reader's sidebar): every ``h1`` paragraph at level 0,
and any flowable marked with ``toc_heading`` at its level. With ``contents=True`` the
same headings make a contents page after the cover, with page numbers; that needs a
second layout pass (``multiBuild``) once the pages are known.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.tableofcontents import TableOfContents

from workshop.export.pdf.styles import (
    ACCENT,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    encodable,
    esc,
    safe_color,
)
from workshop.i18n import t

HEADER_Y = PAGE_HEIGHT - 14 * mm
HEADER_RULE_Y = PAGE_HEIGHT - 16.5 * mm
FOOTER_RULE_Y = 15 * mm
FOOTER_Y = 10.5 * mm
HEADER_SIZE = 8.5
COVER_BAND = 14 * mm

FooterPainter = Callable[[Canvas, int, int], None]


def toc_heading(flowable: Flowable, level: int = 1) -> Flowable:
    """Mark `flowable` (a heading paragraph) as an entry of the contents and bookmarks at
    `level` (0: a step; 1: a team within it). ``h1`` paragraphs are level 0 already."""
    flowable.toc_level = level  # type: ignore[attr-defined]
    return flowable


def _heading_level(flowable: Flowable) -> int | None:
    level = getattr(flowable, "toc_level", None)
    if level is not None:
        return int(level)
    if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
        return 0
    return None


def contents_table(font: str, lang: str) -> TableOfContents:
    """The contents page's table: steps in bold-ish ink, teams indented below them."""
    level0 = ParagraphStyle("toc0", fontName=font, fontSize=11, leading=17, textColor=ACCENT,
                            leftIndent=0, spaceBefore=4, wordWrap="CJK")
    level1 = ParagraphStyle("toc1", fontName=font, fontSize=9.5, leading=14, textColor=MUTED,
                            leftIndent=8 * mm, wordWrap="CJK")
    return TableOfContents(levelStyles=[level0, level1], dotsMinLevel=0,
                           rightColumnWidth=14 * mm)


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` points (header and footer lines)."""
    text = encodable(text, font)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def numbered_canvas(paint_footer: FooterPainter) -> type[Canvas]:
    """A canvas class that holds its pages until ``save`` and then paints each page's
    footer with the page number and the total (pages whose template asked for it)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.workshop_footer = False

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                if self.workshop_footer:
                    paint_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class WorkshopDocument(BaseDocTemplate):
    """A4 with a cover page, then header/footer pages. Build with ``render(cover, body)``."""

    def __init__(self, target: str | IO[bytes], *, font: str, lang: str, title: str,
                 organization: str, footer_note: str, cover_color: str = "",
                 subject: str = "", header_note: str = ""):
        super().__init__(
            target,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=title, author=organization, subject=subject, creator="workshop",
            lang="zh-CN" if lang == "zh" else "en",
        )
        self.font = font
        self.lang = lang
        self.header_left = title if not header_note else f"{title} · {header_note}"
        self.header_right = organization
        self.footer_note = footer_note
        self.cover_color = colors.HexColor(safe_color(cover_color, "#1f3a5f"))
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH,
                      PAGE_HEIGHT - MARGIN_BOTTOM - COVER_BAND - 22 * mm, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[cover], onPage=self._paint_cover),
            PageTemplate(id="body", frames=[frame], onPage=self._paint_header),
        ])
        self._headings = 0
        self._last_level = -1

    # -- page decorations ----------------------------------------------------------------
    def _paint_cover(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.workshop_footer = False  # type: ignore[attr-defined]
        canvas.saveState()
        canvas.setFillColor(self.cover_color)
        canvas.rect(0, PAGE_HEIGHT - COVER_BAND, PAGE_WIDTH, COVER_BAND, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, 0, PAGE_WIDTH, 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _paint_header(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.workshop_footer = True  # type: ignore[attr-defined]
        canvas.saveState()
        canvas.setFont(self.font, HEADER_SIZE)
        canvas.setFillColor(MUTED)
        right = fit(self.header_right, self.font, HEADER_SIZE, FRAME_WIDTH * 0.38)
        right_w = stringWidth(right, self.font, HEADER_SIZE)
        left = fit(self.header_left, self.font, HEADER_SIZE, FRAME_WIDTH - right_w - 12)
        canvas.drawString(MARGIN_LEFT, HEADER_Y, left)
        if right:
            canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, HEADER_Y, right)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_LEFT, HEADER_RULE_Y, PAGE_WIDTH - MARGIN_RIGHT, HEADER_RULE_Y)
        canvas.restoreState()

    def paint_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, FOOTER_RULE_Y, PAGE_WIDTH - MARGIN_RIGHT, FOOTER_RULE_Y)
        canvas.setFont(self.font, HEADER_SIZE)
        canvas.setFillColor(MUTED)
        number = t("pdf.page", self.lang, page=page, pages=pages)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, FOOTER_Y, number)
        note_room = FRAME_WIDTH - stringWidth(number, self.font, HEADER_SIZE) - 12
        canvas.drawString(MARGIN_LEFT, FOOTER_Y,
                          fit(self.footer_note, self.font, HEADER_SIZE, note_room))
        canvas.restoreState()

    # -- headings: bookmarks and the contents page ------------------------------------------
    def beforeDocument(self) -> None:
        self._headings = 0  # each layout pass numbers its headings from the start
        self._last_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        level = _heading_level(flowable)
        if level is None:
            return
        text = flowable.getPlainText() if hasattr(flowable, "getPlainText") else ""
        if not text:
            return
        level = min(level, self._last_level + 1)  # the outline cannot skip a level
        self._last_level = level
        self._headings += 1
        key = f"h{self._headings}"
        canvas = self.canv
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, esc(text), self.page, key))

    # -- building --------------------------------------------------------------------------
    def render(self, cover: Sequence[Flowable], body: Sequence[Flowable], *,
               contents: bool = False) -> None:
        """Lay out the cover (page 1, no header or footer; an overlong cover flows onto
        header pages) and then the body, starting on a new page. With `contents`, a
        contents page (with page numbers) comes between them."""
        front: list[Flowable] = []
        if contents:
            front = [Paragraph(esc(t("pdf.contents", self.lang)), ParagraphStyle(
                "contents_title", fontName=self.font, fontSize=16, leading=22,
                textColor=ACCENT, spaceAfter=10)), contents_table(self.font, self.lang),
                PageBreak()]
        story: list[Flowable] = [NextPageTemplate("body"), *cover, PageBreak(), *front, *body]
        canvasmaker = numbered_canvas(self.paint_footer)
        if contents:
            self.multiBuild(story, canvasmaker=canvasmaker)
        else:
            self.build(story, canvasmaker=canvasmaker)
