"""Step 5's screen: each strategy becomes actions, members adopt them (领养孩子), and the
readiness check says, action by action, what is still missing (做我所写、写我所做).

The list shows the plan of the team whose turn it is (F4 hands the keyboard on), or of
every team (v). Keys: n writes an action under the selected strategy, c drafts one per
idea card of the strategy, Enter opens the full form, a adopts the action for a member,
s moves its status on, Delete removes it (ctrl+z brings it back).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from workshop.edits import plan as plan_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.plan import actions as plan_math
from workshop.methods.plan import adoption
from workshop.methods.plan.readiness import Readiness, check_plan
from workshop.model import StepId, Workshop
from workshop.model.plan import STATUSES
from workshop.report.plan import action_numbers
from workshop.text import truncate
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.action_form import open_action_form
from workshop.tui.widgets.plan.view import (
    action_detail,
    action_row,
    hint_row,
    load_panel,
    owner_labels,
    strategy_detail,
    strategy_row,
    team_row,
)
from workshop.tui.widgets.row_list import Row, RowList
from workshop.tui.widgets.spotlight import Spotlight

NOBODY = "-"


class PlanScreen(StepScreen):
    step: ClassVar[StepId] = "plan"

    BINDINGS = [
        Binding("n", "new_action", "New action", id="plan_new"),
        Binding("enter", "edit_action", "Edit action", id="plan_edit"),
        Binding("a", "adopt", "Adopt", id="plan_adopt"),
        Binding("c", "from_cards", "Actions from cards", id="plan_from_cards"),
        Binding("s", "cycle_status", "Status", id="plan_status"),
        Binding("m", "fill_milestones", "Milestones from cascade", id="plan_milestones",
                show=False),
        Binding("v", "toggle_view", "This team / all", id="plan_view"),
        Binding("shift+up", "move(-1)", "Move up", id="plan_move_up", show=False),
        Binding("shift+down", "move(1)", "Move down", id="plan_move_down", show=False),
        Binding("delete", "delete_action", "Delete action", id="plan_delete", show=False),
        Binding("escape", "focus_list", "Back to the list", id="plan_focus_list", show=False),
    ]

    DEFAULT_CSS = """
    PlanScreen #plan-main { height: 1fr; }
    PlanScreen #plan-left { width: 1fr; }
    PlanScreen #plan-summary { height: auto; padding: 0 1; background: $boost; }
    PlanScreen #plan-side {
        width: 40%; min-width: 30; max-width: 64;
        border-left: vkey $panel; background: $surface; padding: 0 1;
    }
    PlanScreen #plan-detail { height: auto; }
    PlanScreen #plan-load { height: auto; margin-top: 1; }
    .-projector PlanScreen #plan-side { width: 36%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.all_teams = False
        self._keys_for: str | None = None
        """The kind of row the key bar's keys were last offered for (``check_action``)."""
        self._readiness: dict[str, Readiness] = {}
        self._numbers: dict[str, int] = {}
        self._ranked: list[plan_math.Strategy] = []
        self._owners: dict[str, str] = {}

    # -- layout ------------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with Horizontal(id="plan-main"):
            with Vertical(id="plan-left"):
                yield Static(id="plan-summary")
                yield RowList(id="actions", empty_hint=t("plan.list.empty"))
            with VerticalScroll(id="plan-side"):
                yield Static(id="plan-detail")
                yield Static(id="plan-load")

    @property
    def has_entry(self) -> bool:
        return False

    def focus_default(self) -> None:
        self.query_one(RowList).focus()

    @property
    def action_list(self) -> RowList:
        return self.query_one("#actions", RowList)

    def view_team_id(self, doc: Workshop) -> str | None:
        """The team whose plan is shown (None: every team)."""
        return None if self.all_teams else turns.current_team_id(doc)

    # -- drawing -------------------------------------------------------------------------------
    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        self._readiness = check_plan(doc)
        self._numbers = action_numbers(doc)
        self._ranked = plan_math.strategies(doc, shown=True)  # projected
        self._owners = owner_labels(doc)
        team_id = self.view_team_id(doc)
        rows: list[Row] = []
        teams = doc.teams if team_id is None else [t_ for t_ in doc.teams if t_.id == team_id]
        for team in teams:
            if team_id is None:
                actions = plan_math.team_actions(doc, team.id)
                ready = sum(1 for a in actions if self._readiness[a.id].ready)
                rows.append(team_row(team, len(actions), ready))
            rows += self._team_rows(doc, team.id, show_team=False)
        if team_id is None or not teams:
            orphans = [a for a in doc.plan.actions if doc.team(a.team_id) is None]
            if orphans:
                rows.append(strategy_row(None, len(orphans), None))
                rows += [action_row(self._owners.get(a.owner_id or ""), a,
                                    self._numbers.get(a.id, 0), self._readiness[a.id])
                         for a in orphans]
        if not doc.teams and not rows:
            rows = self._team_rows(doc, None, show_team=False)
        self.action_list.show(rows, select=select)
        self._summary(doc, team_id)
        self._side(doc)

    def _team_rows(self, doc: Workshop, team_id: str | None, show_team: bool) -> list[Row]:
        rows: list[Row] = []
        for found, actions in plan_math.grouped(doc, team_id, self._ranked):
            rows.append(strategy_row(found, len(actions), team_id))
            if not actions:
                rows.append(hint_row(f"hint:{found.id if found else ''}:{team_id}",
                                     t("plan.list.strategy_empty")))
            for action in actions:
                rows.append(action_row(self._owners.get(action.owner_id or ""), action,
                                       self._numbers.get(action.id, 0),
                                       self._readiness[action.id],
                                       doc.team(action.team_id) if show_team else None))
        if not rows:
            rows.append(hint_row(f"hint:none:{team_id}", t("plan.list.no_strategies")))
        return rows

    def _summary(self, doc: Workshop, team_id: str | None) -> None:
        actions = plan_math.team_actions(doc, team_id)
        ready = sum(1 for a in actions if self._readiness[a.id].ready)
        waiting = sum(1 for a in actions if doc.member(a.owner_id) is None)
        team = doc.team(team_id)
        text = Text()
        if team is not None:
            text.append(t("plan.summary.team", team=team.name), style=f"bold {team.color}")
        else:
            text.append(t("plan.summary.all"), style="bold")
        text.append("  " + t("plan.summary.counts", total=len(actions), ready=ready,
                             waiting=waiting))
        goal = plan_math.team_goal(doc, team_id) if team is not None else None
        if goal is not None:
            text.append("\n" + t("plan.summary.goal", goal=goal.statement), style="dim")
        self.query_one("#plan-summary", Static).update(text)

    def _side(self, doc: Workshop) -> None:
        row = self.action_list.selected
        detail = self.query_one("#plan-detail", Static)
        if row is None:
            detail.update(Text(t("plan.detail.none"), style="dim"))
        elif row.kind == "action":
            action = next((a for a in doc.plan.actions if a.id == row.key), None)
            if action is None:
                return
            detail.update(action_detail(doc, action, self._numbers.get(action.id, 0),
                                        self._readiness[action.id],
                                        self._listed_strategy(action.strategy_id)))
        else:
            sid, team_id = self._strategy_of(row)
            found = self._listed_strategy(sid)
            count = sum(1 for a in plan_math.team_actions(doc, team_id)
                        if (a.strategy_id or None) == (sid or None))
            detail.update(strategy_detail(found, count))
        team = doc.team(self._row_team(doc, row))
        self.query_one("#plan-load", Static).update(
            load_panel(doc, team) if team else Group())

    def _listed_strategy(self, strategy_id: str | None) -> plan_math.Strategy | None:
        """The strategy as the list shows it. Worked out with the list, not again for each
        row the cursor passes: ranking the strategies walks every co-create card (5 ms
        at 9,900), and a move of the cursor only redraws the side."""
        return next((s for s in self._ranked if s.id == strategy_id), None)

    @on(RowList.Highlighted, "#actions")
    def _moved(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._side(self.doc)
        self._update_spotlight()
        row = self.action_list.selected
        kind = row.kind if row is not None else None
        if kind != self._keys_for:  # an action's keys (adopt, status…) come and go
            self._keys_for = kind
            self.refresh_bindings()

    def _update_spotlight(self) -> None:
        """In projector mode, the selected action large above the list: what the room
        is talking about, who owns it and who checks it, and what it still misses."""
        spotlight = self.query_one(Spotlight)
        row = self.action_list.selected if self.is_mounted else None
        action = None
        if self.app.has_class("-projector") and row is not None and row.kind == "action":
            action = next((a for a in self.doc.plan.actions if a.id == row.key), None)
        key = (action.model_dump_json() if action else None, self._readiness.get(
            action.id).kinds if action and action.id in self._readiness else ())
        if key == self._spotlit:
            return
        self._spotlit = key  # type: ignore[assignment]
        spotlight.set_class(action is None, "-empty")
        if action is None:
            spotlight.update("")
            return
        text = Text()
        owner = self.doc.member(action.owner_id)
        text.append(action.what + "\n", style="bold")
        text.append(owner[1].name if owner else t("plan.list.unadopted"),
                    style="bold" if owner else "bold yellow")
        checker = adoption.checker_label(self.doc, action)
        if checker:
            text.append("  ·  " + t("plan.detail.checked_by", name=checker))
        if action.due:
            text.append("  ·  " + action.due.isoformat())
        if action.measure or action.target:
            text.append("  ·  " + " → ".join(p for p in (action.measure, action.target) if p))
        flags = self._readiness.get(action.id)
        if flags is not None and flags.flags:
            text.append("\n⚠ " + t("word.list_sep").join(f.message for f in flags.flags),
                        style="yellow")
        spotlight.update(text)

    # -- what the cursor is on --------------------------------------------------------------
    @staticmethod
    def _strategy_of(row: Row) -> tuple[str | None, str | None]:
        _, sid, team_id = row.key.split(":", 2)
        return sid or None, team_id or None

    def _selected_action_id(self) -> str | None:
        row = self.action_list.selected
        return row.key if row is not None and row.kind == "action" else None

    def _row_team(self, doc: Workshop, row: Row | None) -> str | None:
        if row is not None and row.kind == "action":
            action = next((a for a in doc.plan.actions if a.id == row.key), None)
            if action is not None and action.team_id:
                return action.team_id
        if row is not None and row.kind == "strategy":
            _, team_id = self._strategy_of(row)
            if team_id:
                return team_id
        return turns.current_team_id(doc)

    def _target_strategy(self, doc: Workshop) -> str | None:
        """The strategy a new action goes under: the selected one, or the selected
        action's."""
        row = self.action_list.selected
        if row is None:
            return None
        if row.kind == "strategy":
            return self._strategy_of(row)[0]
        action = next((a for a in doc.plan.actions if a.id == row.key), None)
        return action.strategy_id if action else None

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_action", "adopt", "cycle_status", "delete_action", "move",
                      "fill_milestones"):
            return self._selected_action_id() is not None or (
                action == "edit_action" and self.action_list.selected is not None)
        if action == "from_cards":
            row = self.action_list.selected
            return row is not None and (row.kind == "strategy" or row.kind == "action")
        return super().allows(action, parameters)

    # -- actions ---------------------------------------------------------------------------
    def action_new_action(self) -> None:
        doc = self.doc
        strategy_id = self._target_strategy(doc)
        team_id = self._row_team(doc, self.action_list.selected)
        found = plan_math.strategy(doc, strategy_id)
        title = (t("plan.prompt.new_under", strategy=found.name) if found
                 else t("plan.prompt.new"))

        def done(text: str | None) -> None:
            if not text or not text.strip():
                return

            def add(doc: Workshop):
                action = plan_edits.add_action(doc, text, strategy_id=strategy_id,
                                               team_id=team_id)
                self._select_next = action.id
                return action

            self.app.edit(t("plan.undo.add", what=truncate(text, 24)), add)

        self.app.push_screen(TextPrompt(title, placeholder=t("plan.prompt.placeholder")), done)

    def action_from_cards(self) -> None:
        doc = self.doc
        strategy_id = self._target_strategy(doc)
        if strategy_id is None:
            self.app.bell()
            self.notify(t("plan.error.pick_strategy"), severity="warning")
            return
        team_id = self._row_team(doc, self.action_list.selected)
        found = plan_math.strategy(doc, strategy_id)

        def add(doc: Workshop):
            made = plan_edits.add_actions_from_strategy(doc, strategy_id, team_id)
            self._select_next = made[0].id if made else None
            return made

        made = self.app.edit(t("plan.undo.from_cards", strategy=found.name if found else ""),
                             add)
        if made:
            self.notify(t("plan.notice.from_cards", count=len(made)))

    def action_edit_action(self) -> None:
        row = self.action_list.selected
        if row is None:
            return
        if row.kind != "action":
            self.action_new_action()
            return
        self.open_form(row.key)

    def open_form(self, action_id: str, *, focus: str = "what") -> None:
        """The full form for the action; saved as one undo step."""

        def save(values: dict[str, Any]) -> None:
            action = next((a for a in self.doc.plan.actions if a.id == action_id), None)
            what = truncate(values.get("what") or (action.what if action else ""), 24)
            self._select_next = action_id
            self.app.edit(t("plan.undo.edit", what=what), plan_edits.update_action, action_id,
                          values)

        open_action_form(self.app, action_id, save, focus=focus)

    def action_adopt(self) -> None:
        doc = self.doc
        action_id = self._selected_action_id()
        action = next((a for a in doc.plan.actions if a.id == action_id), None)
        if action is None:
            return
        team_id = action.team_id or turns.current_team_id(doc)
        team = doc.team(team_id)
        if team is None or not team.members:
            self.app.bell()
            self.notify(t("plan.error.no_members"), severity="warning")
            return
        counts = {load.member_id: load.count for load in adoption.loads(doc, team.id)}
        options = []
        for m in team.members:
            label = t("plan.adopt.option", name=m.name, count=counts.get(m.id, 0))
            if m.role:
                label = t("plan.adopt.option_role", name=m.name, role=m.role,
                          count=counts.get(m.id, 0))
            if m.id == action.owner_id:
                label = "✓ " + label
            options.append((m.id, label))
        if action.owner_id:
            options.append((NOBODY, t("plan.adopt.nobody")))

        def chosen(member_id: str | None) -> None:
            if member_id is None:
                return
            owner = None if member_id == NOBODY else member_id
            found = doc.member(owner) if owner else None
            label = (t("plan.undo.adopt", name=found[1].name, what=truncate(action.what, 20))
                     if found else t("plan.undo.unadopt", what=truncate(action.what, 20)))
            self._select_next = action.id
            if self.app.edit(label, plan_edits.adopt, action.id, owner) is not None and found:
                self.notify(t("plan.notice.adopted", name=found[1].name))

        self.app.push_screen(Choice(t("plan.adopt.title", team=team.name,
                                      what=truncate(action.what, 40)),
                                    options, t("plan.adopt.hint")), chosen)

    def action_cycle_status(self) -> None:
        action_id = self._selected_action_id()
        action = next((a for a in self.doc.plan.actions if a.id == action_id), None)
        if action is None:
            return
        status = STATUSES[(STATUSES.index(action.status) + 1) % len(STATUSES)]
        self._select_next = action.id
        self.app.edit(t("plan.undo.status", status=t(f"status.{status}")),
                      plan_edits.set_status, action.id, status)

    def action_fill_milestones(self) -> None:
        action_id = self._selected_action_id()
        if action_id is None:
            return
        self._select_next = action_id
        action = self.app.edit(t("plan.undo.milestones"), plan_edits.fill_milestones, action_id)
        if action is not None:
            self.notify(t("plan.notice.milestones", count=len(action.milestones)))

    def action_move(self, delta: int) -> None:
        action_id = self._selected_action_id()
        if action_id is None:
            return
        self._select_next = action_id
        self.app.edit(t("plan.undo.move"), plan_edits.move_action, action_id, delta)

    def action_delete_action(self) -> None:
        action_id = self._selected_action_id()
        action = next((a for a in self.doc.plan.actions if a.id == action_id), None)
        if action is None:
            return
        if self.app.edit(t("plan.undo.delete", what=truncate(action.what, 24)),
                         plan_edits.delete_action, action.id) is not None:
            self.notify(t("shell.deleted_hint"))

    def action_focus_list(self) -> None:
        self.focus_default()

    def action_toggle_view(self) -> None:
        self.all_teams = not self.all_teams
        self.refresh_from_doc()
        self.notify(t("plan.notice.view_all" if self.all_teams else "plan.notice.view_team"),
                    timeout=2)


__all__ = ["PlanScreen"]
