"""The fishbone view (鱼骨图): one fishbone per key gap, drawn in the terminal. The arrow
keys walk bones and causes; text typed in the entry becomes a cause on the bone the cursor
is on (Ctrl+B: the next bone); the keys here add, edit, arrange and mark causes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from workshop.edits import gaps as gap_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.gaps import fishbone as fish_rules
from workshop.model import Workshop
from workshop.model.gaps import Bone, Cause, Fishbone, GapCard
from workshop.tui.screens.dialogs import Choice
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import CardView
from workshop.tui.widgets.gaps import cause_texts
from workshop.tui.widgets.gaps.fishbone import FishboneView
from workshop.tui.widgets.gaps.fishbone_layout import Key
from workshop.tui.widgets.gaps.gaps_pane import GapsPane

Found = tuple[Bone, Cause, int]
"""A cause with the bone it hangs on and its level."""


class FishbonePane(GapsPane):
    view = "fishbone"
    typing_first = False

    DEFAULT_CSS = """
    FishbonePane #fish-detail { height: auto; max-height: 6; background: $boost; padding: 0 1; }
    """

    BINDINGS: ClassVar = [
        Binding("a", "add", "Add cause", id="gaps_fish_add",
                tooltip="Add a cause to the bone the cursor is on"),
        Binding("s", "add_sub", "Add sub-cause", id="gaps_fish_sub",
                tooltip="Add a sub-cause under the selected cause"),
        Binding("enter", "edit", "Edit", id="gaps_fish_edit",
                tooltip="Edit the selected cause, or rename the bone"),
        Binding("delete", "delete", "Delete", id="gaps_fish_delete",
                tooltip="Delete the selected cause (or the bone)"),
        Binding("r", "root", "Root cause", id="gaps_fish_root",
                tooltip="Mark the selected cause as a root cause, or unmark it"),
        Binding("m", "move", "Move to bone", id="gaps_fish_move",
                tooltip="Move the selected cause to another bone"),
        Binding("w", "why", "5 Whys", id="gaps_fish_why",
                tooltip="A 5-Why chain about the selected cause"),
        Binding("b", "add_bone", "Add bone", show=False, id="gaps_fish_add_bone",
                tooltip="Add a bone (a category of causes)"),
        Binding("shift+left", "shift(-1)", "To the bone on the left", show=False,
                id="gaps_fish_shift_left", tooltip="Move the cause to the bone on its left"),
        Binding("shift+right", "shift(1)", "To the bone on the right", show=False,
                id="gaps_fish_shift_right", tooltip="Move the cause to the bone on its right"),
        Binding("shift+up", "arrange('up')", "Move up", show=False, id="gaps_fish_order_up",
                tooltip="Move the cause up its bone"),
        Binding("shift+down", "arrange('down')", "Move down", show=False,
                id="gaps_fish_order_down", tooltip="Move the cause down its bone"),
        Binding("ctrl+right", "arrange('demote')", "Under the cause above", show=False,
                id="gaps_fish_demote", tooltip="Make the cause a sub-cause of the one above"),
        Binding("ctrl+left", "arrange('promote')", "Up one level", show=False,
                id="gaps_fish_promote", tooltip="Make the sub-cause a cause of its own"),
        Binding("pagedown", "switch(1)", "Next fishbone", show=False, id="gaps_fish_next",
                tooltip="The next key gap's fishbone"),
        Binding("pageup", "switch(-1)", "Previous fishbone", show=False, id="gaps_fish_prev",
                tooltip="The previous key gap's fishbone"),
        Binding("l", "list", "All fishbones", show=False, id="gaps_fish_list",
                tooltip="Pick a fishbone from a list"),
    ]

    ARRANGE: ClassVar[dict[str, tuple[Callable[..., Cause], tuple[Any, ...]]]] = {
        "up": (gap_edits.shift_cause, (-1,)), "down": (gap_edits.shift_cause, (1,)),
        "demote": (gap_edits.demote_cause, ()), "promote": (gap_edits.promote_cause, ()),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fish_gap: str | None = None
        """The gap whose fishbone is shown."""

    def compose(self) -> ComposeResult:
        yield Static(id="fish-title", classes="gaps-title")
        yield FishboneView(id="fishbone")
        yield Static(id="fish-detail")

    @property
    def canvas(self) -> FishboneView:
        return self.query_one(FishboneView)

    def focus_default(self) -> None:
        self.canvas.focus()

    def keep(self) -> dict[str, Any]:
        return {"fish_gap": self.fish_gap}

    def restore(self, kept: dict[str, Any]) -> None:
        self.fish_gap = kept.get("fish_gap")

    def follow(self, gap_id: str) -> None:
        """Show this gap's fishbone next, the cursor on its first bone."""
        self.fish_gap = gap_id
        self.canvas.selected = None

    # -- what is shown and selected -------------------------------------------------------
    def fishbones(self) -> list[tuple[GapCard, Fishbone]]:
        return fish_rules.shown(self.doc, self.ranked(self.doc), also=self.fish_gap)

    def fish(self) -> Fishbone | None:
        fishbones = self.fishbones()
        if not fishbones:
            return None
        found = next((f for card, f in fishbones if card.id == self.fish_gap), None)
        if found is None:
            self.fish_gap, found = fishbones[0][0].id, fishbones[0][1]
        return found

    def bone(self, fish: Fishbone) -> Bone | None:
        """The bone the cursor is on (or the bone of the cause it is on)."""
        key = self.canvas.selected
        if key is not None:
            kind, ident = key
            for bone in fish.bones:
                if kind == "bone" and bone.id == ident:
                    return bone
            found = fish_rules.locate(fish, ident) if kind == "cause" else None
            if found is not None:
                return found[0]
        return fish.bones[0] if fish.bones else None

    def cause(self, fish: Fishbone) -> Found | None:
        key = self.canvas.selected
        if key is None or key[0] != "cause":
            return None
        return fish_rules.locate(fish, key[1])

    def need_fish(self) -> Fishbone | None:
        fish = self.fish()
        if fish is None:
            self.refuse(t("gaps.fish.none"), timeout=4)
        return fish

    def need_cause(self) -> tuple[Fishbone, Found] | None:
        """The fishbone and its selected cause; a bell and a hint when there is none."""
        fish = self.need_fish()
        if fish is None:
            return None
        found = self.cause(fish)
        if found is None:
            self.refuse(t("gaps.fish.pick_cause"))
            return None
        return fish, found

    def select(self, key: Key) -> None:
        self.canvas.select(key)

    # -- drawing --------------------------------------------------------------------------
    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        canvas = self.canvas
        fish = self.fish()
        if fish is None:
            self.put("#fish-title", Text(t("gaps.fish.none_title"), style="bold"))
            canvas.show("", [], root_tag=t("gaps.fish.root_tag"), hint="")
            self.put("#fish-detail", Text(t("gaps.fish.none")))
            return
        fishbones = self.fishbones()
        index = next(i for i, (card, _) in enumerate(fishbones) if card.id == fish.gap_id)
        card = fishbones[index][0]
        self.put("#fish-title", cause_texts.fish_title(index, len(fishbones), card))
        canvas.show(card.text, cause_texts.drawn_bones(fish), root_tag=t("gaps.fish.root_tag"),
                    hint=t("gaps.fish.empty_bone"))
        self.show_detail()

    def show_detail(self) -> None:
        fish = self.fish()
        if fish is None:
            return
        found = self.cause(fish)
        self.put("#fish-detail", cause_texts.cause_detail(self.doc, *found) if found
                 else cause_texts.bone_detail(self.bone(fish)))

    @on(FishboneView.Moved)
    def _cursor_moved(self, _event: FishboneView.Moved) -> None:
        self.show_detail()
        self.moved()

    def spotlight_card(self) -> CardView | None:
        fish = self.fish()
        found = self.cause(fish) if fish else None
        if found is None:
            return None
        return CardView(id=found[1].id, text=found[1].text, team=found[0].label)

    # -- the entry: a cause on the bone the cursor is on ----------------------------------
    def entry_target(self, doc: Workshop) -> str:
        fish = self.fish()
        bone = self.bone(fish) if fish else None
        return t("gaps.entry.cause", bone=bone.label) if bone else t("gaps.entry.no_bone")

    def entry_placeholder(self) -> str | None:
        return t("gaps.entry.cause_placeholder")

    def take_text(self, text: str, hidden: bool) -> bool:
        return self.add_cause(text)

    def next_board(self) -> bool:
        """Ctrl+B: typing goes to the next bone (after the last, the first)."""
        fish = self.fish()
        bone = self.bone(fish) if fish else None
        if fish is None or bone is None:
            return False
        index = fish.bones.index(bone)
        self.select(("bone", fish.bones[(index + 1) % len(fish.bones)].id))
        return True

    def add_cause(self, text: str, parent_id: str | None = None) -> bool:
        fish = self.need_fish()
        if fish is None:
            return False
        bone = self.bone(fish)
        if bone is None:
            self.refuse(t("gaps.fish.no_bones"))
            return False
        fish_id, bone_id = fish.id, bone.id
        cause = self.workbench.edit(
            t("gaps.undo.add_cause", text=short(text), bone=bone.label), gap_edits.add_cause,
            fish_id, bone_id, text, parent_id=parent_id, team_id=turns.current_team_id(self.doc))
        if cause is None:
            return False
        self.select(("cause", cause.id))
        return True

    # -- keys -----------------------------------------------------------------------------
    def action_add(self) -> None:
        fish = self.need_fish()
        bone = self.bone(fish) if fish else None
        if fish is None:
            return
        if bone is None:
            self.refuse(t("gaps.fish.no_bones"))
            return
        self.ask(t("gaps.fish.add_title", bone=bone.label), self.add_cause)

    def action_add_sub(self) -> None:
        picked = self.need_cause()
        if picked is None:
            return
        cause = picked[1][1]
        self.ask(t("gaps.fish.sub_title", cause=short(cause.text, 30)),
                 lambda text: self.add_cause(text, parent_id=cause.id))

    def action_edit(self) -> None:
        """Enter: edit the selected cause, or rename the bone the cursor is on."""
        fish = self.need_fish()
        if fish is None:
            return
        found = self.cause(fish)
        bone = self.bone(fish)
        if found is not None:
            self.revise(t("gaps.fish.edit_title"), found[1].text, "gaps.undo.edit_cause",
                        gap_edits.edit_cause, fish.id, found[1].id)
        elif bone is not None:
            self.revise(t("gaps.fish.rename_title"), bone.label, "gaps.undo.rename_bone",
                        gap_edits.rename_bone, fish.id, bone.id)

    def action_delete(self) -> None:
        fish = self.need_fish()
        if fish is None:
            return
        found = self.cause(fish)
        bone = self.bone(fish)
        if found is not None:
            done = self.workbench.edit(t("gaps.undo.delete_cause", text=short(found[1].text)),
                                       gap_edits.delete_cause, fish.id, found[1].id)
        elif bone is not None:
            done = self.workbench.edit(t("gaps.undo.delete_bone", text=bone.label),
                                       gap_edits.delete_bone, fish.id, bone.id)
        else:
            return
        if done is not None:
            self.workbench.notify(t("shell.deleted_hint"), timeout=3)

    def action_root(self) -> None:
        picked = self.need_cause()
        if picked is None:
            return
        fish, (_bone, cause, _level) = picked
        key = "gaps.undo.root_off" if cause.root else "gaps.undo.root_on"
        self.workbench.edit(t(key, text=short(cause.text)), gap_edits.set_root, fish.id,
                            cause.id, not cause.root)

    def action_move(self) -> None:
        picked = self.need_cause()
        if picked is None:
            return
        fish, (bone, cause, _level) = picked
        fish_id, labels = fish.id, {b.id: b.label for b in fish.bones}

        def chosen(bone_id: str | None) -> None:
            if bone_id:
                self.move_cause(fish_id, cause, bone_id, labels[bone_id])

        options = [(b.id, b.label) for b in fish.bones if b.id != bone.id]
        self.workbench.push_screen(Choice(t("gaps.fish.move_title", cause=short(cause.text, 30)),
                                          options), chosen)

    def move_cause(self, fish_id: str, cause: Cause, bone_id: str, label: str) -> None:
        if self.workbench.edit(t("gaps.undo.move_cause", text=short(cause.text), bone=label),
                               gap_edits.move_cause, fish_id, cause.id, bone_id) is not None:
            self.select(("cause", cause.id))

    def action_shift(self, delta: int) -> None:
        """Move the cause to the bone beside its own, on the same side of the spine."""
        fish = self.need_fish()
        found = self.cause(fish) if fish else None
        if fish is None or found is None:
            self.workbench.bell()
            return
        bone, cause, _level = found
        target = fish_rules.beside(len(fish.bones), fish.bones.index(bone), delta)
        if target is None:
            self.workbench.bell()
            return
        self.move_cause(fish.id, cause, fish.bones[target].id, fish.bones[target].label)

    def action_arrange(self, how: str) -> None:
        """Up or down its bone, under the cause above, or up a level."""
        fish = self.need_fish()
        found = self.cause(fish) if fish else None
        if fish is None or found is None:
            self.workbench.bell()
            return
        edit, args = self.ARRANGE[how]
        cause = found[1]
        if self.workbench.edit(t("gaps.undo.arrange", text=short(cause.text)), edit, fish.id,
                               cause.id, *args) is not None:
            self.select(("cause", cause.id))

    def action_add_bone(self) -> None:
        fish = self.need_fish()
        if fish is None:
            return
        fish_id = fish.id

        def add(text: str) -> None:
            bone = self.workbench.edit(t("gaps.undo.add_bone", text=short(text)),
                                       gap_edits.add_bone, fish_id, text)
            if bone is not None:
                self.select(("bone", bone.id))

        self.ask(t("gaps.fish.bone_title"), add)

    def action_why(self) -> None:
        picked = self.need_cause()
        if picked is None:
            return
        cause = picked[1][1]
        cause_id = cause.id
        chain = self.workbench.edit(t("gaps.undo.chain", text=short(cause.text)),
                                    lambda doc: gap_edits.start_chain(
                                        doc, cause_id=cause_id,
                                        team_id=turns.current_team_id(doc)))
        if chain is not None:
            self.post_message(self.Open("whys", chain.id, typing=not chain.links))

    def action_switch(self, delta: int) -> None:
        fishbones = self.fishbones()
        if len(fishbones) < 2:
            self.workbench.bell()
            return
        ids = [card.id for card, _ in fishbones]
        index = ids.index(self.fish_gap) if self.fish_gap in ids else 0
        self.open(ids[(index + delta) % len(ids)])

    def open(self, gap_id: str) -> None:
        self.follow(gap_id)
        self.show(self.doc)  # the drawing announces its cursor: the entry follows

    def action_list(self) -> None:
        fishbones = self.fishbones()
        if not fishbones:
            self.workbench.bell()
            return
        options = [(card.id, f"{i}. {short(card.text, 60)}")
                   for i, (card, _) in enumerate(fishbones, 1)]

        def chosen(gap_id: str | None) -> None:
            if gap_id:
                self.open(gap_id)

        self.workbench.push_screen(Choice(t("gaps.fish.list_title"), options), chosen)
