"""The value-chain panel: the key value chains on the left (``a`` add, ``e`` edit, ``x``
delete), the selected one on the right with deals and daily activity along the chain and
a what-if: ↑↓ pick the average or a rate, ``+``/``−`` change it, Enter types it, ``k``
keeps it (undoable), ``c`` saves it as a new assumption, ``0`` resets."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static

from workshop.edits import vision as edits
from workshop.i18n import t
from workshop.methods.numbers import ParseError, fmt, parse_number, parse_rate, percent
from workshop.model import Funnel, Workshop
from workshop.text import truncate
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.widgets.vision.funnel import FunnelDialog, FunnelList, FunnelView
from workshop.tui.widgets.vision.pane import VisionPane


def what_if_in_range(value: float, is_rate: bool) -> bool:
    """An average above 0; a rate above 0 and at most 100 %."""
    return value > 0 and (not is_rate or value <= 1)


class FunnelPane(VisionPane):
    view = "funnel"
    takes_cards = False

    BINDINGS = [
        Binding("a,n", "add_funnel", "Add chain", id="vision_add_funnel", key_display="A",
                tooltip="Add a key value chain for a goal"),
        Binding("e", "edit_funnel", "Edit chain", id="vision_edit_funnel",
                tooltip="Edit the selected value chain"),
        Binding("delete,x", "delete_funnel", "Delete chain", id="vision_delete_funnel",
                key_display="X", tooltip="Delete the selected chain (Ctrl+Z brings it back)"),
        Binding("enter", "type_what_if", "Type value", id="vision_funnel_type",
                tooltip="Type the picked average or rate (what if)"),
        Binding("k", "keep_what_if", "Keep", id="vision_funnel_keep",
                tooltip="Write the what-if into the chain (undoable)"),
        Binding("c", "copy_what_if", "New assumption", id="vision_funnel_copy",
                tooltip="Save the what-if as a new value chain beside this one"),
    ]

    PLACES = {
        "list": frozenset({"add_funnel", "edit_funnel", "delete_funnel"}),
        "view": frozenset({"type_what_if", "keep_what_if", "copy_what_if"}),
    }

    DEFAULT_CSS = """
    FunnelPane #funnel-main { width: 1fr; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield FunnelList(id="funnel-list")
            with VerticalScroll(id="funnel-main"):
                yield FunnelView(id="funnel-view")
                yield Static(id="funnel-keys", classes="panel-hint")

    def where(self) -> str:
        focused = self.focused_here()
        return "view" if isinstance(focused, FunnelView) else \
            "list" if isinstance(focused, FunnelList) or focused is None else "scroll"

    def focus_default(self) -> None:
        view = self.query_one(FunnelView)
        (view if view.funnel is not None else self.query_one(FunnelList)).focus()

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        funnels = self.query_one(FunnelList)
        funnels.show(doc)
        self.query_one(FunnelView).show(doc, funnels.funnel_id)
        self.show_hints()

    def show_hints(self) -> None:
        self.query_one("#funnel-keys", Static).update(t(f"vision.ui.funnel_keys_{self.where()}"))

    @on(OptionList.OptionHighlighted, "#funnel-list")
    def _funnel_highlighted(self) -> None:
        self.query_one(FunnelView).show(self.doc, self.query_one(FunnelList).funnel_id)

    @on(OptionList.OptionSelected, "#funnel-list")
    def _funnel_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(FunnelView).focus()

    def _funnel(self) -> Funnel | None:
        funnel_id = self.query_one(FunnelList).funnel_id
        return next((f for f in self.doc.vision.funnels if f.id == funnel_id), None)

    def _highlight_funnel(self, funnel_id: str) -> None:
        ids = [f.id for f in self.doc.vision.funnels]
        if funnel_id in ids:
            self.query_one(FunnelList).highlighted = ids.index(funnel_id)
            self.query_one(FunnelView).show(self.doc, funnel_id)

    # -- the chains -------------------------------------------------------------------------
    def action_add_funnel(self) -> None:
        def done(values: dict | None) -> None:
            if values is None:
                return
            added = self.workbench.edit(t("vision.undo.add_funnel",
                                          label=truncate(values.get("label") or "", 16)),
                                        partial(edits.add_funnel, **values))
            if added is not None:
                self._highlight_funnel(added.id)

        self.workbench.push_screen(FunnelDialog(t("vision.ui.add_funnel"), self.doc,
                                                goal_id=self.picked_goal_id()), done)

    def action_edit_funnel(self) -> None:
        funnel = self._funnel()
        if funnel is None:
            self.action_add_funnel()
            return
        funnel_id = funnel.id

        def done(values: dict | None) -> None:
            if values is not None:
                self.query_one(FunnelView).forget(funnel_id)
                self.workbench.edit(t("vision.undo.edit_funnel",
                                      label=truncate(values.get("label") or "", 16)),
                                    partial(edits.update_funnel, funnel_id=funnel_id, **values))

        self.workbench.push_screen(FunnelDialog(t("vision.ui.edit_funnel"), self.doc, funnel),
                                   done)

    def action_delete_funnel(self) -> None:
        funnel = self._funnel()
        if funnel is None:
            return
        if self.workbench.edit(t("vision.undo.delete_funnel", label=truncate(funnel.label, 16)),
                               edits.delete_funnel, funnel.id) is not None:
            self.workbench.notify(t("shell.deleted_hint"))

    # -- the what-if ------------------------------------------------------------------------
    def action_type_what_if(self) -> None:
        view = self.query_one(FunnelView)
        what = view.current()
        if what is None:
            return
        is_rate = view.param > 0
        if not is_rate:
            goal = self.doc.goal(view.funnel.goal_id) if view.funnel else None
            unit = goal.unit if goal else None
            title, value = t("vision.ui.type_average"), fmt(what.average, wan=False)

            def parse(text: str, allow_empty: bool) -> float | None:
                return parse_number(text, allow_empty=allow_empty, unit=unit)
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
                self.workbench.notify(str(error), severity="warning")
                return
            assert number is not None
            if not what_if_in_range(number, is_rate):
                self.workbench.notify(t("vision.ui.what_if_range"), severity="warning")
                return
            view.set_value(number)

        self.workbench.push_screen(TextPrompt(title, value), done)

    def action_keep_what_if(self) -> None:
        view = self.query_one(FunnelView)
        if view.funnel is None or not view.changed():
            self.workbench.notify(t("vision.ui.what_if_none"))
            return
        what = view.current()
        assert what is not None
        funnel_id = view.funnel.id
        if self.workbench.edit(t("vision.undo.keep_what_if",
                                 label=truncate(view.funnel.label, 16)),
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
        # named from its own numbers (假设2：平均单值 4,000 …), never "（假如：…）" appended
        label = edits.assumption_name(self.doc, funnel_id, what.average, list(what.rates))
        added = self.workbench.edit(t("vision.undo.copy_what_if", label=truncate(label, 16)),
                                    partial(edits.copy_funnel, funnel_id=funnel_id, label=label,
                                            average_value=what.average, rates=list(what.rates)))
        if added is not None:
            view.forget(funnel_id)
            self._highlight_funnel(added.id)
