"""What the co-creation phases share: changing the document through the workbench, the
card board with its side panel (brainstorm, cluster, name, vote), and the keys that act
on a cluster in several phases (name it, give it to a team, merge, dissolve).

A change the board can show by itself (a card added, cards moved, a dot) is saved first
and then drawn from the mirror (``BoardMirror``), touching only the sections it changed:
what is on screen is on disk, and with 2,000 cards a keystroke does not redraw them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from workshop.edits import cocreate as edits
from workshop.i18n import get_language, t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.methods.cocreate import focus as cocreate_method
from workshop.methods.dots import tally_hidden
from workshop.model import Workshop
from workshop.model.tracking import ChangeSet
from workshop.text import truncate
from workshop.tui import redraw
from workshop.tui.panes import Pane
from workshop.tui.redraw import ChangeFirst
from workshop.tui.screens.dialogs import Choice
from workshop.tui.widgets.card_board import CardView, Section
from workshop.tui.widgets.cocreate.board_mirror import LOOSE, BoardMirror
from workshop.tui.widgets.cocreate.dialogs import ClusterPicker, NamePrompt
from workshop.tui.widgets.line_panel import LinePanel
from workshop.tui.widgets.wall_board import WallBoard

Redraw = Callable[[Workshop], tuple[list[Section], str | None]]
"""How the board changes after an accepted edit: the sections, and the card to select."""


def _returning(edit: Callable[..., Any]) -> Callable[..., tuple[Any]]:
    """Wrap `edit` so a successful call never returns None (the workbench's refusal)."""
    def run(doc: Workshop, *args: Any) -> tuple[Any]:
        return (edit(doc, *args),)
    return run


class CocreatePane(Pane):
    """A phase of the consensus workshop."""

    takes_cards = False

    def title(self) -> str:
        return t(f"cocreate.phase.{self.view}")

    def keys_hint(self) -> str:
        return t(f"cocreate.phase_hint.{self.view}")

    def act(self, label: str, edit: Callable[..., Any], *args: Any,
            then: Callable[[Any], None] | None = None) -> bool:
        """Apply `edit` (undoable, saved at once; the screen redraws from the document);
        `then` gets its result. False if the edit was refused (the room was told why)."""
        result = self.workbench.edit(label, _returning(edit), *args)
        if result is None:
            return False
        if then is not None:
            then(result[0])
        return True

    def selected_cluster_id(self) -> str | None:
        """The cluster the facilitator is on."""
        return None

    def cluster_number(self, cluster_id: str) -> int:
        """The cluster's number on the board (every list numbers clusters so)."""
        ids = [k.id for k in self.doc.cocreate.clusters]
        return ids.index(cluster_id) + 1 if cluster_id in ids else 0

    def cluster_choices(self, cluster_ids: list[str]) -> list[tuple[str, int, str]]:
        """Clusters as a picker lists them: id, board number, label."""
        return [(key, self.cluster_number(key), self.cluster_label(key)) for key in cluster_ids]

    def cluster_label(self, cluster_id: str) -> str:
        """A cluster as listed in a picker: its name (or its first card) and its size."""
        doc = self.doc
        cluster = doc.cocreate.cluster(cluster_id)
        if cluster is None:
            return ""
        cards = cluster_method.cards_of(doc.cocreate, cluster.id)
        name = cluster.name or t("cocreate.unnamed_with", first=truncate(
            cards[0].text.replace("\n", " "), 30) if cards else "")
        return f"{name}  ({len(cards)})"


class ClusterActions:
    """Keys on the cluster under the cursor (mixed into the panes that have them)."""

    NAME_KEY = Binding("r", "name_cluster", "Name cluster", id="cocreate_name",
                       tooltip="Name the cluster under the cursor (its 中心词)")
    ASSIGN_KEY = Binding("a", "assign_team", "Assign to team", id="cocreate_assign",
                         tooltip="The team that takes this strategy into its plan")
    MERGE_KEY = Binding("M", "merge", "Merge clusters", id="cocreate_merge",
                        key_display="Shift+M", show=False,
                        tooltip="Fold this cluster into another one")
    DISSOLVE_KEY = Binding("x", "dissolve", "Dissolve cluster", id="cocreate_dissolve",
                           show=False, tooltip="Send this cluster's cards back to the loose "
                           "cards")

    def _need_cluster(self: Any) -> str | None:
        cluster_id = self.selected_cluster_id()
        if cluster_id is None:
            self.workbench.notify(t("cocreate.pick_cluster_first"), severity="warning")
        return cluster_id

    def action_name_cluster(self: Any) -> None:
        cluster_id = self._need_cluster()
        if cluster_id is None:
            return
        doc = self.doc
        cluster = doc.cocreate.cluster(cluster_id)
        if cluster is None:
            return
        cards = [c.text for c in cluster_method.cards_of(doc.cocreate, cluster_id)]
        number = self.cluster_number(cluster_id)

        def done(name: str | None) -> None:
            if name is None or name == cluster.name:
                return
            self.act(t("cocreate.undo.name", name=truncate(name, 20)), edits.name_cluster,
                     cluster_id, name, then=lambda _advice: self.after_naming(cluster_id))

        self.workbench.push_screen(NamePrompt(t("cocreate.name_title", number=number),
                                              doc.cocreate.focus_question, cards,
                                              cluster.name), done)

    def after_naming(self, cluster_id: str) -> None:
        """A cluster was just named."""

    def action_assign_team(self: Any) -> None:
        cluster_id = self._need_cluster()
        if cluster_id is None:
            return
        options = [(team.id, team.name) for team in self.doc.teams]
        options.append(("-", t("cocreate.assign_nobody")))

        def chosen(team_id: str | None) -> None:
            if team_id is not None:
                self.act(t("cocreate.undo.assign"), edits.assign_team, cluster_id,
                         None if team_id == "-" else team_id)

        self.workbench.push_screen(Choice(t("cocreate.assign_title",
                                            name=self.cluster_label(cluster_id)), options),
                                   chosen)

    def action_merge(self: Any) -> None:
        source = self._need_cluster()
        if source is None:
            return
        others = [key for key in self.mirror.cluster_ids() if key != source]
        if not others:
            self.workbench.notify(t("cocreate.nothing_to_merge"), severity="warning")
            return

        def chosen(target: str | None) -> None:
            if target:
                self.act(t("cocreate.undo.merge"), edits.merge, source, target)

        self.workbench.push_screen(
            ClusterPicker(t("cocreate.merge_title", name=self.cluster_label(source)),
                          self.cluster_choices(others),
                          self.last_target), chosen)

    def action_dissolve(self: Any) -> None:
        cluster_id = self.selected_cluster_id()
        if cluster_id is not None:
            self.act(t("cocreate.undo.dissolve"), edits.remove_cluster, cluster_id)


class BoardPane(CocreatePane):
    """A phase worked on the card board, with what the phase needs beside it."""

    SCOPED_CSS = False  # the projector rules start at the app
    DEFAULT_CSS = """
    BoardPane > .cocreate-question {
        height: auto; max-height: 3; padding: 0 1; background: $primary 15%;
        color: $text; text-style: bold;
    }
    BoardPane > .cocreate-work { height: 1fr; }
    BoardPane .cocreate-side {
        width: 34%; min-width: 26; max-width: 52; border-left: vkey $panel;
        background: $surface; padding: 0 1;
    }
    BoardPane CardBoard > .card-board--header { background: $panel; }
    /* projector mode: the wall takes the screen (the side panel is for the facilitator) */
    .-projector BoardPane .cocreate-side { display: none; }
    """

    EMPTY = "cocreate.board_empty"
    """What the board says while it has no card (the i18n key)."""

    JUMP_KEYS: ClassVar[list[Binding]] = [
        Binding("shift+down", "jump(1)", "Next cluster", id="cocreate_jump_next", show=False,
                tooltip="The cursor to the first card of the next cluster"),
        Binding("shift+up", "jump(-1)", "Previous cluster", id="cocreate_jump_prev",
                show=False, tooltip="The cursor to the first card of the previous cluster"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mirror = BoardMirror()
        self.last_target: str | None = None
        """The cluster cards last went to (``.`` sends the next one there too)."""
        self._redraw: Redraw | None = None
        self._question = ""
        self._in_step: tuple[Any, ...] | None = None
        self.board = WallBoard(id=f"board-{self.view}", empty_hint=t(self.EMPTY),
                               flowing={LOOSE})
        self.panel = LinePanel(id=f"panel-{self.view}", classes="cocreate-panel")

    def compose(self) -> ComposeResult:
        yield Static(id=f"question-{self.view}", classes="cocreate-question")
        with Horizontal(classes="cocreate-work"):
            yield self.board
            with VerticalScroll(classes="cocreate-side"):
                yield self.panel

    # -- drawing --------------------------------------------------------------------------
    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        redraw, self._redraw = self._redraw, None
        self._show_question(doc)
        followed = self._following(doc)
        if redraw is not None:
            sections, chosen = redraw(doc)
            self.board.show(sections, select=chosen or select)
        else:
            sections = (self.mirror.follow(doc, followed) if followed is not None
                        else self.mirror.build(doc))
            if select is None and self.board.cursor < 0:
                select = self.start_card(doc, sections)
            self.board.show(sections, select=select)
        self._in_step = self._step_mark(doc)
        if isinstance(self.screen, ChangeFirst):  # after the frame with the board
            self.screen.follow_up(self._show_panel_now)
        else:
            self.show_panel(doc)

    def _show_panel_now(self) -> None:
        if self.is_attached:  # not a pane taken down meanwhile (a language switch)
            self.show_panel(self.doc)

    def _step_mark(self, doc: Workshop) -> tuple[Any, ...] | None:
        """What the mirror was last in step with: the session's count of changes to the
        document, and what else the wall reads (the tally's secrecy, the language)."""
        session = getattr(self.app, "session", None)
        if session is None or session.doc is not doc:
            return None
        return (session.content_changes, tally_hidden(doc, "cocreate"), get_language())

    def _following(self, doc: Workshop) -> ChangeSet | None:
        """The one change made since the mirror was last in step, when it can follow it
        (an undo or a redo: the wall is not read again card by card); else None."""
        was, now = self._in_step, self._step_mark(doc)
        if was is None or now is None or now[1:] != was[1:] or now[0] != was[0] + 1:
            return None
        return self.app.session.last_content_change

    def _show_question(self, doc: Workshop) -> None:
        question = doc.cocreate.focus_question or redraw.kept(
            self.app, doc, "cocreate.draft_question", cocreate_method.DRAFT_READ,
            lambda: cocreate_method.draft_focus_question(doc))
        if question != self._question:
            self._question = question
            self.query_one(".cocreate-question", Static).update(Text(question))

    def start_card(self, doc: Workshop, sections: list[Section]) -> str | None:
        """Where the cursor starts when the phase opens: the first card."""
        first = [s for s in sections if s.cards]
        return first[0].cards[0].id if first else None

    def show_panel(self, doc: Workshop) -> None:
        """The side panel: what this phase needs beside the board (``update_panel``)."""

    def update_panel(self, content: Text) -> None:
        """Show `content` in the side panel: only its rows that changed are painted again,
        and the screen is laid out again only when the panel's height changes (a layout
        repaints the whole screen: with it, a dot placed took as long to show as the
        save)."""
        self.panel.show_text(content)

    def change(self, label: str, edit: Callable[..., Any], *args: Any, redraw: Redraw,
               then: Callable[[Any], None] | None = None) -> bool:
        """Apply `edit` (saved before anything is drawn), then show it on the board the
        quick way: `redraw` says what the board shows now."""
        self._redraw = redraw
        try:
            return self.act(label, edit, *args, then=then)
        finally:
            self._redraw = None  # refused, or drawn

    def focus_default(self) -> None:
        self.board.focus()

    def spotlight_card(self) -> CardView | None:
        board = self.board
        return board.selected or (board.cards[-1] if board.cards else None)

    # -- the card and the cluster under the cursor ------------------------------------------
    def selected_cluster_id(self) -> str | None:
        card = self.board.selected
        if card is None or card.group == LOOSE:
            return None
        return card.group

    def targets(self) -> list[str]:
        """The marked cards, or else the card under the cursor."""
        marked = self.mirror.marked_in_order()
        if marked:
            return marked
        card = self.board.selected
        return [card.id] if card is not None else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the keys act on the card under the cursor: only while the board has the focus
        return self.board.has_focus

    def action_jump(self, delta: int) -> None:
        """Put the cursor on the first card of the next (or previous) cluster."""
        card = self.board.selected
        sections = [s for s in self.mirror.sections if s.cards]
        if not sections:
            return
        keys = [s.key for s in sections]
        index = keys.index(card.group) + delta if card and card.group in keys else 0
        index = max(0, min(len(sections) - 1, index))
        self.board.select(sections[index].cards[0].id)

    def leave(self) -> None:
        """The phase is over: marks do not carry into the next one."""
        self.mirror.marked = set()
