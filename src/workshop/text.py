"""User text helpers: cleaning what people type, and measuring it in terminal cells.

Everything typed in the room is data, never markup. Cleaning strips what a terminal
or a PDF would otherwise interpret (ANSI escapes, control characters); escaping for
a particular renderer happens where the text is rendered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rich.cells import cell_len

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST) and two-character escapes.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 and C1 controls and DEL, but not tab or newline (handled separately); and lone
# surrogates (half of a UTF-16 pair, e.g. from a JSON "\ud800" escape or a broken paste),
# which no file can store in UTF-8: a document holding one could not be saved.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u3000]+")

MAX_TEXT = 5000
"""Longest text kept for one field; longer input is cut (a card is not a document)."""


# Anything `clean` would change. Most text is already clean (every card is cleaned again
# when a session loads), so checking first makes loading 2,000 cards several times faster.
_DIRTY_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u3000\ud800-\udfff]|  |^\s|\s\Z")
_DIRTY_TEXT = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u3000\ud800-\udfff]|  | \n|\n |\n\n\n|^\s|\s\Z")


def is_han(char: str) -> bool:
    """Whether `char` is a Chinese character (CJK ideographs, extension A, compatibility).

    A comparison, not a regular expression: compiling a character class of 20,000 code
    points takes milliseconds, paid by every start.
    """
    return ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
            or "\uf900" <= char <= "\ufaff")


def clean(text: str, *, multiline: bool = False, max_len: int = MAX_TEXT) -> str:
    """Return `text` without escapes or control characters, NFC-normalised and trimmed.

    Single-line text has newlines and tabs folded to single spaces; multi-line
    text keeps its line breaks (normalised to ``\\n``). ``clean(clean(x)) == clean(x)``.
    """
    text = str(text)
    dirty = _DIRTY_TEXT if multiline else _DIRTY_LINE
    if len(text) <= max_len and not dirty.search(text) and unicodedata.is_normalized("NFC", text):
        return text
    if _SURROGATE.search(text):
        # a pair written as two halves becomes its character; a lone half is dropped
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    text = unicodedata.normalize("NFC", text)
    text = _ANSI.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        lines = [_SPACES.sub(" ", _CONTROL.sub("", line)).strip() for line in text.split("\n")]
        text = "\n".join(lines).strip("\n")
        text = re.sub(r"\n{3,}", "\n\n", text)
    else:
        text = _SPACES.sub(" ", _CONTROL.sub("", text.replace("\n", " "))).strip()
    return text[:max_len].rstrip()


def cells(text: str) -> int:
    """Width of `text` in terminal cells (CJK characters take two)."""
    return cell_len(text)


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut `text` to at most `width` cells, ending with `ellipsis` when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ellipsis)
    out: list[str] = []
    used = 0
    for char in text:
        w = cell_len(char)
        if used + w > room:
            break
        out.append(char)
        used += w
    return "".join(out) + ellipsis if room >= 0 else ellipsis[:width]


def _head(text: str, width: int) -> str:
    """The longest start of `text` that fits `width` cells, without an ellipsis."""
    out, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > width:
            break
        out.append(char)
    return "".join(out)


def truncate_start(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut `text` to at most `width` cells from its start, keeping its end (where a
    cluster's title says which team took it and how many cards it has): ``…小分队 (50)``."""
    if cell_len(text) <= width:
        return text
    return ellipsis + _head(text[::-1], width - cell_len(ellipsis))[::-1]


def _shared_start(a: str, b: str) -> int:
    """How many characters `a` and `b` start with in common."""
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


def truncate_apart(names: Sequence[str], width: int) -> list[str]:
    """Each name cut to `width` cells as ``truncate`` does, except that names the cut
    would make the same keep, after the ellipsis, where they differ: two teams called
    华东区…第一突击小分队 and 华东区…第二突击小分队 cut to four cells are ``…一`` and
    ``…二``, not both ``华…``."""
    cuts = [truncate(name, width) for name in names]
    by_cut: dict[str, set[str]] = {}
    for name, cut in zip(names, cuts, strict=True):
        by_cut.setdefault(cut, set()).add(name)
    for i, name in enumerate(names):
        others = by_cut[cuts[i]] - {name}
        if not others:
            continue
        same = max(_shared_start(name, other) for other in others)
        tail = name[same:]
        if not tail:  # a prefix of another name: its own cut is the best there is
            continue
        room = max(cell_len(tail[0]), (width - 1) // 2)
        end = truncate(tail, room)
        if not end.startswith(tail[0]):
            end = tail[0]
        if cell_len(end) + 1 > width:
            continue
        cuts[i] = _head(name[:same], width - 1 - cell_len(end)) + "…" + end
    return cuts


def pad(text: str, width: int) -> str:
    """Cut or right-pad `text` to exactly `width` cells."""
    text = truncate(text, width)
    return text + " " * (width - cell_len(text))


def wrap(text: str, width: int) -> list[str]:
    """Wrap `text` to lines of at most `width` cells.

    Breaks at spaces where it can and anywhere inside CJK runs or overlong words,
    so a 2,000-character card never makes a line wider than `width`.
    """
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        line_w = 0
        for token in re.findall(r"\S+\s*|\s+", paragraph) or [""]:
            token_w = cell_len(token.rstrip())
            if line and line_w + token_w > width and token.strip():
                lines.append(line.rstrip())
                line, line_w = "", 0
                token = token.lstrip()
            for char in token:
                w = cell_len(char)
                if line_w + w > width and line.strip():
                    lines.append(line.rstrip())
                    line, line_w = "", 0
                    if char == " ":
                        continue
                line += char
                line_w += w
        lines.append(line.rstrip())
    return lines


_FLOW_UNIT = re.compile(r"[0-9A-Za-z.,%+\-−_/'’:@#&]+|\s+|.", re.S)
_NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’,.;:?!)%")


def flow(text: str, width: int) -> list[str]:
    """Wrap `text` to lines of at most `width` cells the way Chinese is set: a line may
    break between any two CJK characters or at a space, never inside a number or a
    Latin word (27,000 stays whole), and no line starts with closing punctuation
    (，。）: the character before it comes down with it). A word longer than a line
    is cut."""
    width = max(2, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        units: list[str] = []
        used = 0
        for unit in _FLOW_UNIT.findall(paragraph):
            if unit.isspace():
                if units:
                    units.append(" ")
                    used += 1
                continue
            size = cell_len(unit)
            if used + size > width and any(u.strip() for u in units):
                carried: list[str] = []
                if unit[0] in _NO_LINE_START and len(units) > 1:
                    carried = [units.pop()]
                lines.append("".join(units).rstrip())
                units = carried
                used = sum(cell_len(u) for u in units)
            while size > width:  # a word wider than a line
                cut = truncate(unit, width - used, ellipsis="")
                units.append(cut)
                lines.append("".join(units))
                unit, units, used = unit[len(cut):], [], 0
                size = cell_len(unit)
            units.append(unit)
            used += size
        lines.append("".join(units).rstrip())
    return lines
