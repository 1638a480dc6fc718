"""Backups: earlier versions of a session worth restoring, in ``name.workshop.backups/``.

A session file (the snapshot) is rewritten only now and then (see ``session.py``):
when it is opened after a crash, at each step change, in each quarter hour of the day
that saw changes, when its journal grows long, and when it is closed. Each time, the
snapshot being replaced becomes a backup: a hard link (a copy where links do not
work), so keeping it costs no copy. Its name says when that version was written and
why: ``000012-20261205T021500.000000Z-step.json``.

Kept (:func:`_to_prune`): the last :data:`KEEP_RECENT`, every step change (the newest
:data:`KEEP_STEPS`), and the newest of each quarter hour of the day; never more than
:data:`KEEP_MOST` in all. Pruning runs on one background thread (:func:`_worker`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from workshop.store.paths import backup_dir

KEEP_RECENT = 5
"""The newest backups, kept whatever they are."""
KEEP_BACKUPS = KEEP_RECENT
"""(The name this had when it was the only rule.)"""
KEEP_STEPS = 60
"""Backups taken at a step change, kept (the newest)."""
KEEP_MOST = 300
"""Backups kept at most, however many quarter hours the session has seen."""

Why = str
"""Why a version was written: ``open`` (as found when opened), ``step``, ``quarter``,
``journal`` (the journal had grown), ``close``, ``create``."""

_BACKUP_NAME = re.compile(r"^(\d+)-(\d{8}T\d{6}\.\d{6}Z)(?:-([a-z]+))?\.json$")
_STAMP = "%Y%m%dT%H%M%S.%fZ"


def _stamp(when: dt.datetime | None = None) -> str:
    return (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime(_STAMP)


@dataclass(frozen=True)
class Backup:
    seq: int
    path: Path
    written: dt.datetime
    """When this version of the session was written (UTC)."""
    why: Why


def _backup_entries(path: Path) -> list[Backup]:
    """Each backup of `path`, newest first."""
    folder = backup_dir(path)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for name in names:
        match = _BACKUP_NAME.match(name)
        if match:
            written = dt.datetime.strptime(match.group(2), _STAMP).replace(tzinfo=dt.UTC)
            found.append(Backup(int(match.group(1)), folder / name, written,
                                match.group(3) or ""))
    found.sort(key=lambda b: b.seq, reverse=True)
    return found


def backups(path: Path) -> list[Path]:
    """The backups of the session at `path`, newest first (whether or not they load)."""
    return [entry.path for entry in _backup_entries(Path(path))]


def _take_backup(path: Path, written: dt.datetime | None = None, why: Why = "") -> list[Path]:
    """Keep the current `path` (written at `written`, for reason `why`) as the newest
    backup, a hard link where the file system allows.

    Returns the backups the keeping rules now let go, for the caller to delete
    (:func:`_unlink_all`). A backup is a safety net: failing to make one never stops
    a save.
    """
    if not path.exists():
        return []
    try:
        folder = backup_dir(path)
        folder.mkdir(exist_ok=True)
        entries = _backup_entries(path)
        seq = entries[0].seq + 1 if entries else 1
        written = written or dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        target = folder / f"{seq:06d}-{_stamp(written)}{'-' + why if why else ''}.json"
        try:
            os.link(path, target)
        except FileNotFoundError:
            return []
        except OSError:  # no hard links on this file system
            shutil.copyfile(path, target)
    except OSError:
        return []
    return _to_prune([Backup(seq, target, written, why), *entries])


def _quarter(when: dt.datetime) -> tuple[int, int, int, int, int]:
    """The quarter hour of the day `when` falls in, in local time."""
    local = when.astimezone()
    return local.year, local.month, local.day, local.hour, local.minute // 15


def _to_prune(entries: list[Backup]) -> list[Path]:
    """Of `entries` (newest first), the files the keeping rules let go."""
    keep: set[int] = {entry.seq for entry in entries[:KEEP_RECENT]}
    keep.update([entry.seq for entry in entries if entry.why == "step"][:KEEP_STEPS])
    quarters: set[tuple[int, int, int, int, int]] = set()
    for entry in entries:  # newest first: the first of each quarter hour is its newest
        slot = _quarter(entry.written)
        if slot not in quarters:
            quarters.add(slot)
            keep.add(entry.seq)
    kept = [entry for entry in entries if entry.seq in keep][:KEEP_MOST]
    kept_seqs = {entry.seq for entry in kept}
    return [entry.path for entry in entries if entry.seq not in kept_seqs]


def _unlink_all(files: list[Path]) -> None:
    for file in files:
        with contextlib.suppress(OSError):
            os.unlink(file)


_worker_pool: tuple[int, ThreadPoolExecutor] | None = None
_worker_lock = threading.Lock()


def _worker() -> ThreadPoolExecutor:
    """One background thread for work that need not hold up the room (pruning backups).

    A forked child gets its own thread.
    """
    global _worker_pool
    with _worker_lock:
        if _worker_pool is None or _worker_pool[0] != os.getpid():
            _worker_pool = (os.getpid(),
                            ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-store"))
        return _worker_pool[1]
