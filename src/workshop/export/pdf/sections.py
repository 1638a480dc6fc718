"""Sections shared by the report and the handouts: covers, the agenda, step headings and
card boards. Step modules (``pdf/<step>.py``) build on these and add their own parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from workshop.export.content import card_count, member_list, team_cards
from workshop.export.pdf.glyphs import FontStack, stack_for
from workshop.export.pdf.styles import (
    ACCENT,
    MUTED,
    Plain,
    Styles,
    Table,
    esc,
    key_values,
    markup_para,
    para,
    readable_ink,
    safe_color,
    table,
)
from workshop.i18n import t
from workshop.report import (
    AgendaRow,
    BoardRow,
    CardRow,
    Report,
    StepReport,
    TeamRow,
    agenda_table,
)


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def when_where(report: Report, styles: Styles) -> Flowable:
    lang = styles.lang
    return key_values([
        (t("pdf.cover.date", lang), report.date),
        (t("pdf.cover.location", lang), report.location),
        (t("pdf.cover.facilitator", lang), report.facilitator),
    ], styles)


def teams_table(teams: Sequence[TeamRow], styles: Styles) -> Flowable:
    """Every team with its colour swatch and its members (roles in brackets)."""
    lang = styles.lang
    if not teams:
        return para(t("pdf.teams.no_teams", lang), styles.muted)
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for i, team in enumerate(teams, start=1):
        name = markup_para(f'<font color="{readable_ink(team.color)}">{esc(team.name)}</font>',
                           styles.cell)
        rows.append(["", name, member_list(team, lang)])
        extra.append(("BACKGROUND", (0, i), (0, i), colors.HexColor(safe_color(team.color))))
    return table(["", t("pdf.teams.team", lang), t("pdf.teams.members", lang)], rows,
                 [0.25, 2.2, 7.5], styles, extra=extra)  # type: ignore[arg-type]


def title_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in as few lines as fit `width`, of even length, broken at a space where
    one is near: a title never ends with a word cut off its last characters (工 / 作坊)."""
    fonts = stack_for(font)
    text = " ".join(text.split())
    total = fonts.width(text, size)
    count = max(1, -(-int(total) // int(width)))
    if count == 1:
        return [text]
    by_words = _word_lines(text, fonts, size, width)  # at spaces, if as few lines fit
    if by_words is not None and len(by_words) <= count:
        return by_words
    while count < len(text):
        lines, rest = [], text
        for remaining in range(count, 1, -1):
            aim = fonts.width(rest, size) / remaining
            cut = _cut(rest, aim, fonts, size)
            lines.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        lines.append(rest)
        if all(fonts.width(line, size) <= width for line in lines):
            return lines
        count += 1
    return [text]


def _word_lines(text: str, fonts: FontStack, size: float, width: float) -> list[str] | None:
    """`text` wrapped at spaces only, or None when a word is wider than a line."""
    lines: list[str] = []
    for word in text.split(" "):
        if fonts.width(word, size) > width:
            return None
        if lines and fonts.width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _cut(text: str, aim: float, fonts: FontStack, size: float) -> int:
    """Where to end a line of about `aim` points: at the space nearest to it within a
    quarter of the line, else after the character that reaches it."""
    reach = next((i for i in range(1, len(text) + 1)
                  if fonts.width(text[:i], size) >= aim), len(text))
    spaces = [i for i, c in enumerate(text) if c == " "
              and abs(fonts.width(text[:i], size) - aim) <= aim / 4]
    if spaces:
        return min(spaces, key=lambda i: abs(fonts.width(text[:i], size) - aim))
    return max(1, reach)


def title_para(text: str, style: ParagraphStyle, width: float) -> Flowable:
    """A title in balanced lines (``title_lines``)."""
    lines = title_lines(text, style.fontName, style.fontSize, width)
    return markup_para("<br/>".join(esc(line) for line in lines), style)


def report_cover(report: Report, styles: Styles) -> list[Flowable]:
    """Page 1 of the report: title, organization, tagline, when and where, the teams."""
    lang = styles.lang
    members = sum(len(team.members) for team in report.teams)
    story: list[Flowable] = [
        para(f"{t('app.name', lang)} · {t('pdf.report_title', lang)}", styles.cover_kicker),
        title_para(report.title, styles.cover_title, styles.width),
        para(t("app.tagline", lang), styles.cover_subtitle),
    ]
    if report.organization:
        story.append(para(report.organization, styles.cover_org))
    story += [
        Spacer(1, 4 * mm),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=2, spaceAfter=8),
        when_where(report, styles),
        Spacer(1, 8 * mm),
        markup_para(f"{esc(t('pdf.cover.teams', lang))}"
                    f' <font size="9" color="{_hex(MUTED)}">'
                    f"{esc(t('pdf.cover.people', lang, teams=len(report.teams), members=members))}"
                    "</font>", styles.h2),
        teams_table(report.teams, styles),
        Spacer(1, 8 * mm),
        para(t("pdf.generated", lang, time=report.generated_at), styles.muted),
    ]
    return story


def agenda(rows: Sequence[AgendaRow], styles: Styles) -> list[Flowable]:
    """The agenda table: (day,) time, step, duration, lunch between the sessions; the day
    column only for a workshop of more than one day."""
    lang = styles.lang
    if not rows:
        return []
    header, body = agenda_table(list(rows), lang)
    days = len(header) == 4
    widths = ([1.4] if days else []) + [2.0, 5.6, 1.4]
    total = sum(row.minutes for row in rows)
    return [CondPageBreak(BOARD_ROOM), para(t("pdf.agenda.title", lang), styles.h1),
            table(header, body, widths, styles),  # type: ignore[arg-type]
            Spacer(1, 2 * mm),
            para(t("pdf.agenda.total", lang, minutes=total), styles.muted)]


# -- headings stay with what follows them -----------------------------------------------------

HEADING_STYLES = ("h1", "h2", "h3", "purpose")
FIRST_PART = 40.0
"""Points of a paragraph or drawing that must follow its heading on the same page."""


def keep_with_next(flowable: Flowable) -> Flowable:
    """Mark `flowable` (a box that introduces what follows, like the focus question) to
    stay on the page of what follows, like a heading."""
    flowable.workshop_heading = True  # type: ignore[attr-defined]
    return flowable


def is_heading(flowable: Flowable) -> bool:
    """A heading paragraph (in a heading style or a clone of one), or a marked box."""
    if getattr(flowable, "workshop_heading", False):
        return True
    if not isinstance(flowable, Paragraph):
        return False
    style = flowable.style
    while style is not None:  # clone() keeps the style it was made from as its parent
        if style.name in HEADING_STYLES:
            return True
        style = getattr(style, "parent", None)
    return False


def _height(flowable: Flowable, width: float, canv: object) -> float:
    if isinstance(flowable, KeepTogether):  # it answers "too tall" to force a split
        return sum(_height(f, width, canv) for f in flowable._content)
    _w, h = flowable.wrapOn(canv, width, 10_000)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _first_part(flowable: Flowable, width: float, canv: object) -> float:
    """How much of `flowable` must fit below its heading: a table's header and first two
    rows, a few lines of a paragraph, a whole block that is kept together."""
    if isinstance(flowable, Table):
        rows = flowable._cellvalues[:(_repeat(flowable) + 2)]
        widths = flowable._argW
        total = 0.0
        for row in rows:
            tallest = 14.0
            for value, col_w in zip(row, widths, strict=False):
                items = value if isinstance(value, (list, tuple)) else [value]
                cell = sum(_height(f, (col_w or width) - 10, canv) for f in items
                           if isinstance(f, Flowable))
                tallest = max(tallest, cell + 8)
            total += tallest
        return total
    if isinstance(flowable, Paragraph):
        return min(_height(flowable, width, canv), FIRST_PART)
    return _height(flowable, width, canv)  # a drawing, a block kept together: all of it


def _repeat(table: Table) -> int:
    rows = table.repeatRows
    return rows if isinstance(rows, int) else len(rows)


class NeedRoom(CondPageBreak):
    """A page break unless the headings after it and the start of what they introduce
    fit on this page: a heading is never left alone at the foot of a page."""

    def __init__(self, flowables: Sequence[Flowable]) -> None:
        super().__init__(0)
        self.flowables = list(flowables)

    def _need(self, width: float, canv: object) -> float:
        need = 0.0
        for i, flowable in enumerate(self.flowables):
            if isinstance(flowable, CondPageBreak):
                rest = NeedRoom(self.flowables[i + 1:])._need(width, canv)
                return need + max(flowable.height, rest)
            if is_heading(flowable) or isinstance(flowable, Spacer):
                need += _height(flowable, width, canv)
            else:
                return need + _first_part(flowable, width, canv)
        return need

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0  # at the top of a page already: breaking would not help
        self.height = self._need(availWidth, self.canv)
        return super().wrap(availWidth, availHeight)


class NewPage(CondPageBreak):
    """Start a new page, unless this one is still empty (a page break right after a page
    that just filled up would leave a blank page)."""

    def __init__(self) -> None:
        super().__init__(1e9)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0
        return super().wrap(availWidth, availHeight)


def keep_headings(story: Sequence[Flowable]) -> list[Flowable]:
    """`story` with a ``NeedRoom`` before every run of headings, so each heading starts a
    page rather than end one."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        flowable = story[i]
        if not is_heading(flowable):
            out.append(flowable)
            i += 1
            continue
        j = i
        while j < len(story) and (is_heading(story[j])
                                  or isinstance(story[j], (Spacer, CondPageBreak))):
            j += 1
        out += [NeedRoom(story[i:j + 1]), *story[i:j]]
        i = j
    return out


STEP_ROOM = 40 * mm
"""Room a step's heading needs below it on a page, else it starts on the next page."""
BOARD_ROOM = 30 * mm
"""Room a board's heading and first cards need, else the board starts on the next page."""


def step_heading(report: StepReport, styles: Styles, *, purpose: bool = True) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(STEP_ROOM), para(report.title, styles.h1)]
    if purpose and report.purpose:
        story.append(para(report.purpose, styles.purpose))
    return story


def empty_step(styles: Styles) -> Flowable:
    return para(t("pdf.empty_step", styles.lang), styles.muted)


def board_heading(label: str, count: int, styles: Styles) -> Flowable:
    return markup_para(f'{esc(label)} <font size="8.5" color="{_hex(MUTED)}">· '
                       f"{esc(card_count(count, styles.lang))}</font>", styles.h2)


def card_cell(card: CardRow, styles: Styles) -> Flowable | Plain:
    if card.hidden:
        return markup_para(f'{esc(card.text)} <font color="{_hex(MUTED)}">'
                           f"{esc(t('word.hidden', styles.lang))}</font>", styles.cell)
    return Plain(card.text)


def board(board: BoardRow, styles: Styles, *, cards: Sequence[CardRow] | None = None,
          with_team: bool = True) -> list[Flowable]:
    """One board: its label and card count, then a table of its cards (number, text and,
    with `with_team`, the author team: a bar in the team's colour and its name in a
    shade of it that reads on paper). Nothing for an empty board."""
    rows = board.cards if cards is None else cards
    if not rows:
        return []
    lang = styles.lang
    extra: list[tuple[object, ...]] = []
    if with_team:
        header = [t("pdf.board.number", lang), t("pdf.board.card", lang),
                  t("pdf.board.team", lang)]
        body: list[list[object]] = []
        for i, c in enumerate(rows, 1):
            body.append([Plain(str(i)), card_cell(c, styles), Plain(c.team)])
            if c.team:
                extra += [("TEXTCOLOR", (2, i), (2, i), colors.HexColor(readable_ink(c.color))),
                          ("LINEBEFORE", (2, i), (2, i), 3, colors.HexColor(safe_color(c.color)))]
        widths = [0.8, 7.2, 2.2]
    else:
        header = [t("pdf.board.number", lang), t("pdf.board.card", lang)]
        body = [[Plain(str(i)), card_cell(c, styles)] for i, c in enumerate(rows, 1)]
        widths = [0.8, 9.4]
    return [CondPageBreak(BOARD_ROOM), board_heading(board.label, len(rows), styles),
            table(header, body, widths, styles, extra=extra)]  # type: ignore[arg-type]


def step_story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The generic section of a step in the report: heading, purpose, non-empty boards,
    or one line saying the step has no content."""
    story = step_heading(report, styles)
    boards = [flow for b in report.boards for flow in board(b, styles)]
    return story + (boards or [empty_step(styles)])


def team_step_story(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The generic part of a step in a team's handout: the step title and the team's
    cards, board by board; nothing when the team has no cards in the step."""
    found = team_cards(report, team)
    if not found:
        return []
    story = step_heading(report, styles, purpose=False)
    for b, cards in found:
        story += board(b, styles, cards=cards, with_team=False)
    return story
