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
from workshop.model import STEPS, StepId, Workshop
from workshop.report.base import BoardRow, CardRow, StepReport


def _builder(step: StepId):
    """``report/<step>.py``'s ``build``, imported on first use: a screen that needs one
    helper from one step's report should not load all eight."""
    return import_module(f"workshop.report.{step}").build

DAY_START = dt.time(9, 0)
LUNCH = (dt.time(12, 0), dt.time(13, 30))
DAY_END = dt.time(17, 0)
"""The method's day: 9:00–12:00 and 13:30–17:00; a step that would start later moves to
the next morning."""


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
    minutes: int
    start: str
    """Planned start, ``HH:MM``."""
    day: int = 1


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
    day = 1
    clock = dt.datetime.combine(dt.date(2000, 1, 1), DAY_START)
    for step in STEPS:
        minutes = doc.agenda.get(step, 0)
        if not minutes:
            continue
        if LUNCH[0] <= clock.time() < LUNCH[1]:
            clock = clock.replace(hour=LUNCH[1].hour, minute=LUNCH[1].minute)
        if clock.time() >= DAY_END or clock.date() > dt.date(2000, 1, 1):
            day += 1
            clock = dt.datetime.combine(dt.date(2000, 1, 1), DAY_START)
        rows.append(AgendaRow(step=step, title=t(f"step_long.{step}", lang), minutes=minutes,
                              start=clock.strftime("%H:%M"), day=day))
        clock += dt.timedelta(minutes=minutes)
    return rows


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
    for step in STEPS:
        report.steps[step] = _builder(step)(doc, lang)
    return report


__all__ = ["AgendaRow", "BoardRow", "CardRow", "MemberRow", "Report", "StepReport", "TeamRow",
           "build_report"]
