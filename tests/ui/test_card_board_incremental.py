"""The card board redraws incrementally (a section that did not change keeps its lines).
Whatever sequence of changes it gets, it must show exactly what a board drawn from
scratch shows: the same lines, the same cursor, the same height."""

from __future__ import annotations

import random

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal

from workshop.tui.widgets.card_board import CardBoard, CardView, Section


class TwoBoards(App):
    AUTO_FOCUS = None  # the cursor colour depends on focus: compare like with like

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield CardBoard(id="live")
            yield CardBoard(id="fresh")


def lines(board: CardBoard) -> list[list[tuple[str, object]]]:
    return [[(seg.text, seg.style) for seg in board.render_line(y)]
            for y in range(board.scrollable_content_region.height)]


def fresh_show(board: CardBoard, sections: list[Section], cursor: int, current: str,
               scroll: int) -> None:
    board.show(sections)
    board.set_reactive(CardBoard.cursor, cursor)
    board.set_reactive(CardBoard.current_section, current)
    board._blocks = []  # everything laid out again, from scratch
    board._cache = {}
    board._rebuild()
    board.scroll_to(y=scroll, animate=False, immediate=True)


@pytest.mark.slow  # hundreds of random changes, each drawn twice
async def test_incremental_redraws_match_a_board_drawn_from_scratch():
    rng = random.Random(7)
    texts = ["每月拜访每家VIP客户一次", "建立客户分级档案 [/oops] <b>&", "a" * 90,
             "举办技术交流会\n第二行", "Build tiered client visits"]
    next_id = 0

    def card(group: str) -> CardView:
        nonlocal next_id
        next_id += 1
        return CardView(f"c{next_id}", rng.choice(texts), rng.choice(["济南队", "", "青岛队"]),
                        rng.choice(["#e4572e", "#17bebb", ""]), rng.random() < 0.1,
                        rng.choice(["", "● 3", "TOWS"]), group, rng.random() < 0.1)

    sections = [Section(f"k{i}", f"{i}. 策略 {i}",
                        [card(f"k{i}") for _ in range(rng.randint(0, 6))], "这一类暂时没有卡片")
                for i in range(8)]
    app = TwoBoards()
    async with app.run_test(size=(120, 30)) as pilot:
        live = app.query_one("#live", CardBoard)
        fresh = app.query_one("#fresh", CardBoard)
        live.show(sections)
        for step in range(150):
            sections = [Section(s.key, s.title, list(s.cards), s.hint) for s in sections]
            action = rng.choice(["move", "append", "retitle", "mark", "remove", "select",
                                 "current", "new_section"])
            pool = [(i, j) for i, s in enumerate(sections) for j in range(len(s.cards))]
            if action == "move" and pool:
                i, j = rng.choice(pool)
                moved = sections[i].cards.pop(j)
                target = rng.randrange(len(sections))
                sections[target].cards.insert(rng.randint(0, len(sections[target].cards)),
                                              moved._replace(group=sections[target].key))
                live.show(sections, select=moved.id if rng.random() < 0.5 else None)
            elif action == "append":
                target = rng.randrange(len(sections))
                new = card(sections[target].key)
                sections[target].cards.append(new)
                live.show(sections, select=new.id)
            elif action == "retitle":
                target = rng.randrange(len(sections))
                sections[target] = sections[target]._replace(
                    title=f"{target + 1}. 策略  ● {rng.randint(0, 9)}")
                live.show(sections)
            elif action == "mark" and pool:
                i, j = rng.choice(pool)
                view = sections[i].cards[j]
                sections[i].cards[j] = view._replace(marked=not view.marked)
                live.show(sections)
            elif action == "remove" and pool:
                i, j = rng.choice(pool)
                sections[i].cards.pop(j)
                live.show(sections)
            elif action == "select" and live.cards:
                live.cursor = rng.randrange(len(live.cards))
            elif action == "current":
                live.current_section = rng.choice(sections).key
            elif action == "new_section":
                sections.insert(rng.randint(0, len(sections)),
                                Section(f"n{step}", f"新的一类 {step}", [card(f"n{step}")]))
                live.show(sections)
            await pilot.pause()
            fresh_show(fresh, sections, live.cursor, live.current_section, live.scroll_offset.y)
            await pilot.pause()
            assert [c.id for c in live.cards] == [c.id for c in fresh.cards], step
            assert live.virtual_size == fresh.virtual_size, step
            assert live.scroll_offset == fresh.scroll_offset, step
            assert lines(live) == lines(fresh), (step, action)


async def test_the_scrollbar_comes_and_goes_and_the_lines_keep_their_width():
    """The scrollbar's column is kept free while the cards fit, so lines are laid out
    once for a width that holds with or without the scrollbar (2,000 cards are not laid
    out again when it appears)."""
    app = TwoBoards()
    async with app.run_test(size=(120, 20)) as pilot:
        board = app.query_one("#live", CardBoard)
        few = [Section("a", "一类", [CardView(f"c{i}", f"卡片 {i}") for i in range(3)])]
        many = [Section("a", "一类", [CardView(f"c{i}", f"卡片 {i}") for i in range(40)])]
        board.show(few)
        await pilot.pause()
        assert not board.show_vertical_scrollbar
        width = board.size.width - 1
        assert board.scrollable_content_region.width == board.virtual_size.width == width
        board.show(many)
        for _ in range(3):
            await pilot.pause()
        assert board.show_vertical_scrollbar
        assert board.scrollable_content_region.width == board.virtual_size.width == width
        assert all(board.render_line(y).cell_length == width
                   for y in range(board.scrollable_content_region.height))
        board.show(few)
        for _ in range(3):
            await pilot.pause()
        assert not board.show_vertical_scrollbar
        assert board.virtual_size.width == width


class OneBoard(App):
    def compose(self) -> ComposeResult:
        yield CardBoard(id="board")


@pytest.mark.timeout(60)  # the freeze fails the test instead of hanging the run
@pytest.mark.parametrize("key", ["pagedown", "pageup"])
async def test_a_page_key_where_the_board_ends_in_lines_with_no_card(key):
    """The last lines of this board are an empty section's title and hint. PageDown
    toward them looked for the nearest card line going down, then up, then down again
    between those two lines, forever: the app froze (found by keys pressed at random on
    the hostile room's gaps). Each page key now lands on a card."""
    cards = [CardView(f"c{i}", f"卡片 {i} [/oops] <b>&", "济南队", "#e4572e", group="a")
             for i in range(30)]
    sections = [Section("a", "1. 有卡片", cards), Section("b", "2. 空的", [], "这一类暂时没有卡片")]
    app = OneBoard()
    async with app.run_test(size=(60, 12)) as pilot:
        board = app.query_one(CardBoard)
        board.show(sections)
        board.focus()
        await pilot.pause()
        for start in (0, 15, 29):
            board.cursor = start
            for _ in range(4):
                await pilot.press(key)
            assert board.cursor == (29 if key == "pagedown" else 0), start
