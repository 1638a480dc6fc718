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
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, TableStyle

from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.handout_plan import SMALLEST
from workshop.export.pdf.styles import (
    ACCENT,
    CELL_PADDING,
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


def _numbers(plan: TeamPlan | None) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Action numbers by member: those they own, those they check."""
    owns: dict[str, list[int]] = {}
    checks: dict[str, list[int]] = {}
    for action in plan.actions if plan is not None else []:
        if action.owner_id:
            owns.setdefault(action.owner_id, []).append(action.number)
        if action.checker_id:
            checks.setdefault(action.checker_id, []).append(action.number)
    return owns, checks


def number_items(numbers: list[int]) -> list[str]:
    """``1、2、3、4、7`` as ``1–4``, ``7``: three or more numbers in a row are a range."""
    items: list[str] = []
    ordered = sorted(set(numbers))
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            items.append(f"{ordered[start]}–{ordered[end]}")
        else:
            end = start
            items.append(str(ordered[start]))
        start = end + 1
    return items


NUMBER_COLUMN = 40.0
"""The owns and checks columns (points) of a plan of a few actions a member."""


def _packed(pieces: list[str], width: float, font: str, size: float) -> list[str]:
    """`pieces` (each ending at a separator) packed into lines of `width`: a number is
    never cut in two across lines, as a CJK paragraph would cut it anywhere."""
    fonts = stack_for(font)
    lines: list[str] = []
    for piece in pieces:
        if lines and fonts.width((lines[-1] + piece).rstrip(), size) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return [line.rstrip() for line in lines]


def _with_seps(items: list[str], sep: str) -> list[str]:
    return [item + sep for item in items[:-1]] + items[-1:]


def _lines_cell(lines: list[str], style: ParagraphStyle) -> Flowable | str:
    return markup_para("<br/>".join(esc(line) for line in lines), style) if lines else ""


def _room(width: float) -> float:
    """The text width of a cell, a little short: a paragraph measures a line a shade wider."""
    return width - 2 * CELL_PADDING - 3


def members_table(members: list[PledgeRow], plan: TeamPlan | None, styles: Styles) -> Table:
    """Each member's role, yes, commitment, the numbers of the actions they own and check,
    and a line to sign on: the charter's signatures stay with the pledges they sign.

    With a big plan (a member with 12 of 60 actions) the numbers would make each row a
    column of digits and push the signatures to another page: they go on a line of their
    own under the member, as wide as the table."""
    lang = styles.lang
    cell = styles.cell.clone("commit_cell", fontSize=10, leading=13)
    size = cell.fontSize
    owns, checks = _numbers(plan)
    sep = t("word.list_sep", lang)
    owned = {k: _with_seps(number_items(v), sep) for k, v in owns.items()}
    checked = {k: _with_seps(number_items(v), sep) for k, v in checks.items()}
    in_columns = all(len(_packed(v, _room(NUMBER_COLUMN), styles.font, size)) <= 2
                     for v in (*owned.values(), *checked.values()))
    header = [t("pdf.board.number", lang), t("pdf.teams.name", lang),
              t("pdf.teams.role", lang), t("charter.pdf.decision", lang),
              t("charter.pdf.commitment", lang)]
    widths: list[float] = [24, 76, 58, 46, 0]
    if in_columns:
        header += [t("pdf.commit.owns", lang), t("pdf.commit.checks", lang)]
        widths += [NUMBER_COLUMN, NUMBER_COLUMN]
    header.append(t("pdf.commit.sign", lang))
    widths.append(74)
    line_room = _room(styles.width - 24 - 74)
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    last = len(header) - 1
    for i, m in enumerate(members, 1):
        decision = ("" if m.commits is None
                    else t("word.yes" if m.commits else "word.no", lang))
        row: list[object] = [Plain(str(i)), para(m.name, cell), para(m.role, cell),
                             Plain(decision), para(m.text, cell) if m.text else ""]
        own, check = owned.get(m.member_id, []), checked.get(m.member_id, [])
        if in_columns:
            row += [_lines_cell(_packed(own, _room(NUMBER_COLUMN), styles.font, size), cell),
                    _lines_cell(_packed(check, _room(NUMBER_COLUMN), styles.font, size), cell)]
        rows.append([*row, ""])
        if not in_columns and (own or check):
            parts = [[t("pdf.commit.carries", lang, label=label) + items[0], *items[1:]]
                     for label, items in ((t("pdf.commit.owns", lang), own),
                                          (t("pdf.commit.checks", lang), check)) if items]
            # on one line when both fit, else each from its own line (a label stays with
            # its first number)
            lines = _packed(["　　".join("".join(part) for part in parts)], line_room,
                            styles.font, size)
            if len(parts) > 1 and stack_for(styles.font).width(lines[0], size) > line_room:
                lines = [line for part in parts
                         for line in _packed(part, line_room, styles.font, size)]
            rows.append(["", _lines_cell(lines, cell), *[""] * (last - 1)])
            at = len(rows)  # the table's row: the header is row 0
            extra += [("SPAN", (0, at - 1), (0, at)), ("SPAN", (last, at - 1), (last, at)),
                      ("SPAN", (1, at), (last - 1, at)), ("TOPPADDING", (0, at), (-1, at), 0)]
    return table(header, rows, widths, styles, absolute=True, zebra=False,
                 extra=[("LINEBELOW", (last, 1), (last, -1), 0.8, INK),
                        ("TOPPADDING", (0, 1), (-1, -1), 5),
                        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
                        ("FONTSIZE", (0, 1), (-1, -1), 10), *extra])


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
