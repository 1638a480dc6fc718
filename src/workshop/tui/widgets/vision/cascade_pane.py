"""The cascade panel: every cascade goal by goal on the left; the selected one's parts
with weight, share and exact value on the right, and a total that adds up.

On the list: ``n`` a new split from a preset, ``l`` rename, ``x`` delete, Enter to the
table. On the table: ``+``/``−`` (or ←→) nudge a weight and the parts are recomputed at
once, Enter types it; ``a``/``r``/``o``/``x`` add, rename, annotate, delete a part,
Shift+↑↓ move it; ``c`` splits a part further, ``s`` sets the step, ``e`` equal weights.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static

from workshop import i18n
from workshop.edits import vision as edits
from workshop.i18n import t
from workshop.methods.numbers import ParseError, fmt, parse_number
from workshop.methods.vision import agreement, presets
from workshop.methods.vision import cascade as cascade_math
from workshop.model import Cascade, Workshop
from workshop.text import truncate
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.vision.cascade import CascadeHeader, CascadeList, CascadeTable
from workshop.tui.widgets.vision.pane import VisionPane


class CascadePane(VisionPane):
    view = "cascade"
    takes_cards = False

    BINDINGS = [
        Binding("plus,right", "weight(1)", "Weight +", id="vision_weight_up",
                key_display="+", tooltip="More weight for this part: the parts are recomputed"),
        Binding("minus,left", "weight(-1)", "Weight −", id="vision_weight_down",
                key_display="−", tooltip="Less weight for this part: the parts are recomputed"),
        Binding("enter,w", "type_weight", "Type weight", id="vision_type_weight",
                key_display="Enter", tooltip="Type this part's weight"),
        Binding("a", "add_part", "Add part", id="vision_add_part",
                tooltip="Add a part below this one"),
        Binding("r", "rename_part", "Rename part", id="vision_rename_part",
                tooltip="Rename this part"),
        Binding("o", "note_part", "Note", id="vision_note_part",
                tooltip="A note on this part (why this weight)"),
        Binding("delete,x", "delete_part", "Delete part", id="vision_delete_part",
                key_display="X", tooltip="Delete this part (Ctrl+Z brings it back)"),
        Binding("shift+up", "move_part(-1)", "Move up", id="vision_move_up", show=False,
                tooltip="Move this part up"),
        Binding("shift+down", "move_part(1)", "Move down", id="vision_move_down",
                show=False, tooltip="Move this part down"),
        Binding("c", "split_part", "Split this part", id="vision_split_part",
                tooltip="Split this part further (a month by person…)"),
        Binding("s", "set_step", "Step", id="vision_set_step",
                tooltip="Every part a whole multiple of the step (1: whole numbers)"),
        Binding("e", "equal_weights", "Equal weights", id="vision_equal",
                tooltip="Give every part the same weight"),
        Binding("i", "explain_rounding", "Why these numbers", id="vision_rounding",
                tooltip="Which parts got the units left over in rounding, and why"),
        Binding("f", "share_follows_goal", "Share follows team goal", id="vision_follow_goal",
                show=False, tooltip="Make this team's share equal its own goal"),
        Binding("t", "goal_follows_share", "Team goal follows share", id="vision_goal_follows",
                show=False, tooltip="Make the team's own goal equal this share"),
        Binding("n,a", "new_cascade", "New split", id="vision_new_cascade", key_display="N",
                tooltip="Split the goal: by quarter, month, team, person…"),
        Binding("l", "rename_cascade", "Rename split", id="vision_rename_cascade",
                tooltip="Rename the selected split"),
        Binding("delete,x", "delete_cascade", "Delete split", id="vision_delete_cascade",
                key_display="X", tooltip="Delete the selected split (Ctrl+Z brings it back)"),
    ]

    PLACES = {
        "list": frozenset({"new_cascade", "rename_cascade", "delete_cascade"}),
        "table": frozenset({"weight", "type_weight", "add_part", "rename_part", "note_part",
                            "delete_part", "move_part", "split_part", "set_step",
                            "equal_weights", "explain_rounding", "share_follows_goal",
                            "goal_follows_share"}),
    }

    DEFAULT_CSS = """
    CascadePane #cascade-main { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield CascadeList(id="cascade-list")
            with Vertical(id="cascade-main"):
                yield CascadeHeader(id="cascade-header")
                yield CascadeTable(id="cascade-table")
                yield Static(id="cascade-keys", classes="panel-hint")

    def where(self) -> str:
        return "table" if isinstance(self.focused_here(), CascadeTable) else "list"

    def focus_default(self) -> None:
        table = self.query_one(CascadeTable)
        (table if table.row_count else self.query_one(CascadeList)).focus()

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        self.query_one(CascadeList).show(doc)
        self._show_cascade(doc)
        self.show_hints()

    def show_hints(self) -> None:
        self.query_one("#cascade-keys", Static).update(
            t(f"vision.ui.cascade_keys_{self.where()}"))

    def _show_cascade(self, doc: Workshop) -> None:
        cascade = self._cascade(doc)
        resolved = cascade_math.resolve(doc, cascade) if cascade is not None else None
        self.query_one(CascadeHeader).show(doc, resolved)
        self.query_one(CascadeTable).show(doc, resolved)

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

    # -- what the keys act on -----------------------------------------------------------------
    def _cascade(self, doc: Workshop | None = None) -> Cascade | None:
        return cascade_math.cascade_by_id(doc or self.doc,
                                          self.query_one(CascadeList).cascade_id)

    def _part(self) -> tuple[Cascade, int] | tuple[None, None]:
        cascade = self._cascade()
        index = self.query_one(CascadeTable).part_index
        if cascade is None or index is None or index >= len(cascade.parts):
            return None, None
        return cascade, index

    def _presets(self, goal_id: str, parent: tuple[str, int] | None = None
                 ) -> list[tuple[str, str]]:
        """The ready-made splits, by person naming whose members it offers."""
        owner = presets.owner_team(self.doc, goal_id, parent)
        members = (t("vision.ui.preset_members_of", team=owner.name, count=len(owner.members))
                   if owner is not None else t("vision.ui.preset_members_all", count=sum(
                       len(team.members) for team in self.doc.teams)))
        return [(key, members if key == "members" else t(f"vision.preset_long.{key}"))
                for key in cascade_math.PRESETS]

    def _number(self, text: str) -> float | None:
        """A typed number, or None (and why) when it is not one."""
        try:
            return parse_number(text, allow_empty=False)
        except ParseError as error:
            self.workbench.notify(str(error), severity="warning")
            return None

    # -- cascades -------------------------------------------------------------------------------
    def action_new_cascade(self) -> None:
        goal = self.doc.goal(self.query_one(CascadeList).goal_id or self.picked_goal_id())
        if goal is None:
            self.workbench.notify(t("vision.ui.need_goal"), severity="warning")
            return

        def chosen(preset: str | None) -> None:
            if preset is None:
                return
            added = self.workbench.edit(
                t("vision.undo.add_cascade", goal=truncate(goal.statement, 16)),
                edits.add_cascade, goal.id, preset)
            if added is not None:
                self.query_one(CascadeList).select(added.id)
                self.query_one(CascadeTable).focus()

        self.workbench.push_screen(Choice(t("vision.ui.new_cascade",
                                            goal=truncate(goal.statement, 30)),
                                          self._presets(goal.id)), chosen)

    def action_rename_cascade(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.workbench.edit(t("vision.undo.rename_cascade", label=truncate(text, 16)),
                                    partial(edits.set_cascade, cascade_id=cascade.id, label=text))

        self.workbench.push_screen(TextPrompt(t("vision.ui.rename_cascade"), cascade.label), done)

    def action_delete_cascade(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return
        if self.workbench.edit(t("vision.undo.delete_cascade", label=truncate(cascade.label, 16)),
                               edits.delete_cascade, cascade.id) is not None:
            self.workbench.notify(t("shell.deleted_hint"))

    def action_set_step(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return

        def done(text: str | None) -> None:
            step = self._number(text) if text is not None else None
            if step is not None:
                self.workbench.edit(t("vision.undo.step", step=fmt(step, places=6)),
                                    edits.set_cascade, cascade.id, step=step)

        self.workbench.push_screen(TextPrompt(t("vision.ui.set_step"), fmt(cascade.step, places=6),
                                              t("vision.ui.step_placeholder")), done)

    def action_equal_weights(self) -> None:
        cascade = self._cascade()
        if cascade is not None:
            self.workbench.edit(t("vision.undo.equal", label=truncate(cascade.label, 16)),
                                edits.equal_weights, cascade.id)

    # -- parts ----------------------------------------------------------------------------------
    def action_split_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        part = cascade.parts[index]

        def chosen(preset: str | None) -> None:
            if preset is None:
                return
            added = self.workbench.edit(
                t("vision.undo.split_part", part=truncate(part.label, 16)),
                partial(edits.add_cascade, goal_id=cascade.goal_id, preset=preset,
                        parent_cascade_id=cascade.id, parent_part=index,
                        label=f"{part.label} · {t(f'vision.preset.{preset}')}"))
            if added is not None:
                self.query_one(CascadeList).select(added.id)

        self.workbench.push_screen(Choice(t("vision.ui.split_part", part=truncate(part.label, 30)),
                                          self._presets(cascade.goal_id, (cascade.id, index))),
                                   chosen)

    def action_weight(self, direction: int) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        # whole steps to whole multiples: the same key always moves the same way (7 → 8)
        step = cascade_math.weight_step([p.weight for p in cascade.parts])
        part = cascade.parts[index]
        new = cascade_math.nudged(part.weight, direction * step)
        self.workbench.edit(t("vision.undo.weight", part=truncate(part.label, 16),
                              weight=fmt(new, places=4, wan=False)),
                            edits.nudge_weight, cascade.id, index, direction * step)

    def action_type_weight(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        part = cascade.parts[index]

        def done(text: str | None) -> None:
            weight = self._number(text) if text is not None else None
            if weight is not None:
                self.workbench.edit(t("vision.undo.weight", part=truncate(part.label, 16),
                                      weight=fmt(weight, places=4, wan=False)),
                                    edits.set_weight, cascade.id, index, weight)

        self.workbench.push_screen(
            TextPrompt(t("vision.ui.type_weight", part=part.label),
                       fmt(part.weight, places=6, wan=False).replace(",", ""),
                       t("vision.ui.weight_placeholder")), done)

    def action_add_part(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return
        index = self.query_one(CascadeTable).part_index

        def done(text: str | None) -> None:
            if text:
                self.workbench.edit(t("vision.undo.add_part", part=truncate(text, 16)),
                                    edits.add_part, cascade.id, text, 1.0, index)

        self.workbench.push_screen(TextPrompt(t("vision.ui.add_part")), done)

    def action_rename_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.workbench.edit(t("vision.undo.rename_part", part=truncate(text, 16)),
                                    partial(edits.update_part, cascade_id=cascade.id,
                                            index=index, label=text))

        self.workbench.push_screen(TextPrompt(t("vision.ui.rename_part"),
                                              cascade.parts[index].label), done)

    def action_note_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        part = cascade.parts[index]

        def done(text: str | None) -> None:
            if text is not None:
                self.workbench.edit(t("vision.undo.note_part", part=truncate(part.label, 16)),
                                    edits.update_part, cascade.id, index, note=text)

        self.workbench.push_screen(TextPrompt(t("vision.ui.note_part", part=part.label),
                                              part.note), done)

    def action_delete_part(self) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        if self.workbench.edit(t("vision.undo.delete_part",
                                 part=truncate(cascade.parts[index].label, 16)),
                               edits.delete_part, cascade.id, index) is not None:
            self.workbench.notify(t("shell.deleted_hint"))

    def action_move_part(self, delta: int) -> None:
        cascade, index = self._part()
        if cascade is None:
            return
        moved = self.workbench.edit(t("vision.undo.move_part",
                                      part=truncate(cascade.parts[index].label, 16)),
                                    edits.move_part, cascade.id, index, delta)
        if moved is not None:
            self.query_one(CascadeTable).move_cursor(row=moved, animate=False)

    # -- what the room asks about the numbers ----------------------------------------------
    def action_explain_rounding(self) -> None:
        cascade = self._cascade()
        if cascade is None:
            return
        note = agreement.rounding_note(self.doc, cascade, i18n.get_language())
        self.workbench.notify(note or t("vision.ui.rounding_none"), timeout=12)

    def action_share_follows_goal(self) -> None:
        cascade, index = self._part()
        if cascade is not None:
            self.workbench.edit(t("vision.undo.share_follows",
                                  part=truncate(cascade.parts[index].label, 16)),
                                edits.share_follows_goal, cascade.id, index)

    def action_goal_follows_share(self) -> None:
        cascade, index = self._part()
        if cascade is not None:
            self.workbench.edit(t("vision.undo.goal_follows",
                                  part=truncate(cascade.parts[index].label, 16)),
                                edits.goal_follows_share, cascade.id, index)
