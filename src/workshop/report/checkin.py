"""A check-in as every export sees it: one performance board (业绩板) per team — its goals
and shares period by period (plan, the day's plan, actual), the rule's verdict in words,
next month's target and its split, the actions due next month with who does and who
checks them — and every row of actuals for the CSV.

Goals of no team (the company's, the store's) get a board of their own, first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from workshop.i18n import t
from workshop.methods.checkin import actions as action_math
from workshop.methods.checkin import ledger
from workshop.methods.checkin.progress import PeriodRow, Progress, all_progress
from workshop.methods.numbers import amount
from workshop.methods.plan import adoption
from workshop.methods.vision.calendar import Period
from workshop.model import Checkin, Workshop
from workshop.report.checkin_words import need, number, rule, short, verdict_label
from workshop.report.plan import action_numbers


@dataclass(frozen=True)
class PeriodCell:
    label: str
    start: str
    end: str
    plan: float
    original: float
    actual: float | None
    plan_total: float
    actual_total: float | None
    in_checkin: bool
    replanned: bool


@dataclass(frozen=True)
class GoalLine:
    """One goal or share on a board."""

    goal_id: str
    split: str
    name: str
    team_id: str
    unit: str
    kind: str
    direction: str
    verdict: str
    verdict_label: str
    rule: str
    need: str
    short: str
    """The advice in a few words (a tile on the wall)."""
    actual: str
    plan: str
    target: str
    periods: list[PeriodCell]
    start: float = 0.0
    """Where the path starts: 0 for an amount, the baseline for a level."""
    next_target: str = ""
    """What it must bring next month (an amount), or where it must stand (a level)."""
    next_label: str = ""
    """Which periods ``next_target`` covers: next month, or what is left of this one (a
    goal that ends this month)."""
    next_split: list[tuple[str, str]] = field(default_factory=list)
    """Next month's target by share (person, department), for a goal with a split."""
    accepted: bool = False

    @property
    def title(self) -> str:
        return f"{self.split} / {self.name}" if self.split else self.name


@dataclass(frozen=True)
class ActionLine:
    number: int
    what: str
    owner: str
    checker: str
    due: str
    next_check: str
    status: str
    percent: str


@dataclass(frozen=True)
class Board:
    team_id: str
    team: str
    color: str
    goals: list[GoalLine]
    actions: list[ActionLine]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for goal in self.goals:
            out[goal.verdict] = out.get(goal.verdict, 0) + 1
        return out


@dataclass(frozen=True)
class CheckinReport:
    lang: str
    title: str
    organization: str
    date: str
    period: str
    """``2027-02-01 — 2027-02-28``."""
    next_period: str
    """The month the board sets the target for: ``2027-03``."""
    note: str
    boards: list[Board]

    def board(self, team_id: str) -> Board | None:
        return next((b for b in self.boards if b.team_id == team_id), None)


def period_text(period: Period) -> str:
    return f"{period.start.isoformat()} — {period.end.isoformat()}"


def _cell(p: Progress, i: int) -> PeriodCell:
    row = p.rows[i]
    return PeriodCell(row.label, row.period.start.isoformat(), row.period.end.isoformat(),
                      float(row.plan), float(row.original),
                      None if row.actual is None else float(row.actual), float(row.plan_total),
                      None if row.actual_total is None else float(row.actual_total),
                      row.in_checkin, row.replanned)


def _plan_of(p: Progress, rows: list) -> Fraction | None:
    """The plan of `rows`: their sum (an amount), the last one's level (a level)."""
    if not rows:
        return None
    if p.subject.kind == "level":
        return rows[-1].plan
    return sum((r.plan for r in rows), Fraction(0))


def _overlap(row: PeriodRow, period: Period) -> Fraction:
    """The share of `row`'s days that fall in `period`."""
    first, last = max(row.period.start, period.start), min(row.period.end, period.end)
    return Fraction(max(0, (last - first).days + 1), row.period.days)


def _month_plan(p: Progress, period: Period, start: float) -> Fraction | None:
    """The plan for the month `period`: the periods in it, and the share by days of a
    longer one (a quarter's August); a level, where it must stand by the month's end."""
    shares = [(r, _overlap(r, period)) for r in p.rows]
    shares = [(r, share) for r, share in shares if share > 0]
    if not shares:
        return None
    if p.subject.kind == "amount":
        return sum((r.plan * share for r, share in shares), Fraction(0))
    row = shares[-1][0]
    before = p.rows[row.index - 1].plan if row.index else Fraction(repr(start))
    done = _overlap(row, Period(row.period.start, period.end))
    return before + (row.plan - before) * done


def _next(p: Progress, period: Period, start: float) -> tuple[Fraction | None, str]:
    """The plan of next month (`period`), else of what is left of this one, and which
    (`start`: where a level's path begins)."""
    value = _month_plan(p, period, start)
    if value is not None:
        return value, "next_month"
    rest = [p.rows[i] for i in p.remaining if p.rows[i].period.start < period.start]
    return _plan_of(p, rest), "rest_of_month" if rest else ""


def _start(doc: Workshop, p: Progress) -> float:
    goal = doc.goal(p.subject.goal_id)
    if p.subject.kind == "level" and goal is not None and goal.baseline is not None:
        return goal.baseline
    return float(p.rows[0].original) if p.subject.kind == "level" and p.rows else 0.0


def _line(doc: Workshop, p: Progress, by_goal: dict[str, list[Progress]], upcoming: Period,
          lang: str) -> GoalLine:
    found = p.subject
    next_value, which = _next(p, upcoming, _start(doc, p))
    split: list[tuple[str, str]] = []
    if found.is_goal:
        for share in by_goal.get(found.goal_id, []):
            value, _which = _next(share, upcoming, 0.0)
            if value is not None:
                split.append((share.subject.name, number(value, share, lang)))
    return GoalLine(
        goal_id=found.goal_id, split=found.split, name=found.name, team_id=found.team_id or "",
        unit=found.unit, kind=found.kind, direction=found.direction, verdict=p.verdict,
        verdict_label=verdict_label(p.verdict, lang), rule=rule(p, lang), need=need(p, lang),
        short=short(p, lang),
        actual=number(p.actual, p, lang) if p.actual is not None else "",
        plan=number(p.plan, p, lang) if p.plan is not None else "",
        target=number(p.target, p, lang), periods=[_cell(p, i) for i in range(len(p.rows))],
        start=_start(doc, p),
        next_target="" if next_value is None else number(next_value, p, lang),
        next_label=t(f"checkin.board.{which}", lang) if which else "",
        next_split=split, accepted=p.accepted is not None)


def _actions(doc: Workshop, checkin: Checkin, upcoming: Period, team_id: str | None,
             numbers: dict[str, int], lang: str) -> list[ActionLine]:
    reviews = action_math.reviews(doc, checkin, team_id)
    last = {r.action.id: r.last for r in reviews}
    overdue = [r.action for r in reviews if r.overdue]
    # from the check-in to the end of next month, the overdue ones first
    ahead = action_math.due_in(doc, checkin, Period(checkin.date, upcoming.end), team_id)
    out = []
    for action in overdue + [a for a in ahead if a not in overdue]:
        check = last.get(action.id)
        owner = doc.member(action.owner_id)
        next_check = check.next_check if check and check.next_check else action.next_check
        percent = f"{check.percent}%" if check and check.percent is not None else ""
        out.append(ActionLine(
            number=numbers.get(action.id, 0), what=action.what,
            owner=owner[1].name if owner else t("checkin.board.unadopted", lang),
            checker=adoption.checker_label(doc, action, lang) or t("checkin.board.nobody", lang),
            due=action.due.isoformat() if action.due else "",
            next_check=next_check.isoformat() if next_check else "",
            status=t(f"status.{check.status if check else action.status}", lang),
            percent=percent))
    return out


def build(doc: Workshop, checkin: Checkin, lang: str) -> CheckinReport:
    """Every team's board at `checkin` (the goals of no team first)."""
    found = all_progress(doc, checkin)
    upcoming = action_math.next_month(checkin)
    by_goal: dict[str, list[Progress]] = {}
    for p in found:
        if not p.subject.is_goal:
            by_goal.setdefault(p.subject.goal_id, []).append(p)
    numbers = action_numbers(doc)
    known_teams = {team.id for team in doc.teams}
    boards: list[Board] = []
    teamless = [p for p in found if p.subject.team_id not in known_teams]
    if teamless:  # the whole company's (the store's) board: every team's actions
        boards.append(Board("", doc.meta.organization or doc.meta.title, "#1f3a5f",
                            [_line(doc, p, by_goal, upcoming, lang) for p in teamless],
                            _actions(doc, checkin, upcoming, None, numbers, lang)))
    for team in doc.teams:
        lines = [_line(doc, p, by_goal, upcoming, lang) for p in found
                 if p.subject.team_id == team.id]
        actions = _actions(doc, checkin, upcoming, team.id, numbers, lang)
        if lines or actions:
            boards.append(Board(team.id, team.name, team.color, lines, actions))
    return CheckinReport(lang=lang, title=doc.meta.title, organization=doc.meta.organization,
                         date=checkin.date.isoformat(),
                         period=period_text(Period(checkin.start, checkin.end)),
                         next_period=f"{upcoming.start:%Y-%m}", note=checkin.note,
                         boards=boards)


def chosen(doc: Workshop, date: str | None) -> Checkin | None:
    """The check-in held on `date` (``YYYY-MM-DD``; the newest of that day), else the
    newest of all."""
    ordered = ledger.in_order(doc)
    if date:
        ordered = [c for c in ordered if c.date.isoformat() == date]
    return ordered[-1] if ordered else None


def amount_text(value: float | None, unit: str, kind: str, lang: str) -> str:
    return amount(value, unit, lang, places=3 if kind == "level" else 2)
