"""The charter step in the PDF: 第三步 承诺与团队公约.

The report shows which teams signed, then a page per team charter: the slogan, the
members with their roles, decisions and commitments, the rules, rewards and penalties,
how the team keeps itself to it, and a signature line for every member. A team's
handout carries its own charter page.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

from workshop.export.pdf import sections
from workshop.export.pdf.styles import (
    INK,
    MUTED,
    Plain,
    Styles,
    Table,
    esc,
    markup_para,
    para,
    readable_ink,
    safe_color,
    table,
    team_tag,
)
from workshop.i18n import t
from workshop.report import StepReport, TeamRow
from workshop.report.charter import CharterReport, CharterRow, PledgeRow

MUTED_HEX = "#" + MUTED.hexval()[2:]
SIGNED_GREEN = "#2e7d32"


def _decision(commits: bool | None, lang: str) -> str:
    if commits is None:
        return t("charter.pdf.not_asked", lang)
    return t("word.yes" if commits else "word.no", lang)


def _status(row: CharterRow, styles: Styles) -> Flowable:
    lang = styles.lang
    if row.signed:
        text = t("charter.pdf.signed_at", lang, time=row.signed_at)
        return markup_para(f'<font color="{SIGNED_GREEN}">{esc(text)}</font>', styles.body)
    names = t("pdf.teams.separator", lang).join(row.missing)
    return markup_para(f'<font color="{MUTED_HEX}">'
                       f"{esc(t('charter.pdf.unsigned', lang, names=names))}</font>",
                       styles.body)


def _numbered(items: list[str], styles: Styles, empty: str) -> list[Flowable]:
    if not items:
        return [para(empty, styles.muted)]
    return [para(f"{i}. {item}", styles.body) for i, item in enumerate(items, 1)]


def _members(members: list[PledgeRow], styles: Styles) -> Flowable:
    lang = styles.lang
    if not members:
        return para(t("pdf.teams.no_members", lang), styles.muted)
    rows: list[list[object]] = [
        [Plain(str(i)), Plain(m.name), Plain(m.role), Plain(_decision(m.commits, lang)),
         m.text or ""]
        for i, m in enumerate(members, 1)]
    return table([t("pdf.board.number", lang), t("pdf.teams.name", lang),
                  t("pdf.teams.role", lang), t("charter.pdf.decision", lang),
                  t("charter.pdf.commitment", lang)],
                 rows, [0.8, 1.8, 1.5, 1.4, 5.8], styles)  # type: ignore[arg-type]


def _rewards_penalties(row: CharterRow, styles: Styles) -> Flowable:
    lang = styles.lang
    count = max(len(row.rewards), len(row.penalties), 1)
    dash = t("charter.pdf.none", lang)
    body = [[row.rewards[i] if i < len(row.rewards) else ("" if i else dash),
             row.penalties[i] if i < len(row.penalties) else ("" if i else dash)]
            for i in range(count)]
    return table([t("charter.pdf.rewards", lang), t("charter.pdf.penalties", lang)], body,
                 [1, 1], styles, zebra=False)  # type: ignore[arg-type]


def _signatures(members: list[PledgeRow], styles: Styles) -> Flowable:
    """Two signature lines per row: the member's name, then a line to sign on."""
    lang = styles.lang
    names = [m.name for m in members] or [""] * 4
    cells: list[list[object]] = []
    for i in range(0, len(names), 2):
        pair = names[i:i + 2] + [""] * (2 - len(names[i:i + 2]))
        cells.append([para(pair[0], styles.cell), "", para(pair[1], styles.cell), ""])
    width = styles.width
    commands = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 14),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (1, 0), (1, -1), 0.8, INK),
                ("LINEBELOW", (3, 0), (3, -1), 0.8, INK)]
    if len(names) % 2:
        commands.append(("LINEBELOW", (3, len(cells) - 1), (3, len(cells) - 1), 0,
                         colors.white))
    grid = Table(cells, colWidths=[width * 0.17, width * 0.31, width * 0.17, width * 0.31],
                 hAlign="LEFT", style=TableStyle(commands))
    date = Table([[para(t("charter.pdf.date", lang), styles.cell), ""]],
                 colWidths=[width * 0.17, width * 0.31], hAlign="LEFT",
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 14),
                                   ("LINEBELOW", (1, 0), (1, 0), 0.8, INK)]))
    return KeepTogether([para(t("charter.pdf.signatures", lang), styles.h2),
                         para(t("charter.pdf.sign_hint", lang), styles.muted), grid,
                         Spacer(1, 2 * mm), date])


def charter_page(row: CharterRow, styles: Styles) -> list[Flowable]:
    """One team's charter, starting at the top of a page."""
    lang = styles.lang
    color = safe_color(row.color)
    title = (f"{esc(t('charter.pdf.title', lang))} · "
             f'<font color="{readable_ink(color)}">{esc(row.team)}</font>')
    story: list[Flowable] = [
        PageBreak(),
        markup_para(title, styles.h1),
        HRFlowable(width="100%", thickness=3, color=colors.HexColor(color), spaceBefore=0,
                   spaceAfter=6),
    ]
    if row.slogan:
        story.append(markup_para(f"{esc(t('charter.pdf.slogan', lang))}："
                                 f"<b>“{esc(row.slogan)}”</b>", styles.cover_org))
    story += [_status(row, styles), Spacer(1, 2 * mm),
              para(t("charter.pdf.members", lang), styles.h2), _members(row.members, styles),
              para(t("charter.pdf.rules", lang), styles.h2),
              *_numbered(row.rules, styles, t("charter.pdf.none", lang)),
              para(t("charter.pdf.rewards_penalties", lang), styles.h2),
              _rewards_penalties(row, styles),
              para(t("charter.pdf.accountability", lang), styles.h2),
              para(row.accountability or t("charter.pdf.none", lang),
                   styles.body if row.accountability else styles.muted),
              Spacer(1, 3 * mm), _signatures(row.members, styles)]
    return story


def _overview(report: CharterReport, styles: Styles) -> Flowable:
    lang = styles.lang
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for i, row in enumerate(report.charters, 1):
        yes = sum(1 for m in row.members if m.commits and m.text)
        if row.signed:
            state = t("charter.pdf.state_signed", lang)
        elif row.started:
            state = t("charter.pdf.state_open", lang)
        else:
            state = t("charter.pdf.state_not_started", lang)
        rows.append([markup_para(team_tag(row.team, row.color), styles.cell), row.slogan,
                     Plain(f"{yes}/{len(row.members)}"), Plain(state)])
        if row.signed:
            extra.append(("TEXTCOLOR", (3, i), (3, i), colors.HexColor(SIGNED_GREEN)))
    return table([t("pdf.teams.team", lang), t("charter.pdf.slogan", lang),
                  t("charter.pdf.committed", lang), t("charter.pdf.state", lang)],
                 rows, [2.4, 4.6, 1.4, 1.8], styles, extra=extra)  # type: ignore[arg-type]


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report: who signed, then a page per charter."""
    assert isinstance(report, CharterReport)
    out = sections.step_heading(report, styles)
    if not report.has_content:
        return [*out, sections.empty_step(styles)]
    out += [para(t("charter.pdf.overview", styles.lang, signed=report.signed,
                   teams=len(report.charters)), styles.body),
            _overview(report, styles)]
    for row in report.charters:
        if row.started:
            out += charter_page(row, styles)
    return out


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """`team`'s charter page with signature lines; empty when it has no charter."""
    assert isinstance(report, CharterReport)
    row = report.charter(team.id)
    if row is None or not row.started:
        return []
    return charter_page(row, styles)


__all__ = ["charter_page", "handout", "story"]
