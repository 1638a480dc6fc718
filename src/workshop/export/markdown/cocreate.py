"""The co-creation step's section of the Markdown report: the focus question, the
strategies in priority order with their dots, every cluster with its cards, and the
cards left loose."""

from __future__ import annotations

from workshop.export.markdown.base import _block, _table, board, escape
from workshop.i18n import t
from workshop.report import BoardRow, StepReport
from workshop.report.cocreate import CocreateReport


def section(report: StepReport, lang: str) -> list[str]:
    assert isinstance(report, CocreateReport)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    if report.focus_question:
        out += [f"**{escape(t('cocreate.pdf.focus_question', lang))}**", "",
                f"> {_block(report.focus_question, '> ')}", ""]
    if not report.has_content:
        return [*out, f"*{escape(t('pdf.empty_step', lang))}*", ""]
    if report.pillars:
        out += [f"### {escape(t('cocreate.pdf.model', lang))}", "",
                f"{escape(t('cocreate.pdf.roof', lang))}: {escape(report.goal or '—')}", "",
                escape(report.vote_rule(lang)), ""]
        out += _table([t("cocreate.pdf.rank", lang), t("cocreate.pdf.strategy", lang),
                       t("cocreate.pdf.dots", lang), t("cocreate.pdf.by_team", lang),
                       t("cocreate.pdf.cards", lang), t("cocreate.pdf.owner", lang)],
                      [[f"{row.rank}{' =' if row.tied else ''}", row.name,
                        report.dots_cell(row.votes),
                        "  ".join(f"{d.team} {d.dots}" for d in row.by_team),
                        str(len(row.cards)), row.team]
                       for row in report.pillars])
        out.append("")
        if any(row.tied for row in report.pillars):
            out += [f"*{escape(t('cocreate.pdf.tie_rule', lang))}*", ""]
    for row in report.clusters:
        label = (t("cocreate.pdf.cluster_label", lang, rank=row.rank, name=row.name,
                   dots=report.dots_text(row.votes, lang))
                 if row.name else t("cocreate.unnamed", lang))
        out += board(BoardRow(board=row.id, label=label, cards=row.cards), lang) or [
            f"### {escape(label)}", ""]
    if report.loose:
        out += board(BoardRow(board="loose", label=t("cocreate.loose", lang),
                              cards=report.loose), lang)
    return out
