"""The gaps step's section of the Markdown report: the same parts as the PDF (ranked gap
table, key gaps and root causes, fishbones as nested lists, 5-Why chains, PEST, SWOT,
TOWS)."""

from __future__ import annotations

from workshop.export.content import card_count
from workshop.export.markdown.base import _block, _table, board, escape, step
from workshop.i18n import t
from workshop.report import StepReport
from workshop.report.gaps import CauseRow, FishboneRow, GapsReport, WhyRow


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def _gap_table(report: GapsReport, lang: str) -> list[str]:
    if not report.gaps:
        return []
    out = [f"### {escape(t('board.storm', lang))} · {escape(card_count(len(report.gaps), lang))}",
           "", "*" + escape(t("gaps.pdf.method_note", lang, method=report.method,
                                count=report.key_count)) + "*", ""]
    rows = []
    for row in report.gaps:
        text = row.text + "".join(f" ＋ {m}" for m in row.merged_texts)
        if row.hidden:
            text += " " + t("word.hidden", lang)
        rows.append([f"{row.rank}=" if row.tied else str(row.rank), text,
                     t("word.list_sep", lang).join(row.teams), row.kind_label,
                     _score(row.cost), _score(row.strategic), _score(row.urgency),
                     _score(row.score), _score(row.votes or None),
                     t("gaps.pdf.key_mark", lang) if row.key else ""])
    out += _table([t("gaps.pdf.rank", lang), t("gaps.pdf.gap", lang), t("gaps.pdf.teams", lang),
                   t("gaps.pdf.kind", lang), t("gaps.pdf.cost", lang),
                   t("gaps.pdf.strategic", lang), t("gaps.pdf.urgency", lang),
                   t("gaps.pdf.score", lang), t("gaps.pdf.votes", lang),
                   t("gaps.pdf.key", lang)], rows)
    if report.tie_at_cut:
        out += ["", "*" + escape(t("gaps.pdf.tie_note", lang)) + "*"]
    return [*out, ""]


def _key_gaps(report: GapsReport, lang: str) -> list[str]:
    keys = report.key_gaps
    if not keys:
        return ([f"*{escape(t('gaps.pdf.no_key_gaps', lang))}*", ""] if report.gaps else [])
    out = [f"### {escape(t('gaps.pdf.key_gaps', lang))}", ""]
    for gap in keys:
        out.append(f"{gap.rank}. **{_block(gap.text, '   ')}**")
        roots = [r for r in report.roots if r.gap_id == gap.id]
        if not roots:
            out.append(f"   - *{escape(t('gaps.pdf.no_root', lang))}*")
        for root in roots:
            out.append(f"   - {_block(root.text, '     ')} — *{escape(root.source)}*")
    return [*out, ""]


def _causes(causes: list[CauseRow], lang: str, indent: str) -> list[str]:
    out = []
    for cause in causes:
        line = f"{indent}- {cause.number} {_block(cause.text, indent + '  ')}"
        if cause.root:
            line += f" **● {escape(t('gaps.pdf.root', lang))}**"
        out.append(line)
        out += _causes(cause.children, lang, indent + "  ")
    return out


def _fishbone(row: FishboneRow, lang: str) -> list[str]:
    title = (t("gaps.pdf.fishbone_key", lang, rank=row.rank, gap=row.gap) if row.key
             else t("gaps.pdf.fishbone", lang, gap=row.gap))
    out = [f"### {escape(title.replace(chr(10), ' '))}", ""]
    if not row.cause_count:
        labels = t("word.list_sep", lang).join(bone.label for bone in row.bones)
        return [*out, f"*{escape(t('gaps.pdf.no_causes', lang, bones=labels))}*", ""]
    for bone in row.bones:
        out.append(f"- **{escape(bone.label)}**")
        out += _causes(bone.causes, lang, "  ")
    return [*out, ""]


def _chain(row: WhyRow, lang: str) -> list[str]:
    problem = t("gaps.pdf.problem", lang, text=row.problem.replace("\n", " "))
    out = [f"#### {escape(problem)}", "",
           f"*{escape(t('gaps.pdf.depth', lang, depth=row.depth))}*", ""]
    for i, text in enumerate(row.links, 1):
        line = f"{i}. {_block(text, '   ')}"
        if row.root_index == i - 1:
            line += f" **● {escape(t('gaps.pdf.root', lang))}**"
        out.append(line)
    if row.stopped_early:
        reason = row.stop_reason or t("gaps.pdf.no_reason", lang)
        depth = row.root_index + 1 if row.root_index is not None else row.depth
        out += ["", "*" + escape(t("gaps.pdf.stopped_early", lang, depth=depth,
                                   reason=reason)) + "*"]
    return [*out, ""]


def section(report: StepReport, lang: str) -> list[str]:
    if not isinstance(report, GapsReport):
        return step(report, lang)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    if not report.has_content:
        return [*out, f"*{escape(t('pdf.empty_step', lang))}*", ""]
    out += _gap_table(report, lang)
    out += _key_gaps(report, lang)
    for row in report.fishbones:
        out += _fishbone(row, lang)
    if report.whys:
        out += [f"### {escape(t('gaps.pdf.whys', lang))}", ""]
        for row in report.whys:
            out += _chain(row, lang)
    for title, boards in ((t("gaps.pdf.pest", lang), report.pest),
                          (t("gaps.pdf.swot", lang), report.swot),
                          (t("gaps.pdf.tows", lang), report.tows)):
        if any(b.cards for b in boards):
            out += [f"### {escape(title)}", ""]
            for b in boards:
                out += [line.replace("### ", "#### ", 1) if line.startswith("### ") else line
                        for line in board(b, lang)]
    return out
