"""Step 1's section of the Markdown report: the same content as the PDF (shared vision,
vision cards, goal tree with SMART tables, cascades, funnels)."""

from __future__ import annotations

from workshop.export.markdown.base import _table, board, escape
from workshop.i18n import t
from workshop.report import StepReport
from workshop.report.vision import VisionReport

PASS = "●"
FAIL = "○"


def _verdict(ok: bool, lang: str) -> str:
    return f"{PASS if ok else FAIL} {t('vision.pdf.pass' if ok else 'vision.pdf.fail', lang)}"


def _goal(goal, lang: str) -> list[str]:
    out = [f"#### {escape(goal.number)} {escape(goal.statement)}", ""]
    facts = goal.facts(lang)
    if goal.formula is not None:
        facts.append((t("vision.pdf.formula", lang), goal.formula.text))
        if goal.formula.gap_text:
            facts.append(("", goal.formula.gap_text))
    out += [f"- **{escape(label)}**: {escape(value)}" if label else f"- {escape(value)}"
            for label, value in facts if value]
    out.append("")
    rows = [[v.letter, v.name, _verdict(v.ok, lang), v.reason] for v in goal.verdicts]
    out += _table([t("vision.pdf.letter", lang), t("vision.pdf.meaning", lang),
                   t("vision.pdf.verdict", lang), t("vision.pdf.reason", lang)], rows)
    mark = t("vision.pdf.flag_mark", lang)
    out += [""] + [f"> {mark}{escape(flag)}" for flag in goal.flags]
    return [*out, ""] if goal.flags else out


def section(report: StepReport, lang: str) -> list[str]:
    assert isinstance(report, VisionReport)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    if not report.has_content:
        return [*out, f"*{escape(t('pdf.empty_step', lang))}*", ""]
    if report.statement:
        status = (t("vision.pdf.agreed", lang, when=report.agreed_at) if report.agreed
                  else t("vision.pdf.draft", lang))
        out += [f"### {escape(t('vision.pdf.statement', lang))}", "",
                "> " + escape(report.statement).replace("\n", "\\\n> "), "",
                f"*{escape(status)}*", ""]
    for b in report.boards:
        out += board(b, lang)
    if report.goals:
        out += [f"### {escape(t('vision.pdf.goals', lang))}", ""]
        rows = [[g.number, "　" * g.depth + g.statement, g.target_text, g.deadline, g.team,
                 " ".join(f"{PASS if v.ok else FAIL}{v.letter}" for v in g.verdicts)]
                for g in report.goals]
        header = [t("vision.pdf.number", lang), t("vision.pdf.goal", lang),
                  t("vision.field.target", lang), t("vision.field.deadline", lang),
                  t("vision.pdf.owner", lang), "SMART"]
        legend = t("vision.pdf.legend", lang, passed=PASS, failed=FAIL)
        out += [*_table(header, rows), "", escape(legend), ""]
        for goal in report.goals:
            out += _goal(goal, lang)
    if report.cascades:
        out += [f"### {escape(t('vision.pdf.cascades', lang))}", ""]
        for c in report.cascades:
            out += [f"#### {escape(c.title)}", "",
                    escape(t("vision.pdf.splits", lang, source=c.source)), ""]
            if c.error:
                out += [f"*{escape(c.error)}*", ""]
            rows = [[str(i), r.label, r.weight, r.share, r.value, r.who, r.note]
                    for i, r in enumerate(c.rows, 1)]
            if c.total_text:
                check = t("vision.pdf.adds_up" if c.adds_up else "vision.pdf.not_adds_up", lang)
                rows.append(["", t("word.total", lang), "", "100%",
                             c.sum_text or c.total_text, "", check])
            out += _table([t("pdf.board.number", lang), t("vision.pdf.part", lang),
                           t("vision.field.weight", lang), t("vision.pdf.share", lang),
                           t("vision.pdf.value", lang), t("vision.pdf.who", lang),
                           t("vision.pdf.note", lang)], rows)
            out.append("")
            out += [f"- ！{escape(text)}" for text in c.disagreements]
            if c.rounding:
                out.append(f"- {escape(c.rounding)}")
            if c.disagreements or c.rounding:
                out.append("")
    if report.funnels:
        out += [f"### {escape(t('vision.pdf.funnels', lang))}", ""]
        for f in report.funnels:
            out += [f"#### {escape(f.label or t('vision.pdf.funnel', lang))}", ""]
            if f.error:
                out += [f"*{escape(f.error)}*", ""]
                continue
            out += [escape(t("vision.pdf.funnel_line", lang, target=f.target_text,
                             average=f.average_text, deals=f.deals_text, calendar=f.calendar)),
                    ""]
            out += _table([t("vision.pdf.stage", lang), t("vision.pdf.rate", lang),
                           t("vision.pdf.per_year", lang), t("vision.pdf.per_week", lang),
                           t("vision.pdf.per_day", lang)],
                          [[r.stage, r.rate, r.year, r.week, r.day] for r in f.rows])
            out.append("")
            if f.rounded:
                out += [escape(f.rounded), ""]
    return out
