"""What one export writes, as a table of jobs, and how each file is made.

An export is first planned (``plan_export``): the format and teams are checked and each
file gets a ``Job`` — its kind, name, and (once ``ExportPlan.placed``) its path; nothing
is written yet. A ``Renderer`` then runs the jobs of one document: it derives the report
once and chooses the font once, and writes each file atomically. ``export()`` runs a plan
in this process; ``workshop.export.workers`` runs the same jobs in worker processes, so
the files and the messages are the same either way.

A new kind of file is one entry in ``JOB_KINDS``: a function that writes the file to the
path it is given and returns the warnings for the user.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Literal, get_args

from workshop import i18n
from workshop.export.errors import ExportError
from workshop.export.fonts import ENV_VAR, FontChoice, find_cjk_font
from workshop.export.naming import file_name
from workshop.i18n import t
from workshop.model import Team, Workshop
from workshop.report import Report, build_report

Format = Literal["pdf", "md", "csv", "json"]
FORMATS: tuple[Format, ...] = get_args(Format)


@dataclass(frozen=True)
class Job:
    """One file to write."""

    kind: str
    """Its entry in ``JOB_KINDS``."""
    name: str
    """The file name the export chose (warnings name the file by it)."""
    what: str
    """What is being made, for progress: "济南队的行动计划"."""
    team_id: str | None = None
    appendix: bool = False
    path: Path | None = None
    """Where it goes (set by ``ExportPlan.placed``)."""


@dataclass
class JobResult:
    path: Path
    warnings: list[str] = field(default_factory=list)
    font: FontChoice | None = None
    """The font the file was printed in (PDFs)."""
    fallbacks: tuple[str, ...] = ()
    """The fallback fonts' family names (PDFs), for ``fonts.fallback_line``."""


@dataclass(frozen=True)
class Progress:
    """Where an export is, each time a file starts or is written."""

    total: int
    done: int
    making: tuple[Job, ...]
    """The files being made now, in the plan's order."""
    written: JobResult | None = None
    """The file just written, when that is the news."""


@dataclass(frozen=True)
class ExportPlan:
    """The files of one export, checked, in the order they are written (the report first:
    it takes longest)."""

    fmt: str
    lang: str
    jobs: tuple[Job, ...]
    out: Path | None = None
    font: str | None = None
    """The font asked for (``--font``): a path or a built-in name; None to look."""
    env_font: str | None = None
    """``$WORKSHOP_CJK_FONT`` when the export was asked for (a worker started earlier
    may have another environment)."""

    @property
    def needs_font(self) -> bool:
        return any(JOB_KINDS[job.kind].pdf for job in self.jobs)

    @property
    def is_placed(self) -> bool:
        return all(job.path is not None for job in self.jobs)

    def placed(self) -> ExportPlan:
        """The plan with each job's path, the folder created (``ExportError`` if it cannot
        be, or if several files would go to one file name)."""
        from workshop.export import destinations

        paths = destinations(self.out, [job.name for job in self.jobs], self.fmt, self.lang)
        return replace(self, jobs=tuple(replace(job, path=path)
                                        for job, path in zip(self.jobs, paths, strict=True)))


# -- planning --------------------------------------------------------------------------

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


def plan_export(doc: Workshop, fmt: str, *, out: Path | None = None,
                teams: Sequence[str] = (), all_teams: bool = False, lang: str | None = None,
                font: str | None = None, appendix: bool = False) -> ExportPlan:
    """The files ``export`` would write (see there for the arguments); ``ExportError`` for
    an unknown format or team. Nothing is written and no folder is made."""
    lang = i18n.normalize(lang) or doc.meta.language
    if isinstance(teams, str):  # one name, not a sequence of its characters
        teams = [teams]
    if fmt not in FORMATS:
        raise ExportError(t("export.unknown_format", lang, fmt=fmt, formats=", ".join(FORMATS)))
    selected = select_teams(doc, teams, lang)
    if fmt != "pdf" and (selected or all_teams):
        raise ExportError(t("export.teams_pdf_only", lang, fmt=fmt.upper()))
    title = doc.meta.title
    jobs: list[Job] = []
    if fmt == "pdf":
        if all_teams or not selected:
            jobs.append(Job("report", file_name(title, t("export.file.report", lang), ext="pdf"),
                            t("export.what.report", lang)))
        for team in (doc.teams if all_teams else selected):
            jobs.append(Job("handout",
                            file_name(title, team.name, t("export.file.handout", lang), ext="pdf"),
                            t("export.what.handout", lang, team=team.name),
                            team_id=team.id, appendix=appendix))
    elif fmt == "md":
        jobs.append(Job("md", file_name(title, t("export.file.report", lang), ext="md"),
                        t("export.what.md", lang)))
    elif fmt == "csv":
        jobs.append(Job("csv", file_name(title, t("export.file.actions", lang), ext="csv"),
                        t("export.what.csv", lang)))
    else:
        jobs.append(Job("json", file_name(title, ext="json"), t("export.what.json", lang)))
    font_asked = str(font) if font is not None and str(font).strip() else None
    return ExportPlan(fmt=fmt, lang=lang, jobs=tuple(jobs), out=out, font=font_asked,
                      env_font=os.environ.get(ENV_VAR))


# -- making the files ------------------------------------------------------------------

class Renderer:
    """Makes the files of one document: the report derived once, the font chosen once."""

    def __init__(self, doc: Workshop, lang: str, font: str | None = None) -> None:
        self.doc = doc
        self.lang = lang
        self.font_asked = font

    @cached_property
    def report(self) -> Report:
        return build_report(self.doc, self.lang)

    @cached_property
    def font(self) -> FontChoice:
        """The CJK font (``ExportError`` for a font asked for that cannot be used)."""
        return find_cjk_font(self.font_asked, lang=self.lang)

    def run(self, job: Job) -> JobResult:
        """Write `job`'s file atomically (``ExportError`` for what the user can fix)."""
        from workshop.export import write_atomic
        from workshop.export.leftovers import remove_leftovers

        assert job.path is not None, "a job is run once placed"
        kind = JOB_KINDS[job.kind]
        font = self.font if kind.pdf else None
        warnings: list[str] = []

        def write(path: Path) -> None:
            warnings.extend(kind.write(self, job, path))

        remove_leftovers(job.path)  # of an export that was killed before
        write_atomic(job.path, write, self.lang)
        if font is None:
            return JobResult(job.path, warnings)
        from workshop.export.fonts import fallback_families

        return JobResult(job.path, warnings, font, tuple(fallback_families()))

    def missing_glyphs(self, missing: Sequence[object], job: Job) -> list[str]:
        return missing_glyphs(missing, job.name, self.lang)


def missing_glyphs(missing: Sequence[object], file: str, lang: str) -> list[str]:
    """One warning per text that lost characters to the placeholder, naming the text."""
    from workshop.export.pdf.glyphs import describe

    return [t("export.missing_glyphs", lang, file=file, chars=chars, text=text)
            for chars, text in describe(list(missing))]  # type: ignore[arg-type]


def run_in_process(plan: ExportPlan, doc: Workshop, *,
                   on_progress: Callable[[Progress], None] | None = None) -> list[JobResult]:
    """Write the files of `plan` here, one after the other (a plan not yet placed is
    placed once its font is known to be usable, so a bad font makes no folder)."""
    renderer = Renderer(doc, plan.lang, plan.font)
    if not plan.is_placed:
        if plan.needs_font:
            _ = renderer.font
        plan = plan.placed()
    report = on_progress or (lambda _progress: None)
    results: list[JobResult] = []
    for job in plan.jobs:
        report(Progress(total=len(plan.jobs), done=len(results), making=(job,)))
        results.append(renderer.run(job))
        report(Progress(total=len(plan.jobs), done=len(results), making=(),
                        written=results[-1]))
    return results


def _report_pdf(r: Renderer, job: Job, path: Path) -> list[str]:
    from workshop.export.pdf import build_report_pdf

    return r.missing_glyphs(build_report_pdf(r.report, path, r.font), job)


def _handout_pdf(r: Renderer, job: Job, path: Path) -> list[str]:
    from workshop.export.pdf import build_handout_pdf

    assert job.team_id is not None
    missing = build_handout_pdf(r.report, job.team_id, path, r.font, appendix=job.appendix)
    return r.missing_glyphs(missing, job)


def _markdown(r: Renderer, _job: Job, path: Path) -> list[str]:
    from workshop.export import markdown

    path.write_bytes(markdown.render(r.report).encode("utf-8"))
    return []


def _csv(r: Renderer, _job: Job, path: Path) -> list[str]:
    from workshop.export import csv_export

    path.write_bytes(csv_export.to_bytes(r.doc, r.lang))
    return []


def _json(r: Renderer, _job: Job, path: Path) -> list[str]:
    from workshop.export import json_export

    path.write_bytes(json_export.to_bytes(r.doc))
    return []


@dataclass(frozen=True)
class JobKind:
    write: Callable[[Renderer, Job, Path], list[str]]
    """Writes the file to the (temp) path given; returns warnings for the user."""
    pdf: bool = False
    """Printed in the CJK font (chosen before the file is written)."""
    report: bool = False
    """Made from the report (derived once for all the files of an export)."""


JOB_KINDS: dict[str, JobKind] = {
    "report": JobKind(_report_pdf, pdf=True, report=True),
    "handout": JobKind(_handout_pdf, pdf=True, report=True),
    "md": JobKind(_markdown, report=True),
    "csv": JobKind(_csv),
    "json": JobKind(_json),
}
