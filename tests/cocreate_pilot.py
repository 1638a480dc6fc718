"""Pilot helpers for step 4: the board of the phase on screen, what it shows, the
clusters in the document, typing a card in the shared entry."""

from __future__ import annotations

from textual.widgets import Input

from uitools import settle
from workshop.methods.cocreate import clusters
from workshop.model import Workshop
from workshop.tui.widgets.card_board import CardBoard


def board_of(app) -> CardBoard:
    """The board of the phase on screen (each board phase has its own)."""
    return app.screen.active_pane.query_one(CardBoard)


def board_lines(app) -> list[str]:
    board = board_of(app)
    return [board.render_line(y).text.rstrip()
            for y in range(board.scrollable_content_region.height)]


def panel_text(app) -> str:
    """What the side panel of the phase on screen says."""
    from uitools import shown

    return shown(app.screen.active_pane.query_one(".cocreate-panel"))


def tabs_text(app) -> str:
    from workshop.tui.widgets.pane_tabs import PaneTabs

    return app.screen.query_one(PaneTabs).render().plain


def cluster_texts(doc: Workshop) -> list[list[str]]:
    return [[c.text for c in clusters.cards_of(doc.cocreate, k.id)] for k in doc.cocreate.clusters]


async def type_card(pilot, text: str) -> None:
    entry = pilot.app.screen.query_one("#entry-input", Input)
    entry.value = text
    await pilot.press("enter")
    await settle(pilot)
