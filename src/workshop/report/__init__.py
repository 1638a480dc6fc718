"""The report: everything an export needs, derived once from the document.

Every exporter (PDF, Markdown, CSV, JSON) renders the same ``Report``, so they never
disagree. Each step contributes its part from ``report/<step>.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module

from workshop import i18n
from workshop.i18n import t
from workshop.methods import agenda
from workshop.model import DAY_STEPS, StepId, Workshop
from workshop.report.base import BoardRow, CardRow, StepReport


def _builder(step: StepId):
    """``report/<step>.py``'s ``build``, imported on first use: a screen that needs one
    helper from one step's report should not load all eight."""
    return import_module(f"workshop.report.{step}").build

@dataclass(frozen=True)
class MemberRow:
    name: str
    role: str


@dataclass(frozen=True)
class TeamRow:
    id: str
    name: str
    color: str
    members: list[MemberRow]


@dataclass(frozen=True)
class AgendaRow:
    step: StepId
    title: str
    """The step's name; a piece of a step split by a break says which (团队共创（1/2）)."""
    minutes: int
    start: str
    """Planned start, ``HH:MM``."""
    day: int = 1
    end: str = ""
    """Planned end, ``HH:MM``: never past 12:00 before lunch or 17:00 (``methods.agenda``)."""


@dataclass
class Report:
    lang: str
    title: str
    organization: str
    date: str
    facilitator: str
    location: str
    generated_at: str
    teams: list[TeamRow]
    agenda: list[AgendaRow]
    steps: dict[StepId, StepReport] = field(default_factory=dict)

    def step(self, step: StepId) -> StepReport:
        return self.steps[step]


def _agenda(doc: Workshop, lang: str) -> list[AgendaRow]:
    rows = []
    for slot in agenda.of_workshop(doc).slots:
        title = t(f"step_long.{slot.step}", lang)
        if slot.pieces > 1:
            title = t("pdf.agenda.piece", lang, title=title, piece=slot.piece,
                      pieces=slot.pieces)
        rows.append(AgendaRow(step=slot.step, title=title,  # type: ignore[arg-type]
                              minutes=slot.minutes, start=slot.start.strftime("%H:%M"),
                              day=slot.day, end=slot.end.strftime("%H:%M")))
    return rows


def agenda_table(rows: list[AgendaRow], lang: str) -> tuple[list[str], list[list[str]]]:
    """The agenda as a table every exporter prints: (day,) time, step, duration, with the
    lunch break shown where a day's morning ends; the day column only for a workshop of
    more than one day."""
    days = len({row.day for row in rows}) > 1
    header = ([t("pdf.agenda.day", lang)] if days else []) + [
        t("pdf.agenda.time", lang), t("pdf.agenda.step", lang), t("pdf.agenda.minutes", lang)]
    body: list[list[str]] = []
    for i, row in enumerate(rows):
        before = rows[i - 1] if i else None
        if before is not None and before.day == row.day and before.end <= "12:00" and (
                row.start >= "13:30"):
            body.append(([""] if days else []) + [
                t("pdf.agenda.span", lang, start=before.end, end=row.start),
                t("pdf.agenda.lunch", lang), ""])
        day = t("pdf.agenda.day_n", lang, day=row.day) if before is None or (
            before.day != row.day) else ""
        body.append(([day] if days else []) + [
            t("pdf.agenda.span", lang, start=row.start, end=row.end), row.title,
            t("pdf.agenda.minutes_n", lang, minutes=row.minutes)])
    return header, body


def build_report(doc: Workshop, lang: str) -> Report:
    """Derive the whole report of `doc` in `lang` (``zh`` or ``en``).

    The language is always given: the report never takes the process-wide language that
    ``t()`` falls back to (the TUI's), so an English report made while the room works in
    Chinese is English throughout.
    """
    chosen = i18n.normalize(lang)
    if chosen is None:
        raise ValueError(f"no catalog for the language {lang!r}")
    lang = chosen
    meta = doc.meta
    report = Report(
        lang=lang,
        title=meta.title,
        organization=meta.organization,
        date=meta.date.isoformat() if meta.date else "",
        facilitator=meta.facilitator,
        location=meta.location,
        generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        teams=[TeamRow(id=team.id, name=team.name, color=team.color,
                       members=[MemberRow(m.name, m.role) for m in team.members])
               for team in doc.teams],
        agenda=_agenda(doc, lang),
    )
    for step in DAY_STEPS:  # check-ins have their board of their own (report.checkin)
        report.steps[step] = _builder(step)(doc, lang)
    return report


__all__ = [
    "AgendaRow",
    "BoardRow",
    "CardRow",
    "MemberRow",
    "Report",
    "StepReport",
    "TeamRow",
    "agenda_table",
    "build_report",
]
