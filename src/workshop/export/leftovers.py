"""Temp files a killed export left behind, cleared the next time the same file is written.

An export writes each file to a hidden temp file next to it (``.<name>.<8 hex>.tmp``,
named after the file it becomes) and renames it into place; a program killed in between
leaves the temp file. The next export of the same file removes such leftovers, except
one young enough to be another export's work in progress.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

STALE_AFTER_S = 120.0
"""A temp file this old is no other export's work in progress (a 94-page report takes
about 2 seconds)."""


def temp_pattern(name: str) -> re.Pattern[str]:
    """The names of the temp files written on the way to a file called `name`."""
    return re.compile(rf"^\.{re.escape(name)}\.[0-9a-f]{{8}}\.tmp$")


def remove_leftovers(path: Path, *, now: float | None = None) -> list[Path]:
    """Remove the stale temp files of `path` in its folder; the ones removed."""
    path = Path(path)
    pattern = temp_pattern(path.name)
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError):  # a folder we cannot list: nothing to clear
        for entry in os.scandir(path.parent):
            if not pattern.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime >= STALE_AFTER_S:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
