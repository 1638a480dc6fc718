"""Page 2 of a team's handout: the commitment (第三步 承诺, signed; 第六步, confirmed).

The charter as one block that keeps its signatures: every member with their role, their
yes, their personal commitment, the actions they carry and the ones they check, and a
line to sign on in the same row; then the team's rules, rewards and penalties and how it
keeps itself to them; the leader's sign-off with lines to sign the printed plan; and the
decisions of the town hall that changed this plan, each pointing at the action it
changed by number.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, TableStyle

from workshop.export.pdf.handout_plan import SMALLEST
from workshop.export.pdf.styles import (
    ACCENT,
    INK,
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
from workshop.export.pdf.townhall import signoff_block
from workshop.i18n import t
from workshop.report import TeamRow
from workshop.report.charter import CharterRow, PledgeRow
from workshop.report.plan import TeamPlan
from workshop.report.townhall import TeamTownhall

SIGNED_GREEN = "#2e7d32"


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def title(team: TeamRow, charter: CharterRow | None, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    swatch = safe_color(team.color)
    heading = markup_para(f"{esc(t('pdf.commit.title', lang))} · "
                          f'<font color="{readable_ink(swatch)}">{esc(team.name)}</font>',
                          styles.h1.clone("commit_h1", spaceBefore=0))
    out: list[Flowable] = [heading, HRFlowable(width="100%", thickness=2.5,
                                                color=colors.HexColor(swatch), spaceBefore=0,
                                                spaceAfter=4)]
    if charter is None:
        return out
    line = []
    if charter.slogan:
        line.append(f"{esc(t('charter.pdf.slogan', lang))}：<b>“{esc(charter.slogan)}”</b>")
    if charter.signed:
        line.append(f'<font color="{SIGNED_GREEN}">'
                    f"{esc(t('charter.pdf.signed_at', lang, time=charter.signed_at))}</font>")
    if line:
        out.append(markup_para("　".join(line), styles.body.clone(
            "commit_slogan", fontSize=11, leading=16)))
    return out


def _numbers(plan: TeamPlan | None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Action numbers by member: those they own, those they check."""
    owns: dict[str, list[str]] = {}
    checks: dict[str, list[str]] = {}
    for action in plan.actions if plan is not None else []:
        if action.owner_id:
            owns.setdefault(action.owner_id, []).append(str(action.number))
        if action.checker_id:
            checks.setdefault(action.checker_id, []).append(str(action.number))
    return owns, checks


def members_table(members: list[PledgeRow], plan: TeamPlan | None, styles: Styles) -> Table:
    """Each member's role, yes, commitment, actions owned and checked, and a line to sign
    on: the charter's signatures stay with the pledges they sign."""
    lang = styles.lang
    cell = styles.cell.clone("commit_cell", fontSize=10, leading=13)
    owns, checks = _numbers(plan)
    sep = t("word.list_sep", lang)
    rows: list[list[object]] = []
    for i, m in enumerate(members, 1):
        decision = ("" if m.commits is None
                    else t("word.yes" if m.commits else "word.no", lang))
        rows.append([Plain(str(i)), para(m.name, cell), para(m.role, cell), Plain(decision),
                     para(m.text, cell) if m.text else "",
                     para(sep.join(owns.get(m.member_id, [])), cell),
                     para(sep.join(checks.get(m.member_id, [])), cell), ""])
    header = [t("pdf.board.number", lang), t("pdf.teams.name", lang),
              t("pdf.teams.role", lang), t("charter.pdf.decision", lang),
              t("charter.pdf.commitment", lang), t("pdf.commit.owns", lang),
              t("pdf.commit.checks", lang), t("pdf.commit.sign", lang)]
    return table(header, rows, [24, 76, 58, 46, 0, 40, 40, 74], styles, absolute=True,
                 zebra=False, extra=[("LINEBELOW", (7, 1), (7, -1), 0.8, INK),
                                     ("TOPPADDING", (0, 1), (-1, -1), 5),
                                     ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
                                     ("FONTSIZE", (0, 1), (-1, -1), 10)])


def _rules(charter: CharterRow, styles: Styles) -> list[Flowable]:
    """Rules, rewards, penalties and how the team checks itself, in two columns."""
    lang = styles.lang
    cell = styles.cell.clone("commit_rule", fontSize=10, leading=13)
    label = styles.cell.clone("commit_label", fontSize=SMALLEST + 1, leading=13,
                              textColor=ACCENT)
    none = t("charter.pdf.none", lang)
    rules = [para(f"{i}. {rule}", cell) for i, rule in enumerate(charter.rules, 1)] or [
        para(none, cell)]
    stakes: list[Flowable] = [para(t("charter.pdf.rewards", lang), label)]
    stakes += [para(f"• {r}", cell) for r in charter.rewards] or [para(none, cell)]
    stakes.append(para(t("charter.pdf.penalties", lang), label))
    stakes += [para(f"• {p}", cell) for p in charter.penalties] or [para(none, cell)]
    if charter.accountability:
        stakes += [para(t("charter.pdf.accountability", lang), label),
                   para(charter.accountability, cell)]
    width = styles.width
    grid = Table([[[para(t("charter.pdf.rules", lang), label), *rules], stakes]],
                 colWidths=[width * 0.5, width * 0.5], hAlign="LEFT", style=TableStyle([
                     ("VALIGN", (0, 0), (-1, -1), "TOP"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("RIGHTPADDING", (0, 0), (0, 0), 10),
                     ("LINEAFTER", (0, 0), (0, 0), 0.4, RULE),
                     ("LEFTPADDING", (1, 0), (1, 0), 10),
                 ]))
    return [grid]


def decisions(townhall: TeamTownhall | None, styles: Styles) -> list[Flowable]:
    """The questions whose answer changed the plan, with the numbers of the actions they
    changed (the number links the row to page 1, never a copy of the action)."""
    lang = styles.lang
    heading = para(t("pdf.commit.decisions", lang), styles.h2.clone(
        "commit_h2", spaceBefore=8, spaceAfter=3))
    changed = [c for c in (townhall.challenges if townhall else []) if c.outcome_key == "changed"]
    if not changed:
        return [heading, para(t("pdf.commit.no_decisions", lang), styles.muted)]
    sep = t("word.list_sep", lang)
    rows = [[Plain(str(c.number)), c.asker_label, c.question, c.answer or "—",
             Plain(sep.join(t("pdf.townhall.action_number", lang, number=a.number)
                            for a in c.actions) or "—")] for c in changed]
    return [heading, table([t("pdf.townhall.col.number", lang),
                            t("pdf.townhall.col.asker", lang),
                            t("pdf.townhall.col.question", lang),
                            t("pdf.townhall.col.answer", lang),
                            t("pdf.commit.col.actions", lang)],
                           rows, [24, 70, 0, 0, 64], styles, absolute=True)]


def page(team: TeamRow, charter: CharterRow | None, plan: TeamPlan | None,
         townhall: TeamTownhall | None, styles: Styles) -> list[Flowable]:
    """The whole commitment page."""
    lang = styles.lang
    members = charter.members if charter is not None else [
        PledgeRow(name=m.name, role=m.role, commits=None, text="") for m in team.members]
    block: list[Flowable] = [
        *title(team, charter, styles),
        para(t("pdf.commit.members", lang), styles.h2.clone("commit_h2m", spaceBefore=4,
                                                             spaceAfter=3)),
    ]
    if members:
        block.append(members_table(members, plan, styles))
    else:
        block.append(para(t("pdf.teams.no_members", lang), styles.muted))
    if charter is not None:
        block += [Spacer(1, 3 * mm), *_rules(charter, styles)]
    # the charter and its signatures stay together on one page when they fit
    out: list[Flowable] = [KeepTogether(block), Spacer(1, 2 * mm)]
    out += signoff_block(townhall.signoff if townhall else None, styles)
    out += decisions(townhall, styles)
    return out
