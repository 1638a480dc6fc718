"""A fishbone diagram (鱼骨图) as reportlab vector graphics.

The gap is the head on the right; the spine runs to it; the bones slant away from the
spine, the first half of them above it and the rest below; each bone carries its
category in a box at its far end and its causes as horizontal branches, sub-causes
hanging under their cause.

Why it never overlaps: all bones are parallel and one column apart, so each bone owns
the slanted strip between the bone before it and itself. Every line of text is placed
at its own height inside that strip (lines follow the bone's slant), and is wrapped to
the strip's width, so no text can reach another bone or another bone's text. Causes of
one bone are stacked, never side by side. Bone labels are cut to a column's width and
sit at the bones' ends, one column apart.

When the causes do not fit the page at a readable size, the layout tries smaller type,
then fewer lines per cause, then leaves sub-causes out (counted on their cause); texts
cut that way are numbered, and the section prints them in full in a table.

``layout`` is pure geometry (tests check it for overlaps); ``drawing`` paints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.styles import ACCENT, ACCENT_LIGHT, INK, MUTED, WHITE
from workshop.methods.gaps.fishbone import split_bones
from workshop.report.gaps import CauseRow, FishboneRow

ROOT = colors.HexColor("#b3261e")
"""Root causes: a dot and the text in this red."""
BRANCH = colors.HexColor("#7a8794")

HEAD_WIDTH = 84.0
LABEL_SIZE = 9.0
LABEL_HEIGHT = 15.0
SPINE_CLEAR = 10.0
"""Room kept free next to the spine, where the bones meet it."""
PAD_LEFT = 4.0
PAD_RIGHT = 6.0
BLOCK_GAP = 4.0
SUB_INDENT = 9.0
ROOT_INDENT = 7.0
"""Room for the red dot before a root cause's text."""
MAX_SLOPE = 0.38
"""Horizontal run of a bone per point of height, at most (about 21° from vertical)."""
MAX_SLANT_SHARE = 0.10
"""A bone's whole slant takes at most this share of the width (tall fishbones get steeper)."""
ELLIPSIS = "…"


@dataclass(frozen=True)
class Level:
    """One try at fitting: type size and how much of each text to show."""

    size: float
    cause_lines: int
    sub_lines: int
    subs: bool = True


LEVELS = (
    Level(8.0, 5, 3),
    Level(7.5, 4, 3),
    Level(7.0, 3, 2),
    Level(6.5, 2, 2),
    Level(6.5, 2, 1),
    Level(6.0, 1, 1),
    Level(6.0, 2, 0, subs=False),
    Level(6.0, 1, 0, subs=False),
)


@dataclass(frozen=True)
class Text:
    """One line of text, placed: (x, y) is the baseline's start."""

    x: float
    y: float
    text: str
    size: float
    kind: str
    """``cause``, ``sub``, ``root``, ``label``, ``head``."""
    width: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the glyphs: baseline drop 0.2 em, cap height 0.9 em."""
        return (self.x, self.y - 0.2 * self.size, self.x + self.width, self.y + 0.9 * self.size)


@dataclass(frozen=True)
class Stroke:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str
    """``spine``, ``bone``, ``branch``, ``twig``."""


@dataclass
class FishLayout:
    width: float
    height: float
    texts: list[Text] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    """Label and head boxes: (x, y, w, h, kind)."""
    dots: list[tuple[float, float, float]] = field(default_factory=list)
    """Root-cause dots: (x, y, radius)."""
    arrow: tuple[float, ...] = ()
    cut: bool = False
    """Some text was shortened or left out: the section adds the full list."""
    level: Level | None = None


# -- measuring and wrapping ----------------------------------------------------------------

@lru_cache(maxsize=8192)
def _char_width(char: str, font: str, size: float) -> float:
    fonts = stack_for(font)  # as drawn: a character the CJK font lacks comes from a fallback
    return stringWidth(char, fonts.font_for(char) or fonts.placeholder_font, size)


def text_width(text: str, font: str, size: float) -> float:
    return sum(_char_width(c, font, size) for c in text)


def _is_wide(char: str) -> bool:
    return ord(char) >= 0x2E80


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width` points: Latin words break at spaces (a word
    longer than a line is split), CJK anywhere."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, line_w = "", 0.0
        word, word_w = "", 0.0

        def flush_word() -> None:
            nonlocal line, line_w, word, word_w
            if not word:
                return
            if line and line_w + word_w > width:
                out.append(line.rstrip())
                line, line_w = "", 0.0
                word = word.lstrip()
                word_w = text_width(word, font, size)
            while word_w > width and word:  # a word longer than a line: split it
                cut, cut_w = "", 0.0
                for char in word:
                    w = _char_width(char, font, size)
                    if cut and cut_w + w > width:
                        break
                    cut += char
                    cut_w += w
                out.append(cut)
                word = word[len(cut):]
                word_w = text_width(word, font, size)
            line += word
            line_w += word_w
            word, word_w = "", 0.0

        for char in paragraph:
            w = _char_width(char, font, size)
            if _is_wide(char):
                flush_word()
                if line and line_w + w > width:
                    out.append(line.rstrip())
                    line, line_w = "", 0.0
                line += char
                line_w += w
            elif char == " ":
                flush_word()
                if line:
                    line += " "
                    line_w += w
            else:
                word += char
                word_w += w
        flush_word()
        out.append(line.rstrip())
    return [line for line in out if line] or [""]


def fit_lines(text: str, font: str, size: float, width: float,
              max_lines: int) -> tuple[list[str], bool]:
    """`text` wrapped to at most `max_lines` lines, the last ending in … when cut."""
    lines = wrap(text, font, size, width)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    kept[-1] = last + ELLIPSIS
    return kept, True


# -- layout --------------------------------------------------------------------------------

@dataclass
class _Line:
    text: str
    level: int
    """0 for the cause, 1 and 2 for sub-causes."""
    root: bool
    first: bool
    """The first line of its cause (where a root dot or a twig goes)."""


@dataclass
class _Block:
    """A cause with its sub-causes, as lines, from the top of the block down."""

    cause_lines: list[_Line]
    sub_lines: list[_Line]
    height: float


def _block(cause: CauseRow, font: str, level: Level, width: float, numbered: bool,
           leading: float) -> tuple[_Block, bool]:
    cut = False
    label = f"{cause.number} {cause.text}" if numbered else cause.text
    room = width - (ROOT_INDENT if cause.root else 0)
    hidden = sum(1 for _ in _walk(cause.children)) if not level.subs else 0
    suffix = f" (+{hidden})" if hidden else ""
    lines, was_cut = fit_lines(label, font, level.size, room, level.cause_lines)
    if suffix and text_width(lines[-1] + suffix, font, level.size) > room:
        # make room for the count of the sub-causes left out
        lines, _ = fit_lines(label, font, level.size, room, len(lines))
        last = lines[-1].removesuffix(ELLIPSIS)
        while last and text_width(last + ELLIPSIS + suffix, font, level.size) > room:
            last = last[:-1]
        lines[-1] = last + ELLIPSIS
        was_cut = True
    cut |= was_cut or bool(hidden)
    if suffix:
        lines[-1] += suffix
    cause_lines = [_Line(text, 0, cause.root, i == 0) for i, text in enumerate(lines)]
    sub_lines: list[_Line] = []

    def subs(children: list[CauseRow], depth: int) -> None:
        nonlocal cut
        for child in children:
            label = f"{child.number} {child.text}" if numbered else child.text
            room = width - depth * SUB_INDENT - (ROOT_INDENT if child.root else 0)
            got, was = fit_lines(label, font, level.size - 0.5, room, level.sub_lines)
            cut |= was
            sub_lines.extend(_Line(text, depth, child.root, i == 0) for i, text in enumerate(got))
            subs(child.children, depth + 1)

    if level.subs:
        subs(cause.children, 1)
    height = len(cause_lines) * leading + 3 + len(sub_lines) * (leading - 0.5)
    if sub_lines:
        height += 2
    return _Block(cause_lines, sub_lines, height), cut


def _walk(causes: list[CauseRow]):
    for cause in causes:
        yield cause
        yield from _walk(cause.children)


def _half_height(blocks: list[list[_Block]]) -> float:
    return max((sum(b.height + BLOCK_GAP for b in bone) for bone in blocks), default=0.0)


def layout(row: FishboneRow, font: str, width: float, max_height: float) -> FishLayout:
    """Fit `row` into `width` × at most `max_height` points (see the module docstring)."""
    attempt: FishLayout | None = None
    for level in LEVELS:
        attempt = _layout(row, font, width, level, numbered=False)
        if attempt.cut:
            attempt = _layout(row, font, width, level, numbered=True)
        if attempt.height <= max_height:
            return attempt
    assert attempt is not None
    return attempt  # the smallest try: the section scales it to fit


def _layout(row: FishboneRow, font: str, width: float, level: Level,
            numbered: bool) -> FishLayout:
    bones = row.bones
    top, bottom = split_bones(bones)
    columns = max(1, len(top))
    leading = level.size * 1.22
    slant_cap = width * MAX_SLANT_SHARE
    left = 2.0
    spine_end = width - HEAD_WIDTH - 6
    column = (spine_end - left - slant_cap - 6) / columns
    text_room = column - PAD_LEFT - PAD_RIGHT - MAX_SLOPE * level.size

    cut = False
    top_blocks: list[list[_Block]] = []
    bottom_blocks: list[list[_Block]] = []
    for bone_list, out in ((top, top_blocks), (bottom, bottom_blocks)):
        for bone in bone_list:
            blocks = []
            for cause in bone.causes:
                block, was_cut = _block(cause, font, level, text_room, numbered, leading)
                cut |= was_cut
                blocks.append(block)
            out.append(blocks)

    top_h = max(_half_height(top_blocks), 2 * leading) + SPINE_CLEAR + 4
    bottom_h = (max(_half_height(bottom_blocks), 2 * leading) + SPINE_CLEAR) if bottom else 0.0
    tall = max(top_h, bottom_h)
    slope = min(MAX_SLOPE, slant_cap / tall) if tall else MAX_SLOPE

    head_lines, head_cut = fit_lines(row.gap, font, 9.0, HEAD_WIDTH - 12, 9)
    cut |= head_cut
    head_h = len(head_lines) * 11.5 + 10

    above = max(top_h + LABEL_HEIGHT + 2, head_h / 2 + 2)
    below = max((bottom_h + LABEL_HEIGHT + 2) if bottom else 6.0, head_h / 2 + 2)
    spine_y = below
    out = FishLayout(width=width, height=above + below, cut=cut, level=level)

    # spine and head
    out.strokes.append(Stroke(left, spine_y, spine_end - 8, spine_y, "spine"))
    out.arrow = (spine_end - 10, spine_y + 5, spine_end, spine_y, spine_end - 10, spine_y - 5)
    head_x = width - HEAD_WIDTH
    out.boxes.append((head_x, spine_y - head_h / 2, HEAD_WIDTH, head_h, "head"))
    y = spine_y + head_h / 2 - 5 - 9.0
    for text in head_lines:
        out.texts.append(Text(head_x + 6, y + 1.5, text, 9.0, "head",
                              text_width(text, font, 9.0)))
        y -= 11.5

    def attach(col: int) -> float:
        """Where the bone of column `col` meets the spine."""
        return left + slant_cap + (col + 1) * column

    for side, bone_list, blocks_list, half_h in ((1, top, top_blocks, top_h),
                                                 (-1, bottom, bottom_blocks, bottom_h)):
        for col, (bone, blocks) in enumerate(zip(bone_list, blocks_list, strict=True)):
            xa = attach(col)

            def bone_x(y: float, xa: float = xa) -> float:
                """The bone's x at height `y` (it slants away from the spine)."""
                return xa - slope * abs(y - spine_y)

            end_y = spine_y + side * half_h
            out.strokes.append(Stroke(xa, spine_y, bone_x(end_y), end_y, "bone"))
            # the category at the bone's far end, cut to a column
            label, label_cut = fit_lines(bone.label, font, LABEL_SIZE, column - 14, 1)
            cut |= label_cut
            lw = text_width(label[0], font, LABEL_SIZE) + 10
            cx = bone_x(end_y)
            box_y = end_y if side > 0 else end_y - LABEL_HEIGHT
            out.boxes.append((cx - lw / 2, box_y, lw, LABEL_HEIGHT, "label"))
            out.texts.append(Text(cx - lw / 2 + 5, box_y + 4.2, label[0], LABEL_SIZE, "label",
                                  lw - 10))
            # causes top to bottom: above the spine from the far end, below it from the spine
            y_top = end_y - 4 if side > 0 else spine_y - SPINE_CLEAR
            for block in blocks:
                y = y_top
                for line in block.cause_lines:
                    y -= leading
                    base = y + 0.25 * level.size
                    x0 = bone_x(base) - column + PAD_LEFT
                    x_text = x0 + (ROOT_INDENT if line.root else 0)
                    out.texts.append(Text(x_text, base, line.text, level.size,
                                          "root" if line.root else "cause",
                                          text_width(line.text, font, level.size)))
                    if line.root and line.first:
                        out.dots.append((x0 + 2.5, base + 0.3 * level.size, 2.2))
                branch_y = y - 1.5
                out.strokes.append(Stroke(bone_x(branch_y) - column + PAD_LEFT, branch_y,
                                          bone_x(branch_y), branch_y, "branch"))
                y = branch_y - 2
                size = level.size - 0.5
                anchors = {0: branch_y}
                """Where a sub-cause of each level hangs from: the branch, or its parent."""
                for line in block.sub_lines:
                    y -= leading - 0.5
                    base = y + 0.25 * size
                    x0 = bone_x(base) - column + PAD_LEFT + line.level * SUB_INDENT
                    out.texts.append(Text(x0 + (ROOT_INDENT if line.root else 0), base,
                                          line.text, size, "root" if line.root else "sub",
                                          text_width(line.text, font, size)))
                    if line.first:  # a twig parallel to the bone, from its parent to the text
                        mid = base + 0.3 * size
                        indent = (line.level - 1) * SUB_INDENT + 3 - column + PAD_LEFT
                        start = anchors.get(line.level - 1, branch_y)
                        out.strokes.append(Stroke(bone_x(start) + indent, start,
                                                  bone_x(mid) + indent, mid, "twig"))
                        out.strokes.append(Stroke(bone_x(mid) + indent, mid, x0 - 1.5, mid,
                                                  "twig"))
                        anchors[line.level] = base - 0.25 * size
                        if line.root:
                            out.dots.append((x0 + 2.5, mid, 2.0))
                y_top -= block.height + BLOCK_GAP
    return out


# -- painting ------------------------------------------------------------------------------

def drawing(fish: FishLayout, font: str) -> Drawing:
    """The layout as a reportlab ``Drawing`` (a flowable), labels in `font`."""
    d = Drawing(fish.width, fish.height)
    for x, y, w, h, kind in fish.boxes:
        if kind == "head":
            d.add(Rect(x, y, w, h, rx=4, ry=4, fillColor=ACCENT_LIGHT, strokeColor=ACCENT,
                       strokeWidth=1.4))
        else:
            d.add(Rect(x, y, w, h, rx=3, ry=3, fillColor=ACCENT, strokeColor=None))
    widths = {"spine": 2.6, "bone": 1.3, "branch": 0.6, "twig": 0.45}
    tints = {"spine": ACCENT, "bone": ACCENT, "branch": BRANCH, "twig": BRANCH}
    for s in fish.strokes:
        d.add(Line(s.x1, s.y1, s.x2, s.y2, strokeColor=tints[s.kind],
                   strokeWidth=widths[s.kind], strokeLineCap=1))
    if fish.arrow:
        d.add(Polygon(list(fish.arrow), fillColor=ACCENT, strokeColor=ACCENT, strokeWidth=0.5))
    for x, y, r in fish.dots:
        d.add(Circle(x, y, r, fillColor=ROOT, strokeColor=None))
    ink = {"cause": INK, "sub": MUTED, "root": ROOT, "label": WHITE, "head": INK}
    fonts = stack_for(font)
    for text in fish.texts:
        for piece in fonts.strings(text.x, text.y, text.text, text.size,
                                   fillColor=ink[text.kind]):
            d.add(piece)
    return d
