"""Edits to cards on any step's board: add, edit, move, delete, hide and reveal."""

from __future__ import annotations

from workshop.edits import EditError
from workshop.i18n import t
from workshop.model import BOARDS, Card, GapCard, StepId, Workshop
from workshop.model.limits import MAX_CARDS
from workshop.text import clean


def add_card(doc: Workshop, step: StepId, text: str, *, board: str | None = None,
             team_id: str | None = None, member_id: str | None = None,
             hidden: bool = False) -> Card:
    """Add a card to `board` of `step` (default: the step's first board), credited to a team."""
    boards = BOARDS.get(step, ())
    if not boards:
        raise EditError(t("edit.no_board", step=t(f"step.{step}")))
    board = board or boards[0]
    if board not in boards:
        raise EditError(t("edit.unknown_board", board=board))
    text = clean(text, multiline=True)
    if not text:
        raise EditError(t("edit.empty_card"))
    if team_id is not None and doc.team(team_id) is None:
        raise EditError(t("edit.unknown_team"))
    if len(doc.card_list(step, board)) >= MAX_CARDS:
        raise EditError(t("edit.too_many_cards", max=f"{MAX_CARDS:,}"))
    card = card_kind(step, board)(text=text, step=step, board=board, team_id=team_id,
                                  member_id=member_id, hidden=hidden)
    doc.card_list(step, board).append(card)
    if team_id is not None and doc.room.turn.team_id == team_id:
        doc.room.turn.cards_this_turn += 1
    return card


def card_kind(step: StepId, board: str) -> type[Card]:
    """What a card on `board` is: a gap of the storm carries its scores and votes."""
    return GapCard if (step, board) == ("gaps", "storm") else Card


def _card(doc: Workshop, card_id: str) -> Card:
    card = doc.find_card(card_id)
    if card is None:
        raise EditError(t("edit.card_gone"))
    return card


def edit_card(doc: Workshop, card_id: str, text: str) -> Card:
    card = _card(doc, card_id)
    text = clean(text, multiline=True)
    if not text:
        raise EditError(t("edit.empty_card"))
    card.text = text
    return card


def move_card(doc: Workshop, card_id: str, board: str) -> Card:
    """Move a card typed on the wrong board to `board` of its step, where it comes last.

    Only between boards that hold the same kind of card: a gap's scores, votes and
    fishbone have no place on a PEST or SWOT list."""
    card = _card(doc, card_id)
    if board not in BOARDS.get(card.step, ()):
        raise EditError(t("edit.unknown_board", board=board))
    if board == card.board:
        raise EditError(t("edit.same_board"))
    if card_kind(card.step, board) is not card_kind(card.step, card.board):
        raise EditError(t("edit.other_kind", board=t(f"board.{board}")))
    doc.card_list(card.step, card.board).remove(card)
    card.board = board
    doc.card_list(card.step, board).append(card)
    return card


def delete_card(doc: Workshop, card_id: str) -> Card:
    card = _card(doc, card_id)
    doc.card_list(card.step, card.board).remove(card)
    return card


def set_hidden(doc: Workshop, card_id: str, hidden: bool) -> Card:
    card = _card(doc, card_id)
    card.hidden = hidden
    return card


def reveal_all(doc: Workshop, step: StepId) -> int:
    """Reveal every hidden card of `step`; returns how many were revealed."""
    count = 0
    for card in doc.cards(step):
        if card.hidden:
            card.hidden = False
            count += 1
    return count
