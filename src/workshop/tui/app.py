"""The workshop app: wiring only. Screens show the document; every change goes through
``edit`` (undoable, saved at once) or ``room`` (saved, not undoable)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from workshop import i18n
from workshop.edits import EditError
from workshop.edits import room as room_edits
from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import turns
from workshop.model import STEPS, StepId, Workshop
from workshop.store import Session, StoreError
from workshop.tui import compat
from workshop.tui.disk import DiskWatch
from workshop.tui.exporting import ExportsHost
from workshop.tui.keymap import load_keymap
from workshop.tui.lifecycle import Drafts, Lifecycle
from workshop.tui.phones import PhonesHost, RoomOptions
from workshop.tui.quiet import QuietWork
from workshop.tui.redraw import FRAME_ONLY
from workshop.tui.screens import screen_for
from workshop.tui.screens.base import StepScreen
from workshop.tui.themes import DEFAULT_THEME, PROJECTOR, THEMES
from workshop.tui.time_source import SYSTEM_TIME, TimeSource
from workshop.tui.widgets.key_bar import key_display

T = TypeVar("T")

TICK_SECONDS = 0.25


class WorkshopApp(PhonesHost, ExportsHost, App[int]):
    """One projected terminal for the whole workshop (and the host of the room's phones,
    ``PhonesHost``, and of F8's exports, ``ExportsHost``)."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "Help", id="help", priority=True, tooltip="Every key"),
        Binding("f2", "step(-1)", "Previous step", id="prev_step", priority=True),
        Binding("f3", "step(1)", "Next step", id="next_step", priority=True),
        Binding("f4", "next_turn", "Next team", id="next_turn", priority=True),
        Binding("f5", "toggle_clock", "Clock", id="toggle_clock", priority=True),
        Binding("f6", "add_minute", "+1 min", id="add_minute", priority=True, show=False),
        Binding("f7", "pass_turn", "Team passes", id="pass_turn", priority=True, show=False),
        Binding("f8", "export", "Export", id="export", priority=True),
        Binding("f9", "toggle_projector", "Projector", id="projector", priority=True),
        Binding("ctrl+f", "phones", "Phones", id="phones", priority=True, show=False),
        Binding("ctrl+t", "reset_clock", "Reset clock", id="reset_clock", priority=True,
                show=False),
        Binding("ctrl+z", "undo", "Undo", id="undo", priority=True, show=False),
        Binding("ctrl+y", "redo", "Redo", id="redo", priority=True, show=False),
        Binding("ctrl+s", "saved", "Saved", id="saved", priority=True, show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    KEPT_FROM_DIALOGS: ClassVar[frozenset[str]] = frozenset(
        {"step", "next_turn", "pass_turn", "export", "undo", "redo", "turn_timer"})
    """Global keys that do nothing while a dialog is open: the step, the turn and the
    document must not change under it, and its text box keeps F7 (select all), Ctrl+Z
    and Ctrl+Y for itself. The clock, the projector, help and quitting still work."""

    revision: reactive[int] = reactive(0, init=False, repaint=False)
    """Bumped after every change to the document; screens redraw from it. (It repaints
    nothing itself: a repaint of the app is a repaint of the whole screen.)"""

    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {
        step: partial(screen_for, step) for step in STEPS}
    """One mode per step, each with its own screen stack (dialogs stay with their step)."""

    def __init__(self, session: Session | None = None, *, projector: bool = False,
                 on_first_screen: Callable[[], None] | None = None,
                 time_source: TimeSource = SYSTEM_TIME,
                 room_options: RoomOptions | None = None) -> None:
        if session is not None:
            compat.open_in_mode(self, session.doc.room.step)
        super().__init__()
        self.time_source = time_source
        """Every clock the app reads (tests pass one they move by hand)."""
        self.room_options = room_options or RoomOptions()
        for theme in THEMES:
            self.register_theme(theme)
        self._on_first_screen = on_first_screen
        self.session: Session = session  # type: ignore[assignment]
        self._start_projector = projector
        self.drafts = Drafts(self)
        self.lifecycle = Lifecycle(self)
        self.disk = DiskWatch(self)
        self._told_not_utf8 = False
        self.quiet_work = QuietWork(self)  # snapshots, other steps' screens
        self._clock_was_running_out = False
        self._alert_until = 0.0
        self.step_screens: dict[StepId, StepScreen] = {}
        self.first_frame_up = False
        """Whether the first frame is on the terminal (``on_ready``): until then, what can
        wait for the frame after it does (the stepper's status)."""
        if session is not None:
            self._dress_for(session)  # before the first screen composes, in its language
        # Made with the chosen theme's variables, so the CSS is parsed for it from the start.
        compat.reuse_parsed_css(self)
        compat.lenient_terminal_input()  # one byte that is not UTF-8 must not end the app

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry user text (card texts in undo notices): never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def set_keymap(self, keymap: dict[str, str]) -> None:
        """Remap keys by binding id; kept, so the help names the keys as remapped."""
        self.keymap_in_use = dict(keymap)
        super().set_keymap(keymap)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False: the key goes on to the dialog's own widgets
        return not (action in self.KEPT_FROM_DIALOGS and self._dialog_open())

    def _dialog_open(self) -> bool:
        try:
            return isinstance(self.screen, ModalScreen)
        except ScreenStackError:
            return False

    def get_key_display(self, binding: Binding) -> str:
        return key_display(binding)

    # -- start-up -----------------------------------------------------------------------
    def on_mount(self) -> None:
        self.lifecycle.install()  # SIGHUP and SIGTERM leave like Ctrl+Q, whatever happens
        load_keymap(self)
        if self.session is not None:
            self._enter_session(self.session)  # dressed for it in __init__
        else:
            from workshop.tui.screens.home import HomeScreen  # only without a session

            self.theme = DEFAULT_THEME
            self.push_screen(HomeScreen())
        self.set_interval(TICK_SECONDS, self.tick)

    def on_ready(self) -> None:
        """The first frame is on the terminal: what waited for it is shown now."""
        self.first_frame_up = True
        if self._on_first_screen is not None:
            self._on_first_screen()
        for screen in list(self.step_screens.values()):
            screen.refresh_frame()

    def _dress_for(self, session: Session) -> None:
        """Take on `session`'s language, theme and projector mode."""
        room = session.doc.room
        i18n.set_language(room.language or i18n.get_language())
        # Choose the theme once: every theme change restyles the whole app.
        chosen = room.theme if room.theme in self.available_themes else DEFAULT_THEME
        self._theme_before_projector = chosen
        projector = room.projector or self._start_projector
        self.set_class(projector, "-projector")
        self.theme = PROJECTOR.name if projector else chosen
        self.title = session.doc.meta.title

    def start_session(self, session: Session) -> None:
        """Show `session`: its language, theme, projector mode, and the step it was on."""
        self.session = session
        self._dress_for(session)
        self._enter_session(session)

    def _enter_session(self, session: Session) -> None:
        """Go to the step `session` was on (the app is already dressed for it)."""
        room = session.doc.room
        projector = self.has_class("-projector")
        self._start_projector = False
        if projector != room.projector:
            self.room(room_edits.set_projector, projector)
        self.switch_mode(room.step)
        if room.clock.duration_s == 0:
            self.room(room_edits.reset_clock, self._minutes(room.step), room.step)
        draft = room.draft
        if draft:
            self.call_after_refresh(self.drafts.restore, draft)
        if self.room_options.open_at_start:  # --room
            self.call_after_refresh(self.action_phones)

    def on_unmount(self) -> None:
        self.lifecycle.uninstall()
        self.close_exports()  # an export still running ends with the app

    # -- changing the document -------------------------------------------------------------
    @property
    def doc(self) -> Workshop:
        """The session's document as it is now (undo replaces it: look things up again)."""
        return self.session.doc

    def edit(self, label: str, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Apply an undoable change, saved at once. Returns None (and says why) if refused."""
        try:
            result = self.session.apply(label, self.drafts.fold_into(edit), *args, **kwargs)
        except EditError as error:
            self.bell()
            self.notify(str(error), severity="warning")
            return None
        except (StoreError, OSError) as error:
            self.notify(t("shell.save_failed", error=error), severity="error", timeout=15)
            return None
        self.revision += 1
        self.disk.check()  # a disk that refused it: the room is told at once
        return result

    def room(self, edit: Callable[..., T], *args: Any) -> T | None:
        """Change the room state: ``edit(room, *args)`` (``edits.room``); saved, not undone."""
        try:
            result = self.session.update_room(edit, *args)
        except (StoreError, OSError) as error:
            self.notify(t("shell.save_failed", error=error), severity="error", timeout=15)
            return None
        if edit in FRAME_ONLY:  # the step, the clock: the screens' frames alone redraw
            for screen in self.step_screens.values():
                screen.frame_changed()
        else:
            self.revision += 1
        return result

    def team_ids(self) -> list[str]:  # the turn order, for room edits that hand it on
        return [team.id for team in self.session.doc.teams]

    def _minutes(self, step: StepId | None = None) -> int:  # the agenda's, for the clock
        return self.session.doc.agenda.get(step or self.session.doc.room.step, 0)

    def save_draft(self, text: str) -> None:
        """Keep what is being typed in the card entry, now (before the key shows)."""
        self.drafts.save(text)

    def clear_draft(self) -> None:
        self.drafts.save("")

    def after_card_added(self) -> None:
        """A card landed for the current team. With a cap per turn reached, the keyboard
        changes hands in front of the room (``Handover``): the turn moves when Enter says
        so, never under a team that is still typing."""
        doc = self.session.doc
        cap = doc.cocreate.cap_per_turn if doc.room.step == "cocreate" else None
        if not cap or doc.room.turn.cards_this_turn < cap:
            return
        team = doc.team(turns.current_team_id(doc))
        nxt = doc.team(turns.next_team_id(doc) or turns.current_team_id(doc))
        if team is None or nxt is None or nxt.id == team.id:
            return
        from workshop.tui.screens.handover import Handover

        def handed(go: bool | None) -> None:
            # F4 or a click may have moved the turn meanwhile: move it only from `team`
            if go and turns.current_team_id(self.session.doc) == team.id:
                self.room(room_edits.next_turn, self.team_ids(), self.time_source.now())
                now = self.session.doc.team(turns.current_team_id(self.session.doc))
                self.notify(t("shell.cap_reached", team=team.name,
                              next=now.name if now else ""))

        self.push_screen(Handover(team, cap, nxt), handed)

    # -- the clock and the turn ------------------------------------------------------------
    def tick(self) -> None:
        """A few times a second: retry a draft the disk refused, sound the alarm when
        the time box runs out, hand the turn on when its countdown does, and keep the
        clocks on screen current."""
        if not self._told_not_utf8 and compat.input_was_not_utf8():
            self._told_not_utf8 = True  # once: every key of a GBK terminal would repeat it
            self.notify(t("shell.terminal_not_utf8"), severity="warning", timeout=15)
        if self.session is None or not self.is_running:  # quitting takes the screens down
            return
        self.drafts.flush()  # a draft the disk refused, again
        if self.session.unsaved:  # changes the disk refused: try them again now
            self.session.checkpoint()
        self.disk.check()
        doc = self.session.doc
        now = self.time_source.now()
        clock = doc.room.clock
        left = clock_math.remaining(clock, now)
        running_out = clock.running and left <= 0
        if running_out and not self._clock_was_running_out:
            self.bell()
            self._alert_until = now + 6
            self.notify(t("shell.time_up", step=t(f"step.{clock.step or doc.room.step}")),
                        severity="warning", timeout=8)
        self._clock_was_running_out = running_out
        turn = doc.room.turn
        # a team still typing its card keeps the keyboard until Enter (or it clears it)
        if (turn.ends_at is not None and now >= turn.ends_at and clock.running
                and not self.drafts.typing):
            done = doc.team(turns.current_team_id(doc))
            self.room(room_edits.next_turn, self.team_ids(), now)
            nxt = self.session.doc.team(turns.current_team_id(self.session.doc))
            self.bell()
            self.notify(t("shell.turn_over", team=done.name if done else "",
                          next=nxt.name if nxt else ""))
        try:
            screen = self.screen
        except ScreenStackError:  # a tick while a step's screen is still being set up
            return
        if isinstance(screen, StepScreen):
            screen.tick(now)
            screen.set_class(now < self._alert_until and int(now * 2) % 2 == 0, "-alert")
        self.quiet_work.tick()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.quiet_work.touched()
        await super().on_event(event)

    def action_toggle_clock(self) -> None:
        if self._need_session():
            running = self.room(room_edits.toggle_clock, self._minutes(), self.time_source.now())
            self.notify(t("shell.clock_started" if running else "shell.clock_paused"), timeout=2)

    def action_reset_clock(self) -> None:
        if self._need_session():
            self.room(room_edits.reset_clock, self._minutes())
            self.notify(t("shell.clock_reset", minutes=self._minutes()), timeout=2)

    def action_add_minute(self) -> None:
        if self._need_session():
            self.room(room_edits.add_minute)
            self.notify(t("shell.minute_added"), timeout=2)

    def action_next_turn(self) -> None:
        if self._need_session():
            if isinstance(self.screen, StepScreen):
                self.screen.next_turn()  # the town hall: the next team comes up to present
            else:
                self.room(room_edits.next_turn, self.team_ids(), self.time_source.now())

    def action_pass_turn(self) -> None:
        if not self._need_session():
            return
        team = self.session.doc.team(turns.current_team_id(self.session.doc))
        where = self.screen.round_key() if isinstance(self.screen, StepScreen) else None
        nxt = self.room(room_edits.pass_turn, self.team_ids(), self.time_source.now(), where)
        if nxt is None:
            self.notify(t("shell.round_over"))
        elif team:
            self.notify(t("shell.passed", team=team.name))

    def give_turn(self, team_id: str) -> None:
        self.room(room_edits.set_turn, team_id, self.time_source.now())

    def action_turn_timer(self) -> None:
        """Set the per-turn countdown (seconds; empty or 0 turns it off)."""
        if not self._need_session():
            return
        from workshop.tui.screens.dialogs import TextPrompt

        current = self.session.doc.room.turn.seconds

        def done(text: str | None) -> None:
            if text is None:
                return
            text, ids, now = text.strip(), self.team_ids(), self.time_source.now()
            if not text or text == "0":
                self.room(room_edits.set_turn_seconds, None, ids, now)
                self.notify(t("shell.turn_timer_off"))
                return
            if not text.isdigit() or not 5 <= int(text) <= 3600:
                self.notify(t("shell.turn_timer_bad", value=text), severity="warning")
                return
            self.room(room_edits.set_turn_seconds, int(text), ids, now)
            self.notify(t("shell.turn_timer_on", seconds=int(text)))

        self.push_screen(TextPrompt(t("shell.turn_timer_title"), str(current or "")), done)

    # -- moving between steps ---------------------------------------------------------------
    def go_to(self, step: StepId) -> None:
        if not self._need_session():
            return
        self.leave_phones_screen()
        compat.switch_mode_now(self, step)  # first: the step being left is not redrawn
        self.room(room_edits.enter_step, step, self._minutes(step))  # one save

    def action_step(self, delta: int) -> None:
        if not self._need_session():
            return
        index = STEPS.index(self.session.doc.room.step)
        target = index + delta
        if 0 <= target < len(STEPS):
            self.go_to(STEPS[target])
        else:
            self.bell()

    # -- undo -------------------------------------------------------------------------------
    def action_undo(self) -> None:
        if not self._need_session():
            return
        label = self.session.undo()
        if label is None:
            self.notify(t("undo.nothing_to_undo"), timeout=2)
            return
        self.revision += 1
        self.notify(t("undo.undone", label=label), timeout=3)

    def action_redo(self) -> None:
        if not self._need_session():
            return
        label = self.session.redo()
        if label is None:
            self.notify(t("undo.nothing_to_redo"), timeout=2)
            return
        self.revision += 1
        self.notify(t("undo.redone", label=label), timeout=3)

    def action_saved(self) -> None:
        if self.session is not None:
            self.notify(t("shell.autosaved", path=self.session.path), timeout=3)

    # -- projector, theme, language ----------------------------------------------------------
    def action_toggle_projector(self) -> None:
        if not self._need_session():
            return
        on = not self.session.doc.room.projector
        self.room(room_edits.set_projector, on)
        self._apply_projector(on)

    def _apply_projector(self, on: bool) -> None:
        self.set_class(on, "-projector")
        if isinstance(self.screen, StepScreen):
            self.screen.refresh_from_doc()
        if on:
            if self.theme != PROJECTOR.name:
                self._theme_before_projector = self.theme
            self.theme = PROJECTOR.name
        elif self.theme == PROJECTOR.name:
            self.theme = getattr(self, "_theme_before_projector", DEFAULT_THEME)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme the facilitator picked (not the projector's own)."""
        if self.session is None or theme == PROJECTOR.name:
            return
        if self.session.doc.room.theme != theme:
            self.room(room_edits.set_theme, theme)

    async def set_language(self, lang: str) -> None:
        """Switch every screen to `lang`, and remember it with the session."""
        i18n.set_language(lang)
        if self.session is not None:
            self.room(room_edits.set_language, i18n.get_language())
        for screen in list(self.step_screens.values()):
            await screen.recompose()
            screen.refresh_from_doc()
            screen.focus_default()  # the focused widget was composed away with the rest
        from workshop.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                await screen.recompose()
        self.notify(t("shell.language_set"), timeout=2)

    async def action_toggle_language(self) -> None:
        await self.set_language("en" if i18n.get_language() == "zh" else "zh")

    # -- help, palette ---------------------------------------------------------------
    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen  # loaded on the first F1

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Ours and Textual's own, all in the room's language."""
        from workshop.tui.commands import system_commands

        yield from system_commands(self, screen)

    def action_command_palette(self) -> None:
        from workshop.tui.commands import open_palette

        open_palette(self)

    def search_themes(self) -> None:
        from workshop.tui.commands import pick_theme

        pick_theme(self)

    # -- leaving ----------------------------------------------------------------------------
    async def action_quit(self) -> None:
        self.lifecycle.quit()  # a form with changes asks first

    def _need_session(self) -> bool:
        if self.session is None:
            self.bell()
            return False
        return True
