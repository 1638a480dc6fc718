"""The charter step's section of the Markdown report: who signed, then each team's
charter (slogan, members with roles, decisions and commitments, rules, rewards and
penalties, how the team keeps itself to it)."""

from __future__ import annotations

from workshop.export.markdown.base import _block, _table, escape
from workshop.i18n import t
from workshop.report import StepReport
from workshop.report.charter import CharterReport, CharterRow


def _decision(commits: bool | None, lang: str) -> str:
    if commits is None:
        return t("charter.pdf.not_asked", lang)
    return t("word.yes" if commits else "word.no", lang)


def _list(title: str, items: list[str], lang: str) -> list[str]:
    out = [f"**{escape(title)}**", ""]
    if not items:
        return [*out, escape(t("charter.pdf.none", lang)), ""]
    return [*out, *(f"{i}. {_block(item, '   ')}" for i, item in enumerate(items, 1)), ""]


def charter(row: CharterRow, lang: str) -> list[str]:
    out = [f"### {escape(t('charter.pdf.title', lang))} · {escape(row.team)}", ""]
    if row.slogan:
        out += [f"{escape(t('charter.pdf.slogan', lang))}: **“{escape(row.slogan)}”**", ""]
    if row.signed:
        out += [escape(t("charter.pdf.signed_at", lang, time=row.signed_at)), ""]
    else:
        names = t("pdf.teams.separator", lang).join(row.missing)
        out += [f"*{escape(t('charter.pdf.unsigned', lang, names=names))}*", ""]
    if row.members:
        out += _table([t("pdf.teams.name", lang), t("pdf.teams.role", lang),
                       t("charter.pdf.decision", lang), t("charter.pdf.commitment", lang)],
                      [[m.name, m.role, _decision(m.commits, lang), m.text]
                       for m in row.members])
        out.append("")
    out += _list(t("charter.pdf.rules", lang), row.rules, lang)
    out += _list(t("charter.pdf.rewards", lang), row.rewards, lang)
    out += _list(t("charter.pdf.penalties", lang), row.penalties, lang)
    out += [f"**{escape(t('charter.pdf.accountability', lang))}**", "",
            _block(row.accountability, "") if row.accountability
            else escape(t("charter.pdf.none", lang)), ""]
    return out


def section(report: StepReport, lang: str) -> list[str]:
    assert isinstance(report, CharterReport)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    if not report.has_content:
        return [*out, f"*{escape(t('pdf.empty_step', lang))}*", ""]
    out += [escape(t("charter.pdf.overview", lang, signed=report.signed,
                     teams=len(report.charters))), ""]
    for row in report.charters:
        if row.started:
            out += charter(row, lang)
    return out
