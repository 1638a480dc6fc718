"""Replacing a file whole, so that it holds either the old or the new content, never a mix.

The one way workshop writes a file that someone relies on: the session and its lock's
neighbours, the recent list, every export, the translation cache. The content goes to
a temp file in the same folder (``.<name>.<8 hex>.tmp``), which is fsync'd, then
renamed over the target; the folder is fsync'd so the rename survives a power cut. On
any error the temp file is removed and the target is unchanged. A program killed
mid-write leaves at most a temp file, which :func:`remove_leftovers` clears.

Core code: no workshop imports, so any layer may use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

Writer = Callable[[Path], None]
"""Writes the whole new content to the path it is given (a temp file)."""


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`."""

    def fill(fd: int, _temp: Path) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]

    _replace(Path(path), fill)


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in UTF-8."""
    write_bytes(path, text.encode("utf-8"))


def write_with(path: Path, write: Writer) -> None:
    """Replace `path` with what `write` writes to the temp path it is given (for writers
    such as reportlab's that want a file name). If `write` raises, nothing changes."""
    _replace(Path(path), lambda _fd, temp: write(temp))


def _replace(path: Path, fill: Callable[[int, Path], None]) -> None:
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".{path.name}.{os.urandom(4).hex()}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)  # 0666 less the umask, like any new file
            break
        except FileExistsError:
            continue
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                with contextlib.suppress(OSError):  # keep the file's permissions if we may
                    os.fchmod(fd, mode)
            fill(fd, tmp)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (a no-op where folders cannot be
    opened)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot fsync a folder
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def remove_leftovers(path: Path) -> None:
    """Remove the temp files a killed program left while replacing `path`. Call it only
    while no one else may be writing `path` (a session: with its lock held)."""
    path = Path(path)
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.tmp$")
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if pattern.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(path.parent / name)
