"""Safe output file names: Chinese kept, characters no file system accepts removed.

``safe_name("山东区 2027/2028 年度:目标?")`` → ``"山东区 20272028 年度目标"``. Names are
checked for Windows as well (reserved device names, trailing dots and spaces), since the
files are emailed and copied to USB sticks, and cut to a length every file system takes.
"""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f]')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)
MAX_STEM_BYTES = 180
"""Longest name (UTF-8 bytes, before the extension) we produce: file systems allow 255,
and a CJK character takes three."""


def safe_name(text: str, fallback: str = "workshop", max_bytes: int = MAX_STEM_BYTES) -> str:
    """`text` as a file name stem: forbidden and control characters removed, whitespace
    folded, no leading or trailing dots or spaces, at most `max_bytes` UTF-8 bytes."""
    name = unicodedata.normalize("NFC", text)
    name = _FORBIDDEN.sub("", name)
    name = _SPACES.sub(" ", name).strip(" .")
    encoded = name.encode("utf-8")
    if len(encoded) > max_bytes:
        name = encoded[:max_bytes].decode("utf-8", errors="ignore").rstrip(" .")
    if not name:
        name = fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name


def file_name(*parts: str, ext: str) -> str:
    """The parts made safe, joined by ``-``, with extension `ext` (no dot), e.g.
    ``file_name("山东区工作坊", "济南队", "行动计划", ext="pdf")``.

    A long first part (the title) is cut before the others, so the team and the kind of
    file always stay readable in the name."""
    rest = [safe_name(p, fallback="", max_bytes=60) for p in parts[1:]]
    rest = [r for r in rest if r]
    room = MAX_STEM_BYTES - sum(len(r.encode("utf-8")) + 1 for r in rest)
    head = safe_name(parts[0], fallback="", max_bytes=max(room, 20)) if parts else ""
    stem = "-".join(s for s in (head, *rest) if s)
    return f"{safe_name(stem)}.{ext}"
