"""Edits for the room's phones (``workshop.room``).

What a phone changes is the keyboard's own edit — ``cards.add_card``, ``cocreate.vote``,
``townhall.add_challenge`` — called with the phone's team and member,
after the checks only a phone needs: its own cards and nothing else, boards the
facilitator has not locked, no text longer than a card may be (the keyboard's entry
stops typing there; a phone's text is refused, never cut). They run through
``Session.apply``: saved at once, undoable from the keyboard, counted in the turn.

Who may send them (joining, dropping a phone, a new code, locks, showing a tally) is
room state: ``edit(room, ...)`` run through ``Session.update_room``, saved, never undone.

A phone edit also notes in the room state which phone added a card, and that a dot
vote became secret: room state survives an undo, so a card brought back by redo is
still its phone's, and a tally stays hidden until the facilitator shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop.edits import EditError
from workshop.edits import cards as card_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import townhall as townhall_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.model import (
    Card,
    Challenge,
    Device,
    Room,
    RoomQuestion,
    StepId,
    Team,
    Workshop,
)
from workshop.text import MAX_TEXT, clean

TEXT_LIMIT = MAX_TEXT
"""Longest card or question a phone may send, in characters (the model's own limit)."""
MAX_DEVICES = 300
"""Most phones in one room (45 people is a big room)."""
NAME_LIMIT = 60
"""Longest name typed on a phone (a name on the facilitator's list of phones)."""
BALLOTS = ("cocreate",)
"""The dot votes a phone can vote in: the strategies of step 4, each member with their own
dots. (Step 2's dots on gaps stay at the keyboard: its ranking orders gaps by their dots,
which would show a secret tally.)"""
QUESTIONS = "townhall:questions"
"""The lock key of the town hall's questions."""


def board_key(step: str, board: str) -> str:
    """How a board is named in ``Phones.locked``."""
    return f"{step}:{board}"


def vote_key(ballot: str) -> str:
    return f"{ballot}:vote"


# -- checks -----------------------------------------------------------------------------------

def device(doc: Workshop, device_id: str) -> Device:
    found = next((d for d in doc.room.phones.devices if d.id == device_id), None)
    if found is None:
        raise EditError(t("phones.error.device_gone"))
    return found


def _text(text: str, empty_key: str) -> str:
    if len(text) > TEXT_LIMIT:
        raise EditError(t("phones.error.too_long", max=TEXT_LIMIT))
    cleaned = clean(text, multiline=True)
    if not cleaned:
        raise EditError(t(empty_key))
    return cleaned


def _open(doc: Workshop, key: str) -> None:
    if key in doc.room.phones.locked:
        raise EditError(t("phones.error.locked"))


def is_owner(doc: Workshop, device_id: str, card_id: str) -> bool:
    return doc.room.phones.owners.get(card_id) == device_id


# -- cards --------------------------------------------------------------------------------------

def add_card(doc: Workshop, device_id: str, step: StepId, board: str, text: str, *,
             hidden: bool = False) -> Card:
    """A card from a phone, on `board` of `step`, for the phone's team (and member)."""
    phone = device(doc, device_id)
    _open(doc, board_key(step, board))
    text = _text(text, "edit.empty_card")
    card = card_edits.add_card(doc, step, text, board=board, team_id=phone.team_id,
                               member_id=phone.member_id, hidden=hidden)
    doc.room.phones.owners[card.id] = phone.id
    return card


def own_card(doc: Workshop, device_id: str, card_id: str) -> Card:
    """The phone's own card `card_id`, on a board still open (another's is "gone")."""
    card = doc.find_card(card_id)
    if card is None or not is_owner(doc, device_id, card_id):
        raise EditError(t("edit.card_gone"))
    _open(doc, board_key(card.step, card.board))
    return card


def edit_card(doc: Workshop, device_id: str, card_id: str, text: str) -> Card:
    own_card(doc, device_id, card_id)
    return card_edits.edit_card(doc, card_id, _text(text, "edit.empty_card"))


def withdraw_card(doc: Workshop, device_id: str, card_id: str) -> Card:
    own_card(doc, device_id, card_id)
    return card_edits.delete_card(doc, card_id)


# -- dots ---------------------------------------------------------------------------------------

def vote(doc: Workshop, device_id: str, ballot: str, item_id: str, *,
         take_back: bool = False) -> int:
    """One of the phone's dots on the strategy `item_id`, or taken back from it; returns
    the dots the phone's voter (its member, or its team) has left. The vote becomes
    secret: the projector hides its tally until the facilitator shows it."""
    phone = device(doc, device_id)
    if ballot not in BALLOTS:
        raise EditError(t("phones.error.no_vote"))
    _open(doc, vote_key(ballot))
    member = None
    if doc.cocreate.dots_per == "member":
        if phone.member_id is None:
            raise EditError(t("phones.error.pick_member"))
        member = phone.member_id
    change = cocreate_edits.unvote if take_back else cocreate_edits.vote
    left = change(doc, item_id, phone.team_id, member)
    doc.room.phones.tallies.setdefault(ballot, "hidden")
    return left


# -- the town hall --------------------------------------------------------------------------------

def room_question(doc: Workshop, question_id: str) -> RoomQuestion:
    found = next((q for q in doc.townhall.room_questions if q.id == question_id), None)
    if found is None:
        raise EditError(t("townhall.error.gone"))
    return found


def ask(doc: Workshop, device_id: str, text: str) -> RoomQuestion:
    """A question from a phone for the team presenting now, waiting to be picked."""
    phone = device(doc, device_id)
    _open(doc, QUESTIONS)
    team_id = turns.current_team_id(doc)
    if team_id is None:
        raise EditError(t("phones.error.nobody_presenting"))
    question = RoomQuestion(team_id=team_id, asker_team_id=phone.team_id,
                            question=_text(text, "townhall.error.empty_question"),
                            device_id=phone.id)
    doc.townhall.room_questions.append(question)
    return question


def upvote(doc: Workshop, device_id: str, question_id: str, on: bool = True) -> int:
    """The phone's upvote on another phone's waiting question (one each); returns the
    question's upvotes."""
    phone = device(doc, device_id)
    _open(doc, QUESTIONS)
    question = room_question(doc, question_id)
    if question.challenge_id is not None:
        raise EditError(t("phones.error.question_picked"))
    if question.device_id == phone.id:
        raise EditError(t("phones.error.own_question"))
    if on == (phone.id in question.upvotes):
        raise EditError(t("phones.error.upvoted" if on else "phones.error.not_upvoted"))
    question.upvotes = ([*question.upvotes, phone.id] if on
                        else [d for d in question.upvotes if d != phone.id])
    return len(question.upvotes)


def withdraw_question(doc: Workshop, device_id: str, question_id: str) -> RoomQuestion:
    question = room_question(doc, question_id)
    if question.device_id != device_id:
        raise EditError(t("townhall.error.gone"))
    if question.challenge_id is not None:
        raise EditError(t("phones.error.question_picked"))
    _open(doc, QUESTIONS)
    doc.townhall.room_questions.remove(question)
    return question


def waiting_questions(doc: Workshop, team_id: str | None) -> list[RoomQuestion]:
    """Questions for `team_id` not yet picked: most upvotes first, then oldest first."""
    waiting = [(i, q) for i, q in enumerate(doc.townhall.room_questions)
               if q.team_id == team_id and q.challenge_id is None]
    return [q for _, q in sorted(waiting, key=lambda item: (-len(item[1].upvotes), item[0]))]


def pick_question(doc: Workshop, question_id: str) -> Challenge:
    """The facilitator puts a phone's question to the presenting team: it goes into the
    challenge log as a peer team's question, open."""
    question = room_question(doc, question_id)
    if question.challenge_id is not None:
        raise EditError(t("phones.error.question_picked"))
    asker_team = question.asker_team_id if doc.team(question.asker_team_id) else None
    challenge = townhall_edits.add_challenge(doc, question.team_id, question.question,
                                             asker_kind="peer", asker_team_id=asker_team)
    question.challenge_id = challenge.id
    return challenge


# -- the room's phones (room state: edit(room, ...) through update_room, never undone) --------

def set_code(room: Room, code: str) -> str:
    """A new join code: every phone that joined with the old one is dropped."""
    room.phones.code = code
    room.phones.devices = []
    return code


def join(room: Room, teams: Sequence[Team], token_hash: str, team_id: str,
         member_id: str | None = None, name: str = "", now: float = 0) -> Device:
    """A phone joins for `team_id`, one of `teams` (and `member_id`, one phone per
    member)."""
    phones = room.phones
    team = next((t for t in teams if t.id == team_id), None)
    if team is None:
        raise EditError(t("edit.unknown_team"))
    if member_id is not None:
        if team.member(member_id) is None:
            raise EditError(t("phones.error.unknown_member"))
        if any(d.member_id == member_id for d in phones.devices):
            raise EditError(t("phones.error.member_taken"))
    if len(phones.devices) >= MAX_DEVICES:
        raise EditError(t("phones.error.room_full", max=MAX_DEVICES))
    if len(name) > NAME_LIMIT:
        raise EditError(t("phones.error.name_too_long", max=NAME_LIMIT))
    joined = Device(token_hash=token_hash, team_id=team.id, member_id=member_id,
                    name=clean(name), joined_at=now)
    phones.devices.append(joined)
    return joined


def drop_device(room: Room, device_id: str) -> Device:
    """Put a phone out of the room: its token no longer works (its cards stay)."""
    phone = next((d for d in room.phones.devices if d.id == device_id), None)
    if phone is None:
        raise EditError(t("phones.error.device_gone"))
    room.phones.devices.remove(phone)
    return phone


def set_locked(room: Room, keys: list[str], locked: bool) -> list[str]:
    """Lock (or open again) boards for the phones; returns what is locked now."""
    phones = room.phones
    kept = [k for k in phones.locked if k not in keys]
    phones.locked = [*kept, *keys] if locked else kept
    return phones.locked


def show_tally(room: Room, ballot: str, shown: bool) -> None:
    """Show (or hide again) a secret vote's tally on the projector."""
    if ballot not in BALLOTS:
        raise EditError(t("phones.error.no_vote"))
    room.phones.tallies[ballot] = "shown" if shown else "hidden"
