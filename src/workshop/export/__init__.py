"""Exports: the PDF report and team handouts, Markdown, the actions CSV, the JSON document.

``export(doc, fmt, ...)`` is the one entry point the CLI and the TUI call. It decides
which files to write, names them (``naming``), renders them (``pdf``, ``markdown``,
``csv_export``, ``json_export``) and writes each one atomically: a temp file in the
target folder, flushed and fsynced, then ``os.replace`` — a failed export never leaves a
half-written file, and never clobbers the previous one. Problems a user can fix (a bad
font, an unknown team, a folder that cannot be written, a PDF open in a viewer) raise
``ExportError`` with a translated message.

Core code: this package never imports ``textual``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from workshop import atomic, i18n
from workshop.atomic import Writer
from workshop.export import csv_export, json_export, markdown
from workshop.export.errors import ExportError
from workshop.export.fonts import FontChoice, find_cjk_font
from workshop.export.leftovers import remove_leftovers
from workshop.export.naming import file_name
from workshop.i18n import t
from workshop.model import Team, Workshop
from workshop.report import build_report

Format = Literal["pdf", "md", "csv", "json"]
FORMATS: tuple[Format, ...] = get_args(Format)
DEFAULT_FOLDER = Path("exports")



@dataclass
class ExportResult:
    paths: list[Path] = field(default_factory=list)
    """The files written, in order (the report first, then handouts)."""
    font: FontChoice | None = None
    """The font the PDFs used (None for other formats)."""
    warnings: list[str] = field(default_factory=list)
    """What the user should know about the files written: text printed with a
    placeholder because no font has some of its characters."""


@dataclass(frozen=True)
class _Job:
    name: str
    write: Writer


# -- choosing teams --------------------------------------------------------------------

def select_teams(doc: Workshop, names: Sequence[str], lang: str) -> list[Team]:
    """The teams named in `names`: by exact name first, then ignoring case; each once, in
    the order given. An unknown name raises ``ExportError`` listing the teams there are."""
    chosen: list[Team] = []
    for name in names:
        team = next((tm for tm in doc.teams if tm.name == name), None) or doc.team_named(name)
        if team is None:
            existing = t("pdf.teams.separator", lang).join(tm.name for tm in doc.teams)
            raise ExportError(t("export.unknown_team", lang, name=name,
                                teams=existing or t("export.no_teams", lang)))
        if team not in chosen:
            chosen.append(team)
    return chosen


# -- writing files ---------------------------------------------------------------------

def _os_message(error: OSError, path: Path, lang: str) -> str:
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        # On Windows a file open in a viewer refuses to be replaced with EACCES too.
        busy = path.is_file() and os.access(path.parent, os.W_OK)
        return t("export.file_busy" if busy else "export.no_permission", lang, path=str(path))
    if error.errno in (errno.EBUSY, errno.ETXTBSY):
        return t("export.file_busy", lang, path=str(path))
    return t("export.os_error", lang, path=str(path), error=error.strerror or error)


def write_atomic(path: Path, write: Writer, lang: str) -> None:
    """Run `write` on a temp file next to `path`, then move it over `path`
    (``workshop.atomic``: fsync'd, the folder too).

    If `write` raises, the temp file is removed and `path` is left as it was. OS errors
    become ``ExportError`` (in `lang`); anything else propagates unchanged (it is a bug).
    """
    try:
        atomic.write_with(path, write)
    except OSError as error:
        # a folder we may not write in is the folder's problem, not the file's
        where = path if os.access(path.parent, os.W_OK) else path.parent
        raise ExportError(_os_message(error, where, lang)) from error


def _bytes_writer(data: bytes) -> Writer:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def _destinations(out: Path | None, names: list[str], fmt: Format, lang: str) -> list[Path]:
    """Where each named file goes: into the folder `out` (created if missing), or to the
    file `out` when exactly one file is written and `out` names a file."""
    out = DEFAULT_FOLDER if out is None else Path(out)
    names_file = out.suffix.lower() == f".{fmt}" or out.is_file()
    if names_file and not out.is_dir():
        if len(names) != 1:
            raise ExportError(t("export.one_file_only", lang, count=len(names), path=str(out)))
        folder, paths = out.parent, [out]
    else:
        folder = out
        paths = []
        for name in names:  # two teams whose names clean to the same file name
            candidate, n = folder / name, 2
            while candidate in paths:
                stem, dot, ext = name.rpartition(".")
                candidate, n = folder / f"{stem}-{n}{dot}{ext}", n + 1
            paths.append(candidate)
    if folder.exists() and not folder.is_dir():
        raise ExportError(t("export.not_a_folder", lang, path=str(folder)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(t("export.cannot_create_folder", lang, path=str(folder),
                            error=error.strerror or error)) from error
    return paths


# -- the entry point -------------------------------------------------------------------

def export(doc: Workshop, fmt: Format, *, out: Path | None = None, teams: Sequence[str] = (),
           all_teams: bool = False, lang: str | None = None,
           font: str | None = None, appendix: bool = False) -> ExportResult:
    """Export `doc` as `fmt` and return the files written.

    - ``pdf``: the full report; with `teams` (names) those teams' handouts instead; with
      `all_teams` the report and one handout per team. A handout is the team's plan and
      commitment on two pages; with `appendix`, the rest of its work follows.
    - ``md``: the report as Markdown (same content as the PDF). ``csv``: the actions.
      ``json``: the document.

    `out` is a folder (default ``exports/``, created if missing) or, when exactly one
    file is written, a file path. `lang` defaults to the workshop's language; `font` is
    a CJK font path (see ``fonts.find_cjk_font``).
    """
    lang = i18n.normalize(lang) or doc.meta.language
    if isinstance(teams, str):  # one name, not a sequence of its characters
        teams = [teams]
    if fmt not in FORMATS:
        raise ExportError(t("export.unknown_format", lang, fmt=fmt, formats=", ".join(FORMATS)))
    selected = select_teams(doc, teams, lang)
    if fmt != "pdf" and (selected or all_teams):
        raise ExportError(t("export.teams_pdf_only", lang, fmt=fmt.upper()))

    title = doc.meta.title
    jobs: list[_Job] = []
    choice: FontChoice | None = None
    warnings: list[str] = []
    if fmt == "pdf":
        from workshop.export.pdf import build_handout_pdf, build_report_pdf

        choice = find_cjk_font(font, lang=lang)
        report = build_report(doc, lang)
        pdf_font = choice

        def report_job(path: Path) -> None:
            warnings.extend(_missing_glyphs(build_report_pdf(report, path, pdf_font),
                                            report_name, lang))

        def handout_job(team_id: str, name: str) -> Writer:
            def write(path: Path) -> None:
                missing = build_handout_pdf(report, team_id, path, pdf_font,
                                            appendix=appendix)
                warnings.extend(_missing_glyphs(missing, name, lang))
            return write

        report_name = file_name(title, t("export.file.report", lang), ext="pdf")

        if all_teams or not selected:
            jobs.append(_Job(report_name, report_job))
        for team in (doc.teams if all_teams else selected):
            name = file_name(title, team.name, t("export.file.handout", lang), ext="pdf")
            jobs.append(_Job(name, handout_job(team.id, name)))
    elif fmt == "md":
        text = markdown.render(build_report(doc, lang))
        jobs.append(_Job(file_name(title, t("export.file.report", lang), ext="md"),
                         _bytes_writer(text.encode("utf-8"))))
    elif fmt == "csv":
        jobs.append(_Job(file_name(title, t("export.file.actions", lang), ext="csv"),
                         _bytes_writer(csv_export.to_bytes(doc, lang))))
    else:
        jobs.append(_Job(file_name(title, ext="json"), _bytes_writer(json_export.to_bytes(doc))))

    paths = _destinations(out, [job.name for job in jobs], fmt, lang)
    for job, path in zip(jobs, paths, strict=True):
        remove_leftovers(path)  # of an export that was killed before
        write_atomic(path, job.write, lang)
    return ExportResult(paths=paths, font=choice, warnings=warnings)


def export_checkin(doc: Workshop, fmt: Format, *, date: str | None = None,
                   out: Path | None = None, teams: Sequence[str] = (), lang: str | None = None,
                   font: str | None = None) -> ExportResult:
    """Export a check-in (the one held on `date`, else the newest): ``pdf`` one monthly
    performance board per team (A4 landscape; `teams` names some), ``md`` every board,
    ``csv`` the actuals, one row per goal or share and period (it reads back as an
    import)."""
    from workshop.export import checkin_csv
    from workshop.export.markdown import checkin as checkin_md
    from workshop.report import checkin as checkin_report

    lang = i18n.normalize(lang) or doc.meta.language
    if isinstance(teams, str):
        teams = [teams]
    if fmt not in ("pdf", "md", "csv"):
        raise ExportError(t("export.checkin_formats", lang, fmt=fmt))
    checkin = checkin_report.chosen(doc, date)
    if checkin is None:
        held = t("word.list_sep", lang).join(sorted({c.date.isoformat()
                                                      for c in doc.checkin.checkins}))
        raise ExportError(t("export.no_checkin_on", lang, date=date, held=held) if date and held
                          else t("export.no_checkin", lang))
    selected = select_teams(doc, teams, lang)
    if fmt != "pdf" and selected:
        raise ExportError(t("export.teams_pdf_only", lang, fmt=fmt.upper()))
    title, day = doc.meta.title, checkin.date.isoformat()
    jobs: list[_Job] = []
    choice: FontChoice | None = None
    warnings: list[str] = []
    report = checkin_report.build(doc, checkin, lang)
    if fmt == "pdf":
        from workshop.export.pdf.board import build_board_pdf

        choice = find_cjk_font(font, lang=lang)
        pdf_font = choice
        wanted = {team.id for team in selected}
        for board in report.boards:
            if wanted and board.team_id not in wanted:
                continue
            name = file_name(title, board.team, t("export.file.board", lang), day, ext="pdf")

            def write(path: Path, board=board, name=name) -> None:
                warnings.extend(_missing_glyphs(build_board_pdf(report, board, path, pdf_font),
                                                name, lang))

            jobs.append(_Job(name, write))
        if not jobs:
            raise ExportError(t("export.no_board", lang))
    elif fmt == "md":
        jobs.append(_Job(file_name(title, t("export.file.checkin", lang), day, ext="md"),
                         _bytes_writer(checkin_md.render(report).encode("utf-8"))))
    else:
        jobs.append(_Job(file_name(title, t("export.file.actuals", lang), day, ext="csv"),
                         _bytes_writer(checkin_csv.to_bytes(doc, checkin, lang))))
    paths = _destinations(out, [job.name for job in jobs], fmt, lang)
    for job, path in zip(jobs, paths, strict=True):
        write_atomic(path, job.write, lang)
    return ExportResult(paths=paths, font=choice, warnings=warnings)


def _missing_glyphs(missing: Sequence[object], file: str, lang: str) -> list[str]:
    """One warning per text that lost characters to the placeholder, naming the text."""
    from workshop.export.pdf.glyphs import describe

    return [t("export.missing_glyphs", lang, file=file, chars=chars, text=text)
            for chars, text in describe(list(missing))]  # type: ignore[arg-type]


__all__ = [
    "DEFAULT_FOLDER",
    "FORMATS",
    "ExportError",
    "ExportResult",
    "FontChoice",
    "Format",
    "export",
    "export_checkin",
    "find_cjk_font",
    "select_teams",
    "write_atomic",
]
