"""A fishbone drawn with box-drawing characters, as a grid of cells (pure: no Textual).

::

     人 ─────────────┐   机 ─────────────┐
     客户经理跟进慢 ─┤   CRM 不好用 ─────┤
       └ 新人多      │                   │          ┏━━━━━━━━━━━━┓
                     ╲                   ╲          ┃ 两家 VIP   ┃
                      ╲                   ╲         ┃ 客户流失   ┃
    ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━▶┃            ┃
                      ╱                   ╱         ┗━━━━━━━━━━━━┛
                     ╱                   ╱
     没有拜访标准 ───┤                   │
     法 ─────────────┘   环 ─────────────┘

The head (the gap) sits at the right end of the spine. The first half of the bones
stand above the spine and the rest below, one column each; a bone's causes are listed
along it, sub-causes indented under their cause. Widths are measured in terminal cells
(CJK characters take two). Text longer than a column is cut with … (or wrapped onto a
few lines where the column is wide): the screen shows the selected cause in full in a
detail panel. Too many bones for the width make the drawing wider than the screen: the
widget scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.methods.gaps.fishbone import split_bones
from workshop.text import cells, truncate, wrap

MIN_COLUMN = 18
"""Narrowest column a bone gets (cells); below this the drawing scrolls sideways."""
WIDE_TEXT = 26
"""Text areas at least this wide wrap long causes over up to ``MAX_LINES`` lines."""
MAX_LINES = 3

Key = tuple[str, str]
"""What a span of the drawing shows: ``("bone", bone_id)`` or ``("cause", cause_id)``."""


@dataclass(frozen=True)
class FishCause:
    id: str
    text: str
    level: int
    """1 on the bone, 2 a sub-cause, 3 below that."""
    root: bool = False


@dataclass(frozen=True)
class FishBone:
    id: str
    label: str
    causes: list[FishCause]
    """Causes and sub-causes, depth first (a sub-cause right after its cause)."""


@dataclass
class Drawing:
    width: int
    height: int
    rows: list[list[tuple[str, str]]]
    """Per row, per cell: (character, style name); "" marks the second cell of a wide
    character."""
    spans: dict[Key, list[tuple[int, int, int]]] = field(default_factory=dict)
    """Where each bone label and cause is: (row, first cell, end cell)."""
    columns: list[list[Key]] = field(default_factory=list)
    """Per column, top to bottom: the keys the cursor walks through."""
    spine_row: int = 0
    cut: set[str] = field(default_factory=set)
    """Ids of causes shown shortened (the detail panel has their full text)."""

    def text_of_row(self, row: int) -> str:
        return "".join(char for char, _ in self.rows[row])


class _Grid:
    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.rows = [[(" ", "") for _ in range(width)] for _ in range(height)]

    def put(self, row: int, x: int, text: str, style: str) -> int:
        """Write `text` at (row, x); returns the cell after it. Clipped at the edge; a wide
        character half overwritten leaves a blank, never half a glyph."""
        line = self.rows[row]
        for char in text:
            w = cells(char)
            if w == 0:
                continue
            if x < 0 or x + w > self.width:
                break
            if x > 0 and line[x][0] == "":
                line[x - 1] = (" ", line[x - 1][1])
            end = x + w
            if end < self.width and line[end][0] == "":
                line[end] = (" ", line[end][1])
            line[x] = (char, style)
            if w == 2:
                line[x + 1] = ("", style)
            x = end
        return x

    def style(self, row: int, x0: int, x1: int, style: str) -> None:
        line = self.rows[row]
        for x in range(max(0, x0), min(self.width, x1)):
            line[x] = (line[x][0], style)


@dataclass
class _Item:
    key: Key
    lines: list[str]
    level: int
    root: bool


def _items(bone: FishBone, text_width: int, max_lines: int, root_tag: str,
           cut: set[str]) -> list[_Item]:
    items = []
    for cause in bone.causes:
        indent = 2 * (cause.level - 1)
        tag = (root_tag + " ") if cause.root else ""
        room = max(4, text_width - indent - (2 if cause.level > 1 else 0) - cells(tag))
        text = cause.text.replace("\n", " ")
        if max_lines == 1:
            lines = [truncate(text, room)]
        else:
            # continuation lines hang two cells in, so each cause starts visibly
            lines = wrap(text, room)
            if len(lines) > 1:
                rest = text[len(lines[0]):].strip() if text.startswith(lines[0]) \
                    else " ".join(lines[1:])
                lines = lines[:1] + wrap(rest, room - 2)
            if len(lines) > max_lines:
                lines = lines[:max_lines]
                last = lines[-1]
                limit = room - (2 if max_lines > 1 else 0)
                while last and cells(last) + 1 > limit:
                    last = last[:-1]
                lines[-1] = last + "…"
        if "".join(lines).replace(" ", "") != text.replace(" ", ""):
            cut.add(cause.id)
        items.append(_Item(("cause", cause.id), lines, cause.level, cause.root))
    return items


def layout(head: str, bones: list[FishBone], width: int, *, root_tag: str = "根",
           empty_hint: str = "", selected: Key | None = None,
           height: int = 0) -> Drawing:
    """Draw the fishbone for a screen `width` cells wide (at least `height` rows tall)."""
    top, bottom = split_bones(bones)
    columns = max(1, len(top))
    head_w = max(12, min(34, width // 6 + 2))
    column = max(MIN_COLUMN, (width - head_w - 2) // columns)
    total_w = max(width, columns * column + head_w + 2)
    text_w = column - 6  # "text ─┤": a space and a dash before the bone, at least
    max_lines = MAX_LINES if text_w >= WIDE_TEXT else 1
    cut: set[str] = set()

    top_items = [_items(b, text_w, max_lines, root_tag, cut) for b in top]
    bottom_items = [_items(b, text_w, max_lines, root_tag, cut) for b in bottom]

    def rows_of(items: list[_Item]) -> int:
        return sum(len(item.lines) for item in items)

    top_rows = max([1, *(rows_of(i) for i in top_items)])
    bottom_rows = max([1, *(rows_of(i) for i in bottom_items)]) if bottom else 0
    spine = 1 + top_rows + 2
    body_h = spine + 1 + ((2 + bottom_rows + 1) if bottom else 1)

    head_text_w = head_w - 4
    head_lines = wrap(head.replace("\n", " "), head_text_w)
    room_rows = max(body_h, height) - 2
    if len(head_lines) > max(1, min(room_rows, 10)):
        keep = max(1, min(room_rows, 10))
        head_lines = head_lines[:keep]
        last = head_lines[-1]
        while last and cells(last) + 1 > head_text_w:
            last = last[:-1]
        head_lines[-1] = last + "…"
    box_h = len(head_lines) + 2
    total_h = max(body_h, box_h)
    grid = _Grid(total_w, total_h)
    spans: dict[Key, list[tuple[int, int, int]]] = {}
    nav: list[list[Key]] = [[] for _ in range(columns)]

    def mark(key: Key, row: int, x0: int, x1: int) -> None:
        spans.setdefault(key, []).append((row, x0, x1))

    # the spine and the head
    spine_end = total_w - head_w - 1
    grid.put(spine, 0, "━" * spine_end, "spine")
    grid.put(spine, spine_end, "▶", "spine")
    box_top = max(0, min(total_h - box_h, spine - box_h // 2))
    hx = total_w - head_w
    grid.put(box_top, hx, "┏" + "━" * (head_w - 2) + "┓", "head-box")
    for i, line in enumerate(head_lines):
        row = box_top + 1 + i
        grid.put(row, hx, "┃", "head-box")
        grid.put(row, hx + 2, line, "head")
        grid.put(row, hx + head_w - 1, "┃", "head-box")
    grid.put(box_top + box_h - 1, hx, "┗" + "━" * (head_w - 2) + "┛", "head-box")
    if box_top < spine < box_top + box_h - 1:
        grid.put(spine, hx, "┫", "head-box")

    def draw_label(bone: FishBone, row: int, x0: int, bx: int, corner: str) -> None:
        label = " " + truncate(bone.label, max(2, bx - x0 - 4)) + " "
        end = grid.put(row, x0 + 1, label, "label")
        mark(("bone", bone.id), row, x0 + 1, end)
        grid.put(row, end, "─" * max(0, bx - end), "bone")
        grid.put(row, bx, corner, "bone")

    def draw_items(items: list[_Item], row: int, x0: int, bx: int, col: int) -> int:
        for item in items:
            indent = 2 * (item.level - 1)
            for n, line in enumerate(item.lines):
                x = x0 + 1 + indent + (2 if n else 0)
                if n == 0 and item.level > 1:
                    x = grid.put(row, x, "└ ", "twig")
                elif item.level > 1:
                    x += 2
                start = x
                if n == 0 and item.root:
                    x = grid.put(row, x, root_tag, "root-tag")
                    x = grid.put(row, x, " ", "")
                style = "root" if item.root else ("sub" if item.level > 1 else "cause")
                x = grid.put(row, x, line, style)
                mark(item.key, row, start, x)
                if n == 0 and item.level == 1:
                    grid.put(row, x + 1, "─" * max(0, bx - x - 1), "branch")
                    grid.put(row, bx, "┤", "bone")
                else:
                    grid.put(row, bx, "│", "bone")
                row += 1
            nav[col].append(item.key)
        return row

    for col in range(columns):
        x0 = col * column
        bx = x0 + column - 3
        if col < len(top):
            bone = top[col]
            nav[col].append(("bone", bone.id))
            draw_label(bone, 0, x0, bx, "┐")
            end = draw_items(top_items[col], 1, x0, bx, col)
            for row in range(end, spine - 2):
                grid.put(row, bx, "│", "bone")
            if not bone.causes and empty_hint:
                grid.put(1, x0 + 1, truncate(empty_hint, bx - x0 - 2), "hint")
            grid.put(spine - 2, bx + 1, "╲", "bone")
            grid.put(spine - 1, bx + 2, "╲", "bone")
        if col < len(bottom):
            bone = bottom[col]
            grid.put(spine + 1, bx + 2, "╱", "bone")
            grid.put(spine + 2, bx + 1, "╱", "bone")
            end = draw_items(bottom_items[col], spine + 3, x0, bx, col)
            label_row = spine + 3 + bottom_rows
            for row in range(end, label_row):
                grid.put(row, bx, "│", "bone")
            if not bone.causes and empty_hint:
                grid.put(spine + 3, x0 + 1, truncate(empty_hint, bx - x0 - 2), "hint")
            draw_label(bone, label_row, x0, bx, "┘")
            nav[col].append(("bone", bone.id))

    if selected is not None:
        for row, x0, x1 in spans.get(selected, []):
            grid.style(row, x0, x1, "selected")
    rows = grid.rows
    if height > total_h:  # a tall screen: the fish swims in the middle of it
        above = (height - total_h) // 2
        blank = [(" ", "")] * total_w
        rows = [list(blank) for _ in range(above)] + rows + [
            list(blank) for _ in range(height - total_h - above)]
        spans = {key: [(r + above, x0, x1) for r, x0, x1 in where]
                 for key, where in spans.items()}
        spine += above
        total_h = height
    return Drawing(width=total_w, height=total_h, rows=rows, spans=spans, columns=nav,
                   spine_row=spine, cut=cut)
