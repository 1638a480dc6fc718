"""The PDFs: the full workshop report and one action-plan handout per team.

``build_report_pdf`` and ``build_handout_pdf`` lay out a ``Report`` (derived once from
the document) in the CJK font chosen by ``workshop.export.fonts`` and its fallback fonts.
They write to the path they are given (``workshop.export.export`` makes that atomic) and
return the characters no font could print, with the text they were in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from workshop.export.content import report_steps
from workshop.export.errors import ExportError
from workshop.export.fonts import FontChoice, register_font
from workshop.export.pdf import handout, sections
from workshop.export.pdf.document import WorkshopDocument
from workshop.export.pdf.glyphs import Missing, collect_missing
from workshop.export.pdf.steps import STEP_MODULES
from workshop.export.pdf.styles import HANDOUT_MARGINS, Styles, make_styles
from workshop.i18n import t
from workshop.report import Report, TeamRow

Target = str | os.PathLike[str] | IO[bytes]


def _target(path: Target) -> str | IO[bytes]:
    return os.fspath(path) if isinstance(path, (str, os.PathLike)) else path


def report_story(report: Report, styles: Styles) -> tuple[list[Flowable], list[Flowable]]:
    """The report's cover and body flowables (no heading left at the foot of a page)."""
    body = sections.agenda(report.agenda, styles)
    for step in report_steps(report):
        body += STEP_MODULES[step].story(report.steps[step], styles)
    return sections.report_cover(report, styles), sections.keep_headings(body)


def _footer_note(report: Report) -> str:
    return report.date or report.generated_at.split(" ")[0]


def build_report_pdf(report: Report, path: Target, font: FontChoice) -> list[Missing]:
    """Write the full workshop report to `path`: a cover, a contents page, then every
    step in order. Returns the characters printed as a placeholder."""
    font_name = register_font(font)
    styles = make_styles(font_name, report.lang)
    doc = WorkshopDocument(_target(path), font=font_name, lang=report.lang, title=report.title,
                           organization=report.organization, footer_note=_footer_note(report),
                           subject=t("pdf.report_title", report.lang))
    with collect_missing() as missing, _layout_errors_explained(report.lang):
        cover, body = report_story(report, styles)
        doc.render(cover, body, contents=True)
    return missing


@contextmanager
def _layout_errors_explained(lang: str) -> Iterator[None]:
    """Tables split their rows across pages, so this should not happen; if some block
    still cannot be laid out, say which text to shorten instead of showing a traceback."""
    try:
        yield
    except LayoutError as error:
        text = _quoted_text(str(error))
        message = (t("export.too_tall", lang, text=text) if text
                   else t("export.too_tall_unknown", lang))
        raise ExportError(message) from error


def _quoted_text(message: str) -> str:
    """The start of the text reportlab quotes in a layout error (the tallest cell's first
    paragraph), or "" when it quotes none."""
    found = re.search(r"'<Paragraph at 0x[0-9a-f]+>(.*?)'", message, re.DOTALL)
    return found.group(1)[:40] if found else ""


def find_team(report: Report, team_id: str) -> TeamRow:
    team = next((row for row in report.teams if row.id == team_id), None)
    if team is None:
        names = t("pdf.teams.separator", report.lang).join(row.name for row in report.teams)
        raise ExportError(t("export.unknown_team", report.lang, name=team_id,
                            teams=names or t("export.no_teams", report.lang)))
    return team


def build_handout_pdf(report: Report, team_id: str, path: Target, font: FontChoice, *,
                      appendix: bool = False) -> list[Missing]:
    """Write the handout of the team with id `team_id` to `path`: the plan, the
    commitment and, with `appendix`, the rest of the team's work. Returns the characters
    printed as a placeholder."""
    team = find_team(report, team_id)
    font_name = register_font(font)
    styles = make_styles(font_name, report.lang, width=HANDOUT_MARGINS.width)
    doc = WorkshopDocument(_target(path), font=font_name, lang=report.lang, title=report.title,
                           organization=report.organization, footer_note=_footer_note(report),
                           subject=f"{t('pdf.handout_title', report.lang)} · {team.name}",
                           header_note=team.name, cover_color=team.color,
                           margins=HANDOUT_MARGINS)
    with collect_missing() as missing, _layout_errors_explained(report.lang):
        doc.render_pages(handout.story(report, team, styles, with_appendix=appendix))
    return missing


__all__ = ["build_handout_pdf", "build_report_pdf", "report_steps", "report_story"]
