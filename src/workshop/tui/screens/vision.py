"""Step 1 on screen: goals and the SMART check, the shared vision, target cascades, the
key value chain — four panels switched by key (1–4, Ctrl+N) so each has the whole body,
usable at 80×24 and roomy on a projector.

- **Vision** (opens first): the vision cards ("if we achieve it, what will we see?"),
  typed in turn in the shared entry, beside the shared vision statement (``s`` drafts
  it, ``g`` records that the room agreed) and the method's questions.
- **Goals**: the goal tree (company → department → person) with each goal's SMART
  letters; the selected goal's numbers, verdicts, planning formula, cascades. ``a`` adds
  a goal, ``c`` a goal under the selected one, ``e``/Enter edits it in a form whose SMART
  check updates as the statement is typed.
- **Cascade**: every cascade goal by goal; the selected one's parts with weight, share
  and exact value, a total that adds up; ``+``/``−`` change a weight and the parts are
  recomputed at once.
- **Value chain**: deals and daily activity along the chain, with a what-if.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, OptionList, Static

from workshop.edits import vision as edits
from workshop.i18n import t
from workshop.methods.numbers import ParseError, fmt, parse_number, parse_rate, percent
from workshop.methods.vision import cascade as cascade_math
from workshop.model import Workshop
from workshop.text import truncate
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.card_board import CardBoard, CardView
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.method_panel import MethodPanel
from workshop.tui.widgets.vision.cascade import (
    CascadeHeader,
    CascadeList,
    CascadeTable,
    weight_step,
)
from workshop.tui.widgets.vision.funnel import FunnelDialog, FunnelList, FunnelView
from workshop.tui.widgets.vision.goals import (
    GoalDetail,
    GoalDialog,
    GoalTree,
    goal_details,
    goal_fields,
)
from workshop.tui.widgets.vision.statement import StatementDialog, VisionStatement
from workshop.tui.widgets.vision.tabs import PanelTabs

PANELS = ("cards", "goals", "cascade", "funnel")
"""The vision question opens step 1 (如果实现了，我们会看到什么景象), and like every step it
opens ready to type cards; the goals, the cascade and the value chain are one key away."""

_PANEL_ACTIONS = {
    "goals": {"add_goal", "add_subgoal", "edit_goal", "delete_goal"},
    "cards": {"edit_statement", "toggle_agreed"},
    "cascade": {"new_cascade", "rename_cascade", "delete_cascade", "weight", "type_weight",
                "add_part", "rename_part", "note_part", "delete_part", "move_part",
                "split_part", "set_step", "equal_weights"},
    "funnel": {"add_funnel", "edit_funnel", "delete_funnel", "type_what_if",
               "keep_what_if", "copy_what_if"},
}


class VisionScreen(StepScreen):
    step = "vision"

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next_panel", "Next panel", id="vision_next_panel", priority=True),
        Binding("1", "panel('cards')", "Vision", id="vision_panel_cards", show=False),
        Binding("2", "panel('goals')", "Goals", id="vision_panel_goals", show=False),
        Binding("3", "panel('cascade')", "Cascade", id="vision_panel_cascade", show=False),
        Binding("4", "panel('funnel')", "Value chain", id="vision_panel_funnel", show=False),
        Binding("s", "edit_statement", "Draft vision", id="vision_statement", show=False),
        Binding("g", "toggle_agreed", "Agreed", id="vision_agree", show=False),
    ]

    DEFAULT_CSS = """
    VisionScreen #vision-panels { height: 1fr; }
    VisionScreen #vision-panels > Horizontal { height: 1fr; }
    VisionScreen GoalTree { width: 46%; min-width: 30; max-width: 76;
                            border-right: vkey $panel; }
    VisionScreen #goal-detail-scroll { width: 1fr; background: $surface; }
    VisionScreen #statement-scroll { width: 34%; min-width: 28; max-width: 64;
                                     border-left: vkey $panel; background: $surface; }
    VisionScreen #cascade-main { width: 1fr; }
    VisionScreen #funnel-main { width: 1fr; background: $surface; }
    /* the method's questions get a column of their own only where there is room */
    VisionScreen.-narrow #method { display: none; }
    VisionScreen .panel-hint { height: auto; color: $text-muted; padding: 0 1; }
    VisionScreen.-short .panel-hint { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.panel = "cards"
        self._stale: set[str] = set(PANELS)
        """Panels whose widgets have not been redrawn since the document last changed."""

    # -- composition ----------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        tabs = PanelTabs([(key, t(f"vision.panel.{key}")) for key in PANELS],
                         hint=t(f"vision.ui.keys_{self.panel}"), id="vision-tabs")
        tabs.current = self.panel
        yield tabs
        with ContentSwitcher(initial=self.panel, id="vision-panels"):
            with Horizontal(id="cards"):
                yield CardBoard(id="board", empty_hint=t("vision.ui.board_empty"))
                with VerticalScroll(id="statement-scroll"):
                    yield VisionStatement(id="statement")
                with VerticalScroll(id="method"):
                    yield MethodPanel(self.step)
            with Horizontal(id="goals"):
                yield GoalTree(id="goal-tree")
                with VerticalScroll(id="goal-detail-scroll"):
                    yield GoalDetail(id="goal-detail")
            with Horizontal(id="cascade"):
                yield CascadeList(id="cascade-list")
                with Vertical(id="cascade-main"):
                    yield CascadeHeader(id="cascade-header")
                    yield CascadeTable(id="cascade-table")
                    yield Static(t("vision.ui.cascade_keys"), classes="panel-hint")
            with Horizontal(id="funnel"):
                yield FunnelList(id="funnel-list")
                with VerticalScroll(id="funnel-main"):
                    yield FunnelView(id="funnel-view")
                    yield Static(t("vision.ui.funnel_keys"), classes="panel-hint")

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")
        self.set_class(self.size.width < 140, "-narrow")

    # -- panels -----------------------------------------------------------------------
    def focus_default(self) -> None:
        self._apply_panel()
        if self.panel == "cards":
            self.query_one(CardEntry).input.focus()
        elif self.panel == "goals":
            self.query_one(GoalTree).focus()
        elif self.panel == "cascade":
            table = self.query_one(CascadeTable)
            (table if table.row_count else self.query_one(CascadeList)).focus()
        else:
            view = self.query_one(FunnelView)
            (view if view.funnel is not None else self.query_one(FunnelList)).focus()

    def _apply_panel(self) -> None:
        if self.panel in self._stale:
            self._refresh_panel(self.doc)
        self.query_one("#vision-panels", ContentSwitcher).current = self.panel
        tabs = self.query_one(PanelTabs)
        tabs.hint = t(f"vision.ui.keys_{self.panel}")
        tabs.current = self.panel
        tabs.refresh()
        # the shared entry is for vision cards; the other panels get its rows
        self.query_one(CardEntry).display = self.panel == "cards"
        self._update_spotlight()

    def action_panel(self, panel: str) -> None:
        if panel in PANELS:
            self.panel = panel
            self.focus_default()
            self.refresh_bindings()

    def action_next_panel(self) -> None:
        self.action_panel(PANELS[(PANELS.index(self.panel) + 1) % len(PANELS)])

    def on_descendant_focus(self, event) -> None:
        # The shared entry is for vision cards: whoever puts the cursor there (a script,
        # the draft being restored) gets the vision board with it.
        if self.panel != "cards" and self.query_one(CardEntry) in event.widget.ancestors:
            self.panel = "cards"
            self._apply_panel()
            self.refresh_bindings()

    @on(PanelTabs.Picked)
    def _tab_picked(self, event: PanelTabs.Picked) -> None:
        self.action_panel(event.panel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        for panel, actions in _PANEL_ACTIONS.items():
            if action in actions:
                return self.panel == panel
        return super().check_action(action, parameters)

    def spotlight_card(self) -> CardView | None:
        # the goal, cascade and funnel panels are their own large view
        return super().spotlight_card() if self.panel == "cards" else None

    # -- showing the document -----------------------------------------------------------
    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        """Redraw the panel in view; the others are redrawn when they come into view (a
        card typed with 2,000 on the board must not wait for the goal tree)."""
        self._stale = set(PANELS)
        self._refresh_panel(doc, select=select)
        # after a language switch the frame is composed anew: the entry follows the panel
        entry = self.query_one(CardEntry)
        if entry.display != (self.panel == "cards"):
            entry.display = self.panel == "cards"

    def _refresh_panel(self, doc: Workshop, *, select: str | None = None) -> None:
        # An edit redraws at once (the app's revision is watched synchronously), so the
        # actions select what they added right after their edit returns.
        panel = self.panel
        self._stale.discard(panel)
        if panel == "cards":
            super().refresh_body(doc, select=select)
            self.query_one(VisionStatement).show(doc)
        elif panel == "goals":
            self.query_one(GoalTree).show(doc)
            self._show_goal(doc)
        elif panel == "cascade":
            self.query_one(CascadeList).show(doc)
            self._show_cascade(doc)
        else:
            funnels = self.query_one(FunnelList)
            funnels.show(doc)
            self.query_one(FunnelView).show(doc, funnels.funnel_id)

    def _show_goal(self, doc: Workshop) -> None:
        goal = doc.goal(self.query_one(GoalTree).goal_id)
        self.query_one(GoalDetail).update(goal_details(doc, goal))

    def _resolved(self, doc: Workshop):
        cascade = cascade_math.cascade_by_id(doc, self.query_one(CascadeList).cascade_id)
        return cascade_math.resolve(doc, cascade) if cascade is not None else None

    def _show_cascade(self, doc: Workshop) -> None:
        resolved = self._resolved(doc)
        self.query_one(CascadeHeader).show(doc, resolved)
        self.query_one(CascadeTable).show(doc, resolved)

    @on(OptionList.OptionHighlighted, "#goal-tree")
    def _goal_highlighted(self) -> None:
        self._show_goal(self.doc)

    @on(OptionList.OptionSelected, "#goal-tree")
    def _goal_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_goal()

    @on(OptionList.OptionHighlighted, "#cascade-list")
    def _cascade_highlighted(self) -> None:
        self._show_cascade(self.doc)

    @on(OptionList.OptionSelected, "#cascade-list")
    def _cascade_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.query_one(CascadeList).cascade_id is None:
            self.action_new_cascade()
        else:
            self.query_one(CascadeTable).focus()

    @on(OptionList.OptionHighlighted, "#funnel-list")
    def _funnel_highlighted(self) -> None:
        self.query_one(FunnelView).show(self.doc, self.query_one(FunnelList).funnel_id)

    @on(OptionList.OptionSelected, "#funnel-list")
    def _funnel_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(FunnelView).focus()

    # -- goals --------------------------------------------------------------------------
    def _goal_dialog(self, title: str, goal_id: str | None, parent_id: str | None = None):
        doc = self.doc
        goal = doc.goal(goal_id) if goal_id else None

        def done(values: dict | None) -> None:
            if values is None:
                return
            fields = goal_fields(values)
            label = truncate(fields["statement"], 24)
            if goal_id is None:
                added = self.app.edit(t("vision.undo.add_goal", goal=label), edits.add_goal,
                                      **fields)
                if added is not None:
                    self.query_one(GoalTree).select_goal(added.id)
            else:
                self.app.edit(t("vision.undo.edit_goal", goal=label), edits.update_goal,
                              goal_id, **fields)

        self.app.push_screen(GoalDialog(title, doc, goal, parent_id=parent_id), done)

    def action_add_goal(self) -> None:
        self._goal_dialog(t("vision.ui.add_goal"), None)

    def action_add_subgoal(self) -> None:
        parent = self.query_one(GoalTree).goal_id
        self._goal_dialog(t("vision.ui.add_subgoal"), None, parent_id=parent)

    def action_edit_goal(self) -> None:
        goal_id = self.query_one(GoalTree).goal_id
        if goal_id is None:
            self.action_add_goal()
            return
        self._goal_dialog(t("vision.ui.edit_goal"), goal_id)

    def action_delete_goal(self) -> None:
        goal = self.doc.goal(self.query_one(GoalTree).goal_id)
        if goal is None:
            return
        if self.app.edit(t("vision.undo.delete_goal", goal=truncate(goal.statement, 24)),
                         edits.delete_goal, goal.id) is not None:
            self.notify(t("shell.deleted_hint"))

    # -- the shared vision ----------------------------------------------------------------
    def action_edit_statement(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            withdrawn = self.app.edit(t("vision.undo.statement"), edits.set_statement, text)
            if withdrawn:
                self.notify(t("vision.ui.agreement_withdrawn"), severity="warning")

        self.app.push_screen(StatementDialog(t("vision.ui.statement_title"),
                                             self.doc.vision.statement,
                                             t("vision.ui.vision_question")), done)

    def action_toggle_agreed(self) -> None:
        agreed = not self.doc.vision.agreed
        key = "vision.undo.agreed" if agreed else "vision.undo.not_agreed"
        if self.app.edit(t(key), edits.set_agreed, agreed) is not None and agreed:
            self.notify(t("vision.ui.agreed_notice"))

    # -- cascades ---------------------------------------------------------------------------
    def _cascade(self):
        return cascade_math.cascade_by_id(self.doc, self.query_one(CascadeList).cascade_id)

    def _part(self):
        cascade = self._cascade()
        index = self.query_one(CascadeTable).part_index
        if cascade is None or index is None or index >= len(cascade.parts):
            return None, None
        return cascade, index

    def _presets(self) -> list[tuple[str, str]]:
        return [(key, t(f"vision.preset_long.{key}")) for key in cascade_math.PRESETS]

    def action_new_cascade(self) -> None:
        goal_id = self.query_one(CascadeList).goal_id or self._current_goal_id()
        goal = self.doc.goal(goal_id)
        if goal is None:
            self.notify(t("vision.ui.need_goal"), severity="warning")
            return

        def chosen(preset: str | None) -> None:
            if preset is None:
                return
            added = self.app.edit(t("vision.undo.add_cascade", goal=truncate(goal.statement, 16)),
                                  edits.add_cascade, goal.id, preset)
            if added is not None:
                self.query_one(CascadeList).select(added.id)
                self.query_one(CascadeTable).focus()

        self.app.push_screen(Choice(t("vision.ui.new_cascade", goal=truncate(goal.statement, 30)),
                                    self._presets()), chosen)

    def action_split_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        part = cascade.parts[index]

        def chosen(preset: str | None) -> None:
            if preset is None:
                return
            added = self.app.edit(t("vision.undo.split_part", part=truncate(part.label, 16)),
                                  partial(edits.add_cascade, goal_id=cascade.goal_id,
                                          preset=preset, parent_cascade_id=cascade.id,
                                          parent_part=index,
                                          label=f"{part.label} · {t(f'vision.preset.{preset}')}"))
            if added is not None:
                self.query_one(CascadeList).select(added.id)

        self.app.push_screen(Choice(t("vision.ui.split_part", part=truncate(part.label, 30)),
                                    self._presets()), chosen)

    def action_rename_cascade(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.app.edit(t("vision.undo.rename_cascade", label=truncate(text, 16)),
                              partial(edits.set_cascade, cascade_id=cascade.id, label=text))

        self.app.push_screen(TextPrompt(t("vision.ui.rename_cascade"), cascade.label), done)

    def action_delete_cascade(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return
        if self.app.edit(t("vision.undo.delete_cascade", label=truncate(cascade.label, 16)),
                         edits.delete_cascade, cascade.id) is not None:
            self.notify(t("shell.deleted_hint"))

    def action_weight(self, direction: int) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        step = weight_step([p.weight for p in cascade.parts])
        part = cascade.parts[index]
        new = max(0.0, part.weight + direction * step)
        self.app.edit(t("vision.undo.weight", part=truncate(part.label, 16),
                        weight=fmt(new, places=4, wan=False)),
                      edits.nudge_weight, cascade.id, index, direction * step)

    def action_type_weight(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        part = cascade.parts[index]

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                weight = parse_number(text, allow_empty=False)
            except ParseError as error:
                self.notify(str(error), severity="warning")
                return
            assert weight is not None
            self.app.edit(t("vision.undo.weight", part=truncate(part.label, 16),
                            weight=fmt(weight, places=4, wan=False)),
                          edits.set_weight, cascade.id, index, weight)

        self.app.push_screen(TextPrompt(t("vision.ui.type_weight", part=part.label),
                                        fmt(part.weight, places=6, wan=False).replace(",", ""),
                                        t("vision.ui.weight_placeholder")), done)

    def action_add_part(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return
        index = self.query_one(CascadeTable).part_index

        def done(text: str | None) -> None:
            if text:
                self.app.edit(t("vision.undo.add_part", part=truncate(text, 16)),
                              edits.add_part, cascade.id, text, 1.0, index)

        self.app.push_screen(TextPrompt(t("vision.ui.add_part")), done)

    def action_rename_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.app.edit(t("vision.undo.rename_part", part=truncate(text, 16)),
                              partial(edits.update_part, cascade_id=cascade.id, index=index,
                                      label=text))

        self.app.push_screen(TextPrompt(t("vision.ui.rename_part"), cascade.parts[index].label),
                             done)

    def action_note_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        part = cascade.parts[index]

        def done(text: str | None) -> None:
            if text is not None:
                self.app.edit(t("vision.undo.note_part", part=truncate(part.label, 16)),
                              edits.update_part, cascade.id, index, note=text)

        self.app.push_screen(TextPrompt(t("vision.ui.note_part", part=part.label), part.note),
                             done)

    def action_delete_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        if self.app.edit(t("vision.undo.delete_part",
                           part=truncate(cascade.parts[index].label, 16)),
                         edits.delete_part, cascade.id, index) is not None:
            self.notify(t("shell.deleted_hint"))

    def action_move_part(self, delta: int) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        moved = self.app.edit(t("vision.undo.move_part",
                                part=truncate(cascade.parts[index].label, 16)),
                              edits.move_part, cascade.id, index, delta)
        if moved is not None:
            self.query_one(CascadeTable).move_cursor(row=moved, animate=False)

    def action_set_step(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                step = parse_number(text, allow_empty=False)
            except ParseError as error:
                self.notify(str(error), severity="warning")
                return
            assert step is not None
            self.app.edit(t("vision.undo.step", step=fmt(step, places=6)), edits.set_cascade,
                          cascade.id, step=step)

        self.app.push_screen(TextPrompt(t("vision.ui.set_step"), fmt(cascade.step, places=6),
                                        t("vision.ui.step_placeholder")), done)

    def action_equal_weights(self) -> None:
        cascade = self._cascade()
        if cascade is not None:
            self.app.edit(t("vision.undo.equal", label=truncate(cascade.label, 16)),
                          edits.equal_weights, cascade.id)

    # -- funnels ------------------------------------------------------------------------------
    def _funnel_id(self) -> str | None:
        return self.query_one(FunnelList).funnel_id

    def _highlight_funnel(self, funnel_id: str) -> None:
        ids = [f.id for f in self.doc.vision.funnels]
        if funnel_id in ids:
            self.query_one(FunnelList).highlighted = ids.index(funnel_id)
            self.query_one(FunnelView).show(self.doc, funnel_id)

    def _current_goal_id(self) -> str | None:
        """The goal highlighted in the goal tree, else the first goal (the tree is only
        filled once the goals panel has been shown)."""
        goal_id = self.query_one(GoalTree).goal_id
        if goal_id is None and self.doc.vision.goals:
            goal_id = self.doc.vision.goals[0].id
        return goal_id

    def action_add_funnel(self) -> None:
        goal_id = self._current_goal_id()

        def done(values: dict | None) -> None:
            if values is None:
                return
            added = self.app.edit(t("vision.undo.add_funnel",
                                    label=truncate(values.get("label") or "", 16)),
                                  partial(edits.add_funnel, **values))
            if added is not None:
                self._highlight_funnel(added.id)

        self.app.push_screen(FunnelDialog(t("vision.ui.add_funnel"), self.doc, goal_id=goal_id),
                             done)

    def action_edit_funnel(self) -> None:
        funnel = next((f for f in self.doc.vision.funnels if f.id == self._funnel_id()), None)
        if funnel is None:
            self.action_add_funnel()
            return
        funnel_id = funnel.id

        def done(values: dict | None) -> None:
            if values is not None:
                self.query_one(FunnelView).forget(funnel_id)
                self.app.edit(t("vision.undo.edit_funnel",
                                label=truncate(values.get("label") or "", 16)),
                              partial(edits.update_funnel, funnel_id=funnel_id, **values))

        self.app.push_screen(FunnelDialog(t("vision.ui.edit_funnel"), self.doc, funnel), done)

    def action_delete_funnel(self) -> None:
        funnel_id = self._funnel_id()
        funnel = next((f for f in self.doc.vision.funnels if f.id == funnel_id), None)
        if funnel is None:
            return
        if self.app.edit(t("vision.undo.delete_funnel", label=truncate(funnel.label, 16)),
                         edits.delete_funnel, funnel.id) is not None:
            self.notify(t("shell.deleted_hint"))

    def action_type_what_if(self) -> None:
        view = self.query_one(FunnelView)
        what = view.current()
        if what is None:
            return
        if view.param == 0:
            title, value, parse = t("vision.ui.type_average"), fmt(what.average, wan=False), \
                parse_number
        else:
            stage = view.funnel.stages[view.param - 1] if view.funnel else ""
            title = t("vision.ui.type_rate", stage=stage)
            value, parse = percent(what.rates[view.param - 1], places=2), parse_rate

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                number = parse(text.replace(",", ""), allow_empty=False)
            except ParseError as error:
                self.notify(str(error), severity="warning")
                return
            assert number is not None
            if number <= 0 or (view.param > 0 and number > 1):
                self.notify(t("vision.ui.what_if_range"), severity="warning")
                return
            view.set_value(number)

        self.app.push_screen(TextPrompt(title, value), done)

    def action_keep_what_if(self) -> None:
        view = self.query_one(FunnelView)
        if view.funnel is None or not view.changed():
            self.notify(t("vision.ui.what_if_none"))
            return
        what = view.current()
        assert what is not None
        funnel_id = view.funnel.id
        if self.app.edit(t("vision.undo.keep_what_if", label=truncate(view.funnel.label, 16)),
                         edits.update_funnel, funnel_id, average_value=what.average,
                         rates=list(what.rates)) is not None:
            view.forget(funnel_id)
            view.show(self.doc, funnel_id)

    def action_copy_what_if(self) -> None:
        view = self.query_one(FunnelView)
        if view.funnel is None:
            return
        what = view.current()
        assert what is not None
        funnel_id = view.funnel.id
        label = t("vision.ui.what_if_label", label=view.funnel.label or t("vision.pdf.funnel"),
                  average=fmt(what.average),
                  rates=" / ".join(percent(r) for r in what.rates))
        added = self.app.edit(t("vision.undo.copy_what_if", label=truncate(label, 16)),
                              partial(edits.copy_funnel, funnel_id=funnel_id, label=label,
                                      average_value=what.average, rates=list(what.rates)))
        if added is not None:
            view.forget(funnel_id)
            self._highlight_funnel(added.id)
