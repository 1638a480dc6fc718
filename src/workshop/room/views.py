"""What one phone sees: the current stage, as plain data for its page.

This is everything the room server ever tells a phone about the session, and it is no
more than the projector shows the room, plus the phone's own cards and dots:

- card boards open now: the phone's own cards (hidden ones too, marked), and the other
  cards the projector shows, without who wrote them; cards hidden until revealed are
  only counted;
- the co-create vote: the named strategies, the phone's own dots and what it has left;
  the tally only once the facilitator shows it;
- the town hall: the presenting team and the questions waiting for it, with upvotes.

No file path, no export, no other session, no other phone's identity.

A hundred phones ask every second or so, and most of what they see is the same for
all: ``RoomView`` reads the document once per change (the boards' cards, who owns
which) and answers each phone from that in time proportional to what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workshop.edits import phones as phone_edits
from workshop.i18n import t
from workshop.methods import dots as dot_method
from workshop.methods import turns
from workshop.methods.cocreate import votes as cocreate_votes
from workshop.methods.dots import Voter
from workshop.model import Card, Device, Workshop
from workshop.room.stage import Stage

OTHERS_SHOWN = 40
"""Other people's cards sent to a phone, newest first (the rest are counted)."""
ASKED_SHOWN = 3
"""Questions already put to the presenting team, newest first."""


def teams(doc: Workshop) -> list[dict[str, Any]]:
    """The teams a phone may join, with their members, and which members are taken."""
    taken = {d.member_id for d in doc.room.phones.devices if d.member_id}
    return [{"id": team.id, "name": team.name, "color": team.color,
             "members": [{"id": m.id, "name": m.name, "taken": m.id in taken}
                         for m in team.members]}
            for team in doc.teams]


@dataclass
class _Board:
    key: str
    title: str
    locked: bool
    shown: list[Card] = field(default_factory=list)
    """The cards the projector shows (not hidden), in the order added."""
    hidden: int = 0
    own: dict[str, list[Card]] = field(default_factory=dict)
    """Device id → its cards on this board (hidden ones too)."""


class RoomView:
    """The room as the phones see it at one version of the document."""

    def __init__(self, doc: Workshop, stage: Stage, lang: str) -> None:
        self.doc, self.stage, self.lang = doc, stage, lang
        owners = doc.room.phones.owners
        locked = set(doc.room.phones.locked)
        self.boards: list[_Board] = []
        for key in stage.boards:
            board = _Board(key, t(f"board.{key}", lang),
                           phone_edits.board_key(stage.step, key) in locked)
            for card in doc.cards(stage.step, key):
                owner = owners.get(card.id)
                if owner is not None:
                    board.own.setdefault(owner, []).append(card)
                if card.hidden:
                    board.hidden += 1
                else:
                    board.shown.append(card)
            self.boards.append(board)

    def for_device(self, phone: Device) -> dict[str, Any]:
        """What `phone` sees."""
        doc, stage, lang = self.doc, self.stage, self.lang
        team = doc.team(phone.team_id)
        found = doc.member(phone.member_id) if phone.member_id else None
        view: dict[str, Any] = {
            "lang": lang,
            "title": doc.meta.title,
            "step": stage.step,
            "step_name": t(f"step_long.{stage.step}", lang),
            "team": {"id": team.id, "name": team.name, "color": team.color} if team else None,
            "member": found[1].name if found else phone.name,
            "boards": [self._board(board, phone) for board in self.boards],
            "ballot": _ballot(doc, stage.ballot, phone, lang) if stage.ballot else None,
            "questions": _questions(doc, phone) if stage.questions else None,
        }
        if stage.step == "cocreate" and stage.boards and doc.cocreate.focus_question:
            view["focus"] = doc.cocreate.focus_question
        return view

    def _board(self, board: _Board, phone: Device) -> dict[str, Any]:
        mine = board.own.get(phone.id, [])
        own_shown = sum(1 for card in mine if not card.hidden)
        own_ids = {card.id for card in mine}
        others: list[str] = []
        for card in reversed(board.shown):  # newest first, stopping at what is sent
            if len(others) == OTHERS_SHOWN:
                break
            if card.id not in own_ids:
                others.append(card.text)
        return {"key": board.key, "title": board.title, "locked": board.locked,
                "hidden": self.stage.hidden,
                "mine": [{"id": c.id, "text": c.text, "hidden": c.hidden} for c in mine],
                "others": others, "others_total": len(board.shown) - own_shown,
                "hidden_others": board.hidden - (len(mine) - own_shown)}


def device_view(doc: Workshop, stage: Stage, phone: Device, lang: str) -> dict[str, Any]:
    """What `phone` sees now, in `lang` (one phone: ``RoomView`` serves many)."""
    return RoomView(doc, stage, lang).for_device(phone)


def _ballot(doc: Workshop, key: str, phone: Device, lang: str) -> dict[str, Any]:
    """The named strategies, the phone's own dots on each, and its dots left; the tally
    only once the facilitator shows it."""
    ballot = cocreate_votes.ballot(doc)
    needs_member = ballot.per == "member"
    voter: Voter | None = (Voter(phone.team_id, phone.member_id) if needs_member
                           else Voter(phone.team_id))
    if needs_member and phone.member_id is None:
        voter = None
    shown = not dot_method.tally_hidden(doc, key)
    rows = []
    for cluster in doc.cocreate.clusters:
        if not cluster.name:
            continue
        row: dict[str, Any] = {"id": cluster.id, "name": cluster.name, "mine": sum(
            1 for v in cluster.votes if voter is not None and v.team_id == voter.team_id
            and (voter.member_id is None or v.member_id == voter.member_id))}
        if shown:
            row["tally"] = len(cluster.votes)
        rows.append(row)
    return {"key": key, "title": t(f"phones.page.ballot_{key}", lang),
            "locked": phone_edits.vote_key(key) in doc.room.phones.locked,
            "per": ballot.per, "needs_member": needs_member and voter is None,
            "allowed": ballot.allowed(voter) if voter else 0,
            "left": ballot.left(voter) if voter else 0,
            "shown": shown, "items": rows}


def _questions(doc: Workshop, phone: Device) -> dict[str, Any]:
    team_id = turns.current_team_id(doc)
    team = doc.team(team_id)
    waiting = phone_edits.waiting_questions(doc, team_id)
    asked = [q for q in doc.townhall.room_questions
             if q.team_id == team_id and q.challenge_id is not None]
    return {"presenting": team.name if team else "",
            "locked": phone_edits.QUESTIONS in doc.room.phones.locked,
            "items": [{"id": q.id, "text": q.question, "upvotes": len(q.upvotes),
                       "mine": q.device_id == phone.id, "upvoted": phone.id in q.upvotes}
                      for q in waiting],
            "asked": [q.question for q in asked[::-1][:ASKED_SHOWN]]}
