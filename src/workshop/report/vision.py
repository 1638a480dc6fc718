"""Step 1's part of the report: the goal tree with each goal's SMART verdicts and planning
formula, the shared vision statement, the cascade tables and the value-chain funnels.

Numbers are formatted here once (in the goal's unit, Chinese style where natural), so
the PDF, the Markdown and the handouts print the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods.numbers import amount, fmt, percent
from workshop.methods.vision import agreement, path, smart
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision import funnel as funnel_math
from workshop.model import Goal, Workshop
from workshop.report.base import StepReport, member_name, step_report, team_name


@dataclass(frozen=True)
class VerdictRow:
    letter: str
    name: str
    """具体 / Specific …"""
    ok: bool
    reason: str


@dataclass(frozen=True)
class FormulaRow:
    """plan = last year × (1 + natural growth) × other factors, written out."""

    text: str
    """``560万元 × (1 + 15%) × 1.087 = 700万元``"""
    plan: float
    plan_text: str
    gap_text: str
    """How the set target compares with the formula, or empty when they agree."""


@dataclass(frozen=True)
class GoalRow:
    id: str
    number: str
    """Its place in the goal tree: ``1``, ``1.2``, ``1.2.1``."""
    depth: int
    statement: str
    metric: str
    unit: str
    parent_id: str | None
    team_id: str | None
    team: str
    team_color: str
    deadline: str
    baseline_text: str
    floor_text: str
    target_text: str
    stretch_text: str
    verdicts: tuple[VerdictRow, ...]
    flags: tuple[str, ...]
    score: int
    formula: FormulaRow | None = None
    kind: str = "amount"
    """``amount`` (adds up over the periods) or ``level`` (moves from baseline to target)."""
    kind_text: str = ""
    """The kind in words, with which way is better: 数量目标：逐期累计（越高越好）."""

    def facts(self, lang: str) -> list[tuple[str, str]]:
        """(label, value) of each fact the goal has, in the order every export lists them."""
        pairs = [("metric", self.metric), ("baseline", self.baseline_text),
                 ("floor", self.floor_text), ("target", self.target_text),
                 ("stretch", self.stretch_text), ("deadline", self.deadline),
                 ("team", self.team), ("kind", self.kind_text)]
        return [(t(f"vision.field.{name}", lang), value) for name, value in pairs if value]


@dataclass(frozen=True)
class CascadeRow:
    label: str
    weight: str
    share: str
    value: str
    """The exact part in the goal's unit, e.g. ``175万元``."""
    team_id: str | None
    team: str
    member: str
    note: str
    who: str = ""
    """Who carries the part (the member, else the team), empty when the part is named
    after them already."""
    own_goal: str = ""
    """The owning team's own goal (``本组目标 200万元``) where it must agree with the part."""
    disagreement: str = ""
    """Why the part and the team's goal differ (empty when they agree)."""


@dataclass(frozen=True)
class CascadeTable:
    id: str
    goal_id: str
    goal: str
    """The goal's statement."""
    label: str
    kind: str
    kind_label: str
    source: str
    """What is split: the goal, or ``按季度 › 第四季度`` for a part of another cascade."""
    depth: int
    total_text: str
    sum_text: str
    adds_up: bool
    rows: tuple[CascadeRow, ...]
    error: str = ""
    rounding: str = ""
    """Which parts got the units left over in rounding, and why (empty when none)."""

    @property
    def disagreements(self) -> list[str]:
        return [r.disagreement for r in self.rows if r.disagreement]

    @property
    def title(self) -> str:
        """``济南队按人 · 按人``; just ``按人`` when the label is the kind's own word (a
        split left with its default label)."""
        if not self.label or self.label == self.kind_label:
            return self.kind_label
        return f"{self.label} · {self.kind_label}"


@dataclass(frozen=True)
class FunnelStageRow:
    stage: str
    rate: str
    """The share that reaches the next stage, e.g. ``10%`` (empty for the deal)."""
    year: str
    week: str
    day: str


@dataclass(frozen=True)
class FunnelTable:
    id: str
    goal_id: str | None
    goal: str
    label: str
    target_text: str
    average_text: str
    deals_text: str
    calendar: str
    """``50 周 × 5 天`` / ``50 weeks × 5 days``."""
    rows: tuple[FunnelStageRow, ...] = ()
    error: str = ""
    rounded: str = ""
    """Why the counts are whole numbers above the arithmetic (133.3 calls → 134)."""


@dataclass
class VisionReport(StepReport):
    goals: list[GoalRow] = field(default_factory=list)
    statement: str = ""
    agreed: bool = False
    agreed_at: str = ""
    cascades: list[CascadeTable] = field(default_factory=list)
    funnels: list[FunnelTable] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return bool(self.goals or self.statement or self.cascades or self.funnels
                    ) or super().has_content

    def team_goals(self, team_id: str) -> list[GoalRow]:
        """The goals `team_id` owns, with the goals that serve them (in tree order)."""
        owned = {g.id for g in self.goals if g.team_id == team_id}
        changed = True
        while changed:
            changed = False
            for g in self.goals:
                if g.parent_id in owned and g.id not in owned:
                    owned.add(g.id)
                    changed = True
        return [g for g in self.goals if g.id in owned]

    def team_cascades(self, team_id: str) -> list[CascadeTable]:
        """Cascades of the team's goals, and any cascade with a part given to the team."""
        goals = {g.id for g in self.team_goals(team_id)}
        return [c for c in self.cascades
                if c.goal_id in goals or any(r.team_id == team_id for r in c.rows)]

    def team_funnels(self, team_id: str) -> list[FunnelTable]:
        goals = {g.id for g in self.team_goals(team_id)}
        return [f for f in self.funnels if f.goal_id in goals]


# -- building ---------------------------------------------------------------------------------

def goal_tree(doc: Workshop) -> list[tuple[Goal, int, str]]:
    """Every goal with its depth and number, company → department → person, depth first.
    Goals whose parent is missing (or in a loop) are shown as roots."""
    ids = {g.id for g in doc.vision.goals}
    children: dict[str | None, list[Goal]] = {}
    for goal in doc.vision.goals:
        parent = goal.parent_id if goal.parent_id in ids else None
        children.setdefault(parent, []).append(goal)
    out: list[tuple[Goal, int, str]] = []
    seen: set[str] = set()

    def walk(goal: Goal, depth: int, number: str) -> None:
        if goal.id in seen:
            return
        seen.add(goal.id)
        out.append((goal, depth, number))
        for i, child in enumerate(children.get(goal.id, []), 1):
            walk(child, depth + 1, f"{number}.{i}")

    for i, root in enumerate(children.get(None, []), 1):
        walk(root, 0, str(i))
    for goal in doc.vision.goals:  # parents in a loop: still shown
        if goal.id not in seen:
            walk(goal, 0, str(len([n for _, d, n in out if d == 0]) + 1))
    return out


def formula_row(goal: Goal, lang: str) -> FormulaRow | None:
    found = cascade_math.formula(goal.baseline, goal.growth, goal.factors, goal.target)
    if found is None:
        return None
    text = t("vision.formula.text", lang, baseline=amount(found.baseline, goal.unit, lang),
             growth=percent(found.growth, lang), factors=fmt(found.factors, lang, places=4),
             plan=amount(found.plan, goal.unit, lang, places=1))
    gap = ""
    if found.target is not None and abs(found.target - found.plan) >= max(
            0.005 * abs(found.target), 1e-9):
        gap = t("vision.formula.gap", lang, target=amount(found.target, goal.unit, lang),
                gap=amount(found.target - found.plan, goal.unit, lang, places=1))
    return FormulaRow(text=text, plan=found.plan,
                      plan_text=amount(found.plan, goal.unit, lang, places=1), gap_text=gap)


def _printed_reason(doc: Workshop, goal: Goal, letter: str, ok: bool, reason: str,
                    lang: str) -> str:
    """The verdict's reason for print: R names the whole goal it serves (the screen's
    reason is cut to fit a terminal cell)."""
    parent = doc.goal(goal.parent_id) if letter == "R" and ok else None
    return t("smart.R.ok", lang, parent=parent.statement) if parent is not None else reason


def goal_row(doc: Workshop, goal: Goal, depth: int, number: str, lang: str) -> GoalRow:
    report = smart.check_doc_goal(doc, goal, lang)
    team = doc.team(goal.team_id)

    def value(v: float | None) -> str:
        return amount(v, goal.unit, lang) if v is not None else ""

    return GoalRow(
        id=goal.id, number=number, depth=depth, statement=goal.statement, metric=goal.metric,
        unit=goal.unit, parent_id=goal.parent_id, team_id=goal.team_id,
        team=team.name if team else "", team_color=team.color if team else "",
        deadline=goal.deadline.isoformat() if goal.deadline else "",
        baseline_text=value(goal.baseline), floor_text=value(goal.floor),
        target_text=value(goal.target), stretch_text=value(goal.stretch),
        verdicts=tuple(VerdictRow(v.letter, t(f"smart.letter.{v.letter}", lang), v.ok,
                                  _printed_reason(doc, goal, v.letter, v.ok, v.reason, lang))
                       for v in report),
        flags=tuple(f.message for f in report.flags), score=report.score,
        formula=formula_row(goal, lang), kind=path.kind_of(goal),
        kind_text=t(f"vision.goal_kind.{'held' if path.holds(goal) else path.kind_of(goal)}",
                    lang,
                    better=t(f"vision.better.{path.direction_of(goal)}", lang))
        if goal.target is not None else "")


def cascade_table(doc: Workshop, c, lang: str) -> CascadeTable:
    resolved = cascade_math.resolve(doc, c, lang)
    goal = doc.goal(c.goal_id)
    unit = resolved.unit
    apart = {d.index: d for d in agreement.disagreements(doc, c)}
    rows = []
    for p in resolved.parts:
        team, member = team_name(doc, p.team_id), member_name(doc, p.member_id)
        who = member or team
        own = agreement.own_goal(doc, c, p.index)
        differ = apart.get(p.index)
        rows.append(CascadeRow(
            label=p.label, weight=fmt(p.weight, lang, places=4, wan=False),
            share=percent(p.share, lang) if p.share is not None else "",
            value=amount(p.value, unit, lang, places=6) if p.value is not None else "",
            team_id=p.team_id, team=team, member=member, note=p.note,
            who="" if who == p.label else who,
            own_goal=t("vision.pdf.own_goal", lang, target=amount(own.target, unit, lang))
            if own is not None and own.target is not None else "",
            disagreement=t("vision.pdf.disagree", lang, part=p.label,
                           share=amount(differ.share, unit, lang),
                           target=amount(differ.target, unit, lang),
                           difference=amount(abs(differ.difference), unit, lang))
            if differ is not None else ""))
    total = amount(resolved.total, unit, lang, places=6) if resolved.total is not None else ""
    total_sum = resolved.sum
    return CascadeTable(
        id=c.id, goal_id=c.goal_id, goal=goal.statement if goal else "",
        label=c.label or t("cascade.unnamed", lang), kind=c.kind,
        kind_label=t(f"vision.kind.{c.kind}", lang), source=resolved.source,
        depth=resolved.depth, total_text=total,
        sum_text=amount(total_sum, unit, lang, places=6) if total_sum is not None else "",
        adds_up=resolved.adds_up, rows=tuple(rows), error=resolved.error,
        rounding=agreement.rounding_note(doc, c, lang))


def funnel_table(doc: Workshop, f, lang: str) -> FunnelTable:
    goal = doc.goal(f.goal_id)
    calendar = t("vision.funnel.calendar", lang, weeks=f.weeks_per_year, days=f.days_per_week)
    base = dict(id=f.id, goal_id=f.goal_id, goal=goal.statement if goal else "",
                label=f.label, target_text=fmt(f.target_value, lang),
                average_text=fmt(f.average_value, lang), calendar=calendar)
    try:
        planned = funnel_math.of_funnel(f, lang=lang)
    except funnel_math.FunnelError as error:
        return FunnelTable(**base, deals_text="", error=str(error))  # type: ignore[arg-type]
    # nobody makes a third of a call: counts are whole, rounded up (and the note says so)
    rows = tuple(
        FunnelStageRow(stage=s.stage, rate=percent(s.rate, lang) if s.rate is not None else "",
                       year=fmt(funnel_math.needed(s.year), lang),
                       week=fmt(funnel_math.needed(s.week), lang),
                       day=fmt(funnel_math.needed(s.day), lang))
        for s in planned.stages)
    up = funnel_math.rounded_up(planned)
    rounded = t("vision.funnel.rounded_up", lang, stage=up[0], exact=fmt(up[1], lang, places=1),
                whole=fmt(up[2], lang)) if up is not None else ""
    return FunnelTable(**base, deals_text=fmt(funnel_math.needed(planned.deals), lang),  # type: ignore[arg-type]
                       rows=rows, rounded=rounded)


def build(doc: Workshop, lang: str) -> VisionReport:
    base = step_report(doc, "vision", lang)
    vision = doc.vision
    return VisionReport(
        step=base.step, title=base.title, purpose=base.purpose, boards=base.boards,
        goals=[goal_row(doc, g, depth, number, lang) for g, depth, number in goal_tree(doc)],
        statement=vision.statement, agreed=vision.agreed,
        agreed_at=vision.agreed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if vision.agreed_at else "",
        cascades=[cascade_table(doc, c, lang) for c in cascade_math.ordered(doc)],
        funnels=[funnel_table(doc, f, lang) for f in vision.funnels],
    )
