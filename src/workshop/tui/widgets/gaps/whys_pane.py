"""The 5-Why view (五个为什么): one chain at a time as a ladder. Text typed in the entry is
the next answer (or, with no chain yet, the problem of a new one); the keys here answer,
edit, delete, mark the root cause, say why a chain stops early, and move between chains."""

from __future__ import annotations

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
from workshop.methods.gaps import ranking
from workshop.methods.gaps import whys as why_rules
from workshop.model import Workshop
from workshop.model.gaps import WhyChain
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import CardView
from workshop.tui.widgets.gaps import cause_texts
from workshop.tui.widgets.gaps.gaps_pane import GapsPane
from workshop.tui.widgets.gaps.why_ladder import WhyLadder

MAX_STARTS = 200
"""Most places offered to start a new chain from (key gaps, then causes)."""


class WhysPane(GapsPane):
    view = "whys"
    typing_first = False

    BINDINGS: ClassVar = [
        Binding("a", "add", "Answer why", id="gaps_why_add",
                tooltip="Answer the next why (the entry does the same)"),
        Binding("enter", "edit", "Edit", id="gaps_why_edit",
                tooltip="Edit the selected answer, or the problem"),
        Binding("delete", "delete", "Delete", id="gaps_why_delete",
                tooltip="Delete the selected answer (on the problem: the chain)"),
        Binding("r", "root", "Root cause", id="gaps_why_root",
                tooltip="Mark the selected answer as the root cause, or unmark it"),
        Binding("x", "reason", "Why it stops", id="gaps_why_reason",
                tooltip="Say why the chain stops where it does"),
        Binding("n", "new", "New chain", id="gaps_why_new",
                tooltip="A new chain, from a key gap, a cause or a problem typed in"),
        Binding("d", "delete_chain", "Delete chain", show=False, id="gaps_why_delete_chain",
                tooltip="Delete this chain (Ctrl+Z undoes)"),
        Binding("pagedown", "switch(1)", "Next chain", show=False, id="gaps_why_next",
                tooltip="The next chain"),
        Binding("pageup", "switch(-1)", "Previous chain", show=False, id="gaps_why_prev",
                tooltip="The previous chain"),
        Binding("l", "list", "All chains", show=False, id="gaps_why_list",
                tooltip="Pick a chain from a list"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chain_id: str | None = None
        """The chain shown (the newest when none is picked)."""

    def compose(self) -> ComposeResult:
        yield Static(id="why-title", classes="gaps-title")
        yield WhyLadder(id="why-ladder")

    @property
    def ladder(self) -> WhyLadder:
        return self.query_one(WhyLadder)

    def focus_default(self) -> None:
        self.ladder.focus()

    def keep(self) -> dict[str, Any]:
        return {"chain_id": self.chain_id}

    def restore(self, kept: dict[str, Any]) -> None:
        self.chain_id = kept.get("chain_id")

    def follow(self, chain_id: str) -> None:
        """Show this chain next, the cursor on its last answer."""
        self.chain_id = chain_id
        self.ladder.selected = None

    # -- what is shown and selected -------------------------------------------------------
    def chain(self) -> WhyChain | None:
        whys = self.doc.gaps.whys
        if not whys:
            self.chain_id = None
            return None
        found = next((c for c in whys if c.id == self.chain_id), None)
        if found is None:
            found = whys[-1]
            self.chain_id = found.id
        return found

    def selected(self) -> tuple[WhyChain, int | None] | None:
        """The chain and the index of the selected answer (None: the problem)."""
        chain = self.chain()
        if chain is None:
            return None
        key = self.ladder.selected
        if key is None or key[0] != "link":
            return chain, None
        return chain, next((i for i, link in enumerate(chain.links) if link.id == key[1]), None)

    def need_chain(self) -> WhyChain | None:
        chain = self.chain()
        if chain is None:
            self.refuse(t("gaps.why.none"), timeout=4)
        return chain

    # -- drawing --------------------------------------------------------------------------
    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        self.draw(doc)

    def draw(self, doc: Workshop, select: tuple[str, str] | None = None) -> None:
        chain = self.chain()
        if chain is None:
            self.put("#why-title", Text(t("gaps.why.none_title"), style="bold"))
            self.ladder.show(None, empty_text=t("gaps.why.none"))
            return
        index = doc.gaps.whys.index(chain)
        self.put("#why-title", cause_texts.why_title(index, len(doc.gaps.whys), chain))
        self.ladder.show(cause_texts.ladder(doc, chain), select=select)

    @on(WhyLadder.Moved)
    def _cursor_moved(self, _event: WhyLadder.Moved) -> None:
        self.moved()

    def spotlight_card(self) -> CardView | None:
        found = self.selected()
        if found is None:
            return None
        chain, index = found
        if index is None:
            return CardView(id=chain.id, text=chain.problem, team=t("gaps.why.problem"))
        return CardView(id=chain.links[index].id, text=chain.links[index].text,
                        team=t("gaps.why.label", n=index + 1))

    # -- the entry: the next answer, or a new chain's problem -----------------------------
    def entry_target(self, doc: Workshop) -> str:
        chain = self.chain()
        if chain is None:
            return t("gaps.entry.new_chain")
        return t("gaps.entry.why", n=len(chain.links) + 1)

    def entry_placeholder(self) -> str | None:
        return t("gaps.entry.why_placeholder")

    def take_text(self, text: str, hidden: bool) -> bool:
        return self.add_text(text)

    def add_text(self, text: str) -> bool:
        chain = self.chain()
        if chain is None:
            started = self.workbench.edit(t("gaps.undo.chain", text=short(text)),
                                          lambda doc: gap_edits.start_chain(
                                              doc, problem=text,
                                              team_id=turns.current_team_id(doc)))
            if started is None:
                return False
            self.chain_id = started.id  # (the redraw after the change showed it already)
            return True
        chain_id, n = chain.id, len(chain.links) + 1
        link = self.workbench.edit(t("gaps.undo.why", n=n, text=short(text)), gap_edits.add_why,
                                   chain_id, text)
        if link is None:
            return False
        self.draw(self.doc, select=("link", link.id))
        if n == why_rules.TARGET_WHYS:
            self.workbench.notify(t("gaps.why.five_reached"), timeout=5)
        return True

    def open_chain(self, edit, text: str) -> None:
        """Start (or find) a chain and show it; a new one waits for its first answer."""
        chain = self.workbench.edit(t("gaps.undo.chain", text=short(text)), edit)
        if chain is not None:
            self.post_message(self.Open("whys", chain.id, typing=not chain.links))

    # -- keys -----------------------------------------------------------------------------
    def action_add(self) -> None:
        chain = self.chain()
        title = (t("gaps.why.add_title", n=len(chain.links) + 1, problem=short(
            (chain.links[-1].text if chain.links else chain.problem), 40)) if chain
            else t("gaps.why.new_problem"))
        self.ask(title, self.add_text)

    def need_selected(self) -> tuple[WhyChain, int | None] | None:
        found = self.selected()
        if found is None:
            self.refuse(t("gaps.why.none"), timeout=4)
        return found

    def action_edit(self) -> None:
        """Enter: edit the selected answer, or the problem."""
        found = self.need_selected()
        if found is None:
            return
        chain, index = found
        if index is None:
            self.revise(t("gaps.why.edit_problem"), chain.problem, "gaps.undo.problem",
                        gap_edits.edit_problem, chain.id)
        else:
            link = chain.links[index]
            self.revise(t("gaps.why.edit_answer", n=index + 1), link.text, "gaps.undo.edit_why",
                        gap_edits.edit_why, chain.id, link.id)

    def action_delete(self) -> None:
        """Delete: the selected answer; on the problem, the whole chain."""
        found = self.need_selected()
        if found is None:
            return
        chain, index = found
        if index is None:
            self.action_delete_chain()
            return
        link = chain.links[index]
        if self.workbench.edit(t("gaps.undo.delete_why", text=short(link.text)),
                               gap_edits.delete_why, chain.id, link.id) is not None:
            self.workbench.notify(t("shell.deleted_hint"), timeout=3)

    def action_root(self) -> None:
        found = self.need_selected()
        if found is None:
            return
        chain, index = found
        if index is None:
            self.refuse(t("gaps.why.pick_answer"))
            return
        link, chain_id = chain.links[index], chain.id
        if chain.root_index == index:
            self.workbench.edit(t("gaps.undo.root_off", text=short(link.text)),
                                gap_edits.mark_root, chain_id, None)
            return
        label = t("gaps.undo.root_on", text=short(link.text))
        if why_rules.reason_required(index) and not chain.stop_reason.strip():
            def reason(text: str | None) -> None:
                if text and text.strip():
                    self.workbench.edit(label, gap_edits.mark_root, chain_id, link.id, text)
                elif text is not None:
                    self.refuse(t("gaps.edit.reason_needed", depth=index + 1,
                                  min=why_rules.MIN_WHYS))

            self.workbench.push_screen(TextPrompt(t("gaps.why.reason_title", depth=index + 1,
                                                    min=why_rules.MIN_WHYS)), reason)
            return
        self.workbench.edit(label, gap_edits.mark_root, chain_id, link.id)

    def action_reason(self) -> None:
        chain = self.need_chain()
        if chain is not None:
            self.revise(t("gaps.why.reason_edit"), chain.stop_reason, "gaps.undo.reason",
                        gap_edits.set_stop_reason, chain.id)

    def starts(self) -> list[tuple[str, str, str]]:
        """Where a new chain can start: a problem typed in, a key gap, a fishbone cause
        (choice id, label, text)."""
        doc = self.doc
        options = [("free", t("gaps.why.new_free"), "")]
        for row in ranking.key_gaps(doc):
            options.append((f"gap:{row.id}", t("gaps.why.new_gap", text=short(row.card.text,
                                                                             50)), row.card.text))
        for _card, fish in fish_rules.shown(doc, self.ranked(doc)):
            for bone in fish.bones:
                for cause, _level in ranking.walk_causes(bone.causes):
                    options.append((f"cause:{cause.id}", t(
                        "gaps.why.new_cause", bone=bone.label, text=short(cause.text, 50)),
                        cause.text))
        return options[:MAX_STARTS]

    def action_new(self) -> None:
        starts = self.starts()
        texts = {choice: text for choice, _label, text in starts}

        def typed(text: str) -> None:
            self.open_chain(lambda d: gap_edits.start_chain(
                d, problem=text, team_id=turns.current_team_id(d)), text)

        def chosen(choice: str | None) -> None:
            if choice == "free":
                self.ask(t("gaps.why.new_problem"), typed)
            elif choice and choice.startswith("gap:"):
                gap_id = choice.removeprefix("gap:")
                self.open_chain(lambda d: gap_edits.start_chain(
                    d, gap_id=gap_id, team_id=turns.current_team_id(d)), texts[choice])
            elif choice:
                cause_id = choice.removeprefix("cause:")
                self.open_chain(lambda d: gap_edits.start_chain(
                    d, cause_id=cause_id, team_id=turns.current_team_id(d)), texts[choice])

        self.workbench.push_screen(Choice(t("gaps.why.new_title"),
                                          [(choice, label) for choice, label, _ in starts]),
                                   chosen)

    def action_delete_chain(self) -> None:
        chain = self.need_chain()
        if chain is None:
            return
        if self.workbench.edit(t("gaps.undo.delete_chain", text=short(chain.problem)),
                               gap_edits.delete_chain, chain.id) is not None:
            # the redraw after the change has moved on to the newest chain left
            self.workbench.notify(t("shell.deleted_hint"), timeout=3)

    def action_switch(self, delta: int) -> None:
        whys = self.doc.gaps.whys
        if len(whys) < 2:
            self.workbench.bell()
            return
        ids = [c.id for c in whys]
        index = ids.index(self.chain_id) if self.chain_id in ids else 0
        self.open(ids[(index + delta) % len(ids)])

    def open(self, chain_id: str) -> None:
        self.follow(chain_id)
        self.draw(self.doc)  # the ladder announces its cursor: the entry follows

    def action_list(self) -> None:
        whys = self.doc.gaps.whys
        if not whys:
            self.workbench.bell()
            return
        options = [(c.id, f"{i}. {short(c.problem, 50)} · "
                    f"{t(f'gaps.why.state.{why_rules.state(c)}')}")
                   for i, c in enumerate(whys, 1)]

        def chosen(chain_id: str | None) -> None:
            if chain_id:
                self.open(chain_id)

        self.workbench.push_screen(Choice(t("gaps.why.list_title"), options), chosen)
