"""Questions from the room's phones, on the town hall screen: how many wait for the
presenting team (beside the log's caption), and Q to put the next one to the team (the
facilitator picks from the list, most upvoted first; it goes into the challenge log)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.edits import phones as phone_edits
from workshop.i18n import t
from workshop.model import Workshop
from workshop.text import truncate
from workshop.tui.screens.dialogs import Choice

if TYPE_CHECKING:
    from workshop.tui.screens.townhall import TownhallScreen


def waiting_note(doc: Workshop, team_id: str | None) -> str:
    """`` · 手机提问 3 条（Q）`` when phones asked the presenting team, else ""."""
    count = len(phone_edits.waiting_questions(doc, team_id))
    return t("phones.townhall.waiting", count=count) if count else ""


def pick_next(screen: TownhallScreen) -> None:
    """Q: choose the question from the phones to put to the presenting team now."""
    app = screen.app
    doc = screen.doc
    waiting = phone_edits.waiting_questions(doc, screen.team_id(doc))
    if not waiting:
        app.bell()
        app.notify(t("phones.townhall.none"), timeout=3)
        return
    options = []
    for question in waiting:
        asker = doc.team(question.asker_team_id)
        options.append((question.id, t("phones.townhall.row", votes=len(question.upvotes),
                                       question=truncate(question.question, 60),
                                       team=asker.name if asker else "")))

    def chosen(question_id: str | None) -> None:
        if not question_id:
            return

        def pick(doc: Workshop):
            challenge = phone_edits.pick_question(doc, question_id)
            screen._select_next = challenge.id  # the log puts its cursor on it
            return challenge

        challenge = app.edit(t("phones.townhall.undo"), pick)
        if challenge is not None:
            app.notify(t("phones.townhall.asked", question=challenge.question), timeout=10)

    app.push_screen(Choice(t("phones.townhall.title", count=len(waiting)), options,
                           t("phones.townhall.hint")), chosen)
