"""The document template every PDF uses: A4, print margins, a cover page without header
or footer, then pages with a header (workshop title, organization) and a footer (date,
"page x / N").

The total page count comes from a numbered canvas: pages are kept until the document
is saved, then each gets its footer with the final count, in one layout pass.

Headings become PDF bookmarks (the reader's sidebar): every ``h1`` paragraph at level 0,
and any flowable marked with ``toc_heading`` at its level. With ``contents=True`` the
same headings make a contents page after the cover, with page numbers and links. The
page is reserved during layout and written when the document is saved, like the
footers: one layout pass, where reportlab's TableOfContents needs two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import standardFonts, stringWidth
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

from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.styles import (
    ACCENT,
    FRAME_HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    REPORT_MARGINS,
    RULE,
    Margins,
    esc,
    safe_color,
)
from workshop.i18n import t

HEADER_Y = PAGE_HEIGHT - 14 * mm
HEADER_RULE_Y = PAGE_HEIGHT - 16.5 * mm
FOOTER_RULE_Y = 15 * mm
FOOTER_Y = 10.5 * mm
HEADER_SIZE = 9.0
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


CONTENTS_LINE = {0: (11.0, 19.0, 0.0), 1: (9.5, 14.5, 8 * mm)}
"""Contents lines by level: font size, line height, indent (steps, then teams)."""
CONTENTS_TITLE = 16
CONTENTS_TITLE_ROOM = 34.0
"""Points the contents title takes at the top of the first contents page."""


class ContentsPage(Flowable):
    """Reserves the rest of a page for the contents; the document writes the entries on it
    when it is saved, once every heading's page is known."""

    def __init__(self, doc: WorkshopDocument, index: int) -> None:
        super().__init__()
        self.doc = doc
        self.index = index

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, availHeight

    def draw(self) -> None:
        self.doc.contents_pages[self.canv.getPageNumber()] = self.index


def _count_headings(flowables: Sequence[Flowable]) -> int:
    return sum(1 for f in flowables if _heading_level(f) is not None)


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` points (header and footer lines), as
    `font` and its fallbacks draw it."""
    return stack_for(font).fit(text, size, width)


def numbered_canvas(paint_footer: FooterPainter) -> type[Canvas]:
    """A canvas class that holds its pages until ``save`` and then paints each page's
    footer with the page number and the total (pages whose template asked for it; the
    painter is also called for the other pages with ``canvas.workshop_footer`` false)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.workshop_footer = False

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
            # reportlab's tables default to Helvetica, which is never embedded (a print
            # shop's preflight flags it): the document's own font stands in for it
            if psfontname in standardFonts:
                psfontname = self._initialFontName
            super().setFont(psfontname, size, leading)

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                paint_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class WorkshopDocument(BaseDocTemplate):
    """A4 with a cover page, then header/footer pages. Build with ``render(cover, body)``."""

    def __init__(self, target: str | IO[bytes], *, font: str, lang: str, title: str,
                 organization: str, footer_note: str, cover_color: str = "",
                 subject: str = "", header_note: str = "",
                 margins: Margins = REPORT_MARGINS):
        self.margins = margins
        super().__init__(
            target,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=margins.left, rightMargin=margins.right,
            topMargin=margins.top, bottomMargin=margins.bottom,
            title=title, author=organization, subject=subject, creator="workshop",
            lang="zh-CN" if lang == "zh" else "en",
            # the canvas starts in our font, so no unembedded Helvetica is listed
            initialFontName=font,
        )
        self.font = font
        self.fonts = stack_for(font)
        self.lang = lang
        self.header_left = title if not header_note else f"{title} · {header_note}"
        self.header_right = organization
        self.footer_note = footer_note
        self.cover_color = colors.HexColor(safe_color(cover_color, "#1f3a5f"))
        frame = Frame(margins.left, margins.bottom, margins.width, margins.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(margins.left, margins.bottom, margins.width,
                      PAGE_HEIGHT - margins.bottom - COVER_BAND - 22 * mm, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[cover], onPage=self._paint_cover),
            PageTemplate(id="body", frames=[frame], onPage=self._paint_header),
        ])
        self._headings = 0
        self._last_level = -1
        self.contents_pages: dict[int, int] = {}
        """Page number → which contents page it is (0, 1…), once laid out."""
        self.entries: list[tuple[int, str, int, str]] = []
        """(level, text, page, bookmark key) of every heading, in order."""
        self._per_page: list[int] = []

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
        canvas.setFillColor(MUTED)
        fonts, m = self.fonts, self.margins
        right = fonts.fit(self.header_right, HEADER_SIZE, m.width * 0.38)
        right_w = fonts.width(right, HEADER_SIZE)
        left = fonts.fit(self.header_left, HEADER_SIZE, m.width - right_w - 12)
        fonts.draw(canvas, m.left, HEADER_Y, left, HEADER_SIZE)
        if right:
            fonts.draw(canvas, PAGE_WIDTH - m.right, HEADER_Y, right, HEADER_SIZE,
                       anchor="end")
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(m.left, HEADER_RULE_Y, PAGE_WIDTH - m.right, HEADER_RULE_Y)
        canvas.restoreState()

    def paint_page(self, canvas: Canvas, page: int, pages: int) -> None:
        """At save: the footer (pages with a header) and the contents (its pages)."""
        if page in self.contents_pages:
            self.paint_contents(canvas, self.contents_pages[page])
        if getattr(canvas, "workshop_footer", False):
            self.paint_footer(canvas, page, pages)

    def paint_contents(self, canvas: Canvas, index: int) -> None:
        """Entries of contents page `index`: the heading, dots, its page number, and a link
        to the heading over the whole line."""
        start = sum(self._per_page[:index])
        chosen = self.entries[start:start + self._per_page[index]]
        if index == len(self._per_page) - 1:
            chosen = self.entries[start:]  # more headings than reserved: never lose one
        top = PAGE_HEIGHT - MARGIN_TOP - (CONTENTS_TITLE_ROOM if index == 0 else 0)
        right = PAGE_WIDTH - MARGIN_RIGHT
        canvas.saveState()
        y = top
        for level, text, page, key in chosen:
            size, height, indent = CONTENTS_LINE[min(level, 1)]
            y -= height
            if y < MARGIN_BOTTOM:
                break
            number = str(page)
            number_w = stringWidth(number, self.font, size)
            x = MARGIN_LEFT + indent
            shown = self.fonts.fit(text, size, right - x - number_w - 24)
            canvas.setFillColor(ACCENT if level == 0 else MUTED)
            shown_w = self.fonts.draw(canvas, x, y, shown, size)
            canvas.setFont(self.font, size)
            dot_w = stringWidth(" .", self.font, size)
            dots = int((right - number_w - 6 - (x + shown_w + 6)) / dot_w)
            if dots > 0:  # drawn before the number: text extraction reads them in order
                canvas.setFillColor(RULE if level else MUTED)
                canvas.drawRightString(right - number_w - 6, y, " ." * dots)
            canvas.setFillColor(ACCENT if level == 0 else MUTED)
            canvas.drawRightString(right, y, number)
            # a name of our own: the canvas's annotation counter rewinds with each held page
            canvas.linkRect("", key, (x, y - 3, right, y + size), relative=0, name=f"toc-{key}")
        canvas.restoreState()

    def paint_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        m = self.margins
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(m.left, FOOTER_RULE_Y, PAGE_WIDTH - m.right, FOOTER_RULE_Y)
        canvas.setFillColor(MUTED)
        number = t("pdf.page", self.lang, page=page, pages=pages)
        note_room = m.width - self.fonts.draw(
            canvas, PAGE_WIDTH - m.right, FOOTER_Y, number, HEADER_SIZE, anchor="end") - 12
        self.fonts.draw(canvas, m.left, FOOTER_Y,
                        self.fonts.fit(self.footer_note, HEADER_SIZE, note_room), HEADER_SIZE)
        canvas.restoreState()

    # -- headings: bookmarks and the contents page ------------------------------------------
    def beforeDocument(self) -> None:
        self._headings = 0  # each layout pass numbers its headings from the start
        self._last_level = -1
        self.entries = []
        self.contents_pages = {}

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
        self.entries.append((level, text, self.page, key))

    # -- building --------------------------------------------------------------------------
    def _contents(self, body: Sequence[Flowable]) -> list[Flowable]:
        """The title and as many reserved pages as the body's headings need."""
        headings = _count_headings(body)
        line = CONTENTS_LINE[0][1]
        first = int((FRAME_HEIGHT - CONTENTS_TITLE_ROOM) // line)
        rest = int(FRAME_HEIGHT // line)
        self._per_page = [first]
        while sum(self._per_page) < headings:
            self._per_page.append(rest)
        title = Paragraph(esc(t("pdf.contents", self.lang)), ParagraphStyle(
            "contents_title", fontName=self.font, fontSize=CONTENTS_TITLE, leading=22,
            textColor=ACCENT, spaceAfter=CONTENTS_TITLE_ROOM - 22))
        front: list[Flowable] = [title]
        for index in range(len(self._per_page)):
            front += [ContentsPage(self, index), PageBreak()]
        return front

    def render(self, cover: Sequence[Flowable], body: Sequence[Flowable], *,
               contents: bool = False) -> None:
        """Lay out the cover (page 1, no header or footer; an overlong cover flows onto
        header pages) and then the body, starting on a new page. With `contents`, a
        contents page (headings, page numbers, links) comes between them."""
        front = self._contents(body) if contents else []
        story: list[Flowable] = [NextPageTemplate("body"), *cover, PageBreak(), *front, *body]
        self.build(story, canvasmaker=numbered_canvas(self.paint_page))

    def render_pages(self, story: Sequence[Flowable]) -> None:
        """Lay out `story` on header pages from the first page on (no cover)."""
        self._firstPageTemplateIndex = 1
        self.build(list(story), canvasmaker=numbered_canvas(self.paint_page))
