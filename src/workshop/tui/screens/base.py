"""The frame every step shares: top bar with stepper and clock, the body, turn bar, entry.

A step screen subclasses ``StepScreen`` and overrides ``compose_body`` and
``refresh_body``; until it does, the body shows the step's card boards and what the
method says about the step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, TextArea

from workshop.edits import cards as card_edits
from workshop.edits import room as room_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.model import BOARDS, Card, StepId, Workshop
from workshop.text import truncate
from workshop.tui import compat
from workshop.tui.redraw import ChangeFirst
from workshop.tui.widgets.card_board import CardBoard, CardView, Section
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.clock import ClockDisplay
from workshop.tui.widgets.key_bar import KeyBar
from workshop.tui.widgets.method_panel import MethodPanel
from workshop.tui.widgets.spotlight import Spotlight
from workshop.tui.widgets.stepper import Stepper
from workshop.tui.widgets.top_bar import TopBar
from workshop.tui.widgets.turn_bar import TurnBar

if TYPE_CHECKING:
    from textual.widget import Widget

    from workshop.tui.app import WorkshopApp


def card_views(doc: Workshop, step: StepId, board: str) -> list[CardView]:
    """The cards of a board as the board widget shows them (runs on every change: keep lean)."""
    teams = {team.id: (team.name, team.color) for team in doc.teams}
    nobody = ("", "")
    return [CardView(card.id, card.text, *teams.get(card.team_id, nobody), card.hidden, "", board)
            for card in doc.cards(step, board)]


NOTICE_SECONDS = 4.0
"""How long the notice that typing lands nowhere stays; typing on meanwhile adds none."""


class StepScreen(ChangeFirst, Screen):
    """A step of the method inside the shared frame."""

    step: ClassVar[StepId] = "vision"

    BINDINGS = [
        Binding("ctrl+b", "next_board", "Next board", id="next_board", show=False),
        Binding("ctrl+o", "toggle_hidden_mode", "Hidden cards", id="hidden_mode", show=False),
        Binding("ctrl+r", "reveal_all", "Reveal hidden cards", id="reveal_all", show=False),
        Binding("enter", "edit_card", "Edit card", id="edit_card"),
        Binding("delete", "delete_card", "Delete card", id="delete_card"),
        Binding("h", "toggle_card_hidden", "Hide/show card", id="hide_card"),
        Binding("escape", "focus_entry", "Back to typing", id="focus_entry", show=False),
    ]

    FOCUS_ACTIONS: ClassVar[tuple[str, ...]] = ("edit_card", "delete_card",
                                                "toggle_card_hidden")
    """Keys that act on the focused board's card (shown only while a board has the
    focus): the footer names them first, as the focused widget's keys."""

    app: WorkshopApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.step}", classes="step-screen")
        compat.cull_hidden_lines(self)
        boards = BOARDS.get(self.step, ())
        self.board: str = boards[0] if boards else ""
        self._dirty = True
        self._frame_dirty = False
        """Only the shared frame is out of date (``redraw.FRAME_ONLY``)."""
        self._composing = False
        """Being composed again (``recompose``): not to be drawn until it is all there."""
        self._frame_found: tuple[Widget, ...] = ()
        """The shared frame's widgets, last found all up (``frame_is_up``)."""
        self._select_next: str | None = None
        self._spotlit: CardView | None = None
        """A card to put the cursor on at the next redraw (the one just added)."""
        self._said_typed_nowhere = float("-inf")
        """When the notice that typed text lands nowhere here was last shown."""
        self._cursor_holds: tuple[CardBoard, bool] | None = None
        """The board the footer's keys were last worked out for, and whether its cursor
        was on a card."""

    # -- composition ----------------------------------------------------------------
    def size_classes(self, width: int, height: int) -> dict[str, bool]:
        """The screen's classes that follow its size (class name: whether it is set)."""
        return {}

    def _set_size_classes(self, width: int, height: int) -> None:
        for name, wanted in self.size_classes(width, height).items():
            self.set_class(wanted, name)

    def on_resize(self, event: events.Resize) -> None:
        self._set_size_classes(event.size.width, event.size.height)

    def compose(self) -> ComposeResult:
        # set before the widgets mount and are styled: otherwise the first resize would
        # change them and restyle the whole screen before its first frame
        self._set_size_classes(*self.app.size)
        yield TopBar(self.step)
        with Vertical(id="body"):
            yield Spotlight(id="spotlight", classes="-empty")  # until a card is spotlit
            yield from self.compose_body()
        yield TurnBar()
        if self.has_entry:
            yield CardEntry(self.add_card)
        yield KeyBar()

    @property
    def has_entry(self) -> bool:
        return bool(BOARDS.get(self.step))

    def compose_body(self) -> ComposeResult:
        """The step's own content. Default: its card boards beside the method's guidance."""
        if BOARDS.get(self.step):
            with Horizontal():
                yield CardBoard(id="board", empty_hint=t("shell.board_empty"))
                with VerticalScroll(id="method"):
                    yield MethodPanel(self.step)
        else:
            with VerticalScroll(id="method", classes="-wide"):
                yield MethodPanel(self.step)

    def on_mount(self) -> None:
        self._styled_for = self._style_key()  # its widgets were styled as they mounted
        self.app.step_screens[self.step] = self
        self.watch(self.app, "revision", self._on_revision, init=False)
        self.refresh_from_doc()
        if self.frame_is_up():  # not when the app quit while the screen was being built
            self.focus_default()

    def focus_default(self) -> None:
        if self.has_entry:
            self.query_one(CardEntry).input.focus()

    def _style_key(self) -> tuple[object, ...]:
        """What this screen's styles depend on outside it (projector mode is an app class)."""
        app = self.app
        return (app.classes, app.theme, app.app_focus)

    def on_screen_suspend(self) -> None:
        self._styled_for = self._style_key()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen coming back; its styles are current
        # unless the app's classes or theme changed while it was away.
        if getattr(self, "_styled_for", None) == self._style_key():
            event.refresh_styles = False
        if self._dirty:
            self.refresh_from_doc()
        elif self._frame_dirty:
            self.refresh_frame()
        self.tick(self.app.time_source.now())

    def _on_revision(self, _revision: int) -> None:
        if self.app.screen is self:
            select, self._select_next = self._select_next, None
            self.refresh_from_doc(select=select, change_first=True)
        else:
            self._dirty = True

    # -- showing the document ---------------------------------------------------------
    @property
    def doc(self) -> Workshop:
        return self.app.session.doc

    @property
    def hidden_mode(self) -> bool:
        """Whether new cards in this step go on the board hidden (saved with the room)."""
        return self.step in self.doc.room.hidden_steps

    def frame_changed(self) -> None:
        """Only what the shared frame shows changed (a step change, the clock): redrawn
        now if the screen is in view, else when it comes back (its body stays as drawn)."""
        if self.app.screen is self and not self._dirty:
            self.refresh_frame()
        else:
            self._frame_dirty = True

    @property
    def drawn(self) -> bool:
        """Whether the screen shows the document as it is now (not waiting to be redrawn)."""
        return not (self._dirty or self._frame_dirty or self.following)

    async def recompose(self) -> None:
        """Compose the screen again (a language switch): drawn once it is all there."""
        self._composing = True
        try:
            await super().recompose()
        finally:
            self._composing = False

    def frame_is_up(self) -> bool:
        """Whether the frame every step shares is all there: not while the screen is still
        being composed, or taken down (the app's tick and a change come at any moment)."""
        if self._composing or not (self.is_attached and self.app.is_running):
            # composing: the frame's widgets may be up before what they hold; the app
            # quitting: what the screen holds is being taken down
            return False
        if self._frame_found and all(part.is_attached for part in self._frame_found):
            return True  # looking for them again is a tenth of a millisecond
        top = self.query_children(TopBar)
        clock = top.first().query_children(ClockDisplay) if top else None
        rest = [self.query_children(TurnBar), self.query_children(KeyBar)]
        if not (clock and all(rest)):
            return False
        self._frame_found = (top.first(), clock.first(), *(found.first() for found in rest))
        return True

    def refresh_from_doc(self, *, select: str | None = None, change_first: bool = False) -> None:
        """Redraw everything from the document (after any change).

        `change_first` (a change made in view): the step's body, where the change shows,
        is drawn now, and what else derives from the document (the shared frame, the
        entry's team, the spotlight, a pane's tabs and side panel: ``follow_up``) once
        the frame that shows the change is out. A card typed is on the wall a
        millisecond or two sooner; the counts beside it follow a frame later."""
        if not self.frame_is_up():
            self._dirty = True  # drawn when it is composed
            return
        self._dirty = False
        doc = self.doc
        if not change_first:
            self.refresh_body(doc, select=select)
            self._show_surroundings()
            return
        with self.drawing_change():
            self.refresh_body(doc, select=select)
            self.follow_up(self._show_surroundings)

    def _show_surroundings(self) -> None:
        doc = self.doc
        self._show_frame(doc)
        self.show_entry_target(doc)
        self._update_spotlight()

    def refresh_frame(self) -> None:
        """Redraw the shared frame alone: the top bar, the turn bar, the entry's team."""
        if not self.frame_is_up():
            self._dirty = True
            return
        doc = self.doc
        self._show_frame(doc)
        self.show_entry_target(doc)

    def _show_frame(self, doc: Workshop) -> None:
        self._frame_dirty = False
        now = self.app.time_source.now()
        self.query_one(TopBar).show(doc, now)
        self.query_one(TurnBar).show(doc, now)

    def show_entry_target(self, doc: Workshop) -> None:
        """The entry names the team at the keyboard and the board its card lands on."""
        if not self.has_entry:
            return
        team = doc.team(turns.current_team_id(doc))
        self.query_one(CardEntry).show_who(
            team.name if team else "", team.color if team else "#888888",
            t(f"board.{self.board}") if len(BOARDS.get(self.step, ())) > 1 else "",
            self.hidden_mode)

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        """Redraw the step's own content. Default: the card boards."""
        boards = self.query(CardBoard)
        if not boards:
            return
        board = boards.first()
        board.current_section = self.board
        board.show([
            Section(key=name, title=t(f"board.{name}") if len(BOARDS[self.step]) > 1 else "",
                    cards=card_views(doc, self.step, name), hint=t("shell.board_hint"))
            for name in BOARDS[self.step]
        ], select=select)

    def tick(self, now: float) -> None:
        """Called by the app a few times a second: keep the clock and countdown current
        as of `now`. A tick can come while the screen is still being composed, or taken
        down (a language switch composes it again): it shows what is there."""
        doc = self.doc
        # the frame's bars are the screen's own children: looking there alone, not over
        # every widget of the step, keeps a tick (four a second) from delaying a key
        for top in self.query_children(TopBar).results(TopBar):
            for clock in top.query_children(ClockDisplay).results(ClockDisplay):
                clock.show(doc.room.clock, now)
        if doc.room.turn.ends_at is not None:
            for bar in self.query_children(TurnBar).results(TurnBar):
                bar.show(doc, now)

    def spotlight_card(self) -> CardView | None:
        """What the room is talking about: the selected card, or else the newest one."""
        boards = self.query(CardBoard)
        if not boards:
            return None
        board = boards.first()
        return board.selected or (board.cards[-1] if board.cards else None)

    def _update_spotlight(self) -> None:
        """Show ``spotlight_card`` large for the back row (a hidden card stays hidden).

        Only drawn in projector mode (updating it re-lays out the screen).
        """
        if not self.app.has_class("-projector"):
            self._spotlit = None
            return
        card = self.spotlight_card()
        if card is not None and card.hidden:
            card = None
        if card != self._spotlit:
            self._spotlit = card
            self.query_one(Spotlight).show_card(card)

    @on(Stepper.StepClicked)
    def _step_clicked(self, event: Stepper.StepClicked) -> None:
        self.app.go_to(event.step)

    @on(TurnBar.TeamClicked)
    def _team_clicked(self, event: TurnBar.TeamClicked) -> None:
        self.give_turn(event.team_id)

    def give_turn(self, team_id: str) -> None:
        """A team's name on the turn bar was clicked: it comes to the keyboard."""
        self.app.give_turn(team_id)

    def round_key(self) -> str:
        """The board the room is working on (``vision:``, ``review:highlights``): a team
        that passes (F7) passes for the round of this board only."""
        return f"{self.step}:{self.board}"

    def start_round(self) -> None:
        """The room moved to another board: passes made on the last one are forgotten."""
        turn = self.doc.room.turn
        if turn.passed and turn.round != self.round_key():
            self.app.room(room_edits.enter_round, self.round_key())

    def next_turn(self) -> None:
        """F4: the keyboard goes to the next team (a step may mean more by it)."""
        self.app.room(room_edits.next_turn, self.app.team_ids(), self.app.time_source.now())

    # -- cards ------------------------------------------------------------------------
    def add_card(self, text: str, hidden: bool, entry: CardEntry) -> None:
        def add_and_select(doc: Workshop) -> Card:
            card = card_edits.add_card(doc, self.step, text, board=self.board or None,
                                       team_id=turns.current_team_id(doc), hidden=hidden)
            self._select_next = card.id  # the redraw that follows puts the cursor on it
            return card

        with self.app.drafts.submitting():  # the card and the emptied draft: one save
            card = self.app.edit(t("undo.add_card", text=truncate(text, 24)), add_and_select)
        if card is not None:
            entry.accepted()
            self.app.clear_draft()
            self.app.after_card_added()

    @on(CardBoard.CursorMoved)
    def _cursor_moved(self, event: CardBoard.CursorMoved) -> None:
        card = event.card
        boards = BOARDS.get(self.step, ())
        # Follow the cursor only when someone moves it on the board: a redraw re-announces
        # the same card, and must not undo a board chosen with ctrl+b while typing.
        if (card is not None and card.group in boards and card.group != self.board
                and event.board.has_focus):
            self.board = card.group
            self.start_round()
            self.refresh_from_doc()
        self._update_spotlight()
        # a card under the cursor or none: its keys come or go (only then: the footer is
        # worked out again for each refresh, and the cursor moves with every key)
        holds = (event.board, card is not None)
        if event.board.has_focus and holds != self._cursor_holds:
            self._cursor_holds = holds
            self.refresh_bindings()

    def _selected_card(self) -> CardView | None:
        focused = self.focused
        if isinstance(focused, CardBoard):
            return focused.selected
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a key can come before the step is composed (F3, the app's, goes ahead of the
        # keys typed before it): nothing here to act on yet, nor to ask
        return self.frame_is_up() and self.allows(action, parameters)

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether `action` may run now (``check_action`` once the step is composed)."""
        if action in ("edit_card", "delete_card", "toggle_card_hidden"):
            return self._selected_card() is not None
        if action in ("next_board", "toggle_hidden_mode", "reveal_all"):
            return bool(BOARDS.get(self.step))
        return True

    def action_next_board(self) -> None:
        boards = BOARDS.get(self.step, ())
        if len(boards) > 1:
            self.board = boards[(boards.index(self.board) + 1) % len(boards)]
            self.start_round()
            self.refresh_from_doc()

    def action_toggle_hidden_mode(self) -> None:
        on = self.app.room(room_edits.set_hidden_mode, self.step, not self.hidden_mode)
        if on is not None:
            self.notify(t("shell.hidden_on" if on else "shell.hidden_off"))

    def action_reveal_all(self) -> None:
        count = self.app.edit(t("undo.reveal_all"), card_edits.reveal_all, self.step)
        if count is not None:
            self.notify(t("shell.revealed", count=count))

    def action_edit_card(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        from workshop.tui.screens.dialogs import TextPrompt

        def done(text: str | None) -> None:
            if text is not None and text != card.text:
                self.app.edit(t("undo.edit_card", text=truncate(text, 24)), card_edits.edit_card,
                              card.id, text)

        # a hidden card stays hidden while it is edited on the projector
        self.app.push_screen(TextPrompt(t("shell.edit_card_title"), card.text,
                                        masked=card.hidden), done)

    def action_delete_card(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        if self.app.edit(t("undo.delete_card", text=truncate(card.text, 24)),
                         card_edits.delete_card, card.id) is not None:
            self.notify(t("shell.deleted_hint"))

    def action_toggle_card_hidden(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        key = "undo.show_card" if card.hidden else "undo.hide_card"
        self.app.edit(t(key, text=truncate(card.text, 24)), card_edits.set_hidden, card.id,
                      not card.hidden)

    def start_typing(self) -> Input | None:
        """Where a character typed with the focus elsewhere goes (made ready for it), or
        None: nowhere on this screen. Default: the card entry, when it is on screen."""
        found = self.query_children(CardEntry) if self.has_entry else None
        entry = found.first() if found else None
        return entry.input if entry is not None and entry.display else None

    def on_key(self, event: events.Key) -> None:
        """A character typed where nothing takes text (a board or a list has the focus, and
        no key here is that character) is not lost without a word (``_typed_elsewhere``)."""
        if (not event.is_printable or isinstance(self.focused, (Input, TextArea))
                or event.character is None):
            return
        bound = compat.bound_keys(self)
        if any(key in bound for key in event.aliases):
            return
        event.stop()
        event.prevent_default()
        self._typed_elsewhere(event.character, bound)

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted with a board or a list holding the focus goes the same way (its
        first line, as an input takes a paste)."""
        lines = event.text.splitlines()
        if not lines or not lines[0] or isinstance(self.focused, (Input, TextArea)):
            return
        event.stop()
        self._typed_elsewhere(lines[0], compat.bound_keys(self))

    def _typed_elsewhere(self, text: str, bound: dict[str, Binding]) -> None:
        """`text` goes where this screen takes text (``start_typing``), which takes the
        keys from then on; else a notice says typing lands nowhere here."""
        field = self.start_typing()
        if field is not None:
            field.focus()
            field.insert_text_at_cursor(text)
            return
        now = self.app.time_source.monotonic()
        if now - self._said_typed_nowhere > NOTICE_SECONDS:  # one notice per burst of typing
            self._said_typed_nowhere = now
            help_key = next((b for b in bound.values() if b.id == "help"), None)
            self.notify(t("shell.typed_nowhere", help=self.app.get_key_display(help_key)
                          if help_key else "F1"), timeout=NOTICE_SECONDS)

    def action_focus_entry(self) -> None:
        self.focus_default()
