"""What one phone sees: the current stage, as plain data for its page.

This is everything the room server ever tells a phone about the session, and it is no
more than the projector shows the room, plus the phone's own cards and dots:

- card boards open now: the phone's own cards (hidden ones too, marked), and the other
  cards the projector shows, without who wrote them; cards hidden until revealed are
  only counted;
- a dot vote: what can take dots, the phone's own dots and what it has left; the tally
  only once the facilitator shows it;
- the town hall: the presenting team and the questions waiting for it, with upvotes.

No file path, no export, no other session, no other phone's identity.
"""

from __future__ import annotations

from typing import Any

from workshop.edits import phones as phone_edits
from workshop.i18n import t
from workshop.methods import dots as dot_method
from workshop.methods import turns
from workshop.methods.cocreate import votes as cocreate_votes
from workshop.methods.dots import Voter
from workshop.model import Device, Workshop
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


def device_view(doc: Workshop, stage: Stage, phone: Device, lang: str) -> dict[str, Any]:
    """What `phone` sees now, in `lang`."""
    team = doc.team(phone.team_id)
    found = doc.member(phone.member_id) if phone.member_id else None
    view: dict[str, Any] = {
        "lang": lang,
        "title": doc.meta.title,
        "step": stage.step,
        "step_name": t(f"step_long.{stage.step}", lang),
        "team": {"id": team.id, "name": team.name, "color": team.color} if team else None,
        "member": found[1].name if found else phone.name,
        "boards": [_board(doc, stage, phone, key, lang) for key in stage.boards],
        "ballot": _ballot(doc, stage.ballot, phone, lang) if stage.ballot else None,
        "questions": _questions(doc, phone, lang) if stage.questions else None,
    }
    if stage.step == "cocreate" and stage.boards and doc.cocreate.focus_question:
        view["focus"] = doc.cocreate.focus_question
    return view


def _board(doc: Workshop, stage: Stage, phone: Device, key: str,
           lang: str) -> dict[str, Any]:
    owners = doc.room.phones.owners
    mine: list[dict[str, Any]] = []
    others: list[str] = []
    hidden_others = 0
    for card in doc.cards(stage.step, key):
        if owners.get(card.id) == phone.id:
            mine.append({"id": card.id, "text": card.text, "hidden": card.hidden})
        elif card.hidden:
            hidden_others += 1
        else:
            others.append(card.text)
    return {"key": key, "title": t(f"board.{key}", lang),
            "locked": phone_edits.board_key(stage.step, key) in doc.room.phones.locked,
            "hidden": stage.hidden, "mine": mine,
            "others": others[::-1][:OTHERS_SHOWN], "others_total": len(others),
            "hidden_others": hidden_others}


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


def _questions(doc: Workshop, phone: Device, lang: str) -> dict[str, Any]:
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
