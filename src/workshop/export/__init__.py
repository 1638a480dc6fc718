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

from workshop import atomic
from workshop.atomic import Writer
from workshop.export.errors import ExportError
from workshop.export.fonts import FontChoice, find_cjk_font
from workshop.export.jobs import FORMATS, Format, JobResult, plan_export, select_teams
from workshop.i18n import t
from workshop.model import Workshop

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

    @classmethod
    def of(cls, results: list[JobResult]) -> ExportResult:
        """The export's result from its files' results, in the plan's order."""
        return cls(paths=[r.path for r in results],
                   font=next((r.font for r in results if r.font is not None), None),
                   warnings=[w for r in results for w in r.warnings])


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


def destinations(out: Path | None, names: list[str], fmt: str, lang: str) -> list[Path]:
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
    """Export `doc` as `fmt` and return the files written, in this process.

    - ``pdf``: the full report; with `teams` (names) those teams' handouts instead; with
      `all_teams` the report and one handout per team. A handout is the team's plan and
      commitment on two pages; with `appendix`, the rest of its work follows.
    - ``md``: the report as Markdown (same content as the PDF). ``csv``: the actions.
      ``json``: the document.

    `out` is a folder (default ``exports/``, created if missing) or, when exactly one
    file is written, a file path. `lang` defaults to the workshop's language; `font` is
    a CJK font path (see ``fonts.find_cjk_font``). ``workshop.export.workers`` writes the
    same files in worker processes, with progress.
    """
    from workshop.export.jobs import run_in_process

    plan = plan_export(doc, fmt, out=out, teams=teams, all_teams=all_teams, lang=lang,
                       font=font, appendix=appendix)
    return ExportResult.of(run_in_process(plan, doc))


__all__ = [
    "DEFAULT_FOLDER",
    "FORMATS",
    "ExportError",
    "ExportResult",
    "FontChoice",
    "Format",
    "destinations",
    "export",
    "find_cjk_font",
    "select_teams",
    "write_atomic",
]
