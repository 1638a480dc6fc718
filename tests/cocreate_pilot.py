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


def squeeze(text: str) -> str:
    """`text` without its spaces: a card wrapped in a column reads the same."""
    return "".join(text.split())


def wall_columns(app) -> list[tuple[str, list[str]]]:
    """What the wall shows, column by column, as the screen shows it: each column's
    title (its lines before the first card: name, dots) and its cards, a card's wrapped
    lines joined (spaces squeezed out: see ``squeeze``). A card starts at its bar (``▌``,
    or ``✔`` when marked); its lines after the first are indented."""
    board = board_of(app)
    columns: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for y in range(board.scrollable_content_region.height):
        line = board.render_line(y)
        for key, x, width in board.column_spans(y):
            cell = line.crop(x, x + width).text
            title, cards = columns.setdefault(key, ([], []))
            if cell[:1] in "▌✔" and cell.strip():
                cards.append(squeeze(cell[2:]))
            elif cell.startswith("  ") and cell.strip() and cards:
                cards[-1] += squeeze(cell)
            elif cell.strip() and not cards:
                title.append(squeeze(cell))
    return [("".join(title), cards) for title, cards in columns.values()]


def wall_cards(app) -> list[str]:
    """Every card shown on the wall (spaces squeezed out), column by column."""
    return [card for _title, cards in wall_columns(app) for card in cards]


def wall_titles(app) -> list[str]:
    """Every column title shown (spaces squeezed out)."""
    return [title for title, _cards in wall_columns(app) if title]


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
