"""What is on the co-creation board is on disk (issue 16): a card typed, a card moved and
a dot placed are in the session file at the moment the board shows them, so a SIGKILL
right after a card appears cannot lose it.

Every board of the screen is watched: each time one is given something to show
(``CardBoard.show``, before any of it is painted) and each time it draws a line, the
session file is read from disk with ``workshop.store.load`` when what is shown is new.
"""

from __future__ import annotations

from collections.abc import Callable

from cocreate_factory import brainstormed, clustered, voted
from cocreate_pilot import board_of
from uitools import settle
from workshop.methods.cocreate import clusters
from workshop.model import Workshop
from workshop.store import load
from workshop.tui.widgets.card_board import CardBoard, Section


class DiskWitness:
    """Reads the session file whenever a board starts showing what `shows` finds in it."""

    def __init__(self, app, shows: Callable[[list[Section]], bool],
                 drawn: str | None = None) -> None:
        self.path = app.session.path
        self.shows = shows
        self.on_disk: list[Workshop] = []
        """The file as it was each time the board was given the change to show."""
        self.drawn_on_disk: list[Workshop] = []
        """The file as it was the first time a line with `drawn` was painted."""
        for board in app.screen.query(CardBoard):
            self._watch(board, drawn)

    def _watch(self, board: CardBoard, drawn: str | None) -> None:
        show, render_line = board.show, board.render_line

        def watched_show(sections, *, select=None):
            if self.shows(list(sections)):
                self.on_disk.append(load(self.path))
            show(sections, select=select)

        def watched_line(y: int):
            strip = render_line(y)
            if drawn and not self.drawn_on_disk and drawn in strip.text:
                self.drawn_on_disk.append(load(self.path))
            return strip

        board.show = watched_show  # type: ignore[method-assign]
        board.render_line = watched_line  # type: ignore[method-assign]


def card_in(sections: list[Section], text: str, key: str | None = None) -> bool:
    return any(card.text == text for section in sections
               if key is None or section.key == key for card in section.cards)


async def test_a_card_is_on_disk_when_it_appears(cocreate_app):
    doc = brainstormed()
    app = cocreate_app(doc)
    text = "每周一早会复盘上周拜访 [/oops]"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # the card's first line in its column of the wall
        witness = DiskWitness(app, lambda sections: card_in(sections, text), drawn="每周一早会复盘")
        await pilot.press(*"abc")  # a draft typed…
        app.screen.query_one("#entry-input").value = text  # …then the card, pasted
        await pilot.press("enter")
        await settle(pilot)
        assert card_in(board_of(app).sections, text)
        assert witness.on_disk and witness.drawn_on_disk
        for saved in witness.on_disk + witness.drawn_on_disk:
            assert text in [card.text for card in saved.cocreate.cards]


async def test_a_move_is_on_disk_when_the_card_shows_in_its_cluster(cocreate_app):
    doc = clustered(named=False)
    app = cocreate_app(doc)
    loose = clusters.loose(doc.cocreate)[0]
    first = doc.cocreate.clusters[0].id
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert board_of(app).selected.id == loose.id
        witness = DiskWitness(app, lambda sections: card_in(sections, loose.text, first))
        await pilot.press("right_square_bracket")  # carried into the first cluster
        await settle(pilot)
        assert card_in(board_of(app).sections, loose.text, first)
        assert witness.on_disk
        for saved in witness.on_disk:
            assert next(c for c in saved.cocreate.cards if c.id == loose.id).cluster_id == first


async def test_a_dot_is_on_disk_when_it_shows(cocreate_app):
    doc = voted()  # 拜访 2, 展会 3, 培训 1
    doc.cocreate.dots = 5
    app = cocreate_app(doc)
    shows = doc.cocreate.clusters[1]
    bar = "●●●● 4"  # the wall's tally under the title: a dot per dot

    def fourth(sections: list[Section]) -> bool:
        return any(s.key == shows.id and s.tally == (4, 4) for s in sections)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board_of(app).select(clusters.cards_of(doc.cocreate, shows.id)[0].id)
        witness = DiskWitness(app, fourth, drawn=bar)
        await pilot.press("plus")
        await settle(pilot)
        assert fourth(board_of(app).sections)
        assert witness.on_disk and witness.drawn_on_disk
        for saved in witness.on_disk + witness.drawn_on_disk:
            assert len(saved.cocreate.cluster(shows.id).votes) == 4
