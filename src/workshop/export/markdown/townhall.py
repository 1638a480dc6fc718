"""The town hall's section of the Markdown report: each team's questions and answers,
the leader's sign-off, then the closing statement."""

from __future__ import annotations

from workshop.export.markdown.base import _block, _table, escape, step
from workshop.i18n import t
from workshop.report import StepReport
from workshop.report.townhall import TownhallReport


def section(report: StepReport, lang: str) -> list[str]:
    if not isinstance(report, TownhallReport) or not (report.teams or report.closing_statement):
        return step(report, lang)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    for team in report.teams:
        out += [f"### {escape(team.team)}", ""]
        used = team.time_used(lang, report.minutes_per_team)
        if used:
            out += [f"*{escape(used)}*", ""]
        out += [f"**{escape(t('pdf.townhall.challenges', lang, count=len(team.challenges)))}**",
                ""]
        if team.challenges:
            rows = []
            for c in team.challenges:
                outcome = c.outcome
                if c.actions:
                    outcome += " — " + "; ".join(a.label(lang) for a in c.actions)
                rows.append([str(c.number), c.asker_label, c.question, c.answer or "—", outcome])
            out += _table([t("pdf.townhall.col.number", lang), t("pdf.townhall.col.asker", lang),
                           t("pdf.townhall.col.question", lang),
                           t("pdf.townhall.col.answer", lang),
                           t("pdf.townhall.col.outcome", lang)], rows)
        else:
            out.append(escape(t("pdf.townhall.no_challenges", lang)))
        out.append("")
        label = escape(t("pdf.townhall.signoff", lang))
        signed = team.signoff
        if signed is None:
            out += [f"**{label}**: {escape(t('pdf.townhall.unsigned', lang))}", ""]
        else:
            out.append(f"**{label}**: {escape(signed.decision)}")
            if signed.note:
                out.append(f"{escape(t('pdf.townhall.note', lang))} {_block(signed.note, '')}")
            who = t("pdf.townhall.signed_by", lang, by=signed.by or "—", at=signed.at)
            out += ["", f"*{escape(who)}*", ""]
    if report.closing_statement:
        out += [f"### {escape(t('pdf.townhall.closing', lang))}", "",
                "> " + escape(report.closing_statement).replace("\n", "\\\n> "), ""]
        if report.closing_by:
            out += [escape(t("pdf.townhall.closing_by", lang, by=report.closing_by)), ""]
    return out
