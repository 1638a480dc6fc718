"""A check-in's performance boards as Markdown: the same ``CheckinReport`` as the PDF board,
team by team — each goal's periods (plan, actual), the rule's verdict in words, next
month's target and its split, the actions due with who does and who checks them."""

from __future__ import annotations

from workshop.export.markdown.base import _table, escape
from workshop.i18n import t
from workshop.report.checkin import Board, CheckinReport, GoalLine, amount_text


def _goal(goal: GoalLine, lang: str) -> list[str]:
    out = [f"### {escape(goal.title)} — {escape(goal.verdict_label)}", "",
           escape(goal.rule)]
    if goal.need:
        out += ["", escape(goal.need)]
    if goal.accepted:
        out += ["", f"*{escape(t('checkin.md.accepted', lang))}*"]
    out.append("")
    cum = goal.kind == "amount"
    header = [t("checkin.csv.period", lang), t("checkin.csv.plan", lang),
              t("checkin.csv.actual", lang)]
    if cum:
        header += [t("checkin.csv.plan_total", lang), t("checkin.csv.actual_total", lang)]
    rows = []
    for cell in goal.periods:
        plan = amount_text(cell.plan, goal.unit, goal.kind, lang)
        if cell.replanned:
            plan += " " + t("checkin.md.was", lang, was=amount_text(cell.original, goal.unit,
                                                                  goal.kind, lang))
        row = [cell.label, plan, amount_text(cell.actual, goal.unit, goal.kind, lang)
               if cell.actual is not None else ""]
        if cum:
            row += [amount_text(cell.plan_total, goal.unit, goal.kind, lang),
                    amount_text(cell.actual_total, goal.unit, goal.kind, lang)
                    if cell.actual_total is not None and cell.actual is not None else ""]
        rows.append(row)
    out += [*_table(header, rows), ""]
    if goal.next_target:
        out.append(escape(t("checkin.md.next", lang, which=goal.next_label,
                            target=goal.next_target)))
        if goal.next_split:
            out.append("")
            out += _table([t("checkin.csv.share", lang), goal.next_label],
                          [[name, value] for name, value in goal.next_split])
        out.append("")
    return out


def _board(board: Board, report: CheckinReport) -> list[str]:
    lang = report.lang
    out = [f"## {escape(t('checkin.md.board', lang, team=board.team))}", ""]
    if not board.goals:
        out += [escape(t("checkin.md.no_goals", lang)), ""]
    for goal in board.goals:
        out += _goal(goal, lang)
    out += [f"### {escape(t('checkin.md.actions', lang))}", ""]
    if board.actions:
        out += _table([t("pdf.sheet.col.number", lang), t("pdf.sheet.col.what", lang),
                       t("pdf.sheet.col.owner", lang), t("pdf.sheet.col.checker", lang),
                       t("plan.field.due", lang), t("plan.field.next_check", lang),
                       t("plan.field.status", lang)],
                      [[str(a.number), a.what, a.owner, a.checker, a.due, a.next_check,
                        " ".join(p for p in (a.status, a.percent) if p)]
                       for a in board.actions])
    else:
        out.append(escape(t("checkin.md.no_actions", lang)))
    out.append("")
    return out


def render(report: CheckinReport) -> str:
    lang = report.lang
    out = [f"# {escape(t('checkin.md.title', lang, title=report.title))}", "",
           "- " + escape(t("checkin.md.held", lang, date=report.date)),
           "- " + escape(t("checkin.md.period", lang, period=report.period)),
           "- " + escape(t("checkin.md.next_period", lang, month=report.next_period)), ""]
    if report.note:
        out += [escape(report.note), ""]
    for board in report.boards:
        out += _board(board, report)
    return "\n".join(out).rstrip() + "\n"
