"""Backups: the previous versions of a session file, in ``name.workshop.backups/``.

A backup is a hard link to the file as it was before a save replaced it (a copy where
links do not work), so keeping one costs no copy; the last :data:`KEEP_BACKUPS` are
kept. Pruning runs on one background thread (:func:`_worker`), which also compresses
undo entries while a save serialises and writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from workshop.store.paths import backup_dir

KEEP_BACKUPS = 5
"""Previous versions of a session file kept as backups."""

_BACKUP_NAME = re.compile(r"^(\d+)-(\d{8}T\d{6}\.\d{6}Z)\.json$")


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _backup_entries(path: Path) -> list[tuple[int, Path]]:
    """(sequence, file) of each backup of `path`, newest first."""
    folder = backup_dir(path)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for name in names:
        match = _BACKUP_NAME.match(name)
        if match:
            found.append((int(match.group(1)), folder / name))
    found.sort(reverse=True)
    return found


def backups(path: Path) -> list[Path]:
    """The backups of the session at `path`, newest first (whether or not they load)."""
    return [file for _, file in _backup_entries(Path(path))]


def _take_backup(path: Path) -> list[Path]:
    """Keep the current `path` as the newest backup (a hard link; a copy where links fail).

    Returns the backups now beyond :data:`KEEP_BACKUPS`, for the caller to delete
    (:func:`_unlink_all`). A backup is a safety net: failing to make one never
    stops a save.
    """
    if not path.exists():
        return []
    try:
        folder = backup_dir(path)
        folder.mkdir(exist_ok=True)
        entries = _backup_entries(path)
        seq = entries[0][0] + 1 if entries else 1
        target = folder / f"{seq:06d}-{_stamp()}.json"
        try:
            os.link(path, target)
        except FileNotFoundError:
            return []
        except OSError:  # no hard links on this file system
            shutil.copyfile(path, target)
    except OSError:
        return []
    return [file for _, file in entries[KEEP_BACKUPS - 1:]]


def _unlink_all(files: list[Path]) -> None:
    for file in files:
        with contextlib.suppress(OSError):
            os.unlink(file)


_worker_pool: tuple[int, ThreadPoolExecutor] | None = None
_worker_lock = threading.Lock()


def _worker() -> ThreadPoolExecutor:
    """One background thread for work that releases the GIL (zlib, unlink).

    A save hands it the undo entry's compression and the pruning of old backups,
    which then overlap with serialising and fsync'ing; :meth:`Session.apply` still
    waits for both before it returns. A forked child gets its own thread.
    """
    global _worker_pool
    with _worker_lock:
        if _worker_pool is None or _worker_pool[0] != os.getpid():
            _worker_pool = (os.getpid(),
                            ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-store"))
        return _worker_pool[1]

