"""Step 6's screen, the town hall (城镇会议): one team presents its plan at a time, experts,
executives and peer teams question it, the facilitator logs each question as it comes,
the plan changes in answer, and the leader signs off and sums up.

The presenting team is the team whose turn it is (→/← or F4 move on); it has its own
presentation clock (space starts and pauses it). p switches to presentation mode: the
plan alone, large and airy, for the back of the room, the log below it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from workshop.edits import townhall as townhall_edits
from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import townhall as townhall_math
from workshop.methods import turns
from workshop.methods.plan import actions as plan_math
from workshop.model import Clock, StepId, Workshop
from workshop.report.plan import action_numbers
from workshop.text import truncate
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.action_form import open_action_form
from workshop.tui.widgets.clock import ClockDisplay
from workshop.tui.widgets.row_list import Row, RowList
from workshop.tui.widgets.spotlight import Spotlight
from workshop.tui.widgets.townhall.dialogs import ChallengeForm, ClosingForm, SignOffForm
from workshop.tui.widgets.townhall.room_questions import pick_next, waiting_note
from workshop.tui.widgets.townhall.signoffs import SignOffStrip
from workshop.tui.widgets.townhall.view import (
    challenge_row,
    head_text,
    present_row,
    strategy_band,
)

NEW_ACTION = "+"


class TownhallScreen(StepScreen):
    step: ClassVar[StepId] = "townhall"

    BINDINGS = [
        Binding("p", "toggle_presenting", "Presentation", id="th_present"),
        Binding("right", "team(1)", "Next team", id="th_next_team"),
        Binding("left", "team(-1)", "Previous team", id="th_prev_team", show=False),
        Binding("space", "toggle_timer", "Presentation clock", id="th_timer"),
        Binding("r", "reset_timer", "Reset presentation clock", id="th_timer_reset",
                show=False),
        Binding("plus", "timer_minute", "+1 min presentation", id="th_timer_minute",
                show=False),
        Binding("1", "ask('expert')", "Expert asks", id="th_ask_expert"),
        Binding("2", "ask('executive')", "Executive asks", id="th_ask_executive"),
        Binding("3", "ask('peer')", "Peer team asks", id="th_ask_peer"),
        Binding("q", "room_question", "Question from the phones", id="th_room_question",
                show=False),  # the log's caption says "(Q)" when phones asked
        Binding("enter", "edit_question", "Edit question", id="th_edit", show=False),
        Binding("a", "answered", "Answered", id="th_answered"),
        Binding("c", "changed", "Plan changed", id="th_changed"),
        Binding("f", "followup", "Follow-up", id="th_followup", show=False),
        Binding("delete", "delete_question", "Delete question", id="th_delete", show=False),
        Binding("s", "sign_off", "Sign off", id="th_sign"),
        Binding("w", "closing", "Closing statement", id="th_closing"),
        Binding("m", "minutes", "Minutes per team", id="th_minutes", show=False),
        Binding("escape", "focus_plan", "Back to the plan", id="th_focus_plan", show=False),
    ]

    DEFAULT_CSS = """
    TownhallScreen #th-root { height: 1fr; }
    TownhallScreen #th-head { height: 3; background: $boost; }
    TownhallScreen #th-title { width: 1fr; padding: 0 1; }
    TownhallScreen #th-main { height: 1fr; }
    TownhallScreen #th-plan-box { width: 1fr; }
    TownhallScreen #th-log-box { width: 46%; min-width: 30; border-left: vkey $panel; }
    TownhallScreen .th-caption { height: 1; padding: 0 1; background: $panel;
                                 color: $text-muted; text-style: bold; }
    TownhallScreen #th-status { height: 1; padding: 0 1; background: $panel; }
    TownhallScreen.-presenting TopBar { display: none; }
    TownhallScreen.-presenting #th-main { layout: vertical; }
    TownhallScreen.-presenting #th-log-box {
        width: 100%; height: 35%; min-height: 6; border-left: none; border-top: hkey $panel;
    }
    TownhallScreen.-presenting #th-status { display: none; }
    TownhallScreen.-presenting #th-head { height: 3; background: $primary 30%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._timer_was_over = False
        self._used_shown = 0
        """The seconds used shown in the head (redrawn each second a presentation runs)."""
        self._position = (0, 0)

    # -- layout -----------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with Vertical(id="th-root"):
            with Horizontal(id="th-head"):
                yield Static(id="th-title")
                yield ClockDisplay(id="th-clock")
            with Horizontal(id="th-main"):
                with Vertical(id="th-plan-box"):
                    yield Static(t("townhall.caption.plan"), classes="th-caption",
                                 id="th-plan-cap")
                    yield RowList(id="th-plan", empty_hint=t("townhall.plan_empty"))
                with Vertical(id="th-log-box"):
                    yield Static(t("townhall.caption.log"), classes="th-caption",
                                 id="th-log-cap")
                    yield RowList(id="th-log", empty_hint=t("townhall.log_empty"))
            yield SignOffStrip(id="th-status")

    @property
    def has_entry(self) -> bool:
        return False

    def focus_default(self) -> None:
        self.query_one("#th-plan", RowList).focus()

    @property
    def plan_list(self) -> RowList:
        return self.query_one("#th-plan", RowList)

    @property
    def log_list(self) -> RowList:
        return self.query_one("#th-log", RowList)

    @property
    def presenting(self) -> bool:
        return self.has_class("-presenting")

    def team_id(self, doc: Workshop | None = None) -> str | None:
        """The presenting team: the team whose turn it is."""
        return turns.current_team_id(doc or self.doc)

    # -- drawing ----------------------------------------------------------------------------
    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        team_id = self.team_id(doc)
        team = doc.team(team_id)
        order = townhall_math.presenting_teams(doc) or list(doc.teams)
        position = (next((i for i, tm in enumerate(order, 1) if tm.id == team_id), 0),
                    len(order))
        now = self.app.time_source.now()
        self._used_shown = int(townhall_math.seconds_used(doc, team_id, now))
        self._position = position
        self.query_one("#th-title", Static).update(
            head_text(doc, team, position, self._used_shown))
        numbers = action_numbers(doc)
        rows: list[Row] = []
        shown = plan_math.strategies(doc, shown=True)  # no secret tally's order
        for found, actions in plan_math.grouped(doc, team_id, shown):
            if not actions:
                continue
            rows.append(strategy_band(found.name if found else t("plan.list.no_strategy"),
                                      found.rank if found else None))
            rows += [present_row(doc, a, numbers.get(a.id, 0), airy=self.presenting)
                     for a in actions]
        self.plan_list.show(rows, select=select if select in numbers else None)
        log_rows = [challenge_row(doc, c, n, numbers)
                    for n, c in enumerate(townhall_math.challenges(doc, team_id), start=1)]
        self.log_list.show(log_rows, select=select if select and select.startswith("q-") else None)
        asked = len(log_rows)
        self.query_one("#th-log-cap", Static).update(t("townhall.caption.log_n", count=asked)
                                                     + waiting_note(doc, team_id))
        self.query_one(SignOffStrip).show(doc)
        self._show_clock(doc, self.app.time_source.now())

    def _presentation_clock(self, doc: Workshop) -> Clock:
        """The presenting team's clock (where it stopped, if it presented before); a fresh
        one (not yet started) for a team that has not presented yet."""
        kept = townhall_math.presentation_clock(doc, self.team_id(doc))
        if kept is not None:
            return kept
        fresh = Clock()
        clock_math.reset(fresh, doc.townhall.minutes_per_team, "townhall")
        return fresh

    def _show_clock(self, doc: Workshop, now: float) -> None:
        # not there while the screen is being composed (the app ticks all the same)
        for clock in self.query("#th-clock").results(ClockDisplay):
            clock.show(self._presentation_clock(doc), now)

    def tick(self, now: float) -> None:
        super().tick(now)
        doc = self.doc
        self._show_clock(doc, now)
        used = int(townhall_math.seconds_used(doc, self.team_id(doc), now))
        if used != self._used_shown:  # a running presentation: the head counts with it
            for title in self.query("#th-title").results(Static):
                self._used_shown = used
                title.update(head_text(doc, doc.team(self.team_id(doc)), self._position, used))
        clock = self._presentation_clock(doc)
        over = clock.running and clock_math.remaining(clock, now) <= 0
        if over and not self._timer_was_over:
            team = doc.team(self.team_id(doc))
            self.app.bell()
            self.notify(t("townhall.notice.time_up", team=team.name if team else ""),
                        severity="warning", timeout=8)
        self._timer_was_over = over

    # -- moving between teams and the clock --------------------------------------------------
    def action_focus_plan(self) -> None:
        self.focus_default()

    def action_toggle_presenting(self) -> None:
        self.toggle_class("-presenting")
        self.refresh_from_doc()

    def action_team(self, delta: int) -> None:
        doc = self.doc
        order = townhall_math.presenting_teams(doc) or list(doc.teams)
        if not order:
            self.app.bell()
            return
        ids = [tm.id for tm in order]
        current = self.team_id(doc)
        index = ids.index(current) if current in ids else -1 if delta > 0 else 0
        target = ids[(index + delta) % len(ids)]
        self.app.room(townhall_edits.present, target, doc.townhall.minutes_per_team,
                      self.app.time_source.now())
        team = doc.team(target)
        if team is not None:
            self.notify(t("townhall.notice.presenting", team=team.name), timeout=2)

    def _presenter(self) -> tuple[str | None, int]:
        """The team whose turn it is and the minutes each team presents: what the
        presentation clock's room edits need to know."""
        doc = self.doc
        return self.team_id(doc), doc.townhall.minutes_per_team

    def next_turn(self) -> None:
        """F4 here is → : the next team comes up, and the one before keeps its time."""
        self.action_team(1)

    def give_turn(self, team_id: str) -> None:
        self.app.room(townhall_edits.present, team_id, self.doc.townhall.minutes_per_team,
                      self.app.time_source.now())

    def action_toggle_timer(self) -> None:
        running = self.app.room(townhall_edits.toggle_presentation, *self._presenter(),
                                self.app.time_source.now())
        self.notify(t("townhall.notice.timer_on" if running else "townhall.notice.timer_off"),
                    timeout=2)

    def action_reset_timer(self) -> None:
        self.app.room(townhall_edits.reset_presentation, *self._presenter())
        self._timer_was_over = False

    def action_timer_minute(self) -> None:
        self.app.room(townhall_edits.add_presentation_minute, *self._presenter(), 1,
                      self.app.time_source.now())
        self.notify(t("shell.minute_added"), timeout=2)

    # -- the challenge log -----------------------------------------------------------------
    def _selected_question(self) -> str | None:
        row = self.log_list.selected
        return row.key if row is not None else None

    def _selected_action(self) -> str | None:
        row = self.plan_list.selected
        return row.key if row is not None and row.kind == "action" else None

    def _other_teams(self, doc: Workshop, team_id: str | None) -> list[tuple[str, str]]:
        return [(tm.id, tm.name) for tm in doc.teams if tm.id != team_id]

    def _team_actions(self, doc: Workshop, team_id: str | None) -> list[tuple[str, str]]:
        numbers = action_numbers(doc)
        return [(a.id, f"{numbers.get(a.id, 0)}. {a.what}")
                for a in plan_math.team_actions(doc, team_id)]

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_question", "answered", "followup", "delete_question"):
            return self._selected_question() is not None
        if action == "changed":
            return self._selected_question() is not None
        return super().allows(action, parameters)

    def action_ask(self, kind: str) -> None:
        doc = self.doc
        team_id = self.team_id(doc)
        team = doc.team(team_id)
        if team is None:
            self.app.bell()
            return
        title = t("townhall.form.title_new", team=team.name, kind=t(f"asker.{kind}"))

        def check(values: dict[str, Any]) -> None:
            scratch = self._scratch()
            townhall_edits.add_challenge(scratch, team.id, **values)

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return

            def add(doc: Workshop):
                challenge = townhall_edits.add_challenge(doc, team.id, **values)
                self._select_next = challenge.id
                return challenge

            self.app.edit(t("townhall.undo.ask", question=truncate(values["question"], 24)),
                          add)

        self.app.push_screen(ChallengeForm(title, {"asker_kind": kind, "outcome": "open"},
                                           teams=self._other_teams(doc, team.id), check=check),
                             done)

    def action_room_question(self) -> None:
        pick_next(self)

    def _scratch(self) -> Workshop:
        doc = self.doc
        return doc.model_copy(update={"townhall": doc.townhall.model_copy(deep=True),
                                      "plan": doc.plan.model_copy(deep=True)})

    def action_edit_question(self) -> None:
        doc = self.doc
        qid = self._selected_question()
        challenge = next((c for c in doc.townhall.challenges if c.id == qid), None)
        if challenge is None:
            return
        team = doc.team(challenge.team_id)
        title = t("townhall.form.title_edit", team=team.name if team else "")
        values = challenge.model_dump(include={"asker_kind", "asker", "asker_team_id",
                                               "question", "answer", "outcome", "action_ids"})

        def check(values: dict[str, Any]) -> None:
            townhall_edits.update_challenge(self._scratch(), challenge.id, values)

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            self._select_next = challenge.id
            self.app.edit(t("townhall.undo.edit", question=truncate(values["question"], 24)),
                          townhall_edits.update_challenge, challenge.id, values)

        self.app.push_screen(ChallengeForm(title, values,
                                           teams=self._other_teams(doc, challenge.team_id),
                                           actions=self._team_actions(doc, challenge.team_id),
                                           check=check), done)

    def action_answered(self) -> None:
        qid = self._selected_question()
        challenge = next((c for c in self.doc.townhall.challenges if c.id == qid), None)
        if challenge is None:
            return

        def done(answer: str | None) -> None:
            if answer is None:
                return
            self._select_next = challenge.id
            self.app.edit(t("townhall.undo.answered"), townhall_edits.set_outcome,
                          challenge.id, "answered", answer=answer)

        self.app.push_screen(TextPrompt(t("townhall.prompt.answer",
                                          question=truncate(challenge.question, 40)),
                                        challenge.answer), done)

    def action_followup(self) -> None:
        qid = self._selected_question()
        if qid is None:
            return
        self._select_next = qid
        self.app.edit(t("townhall.undo.followup"), townhall_edits.set_outcome, qid, "followup")

    def action_delete_question(self) -> None:
        qid = self._selected_question()
        if qid is None:
            return
        if self.app.edit(t("townhall.undo.delete"), townhall_edits.delete_challenge,
                         qid) is not None:
            self.notify(t("shell.deleted_hint"))

    def action_changed(self) -> None:
        """The plan changes in answer to the selected question: edit the highlighted
        action (or pick one, or write a new one); the change is linked to the question."""
        doc = self.doc
        qid = self._selected_question()
        challenge = next((c for c in doc.townhall.challenges if c.id == qid), None)
        if challenge is None:
            self.app.bell()
            self.notify(t("townhall.error.ask_first"), severity="warning")
            return
        action_id = self._selected_action()
        if action_id is not None and self.plan_list.has_focus:
            self._change(challenge.id, action_id)
            return
        options = [*self._team_actions(doc, challenge.team_id),
                   (NEW_ACTION, t("townhall.changed.new"))]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            if key == NEW_ACTION:
                self._new_action(challenge.id)
            else:
                self._change(challenge.id, key)

        self.app.push_screen(Choice(t("townhall.changed.title",
                                      question=truncate(challenge.question, 40)), options,
                                    t("townhall.changed.hint")), chosen)

    def _change(self, challenge_id: str, action_id: str) -> None:
        def save(values: dict[str, Any]) -> None:
            self._select_next = challenge_id
            self.app.edit(t("townhall.undo.changed"), townhall_edits.change_action,
                          challenge_id, action_id, values)

        open_action_form(self.app, action_id, save)

    def _new_action(self, challenge_id: str) -> None:
        def done(text: str | None) -> None:
            if text and text.strip():
                self._select_next = challenge_id
                self.app.edit(t("townhall.undo.new_action", what=truncate(text, 24)),
                              townhall_edits.add_action, challenge_id, text)

        self.app.push_screen(TextPrompt(t("plan.prompt.new"),
                                        placeholder=t("plan.prompt.placeholder")), done)

    # -- sign-off and closing ------------------------------------------------------------------
    def _last_signer(self, doc: Workshop) -> str:
        named = [s.by for s in doc.townhall.signoffs if s.by]
        return named[-1] if named else doc.townhall.closing_by

    def action_sign_off(self) -> None:
        doc = self.doc
        team = doc.team(self.team_id(doc))
        if team is None:
            self.app.bell()
            return
        current = townhall_math.signoff(doc, team.id)
        values = ({"decision": current.decision, "note": current.note, "by": current.by}
                  if current else {"decision": "approved", "by": self._last_signer(doc)})

        def check(values: dict[str, Any]) -> None:
            townhall_edits.sign_off(self._scratch(), team.id, **values)

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            if self.app.edit(t("townhall.undo.sign", team=team.name,
                               decision=t(f"decision.{values['decision']}")),
                             townhall_edits.sign_off, team.id, **values) is not None:
                self.notify(t("townhall.notice.signed", team=team.name,
                              decision=t(f"decision.{values['decision']}")))

        self.app.push_screen(SignOffForm(t("townhall.sign.title", team=team.name), values,
                                         check=check), done)

    def action_closing(self) -> None:
        doc = self.doc

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.app.edit(t("townhall.undo.closing"), townhall_edits.set_closing,
                              values["statement"], values["by"])

        self.app.push_screen(ClosingForm(t("townhall.closing.title"),
                                         doc.townhall.closing_statement,
                                         doc.townhall.closing_by or self._last_signer(doc)),
                             done)

    def action_minutes(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            value = text.strip()
            if not value.isdigit():
                self.app.bell()
                self.notify(t("townhall.error.minutes"), severity="warning")
                return
            if self.app.edit(t("townhall.undo.minutes", minutes=int(value)),
                             townhall_edits.set_minutes_per_team, int(value)) is not None:
                self.app.room(townhall_edits.reset_presentation, *self._presenter())

        self.app.push_screen(TextPrompt(t("townhall.prompt.minutes"),
                                        str(self.doc.townhall.minutes_per_team)), done)

    @on(SignOffStrip.TeamClicked)
    def _signoff_clicked(self, event: SignOffStrip.TeamClicked) -> None:
        self.give_turn(event.team_id)

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self.refresh_bindings()

    def _update_spotlight(self) -> None:
        """No spotlight here: the presented plan is itself large (the frame's spotlight
        would otherwise stand empty in projector mode)."""
        self.query_one(Spotlight).add_class("-empty")


__all__ = ["TownhallScreen"]
