"""The town hall in the PDF: 第六步 城镇会议 — the questions each team faced and what came
of them, the leader's sign-off with lines to sign on paper, the closing statement."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from workshop.export.pdf import sections
from workshop.export.pdf.document import toc_heading
from workshop.export.pdf.styles import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    MUTED,
    RULE,
    Plain,
    Styles,
    Table,
    esc,
    markup_para,
    para,
    readable_ink,
    safe_color,
    table,
)
from workshop.i18n import t
from workshop.report import StepReport, TeamRow
from workshop.report.townhall import ChallengeRow, SignOffRow, TeamTownhall, TownhallReport

APPROVED = "#1b6e3a"
REVISE = "#b3261e"
OUTCOME_INK = {"open": "#8a5a00", "answered": "#1d232a", "changed": "#1f3a5f",
               "followup": "#8a5a00"}


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def _townhall(report: StepReport) -> TownhallReport | None:
    return report if isinstance(report, TownhallReport) else None


def _outcome_cell(row: ChallengeRow, styles: Styles) -> Flowable:
    ink = OUTCOME_INK.get(row.outcome_key, "#1d232a")
    markup = f'<font color="{ink}">{esc(row.outcome)}</font>'
    if row.actions:  # by number: the action itself is in the plan, not copied here
        refs = t("word.list_sep", styles.lang).join(
            t("pdf.townhall.action_number", styles.lang, number=a.number) for a in row.actions)
        markup += f'<br/><font color="{_hex(MUTED)}">→ {esc(refs)}</font>'
    return markup_para(markup, styles.cell)


def challenge_table(rows: list[ChallengeRow], styles: Styles) -> list[Flowable]:
    lang = styles.lang
    if not rows:
        return [para(t("pdf.townhall.no_challenges", lang), styles.muted)]
    body = [[Plain(str(r.number)), r.asker_label, r.question, r.answer or "—",
             _outcome_cell(r, styles)] for r in rows]
    return [table([t("pdf.townhall.col.number", lang), t("pdf.townhall.col.asker", lang),
                   t("pdf.townhall.col.question", lang), t("pdf.townhall.col.answer", lang),
                   t("pdf.townhall.col.outcome", lang)], body, [0.5, 1.9, 3.8, 3.8, 2.2],
                  styles)]  # type: ignore[arg-type]


def _signature_lines(styles: Styles) -> Table:
    lang = styles.lang
    line = "_" * 22
    short = "_" * 14
    return Table([[para(t("pdf.townhall.sign_here", lang), styles.cell_muted), Plain(line),
                   para(t("pdf.townhall.date_here", lang), styles.cell_muted), Plain(short)]],
                 colWidths=[styles.width * w for w in (0.2, 0.38, 0.12, 0.3)], hAlign="LEFT",
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("FONTNAME", (0, 0), (-1, -1), styles.font),
                                   ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                                   ("TOPPADDING", (0, 0), (-1, -1), 10),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))


def signoff_block(signoff: SignOffRow | None, styles: Styles) -> list[Flowable]:
    """The leader's decision in a framed box, with lines to sign the printed plan."""
    lang = styles.lang
    if signoff is None:
        verdict = markup_para(f'<font color="{_hex(MUTED)}" size="12">'
                              f'{esc(t("pdf.townhall.unsigned", lang))}</font>', styles.body)
        rows = [[verdict]]
    else:
        ink = APPROVED if signoff.approved else REVISE
        mark = "√" if signoff.approved else "△"  # both in every CJK font (GB 2312)
        verdict = markup_para(f'<font color="{ink}" size="13"><b>{mark} {esc(signoff.decision)}'
                              "</b></font>", styles.body)
        rows = [[verdict]]
        if signoff.note:
            rows.append([markup_para(f'<font color="{_hex(MUTED)}">'
                                     f'{esc(t("pdf.townhall.note", lang))}</font> '
                                     f"{esc(signoff.note)}", styles.cell)])
        who = t("pdf.townhall.signed_by", lang, by=signoff.by or "—", at=signoff.at)
        rows.append([para(who, styles.cell_muted)])
    rows.append([_signature_lines(styles)])
    box = Table(rows, colWidths=[styles.width], hAlign="LEFT", style=TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [KeepTogether([para(t("pdf.townhall.signoff", lang), styles.h2), box])]


def closing(report: TownhallReport, styles: Styles) -> list[Flowable]:
    if not report.closing_statement:
        return []
    lang = styles.lang
    rows = [[para(report.closing_statement, styles.body)]]
    if report.closing_by:
        rows.append([para(t("pdf.townhall.closing_by", lang, by=report.closing_by),
                          styles.cell_muted)])
    box = Table(rows, colWidths=[styles.width], hAlign="LEFT", style=TableStyle([
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, -1), (-1, -1), 0.25, RULE),
    ]))
    return [CondPageBreak(sections.BOARD_ROOM), para(t("pdf.townhall.closing", lang), styles.h2),
            box]


def _team_part(team: TeamTownhall, styles: Styles, minutes_per_team: int) -> list[Flowable]:
    lang = styles.lang
    used = team.time_used(lang, minutes_per_team)
    return [*([para(used, styles.muted)] if used else []),
            para(t("pdf.townhall.challenges", lang, count=len(team.challenges)), styles.h3),
            *challenge_table(team.challenges, styles), Spacer(1, 3 * mm),
            *signoff_block(team.signoff, styles)]


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report: each team's questions and sign-off, then
    the closing statement."""
    found = _townhall(report)
    flows = sections.step_heading(report, styles)
    if found is None or not (found.teams or found.closing_statement):
        return [*flows, sections.empty_step(styles)]
    for team in found.teams:
        color = safe_color(team.color)
        heading = markup_para(f'<font color="{color}">■</font> '
                              f'<font color="{readable_ink(color)}">{esc(team.team)}</font>',
                              styles.h2)
        flows += [CondPageBreak(sections.STEP_ROOM), toc_heading(heading, 1),
                  *_team_part(team, styles, found.minutes_per_team)]
    return flows + closing(found, styles)


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The questions the team answered and the sign-off (with lines to sign, even before
    the leader has decided), then the closing statement."""
    found = _townhall(report)
    if found is None:
        return []
    mine = found.team(team.id)
    if mine is None:
        return []
    return (sections.step_heading(report, styles, purpose=False)
            + _team_part(mine, styles, found.minutes_per_team) + closing(found, styles))
