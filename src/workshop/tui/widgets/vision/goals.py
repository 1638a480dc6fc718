"""The goals panel: the goal tree (company → department → person) with each goal's SMART
letters, the selected goal's details, and the goal form whose SMART check updates as the
statement is typed."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static
from textual.widgets.option_list import Option

from workshop import i18n
from workshop.i18n import t
from workshop.methods.numbers import ParseError, amount, fmt, parse_date, parse_number
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision import funnel as funnel_math
from workshop.methods.vision import smart
from workshop.model import Goal, Workshop
from workshop.report.vision import formula_row, goal_tree
from workshop.text import cells, truncate, wrap
from workshop.tui.widgets.forms import Field, FormDialog
from workshop.tui.widgets.keyed_list import WrappedKeyedList
from workshop.tui.widgets.vision.smart_view import letters, verdicts

MUTED = Style(dim=True)


class GoalTree(WrappedKeyedList):
    """The goal tree, one goal per option (its id), children indented under parents.
    (Its keys belong to the goals panel.)"""

    DEFAULT_CSS = """
    GoalTree, GoalTree:focus { height: 1fr; border: none; padding: 0; background: $surface; }
    """

    def draw(self, doc: Workshop) -> None:
        """Redraw from the document, keeping the highlighted goal. Lines are wrapped here
        (CJK breaks anywhere) so the number stays beside its statement; the room for a
        scrollbar is kept free."""
        width = max(12, (self.size.width or 40) - 3)
        options = []
        for goal, depth, number in goal_tree(doc):
            report = smart.check_doc_goal(doc, goal)
            lead = "  " * depth + ("└ " if depth else "")
            hang = " " * (cells(lead) + cells(number) + 1)
            room = max(6, width - cells(hang))
            lines = wrap(goal.statement, room)
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append(lead, MUTED)
            prompt.append(number + " ", "bold")
            prompt.append(lines[0])
            for line in lines[1:]:
                prompt.append("\n" + hang + line)
            prompt.append("\n" + hang)
            prompt.append_text(letters(report))
            room -= cells("S M A R T  ")
            details = " · ".join(d for d in (
                amount(goal.target, goal.unit) if goal.target is not None else "",
                goal.deadline.isoformat() if goal.deadline else "") if d)
            prompt.append("  " + truncate(details, max(0, room)), MUTED)
            team = doc.team(goal.team_id)
            room -= cells(details) + 2
            if team is not None and room >= cells(team.name) + 2:
                prompt.append(" ")
                prompt.append(f" {team.name} ", Style(bgcolor=team.color, color="#ffffff"))
            options.append(Option(prompt, id=goal.id))
        self.replace_options(options)


def goal_details(doc: Workshop, goal: Goal | None) -> RenderableType:
    """Everything about one goal: statement, numbers, SMART verdicts, flags, planning
    formula, parent, cascades and funnels."""
    if goal is None:
        return Text(t("vision.ui.no_goals"), style="italic")
    report = smart.check_doc_goal(doc, goal)
    number = next((n for g, _, n in goal_tree(doc) if g.id == goal.id), "")
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True, style="bold")
    head.add_column(ratio=1, overflow="fold", style="bold")
    head.add_row(Text(number), Text(goal.statement))
    facts = Text()
    pairs = [("metric", goal.metric), ("baseline", goal.baseline), ("floor", goal.floor),
             ("target", goal.target), ("stretch", goal.stretch),
             ("deadline", goal.deadline.isoformat() if goal.deadline else None)]
    for key, value in pairs:
        if value is None or value == "":
            continue
        if facts:
            facts.append(" · ", MUTED)
        facts.append(t(f"vision.field.{key}") + " ", MUTED)
        facts.append(value if isinstance(value, str) else amount(value, goal.unit), "bold")
    team = doc.team(goal.team_id)
    if team is not None:
        facts.append("  ")
        facts.append(f" {team.name} ", Style(bgcolor=team.color, color="#ffffff", bold=True))
    parts: list[RenderableType] = [head, facts, Text(""), verdicts(report)]
    formula = formula_row(goal, i18n.get_language())
    if formula is not None:
        parts += [Text(""), Text(formula.text, style="bold")]
        if formula.gap_text:
            parts.append(Text(formula.gap_text, style="italic"))
    parent = doc.goal(goal.parent_id)
    if parent is not None:
        parts += [Text(""), Text.assemble((t("vision.ui.serves") + " ", MUTED),
                                          parent.statement)]
    children = [g for g in doc.vision.goals if g.parent_id == goal.id]
    if children:
        parts.append(Text(t("vision.ui.served_by", count=len(children)), MUTED))
    cascades = [c for c in doc.vision.cascades if c.goal_id == goal.id]
    if cascades:
        parts.append(Text(""))
        for c in cascades:
            resolved = cascade_math.resolve(doc, c)
            line = Text.assemble((c.label or t("cascade.unnamed"), "bold"), " ")
            if resolved.error:
                line.append(resolved.error, "italic")
            else:
                values = [fmt(p.value) for p in resolved.parts]
                shown = " / ".join(values[:8]) + (" …" if len(values) > 8 else "")
                line.append(shown + " " + resolved.unit)
            parts.append(line)
    for f in doc.vision.funnels:
        if f.goal_id != goal.id:
            continue
        try:
            planned = funnel_math.of_funnel(f)
        except funnel_math.FunnelError as error:
            parts.append(Text(str(error), style="italic"))
            continue
        daily = t("word.list_sep").join(f"{s.stage} {fmt(s.day, places=1)}"
                                        for s in planned.stages)
        parts.append(Text.assemble((f.label or t("vision.pdf.funnel"), "bold"), " ",
                                   (t("vision.ui.per_day") + " ", MUTED), daily))
    return Group(*parts)


class GoalDetail(Static):
    DEFAULT_CSS = """
    GoalDetail { padding: 0 1; height: auto; }
    """


# -- the goal form ----------------------------------------------------------------------------

class GoalDialog(FormDialog):
    """Add or edit a goal; the SMART verdicts update as the statement is typed."""

    AMOUNT_FIELDS = ("baseline", "floor", "target", "stretch")

    def __init__(self, title: str, doc: Workshop, goal: Goal | None = None, *,
                 parent_id: str | None = None) -> None:
        self.goal_id = goal.id if goal else None
        excluded = _subtree(doc, goal.id) if goal else set()
        parents = [(f"{n} {truncate(g.statement, 30)}", g.id)
                   for g, _, n in goal_tree(doc) if g.id not in excluded]
        teams = [(team.name, team.id) for team in doc.teams]
        roots = [g for g in doc.vision.goals if g.parent_id is None]
        # With no parent, a goal is the top goal only if it is (or would be) the first root
        self.top_when_root = (goal is not None and smart.is_top_goal(doc, goal)) or (
            goal is None and not roots)
        self.parent_statements = {g.id: g.statement for g in doc.vision.goals}
        value = goal or Goal(statement="-", parent_id=parent_id)  # a new goal's defaults
        fields = [
            Field("statement", t("vision.field.statement"), value=goal.statement if goal
                  else "", wide=True, required=True,
                  placeholder=t("vision.form.statement_placeholder")),
            Field("metric", t("vision.field.metric"), value=value.metric or None,
                  placeholder=t("vision.form.metric_placeholder")),
            Field("unit", t("vision.field.unit"), value=value.unit or None,
                  placeholder=t("vision.form.unit_placeholder")),
            Field("baseline", t("vision.field.baseline"), "number", value.baseline),
            Field("floor", t("vision.field.floor"), "number", value.floor),
            Field("target", t("vision.field.target"), "number", value.target),
            Field("stretch", t("vision.field.stretch"), "number", value.stretch),
            Field("deadline", t("vision.field.deadline"), "date", value.deadline,
                  placeholder="2027-12-31"),
            Field("parent_id", t("vision.field.parent"), "choice", value.parent_id,
                  options=parents),
            Field("team_id", t("vision.field.team"), "choice", value.team_id, options=teams),
            Field("growth", t("vision.field.growth"), "rate", value.growth,
                  placeholder="15%"),
            Field("factors", t("vision.field.factors"), "number", value.factors,
                  placeholder="1.05"),
        ]
        super().__init__(title, fields)

    def compose_extra(self) -> ComposeResult:
        yield Static(id="smart-live", classes="smart-live")

    def _soft(self, key: str, parse) -> Any:
        try:
            return parse(self.raw(key))
        except ParseError:
            return None

    def live_report(self) -> smart.SmartReport:
        parent_id = self.choice("parent_id")
        parent: str | bool | None
        if parent_id is not None:
            parent = self.parent_statements.get(parent_id)
        else:
            parent = True if self.top_when_root else None

        def number(text: str) -> float | None:  # as ``parse`` reads an amount field
            return parse_number(text, unit=self.raw("unit"))

        return smart.check_goal(
            self.raw("statement"), baseline=self._soft("baseline", number),
            target=self._soft("target", number),
            deadline=self._soft("deadline", parse_date), parent=parent,
            metric=self.raw("metric"), unit=self.raw("unit"))

    def on_change(self) -> None:
        self.query_one("#smart-live", Static).update(verdicts(self.live_report(), one_line=True))

    def check(self, values: dict[str, Any]) -> str:
        if values.get("factors") is not None and values["factors"] <= 0:
            return t("vision.edit.factors")
        return ""


def _subtree(doc: Workshop, goal_id: str) -> set[str]:
    found = {goal_id}
    changed = True
    while changed:
        changed = False
        for g in doc.vision.goals:
            if g.parent_id in found and g.id not in found:
                found.add(g.id)
                changed = True
    return found


def goal_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as ``edits.vision.add_goal`` / ``update_goal`` fields."""
    return {key: values.get(key) for key in (
        "statement", "metric", "unit", "baseline", "floor", "target", "stretch", "deadline",
        "parent_id", "team_id", "growth", "factors")}
