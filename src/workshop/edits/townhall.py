"""Edits to step 6, the town hall: the challenge log, plan changes made in answer, the
leader's sign-off and closing statement (undoable), and the presentation clock (room
state: saved, never undone, like the step clock).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from workshop.edits import EditError
from workshop.edits import plan as plan_edits
from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import turns
from workshop.model import Challenge, SignOff, Workshop
from workshop.model.townhall import AskerKind, ChallengeOutcome
from workshop.text import clean

ASKER_KINDS: tuple[AskerKind, ...] = ("expert", "executive", "peer")
OUTCOMES: tuple[ChallengeOutcome, ...] = ("open", "answered", "changed", "followup")
DECISIONS = ("approved", "revise")


def find_challenge(doc: Workshop, challenge_id: str) -> Challenge:
    found = next((c for c in doc.townhall.challenges if c.id == challenge_id), None)
    if found is None:
        raise EditError(t("townhall.error.gone"))
    return found


def _team(doc: Workshop, team_id: str | None) -> str:
    if team_id is None or doc.team(team_id) is None:
        raise EditError(t("edit.unknown_team"))
    return team_id


def _check(kind: str, outcome: str) -> None:
    if kind not in ASKER_KINDS:
        raise EditError(t("townhall.error.bad_asker"))
    if outcome not in OUTCOMES:
        raise EditError(t("townhall.error.bad_outcome"))


def _action_ids(doc: Workshop, team_id: str, action_ids: Sequence[str]) -> list[str]:
    known = {a.id for a in doc.plan.actions if a.team_id == team_id}
    chosen = list(dict.fromkeys(action_ids))
    if any(i not in known for i in chosen):
        raise EditError(t("townhall.error.bad_action"))
    return chosen


# -- the challenge log ---------------------------------------------------------------------------

def add_challenge(doc: Workshop, team_id: str, question: str, *, asker_kind: str = "peer",
                  asker: str = "", asker_team_id: str | None = None, answer: str = "",
                  outcome: str | None = None) -> Challenge:
    """Log a question put to `team_id`. Without an outcome it is "answered" once an answer
    is written, else "open"."""
    _team(doc, team_id)
    text = clean(question, multiline=True)
    if not text:
        raise EditError(t("townhall.error.empty_question"))
    answer = clean(answer, multiline=True)
    outcome = outcome or ("answered" if answer else "open")
    _check(asker_kind, outcome)
    if asker_team_id is not None and doc.team(asker_team_id) is None:
        raise EditError(t("edit.unknown_team"))
    challenge = Challenge(team_id=team_id, question=text, asker_kind=asker_kind,  # type: ignore[arg-type]
                          asker=clean(asker), asker_team_id=asker_team_id, answer=answer,
                          outcome=outcome)  # type: ignore[arg-type]
    doc.townhall.challenges.append(challenge)
    return challenge


def update_challenge(doc: Workshop, challenge_id: str, values: Mapping[str, Any]) -> Challenge:
    """Set any of ``asker_kind asker asker_team_id question answer outcome action_ids``."""
    challenge = find_challenge(doc, challenge_id)
    kind = values.get("asker_kind", challenge.asker_kind)
    outcome = values.get("outcome", challenge.outcome)
    _check(kind, outcome)
    question = clean(values.get("question", challenge.question), multiline=True)
    if not question:
        raise EditError(t("townhall.error.empty_question"))
    asker_team = values.get("asker_team_id", challenge.asker_team_id) or None
    if asker_team is not None and doc.team(asker_team) is None:
        raise EditError(t("edit.unknown_team"))
    links = _action_ids(doc, challenge.team_id,
                        values.get("action_ids", challenge.action_ids))
    challenge.asker_kind = kind
    challenge.asker = clean(values.get("asker", challenge.asker))
    challenge.asker_team_id = asker_team
    challenge.question = question
    challenge.answer = clean(values.get("answer", challenge.answer), multiline=True)
    challenge.outcome = outcome
    challenge.action_ids = links
    return challenge


def set_outcome(doc: Workshop, challenge_id: str, outcome: str, *,
                answer: str | None = None) -> Challenge:
    challenge = find_challenge(doc, challenge_id)
    _check(challenge.asker_kind, outcome)
    challenge.outcome = outcome  # type: ignore[assignment]
    if answer is not None:
        challenge.answer = clean(answer, multiline=True)
    return challenge


def link_actions(doc: Workshop, challenge_id: str, action_ids: Sequence[str]) -> Challenge:
    """The plan changed in answer: link the changed actions and mark it so."""
    challenge = find_challenge(doc, challenge_id)
    challenge.action_ids = _action_ids(doc, challenge.team_id, action_ids)
    challenge.outcome = "changed" if challenge.action_ids else challenge.outcome
    return challenge


def change_action(doc: Workshop, challenge_id: str, action_id: str,
                  values: Mapping[str, Any]) -> Challenge:
    """Change an action of the presenting team in answer to a question, in one undo step:
    the action's fields, the link, and the outcome "plan changed"."""
    challenge = find_challenge(doc, challenge_id)
    _action_ids(doc, challenge.team_id, [action_id])
    plan_edits.update_action(doc, action_id, values)
    if action_id not in challenge.action_ids:
        challenge.action_ids = [*challenge.action_ids, action_id]
    challenge.outcome = "changed"
    return challenge


def add_action(doc: Workshop, challenge_id: str, what: str,
               strategy_id: str | None = None) -> Challenge:
    """A new action for the presenting team in answer to a question, linked to it."""
    challenge = find_challenge(doc, challenge_id)
    action = plan_edits.add_action(doc, what, strategy_id=strategy_id,
                                   team_id=challenge.team_id)
    action.team_id = challenge.team_id  # even under a strategy another team took
    challenge.action_ids = [*challenge.action_ids, action.id]
    challenge.outcome = "changed"
    return challenge


def delete_challenge(doc: Workshop, challenge_id: str) -> Challenge:
    challenge = find_challenge(doc, challenge_id)
    doc.townhall.challenges.remove(challenge)
    return challenge


# -- sign-off and closing ------------------------------------------------------------------------

def sign_off(doc: Workshop, team_id: str, decision: str, note: str = "",
             by: str = "") -> SignOff:
    """The leader's decision on `team_id`'s plan; replaces an earlier one. "Revise" needs
    a note saying what to revise."""
    _team(doc, team_id)
    if decision not in DECISIONS:
        raise EditError(t("townhall.error.bad_decision"))
    note = clean(note, multiline=True)
    if decision == "revise" and not note:
        raise EditError(t("townhall.error.revise_note"))
    doc.townhall.signoffs = [s for s in doc.townhall.signoffs if s.team_id != team_id]
    signed = SignOff(team_id=team_id, decision=decision, note=note,  # type: ignore[arg-type]
                     by=clean(by))
    doc.townhall.signoffs.append(signed)
    return signed


def withdraw_signoff(doc: Workshop, team_id: str) -> int:
    before = len(doc.townhall.signoffs)
    doc.townhall.signoffs = [s for s in doc.townhall.signoffs if s.team_id != team_id]
    if len(doc.townhall.signoffs) == before:
        raise EditError(t("townhall.error.not_signed"))
    return before - len(doc.townhall.signoffs)


def set_closing(doc: Workshop, statement: str, by: str = "") -> str:
    """The leader's closing statement (总结陈词); empty clears it."""
    doc.townhall.closing_statement = clean(statement, multiline=True)
    doc.townhall.closing_by = clean(by)
    return doc.townhall.closing_statement


def set_minutes_per_team(doc: Workshop, minutes: int) -> int:
    if not 1 <= minutes <= 120:
        raise EditError(t("townhall.error.minutes"))
    doc.townhall.minutes_per_team = minutes
    return minutes


# -- the presentation clock (room state) ----------------------------------------------------------

def _reset_presentation(doc: Workshop, team_id: str | None) -> None:
    clock_math.reset(doc.room.presentation, doc.townhall.minutes_per_team, "townhall")
    doc.room.presentation_clocks.pop(team_id or "", None)
    doc.room.presenting_team_id = team_id


def _bring_up(doc: Workshop, team_id: str | None, now: float) -> None:
    """Put the presenting team's clock away, paused where it is, and take out `team_id`'s
    (where it stopped, or a fresh one for a team that has not presented)."""
    room = doc.room
    if room.presenting_team_id == team_id:
        return
    if room.presenting_team_id is not None and room.presentation.duration_s:
        kept = room.presentation.model_copy()
        clock_math.pause(kept, now)
        room.presentation_clocks[room.presenting_team_id] = kept
    kept = room.presentation_clocks.pop(team_id or "", None)
    if kept is None:
        _reset_presentation(doc, team_id)
    else:
        room.presentation = kept
        room.presenting_team_id = team_id


def present(doc: Workshop, team_id: str, now: float | None = None) -> None:
    """`team_id` comes up to present: it gets the turn and its time box, paused (where it
    stopped if it presented before, else fresh); the team before keeps what it used."""
    now = time.time() if now is None else now
    turns.begin_turn(doc.room.turn, team_id, now)
    doc.room.turn.ends_at = None  # a presenting team is never timed out by the turn
    _bring_up(doc, team_id, now)
    clock_math.pause(doc.room.presentation, now)


def toggle_presentation(doc: Workshop, now: float | None = None) -> bool:
    """Start or pause the presenting team's clock (the team whose turn it is: its own
    time box). Returns whether it runs."""
    now = time.time() if now is None else now
    _bring_up(doc, turns.current_team_id(doc), now)
    clock_math.toggle(doc.room.presentation, now)
    return doc.room.presentation.running


def reset_presentation(doc: Workshop) -> None:
    """A fresh time box for the team whose turn it is (what it used is forgotten)."""
    _reset_presentation(doc, turns.current_team_id(doc))


def add_presentation_minute(doc: Workshop, minutes: int = 1, now: float | None = None) -> None:
    _bring_up(doc, turns.current_team_id(doc), time.time() if now is None else now)
    clock_math.add(doc.room.presentation, minutes * 60)
