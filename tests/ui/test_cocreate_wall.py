"""The co-create board is the wall it replaces (issue 14): clusters side by side in
columns that use the width, the loose cards across the top, in normal and projector
mode; the arrow keys move across the wall and down its columns."""

from __future__ import annotations

import pytest

from cocreate_factory import IDEAS, room
from cocreate_pilot import board_lines, board_of, squeeze, wall_cards, wall_columns, wall_titles
from uitools import settle
from workshop.methods.cocreate import clusters
from workshop.text import cells

SIZES = [(80, 24), (200, 60)]


def text(i: int) -> str:
    """The text of the room's card `i` (0-based), as the wall shows it."""
    return squeeze(f"{IDEAS[i % len(IDEAS)]}（{i + 1}）")


@pytest.mark.parametrize("projector", [False, True])
async def test_at_200x60_the_whole_wall_is_on_screen(cocreate_app, projector):
    app = cocreate_app(room())
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        if projector:
            await pilot.press("f9")
            await settle(pilot)
        assert len(wall_cards(app)) == 66  # 60 in 11 clusters, 6 loose: every one
        titles = wall_titles(app)
        assert titles[0] == "未归类卡片(6)"
        assert [t.split(".")[0] for t in titles[1:]] == [str(n) for n in range(1, 12)]


@pytest.mark.parametrize("size", SIZES)
async def test_f9_hides_the_side_panel_and_gives_the_wall_its_room(cocreate_app, size):
    app = cocreate_app(room())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        side = app.screen.active_pane.query_one(".cocreate-side")
        assert side.display
        await pilot.press("f9")
        await settle(pilot)
        assert not side.display  # the README's promise: secondary panels hidden
        board = board_of(app)
        assert board.size.width >= size[0] - 4
        shown = wall_cards(app)
        assert len(shown) >= (16 if size == (80, 24) else 66)  # was 6 of 66 at 80×24
        loose = [text(i) for i in range(60, 66)]
        assert loose[0] in shown and loose[2] in shown  # the loose cards, across the top


@pytest.mark.parametrize("size", SIZES)
async def test_clusters_stand_side_by_side_as_many_as_fit(cocreate_app, size):
    app = cocreate_app(room())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        line = next(line for line in board_lines(app) if " 1. （未命名）" in line)
        side_by_side = [n for n in range(1, 12) if f" {n}. （未命名）" in line]
        assert side_by_side == list(range(1, 4 if size == (80, 24) else 7))
        # each column holds its cluster's cards, in the order typed
        first = next(cards for title, cards in _columns(app) if title.startswith("1."))
        assert first[:2] == [text(0), text(11)]


def _columns(app):
    from cocreate_pilot import wall_columns

    return wall_columns(app)


@pytest.mark.parametrize("size", SIZES)
async def test_the_arrow_keys_move_across_the_wall_and_down_its_columns(cocreate_app, size):
    doc = room()
    ids = [k.id for k in doc.cocreate.clusters]
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        board = board_of(app)
        board.select(doc.cocreate.cards[0].id)  # cluster 1's first card
        await pilot.press("right")
        await settle(pilot)
        assert board.selected.group == ids[1] and board.selected.text == IDEAS[1] + "（2）"
        await pilot.press("down")
        await settle(pilot)
        assert board.selected.text == IDEAS[12 % 10] + "（13）"  # cluster 2's second card
        await pilot.press("left")
        await settle(pilot)
        assert board.selected.group == ids[0]  # level with it in cluster 1
        await pilot.press("up", "up", "up")
        await settle(pilot)
        assert board.selected.group == clusters_loose_key(app)  # above: the loose cards
        # down a whole column and on to the band below, under the same place
        board.select(doc.cocreate.cards[0].id)
        for _ in range(6):
            await pilot.press("down")
        await settle(pilot)
        per_band = 2 if size == (80, 24) else 6  # beside the side panel
        assert board.selected.group == ids[per_band]
        assert text(per_band) in wall_cards(app)  # scrolled into view


def clusters_loose_key(app) -> str:
    from workshop.tui.widgets.cocreate.board_mirror import LOOSE

    return LOOSE


@pytest.mark.parametrize("size", SIZES)
async def test_a_new_pair_keeps_the_cursor_on_it_in_view(cocreate_app, size):
    doc = room()
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        board = board_of(app)
        assert board.selected.text == IDEAS[0] + "（61）"  # the first loose card
        await pilot.press("p", "right", "p")  # pairs first: this card and the next
        await settle(pilot)
        pair = clusters.cards_of(app.session.doc.cocreate, app.session.doc.cocreate.clusters[-1].id)
        assert [c.text for c in pair] == [IDEAS[0] + "（61）", IDEAS[1] + "（62）"]
        assert board.selected.id == pair[0].id  # the cursor on the new pair…
        shown = wall_cards(app)
        assert text(60) in shown and text(61) in shown  # …and the pair on screen
        assert any(title.startswith("12.") for title in wall_titles(app))
        if size == (200, 60):
            assert text(62) in shown  # the loose cards still waiting, too


async def test_the_wall_in_english(cocreate_app):
    doc = room()
    doc.room.language = "en"
    app = cocreate_app(doc)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        titles = wall_titles(app)
        assert titles[0] == squeeze("Cards not in a cluster (6)")
        assert titles[1] == squeeze("1. (unnamed) (6)")


@pytest.mark.parametrize("size", SIZES)
async def test_the_titles_of_a_band_end_level_so_its_cards_start_level(cocreate_app, size):
    doc = room(named=True)
    doc.cocreate.clusters[0].name = "建立VIP客户分级拜访制度并每月复盘一次"  # only it wraps
    doc.cocreate.phase = "vote"
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = board_lines(app)
        first = [line for line in lines if text(0)[:4] in line or text(1)[:4] in line]
        assert first and text(0)[:4] in first[0] and text(1)[:4] in first[0]
        dots = [line for line in lines if line.strip().startswith("0")]
        assert dots and dots[0].split() == ["0"] * len(dots[0].split())  # the tallies, level


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_wall_says_what_to_do_in_its_phase(cocreate_app, size):
    doc = room(clusters=0)
    doc.cocreate.cards.clear()
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        said = squeeze(" ".join(board_lines(app)))
        assert "在下方输入，回车添加" in said and "Ctrl+N" not in said  # we are brainstorming
        app.screen.go_to_phase("cluster")
        await settle(pilot)
        assert "按Ctrl+G回到头脑风暴" in squeeze(" ".join(board_lines(app)))


async def test_undo_and_redo_of_a_card_typed_follow_the_change_not_the_whole_wall(
        cocreate_app, monkeypatch):
    """Ctrl+Z on a card just typed takes it off the wall without reading every card of
    the document again (``BoardMirror.follow``); the wall is the one a fresh build makes."""
    from cocreate_pilot import type_card, wall_columns
    from workshop.tui.widgets.cocreate.board_mirror import BoardMirror

    doc = room()
    doc.cocreate.phase = "brainstorm"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_card(pilot, "新想法 [/oops]")
        typed = wall_columns(app)
        builds = []
        build = BoardMirror.build
        monkeypatch.setattr(BoardMirror, "build",
                            lambda self, doc: builds.append(doc) or build(self, doc))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not any("新想法" in card for _, cards in wall_columns(app) for card in cards)
        undone = wall_columns(app)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert wall_columns(app) == typed
        assert builds == []  # neither undo nor redo read the whole wall again
        monkeypatch.undo()
        app.screen.active_pane.show(app.session.doc)  # the slow way: the same wall
        await settle(pilot)
        assert wall_columns(app) == typed
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert wall_columns(app) == undone


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
async def test_a_card_brought_from_the_gaps_reads_its_text_then_its_badge(cocreate_app, size):
    """A card carried over from step 2 ends with its badge (根因) at its column's right
    edge, or on a line of its own when its last line has no room; every line of the wall
    is as wide as the board, the lit card's too, so the columns beside it stay in line."""
    doc = room()
    # the first cluster holds 12 cards of 10 to 21 Chinese characters: whatever the
    # column's width, some last lines have room for the badge and some do not
    first = doc.cocreate.clusters[0].id
    for card in doc.cocreate.cards:
        if card.cluster_id == first:
            card.cluster_id = doc.cocreate.clusters[1].id
    for k, card in enumerate(doc.cocreate.cards[:12]):
        card.text = "根" * (10 + k)
        card.cluster_id = first
        doc.cocreate.sources[card.id] = f"cause:{card.id}"
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f9")  # the wall takes the width
        await settle(pilot)
        board = board_of(app)
        width = board.scrollable_content_region.width
        for y in range(board.scrollable_content_region.height):
            line = board.render_line(y)
            assert line.cell_length == width and cells(line.text) == width, y
        shown = next(cards for _title, cards in wall_columns(app)
                     if cards and cards[0].startswith("根"))
        assert len(shown) >= 8, shown
        for k, card in enumerate(shown[:-1]):  # the last may go on below the screen
            assert card == "根" * (10 + k) + "根因", card
        by_column: dict[tuple[int, int], list[str]] = {}
        for y in range(board.scrollable_content_region.height):
            line = board.render_line(y)
            for key, x, column in board.column_spans(y):
                by_column.setdefault(key, []).append(line.crop(x, x + column).text)
        in_column = next(c for c in by_column.values() if any("根根" in cell for cell in c))
        ends = [c for c in in_column if c.endswith(" 根因") and c.strip() != "根因"]
        alone = [c for c in in_column if c.strip() == "根因"]
        assert ends and alone, in_column  # at the end of a line, and on a line of its own


# -- a large wall: the screen first, the rest just after ------------------------------------

LARGE = [pytest.param(6, id="clusters-fill-the-screen"),
         pytest.param(300, id="loose-cards-fill-the-screen")]
"""A wall of 1,300 cards (over ``SCREEN_FIRST``) whose first screen is columns of clusters,
or loose cards across the width."""


async def _seen(app, keys: list[str]) -> tuple[list[str], str, int]:
    """The wall's lines on screen, the card under the cursor, the wall's length, after
    `keys`."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await settle(pilot)
        board = board_of(app)
        return board_lines(app), board.selected.text, board.virtual_size.height


@pytest.mark.parametrize("loose", LARGE)
async def test_a_large_wall_shows_its_first_screen_then_lays_out_the_rest(
        cocreate_app, monkeypatch, loose):
    """The first frame shows what a wall laid out whole shows; once it is out, the rest
    is laid out and the wall is as long as the whole one."""
    from workshop.tui.widgets import wall_board

    first_frames: list[list[str]] = []
    finish = wall_board.WallBoard._finish_layout

    def finishing(board) -> None:
        if board._unfinished:  # what the first frame drew, before the rest is laid out
            first_frames.append(board_lines(app))
        finish(board)

    monkeypatch.setattr(wall_board.WallBoard, "_finish_layout", finishing)
    app = cocreate_app(room(cards=1300, loose=loose))
    seen = await _seen(app, [])
    monkeypatch.setattr(wall_board, "SCREEN_FIRST", 10 ** 9)  # the wall laid out whole
    whole = await _seen(cocreate_app(room(cards=1300, loose=loose)), [])
    assert len(first_frames) == 1 and first_frames[0] == whole[0]
    assert seen == whole


@pytest.mark.parametrize("keys", [
    pytest.param(["end"], id="end"),
    pytest.param(["down"] * 30 + ["right", "right"] + ["pagedown"] * 2, id="down-across-pages"),
])
@pytest.mark.parametrize("loose", LARGE)
async def test_keys_on_a_large_wall_before_the_rest_is_laid_out_land_as_on_the_whole_wall(
        cocreate_app, monkeypatch, loose, keys):
    """Keys that look past the first screen lay the rest out first: the cursor lands
    where it would on a wall laid out whole, whenever the keys come."""
    from workshop.tui.widgets import wall_board

    later = wall_board.WallBoard.call_later

    def not_after_the_first_frame(board, callback, *args, **kwargs):
        if getattr(callback, "__name__", "") == "_finish_layout":
            return True  # the keys come first: only they can have the rest laid out
        return later(board, callback, *args, **kwargs)

    monkeypatch.setattr(wall_board.WallBoard, "call_later", not_after_the_first_frame)
    seen = await _seen(cocreate_app(room(cards=1300, loose=loose)), keys)
    monkeypatch.setattr(wall_board, "SCREEN_FIRST", 10 ** 9)
    whole = await _seen(cocreate_app(room(cards=1300, loose=loose)), keys)
    assert seen == whole


@pytest.mark.parametrize("to_size", [(120, 30), (60, 24)], ids=["wider", "narrower"])
async def test_the_cursors_card_stays_in_view_when_the_terminal_is_resized(cocreate_app,
                                                                            to_size):
    """A wider or narrower terminal wraps the cards anew, so the wall's lines move: the
    card under the cursor is still on screen afterwards (End, then a resize, left the
    view where the old lines were)."""
    app = cocreate_app(room(cards=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = board_of(app)
        board.focus()
        await pilot.press("end")
        await settle(pilot)
        last = board.selected.text
        assert squeeze(last) in wall_cards(app)
        await pilot.resize_terminal(*to_size)
        await settle(pilot)
        assert board.selected.text == last
        assert squeeze(last) in wall_cards(app)
        await pilot.press("home")
        await settle(pilot)
        first = board.selected.text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert squeeze(first) in wall_cards(app)
