"""An open session: the document, its undo history, its journal, and the lock on its file.

Saving a change costs what the change costs. The session file is a snapshot; each
change since it was written is one fsync'd line in the journal beside it
(``journal.py``), found from the change tracker (``workshop.model.tracking``), which
also makes undo and redo touch only what the change touched. A new snapshot is
written (compaction, ``checkpoint``) when one is due: after a step change, in a new
quarter hour of the day, when the journal has grown to half the snapshot's size, and
on closing; the snapshot it replaces becomes a backup. ``load`` and the next ``open``
read the snapshot and replay the journal, so what was acknowledged is what they see.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self, TypeVar

from workshop.atomic import remove_leftovers, write_bytes
from workshop.i18n import t
from workshop.model import Workshop, now
from workshop.model.tracking import ChangeSet, Tracker
from workshop.store import journal as journal_file
from workshop.store.backup import Why, _quarter, _stamp, _take_backup, _unlink_all, _worker
from workshop.store.codec import _dump, _load, _read, _read_journal
from workshop.store.errors import SessionExists, SessionNotFound, StoreError
from workshop.store.journal import Journal
from workshop.store.lock import _Lock
from workshop.store.paths import _normal, journal_path

T = TypeVar("T")

DEFAULT_HISTORY = 200
"""Undo steps kept by default."""
JOURNAL_MIN = 256 * 1024
"""A journal this long (or half the snapshot's size, whichever is more) asks for a new
snapshot at the next :meth:`Session.checkpoint`; four times as long, it is written at
once. Replaying it when a session opens stays a matter of milliseconds."""
RETRY_SECONDS = 30.0
"""After a snapshot the disk refused, how long until a due one is tried again."""
UNSAVED_RETRY_SECONDS = 5.0
"""After the disk refused a change (full, read-only), how long until it is tried again."""


def restore_backup(path: Path, backup: Path) -> None:
    """Put `backup`'s content in place of the session at `path`.

    The current file, if any, is kept aside as ``<name>.corrupt-<timestamp>`` (its
    journal too). The backup must load (else its own :class:`SessionCorrupt` is
    raised); the session must not be open in another program (:class:`SessionLocked`).
    """
    path = _normal(path)
    backup = Path(backup)
    lock = _Lock.acquire(path)
    try:
        data = _read(backup)
        _load(backup, data)
        try:
            stamp = _stamp()
            if path.exists():
                aside = path.with_name(f"{path.name}.corrupt-{stamp}")
                try:
                    os.link(path, aside)
                except OSError:
                    shutil.copyfile(path, aside)
            write_bytes(path, data)
            changes = journal_path(path)
            if changes.exists():  # it belongs to the file put aside
                os.replace(changes, changes.with_name(f"{changes.name}.corrupt-{stamp}"))
        except OSError as exc:
            raise StoreError(t("store.save_failed", path=path, reason=exc.strerror or exc)) from exc
    finally:
        lock.release()


_Entry = tuple[str, ChangeSet]
"""An undo or redo entry: the change's label, and what it changed (room state left out)."""


class Session:
    """An open session file: the document, its undo history, and the lock on the file.

    Make one with :meth:`create` or :meth:`open`; close it (or use ``with``). Change
    the document only through :meth:`apply` and :meth:`update_room`. Undo and redo
    change the document in place; still, keep ids rather than objects across changes.
    """

    path: Path
    doc: Workshop
    stale_lock_replaced: bool
    """True when opening found a lock left by a program that had died, and replaced it."""
    recovered: int
    """Changes found in the journal when the session was opened (0 after a clean close)."""

    def __init__(self, path: Path, doc: Workshop, snapshot: bytes, lock: _Lock, *,
                 history: int = DEFAULT_HISTORY, journal: Journal | None = None,
                 why: Why = "open", recovered: int = 0) -> None:
        """Internal: use :meth:`create` or :meth:`open`. `snapshot` is the file's bytes."""
        self.path = path
        self.doc = doc
        self.stale_lock_replaced = lock.stale_replaced
        self.recovered = recovered
        self.history = history
        self._lock = lock
        self._tracker = Tracker()
        self._tracker.attach(doc)
        self._journal = journal
        self._snapshot: bytes | None = snapshot if journal is None else None
        """The snapshot's bytes until a journal is started for it (its header needs them)."""
        self._snapshot_size = len(snapshot)
        self._snapshot_why = why
        self._snapshot_written = _mtime(path)
        self._due: Why | None = None
        self._retry_at = 0.0
        self._unsaved: list[bytes] = []
        """Records of changes the disk refused, in order: kept in memory, retried."""
        self._unsaved_retry_at = 0.0
        self.save_error: OSError | None = None
        """Why the disk refused the last change, while any is unsaved."""
        self._undo: deque[_Entry] = deque(maxlen=history)
        self._redo: deque[_Entry] = deque(maxlen=history)
        self._mutex = threading.RLock()
        self._busy = False
        self._closed = False
        self.content_changes = 0
        """Changes handed to :meth:`_save` so far (whether or not the disk took them)
        that changed more than the room."""
        self.last_content_change: ChangeSet | None = None
        """The last of those: what was in step with the document before it (a view, a
        figure derived from it) can follow it instead of reading the whole document."""
        atexit.register(self.close)

    # -- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, doc: Workshop, path: Path, *, overwrite: bool = False,
               history: int = DEFAULT_HISTORY) -> Self:
        """Save `doc` as a new session at `path` and hold it (`doc` becomes
        :attr:`doc`).

        Raises :class:`SessionExists` (a ``FileExistsError``) if `path` exists and
        not `overwrite`; an overwritten file is kept as a backup.
        """
        path = _normal(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(t("store.save_failed", path=path, reason=exc.strerror or exc)) from exc
        lock = _Lock.acquire(path)
        try:
            _tidy(path)
            if path.exists() and not overwrite:
                raise SessionExists(path)
            data = _dump(doc)
            _unlink_all(_take_backup(path, why="replaced"))
            write_bytes(path, data)
            with contextlib.suppress(FileNotFoundError):  # the overwritten session's
                os.unlink(journal_path(path))
        except OSError as exc:
            lock.release()
            if isinstance(exc, SessionExists):
                raise
            raise StoreError(t("store.save_failed", path=path, reason=exc.strerror or exc)) from exc
        except BaseException:
            lock.release()
            raise
        return cls(path, doc, data, lock, history=history, why="create")

    @classmethod
    def open(cls, path: Path, *, history: int = DEFAULT_HISTORY) -> Self:
        """Hold and load the session at `path`, migrating an older file, with the changes
        its journal holds (all a killed program had acknowledged).

        The file is not rewritten until the first change. Raises
        :class:`SessionNotFound`, :class:`SessionLocked`, :class:`SessionCorrupt`,
        :class:`SessionTooNew` or :class:`StoreError`.
        """
        path = _normal(path)
        if not path.is_file():
            raise SessionNotFound(path)
        lock = _Lock.acquire(path)
        try:
            _tidy(path)
            data = _read(path)
            doc, _ = _load(path, data)
            changes = journal_path(path)
            found = journal_file.replay(doc, data, _read_journal(changes))
            kept = None
            if not found.size:  # none, or of a snapshot since replaced: it cannot apply
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(changes)
            else:
                if found.damaged:  # keep what could not be read, for a person to look at
                    shutil.copyfile(changes, changes.with_name(
                        f"{changes.name}.damaged-{_stamp()}"))
                kept = Journal.resume(changes, found.size, found.records)
            return cls(path, doc, data, lock, history=history, journal=kept,
                       recovered=found.records)
        except OSError as exc:
            lock.release()
            raise StoreError(t("store.read_failed", path=path, reason=exc.strerror or exc)) from exc
        except BaseException:
            lock.release()
            raise

    # -- changing ----------------------------------------------------------------
    def apply(self, label: str, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``edit(self.doc, *args, **kwargs)``, save, record undo; return its result.

        When this returns, the change is on disk (fsync'd), or, if the disk refused
        it (full, read-only), held in memory as :attr:`unsaved` and written when the
        disk takes it again. If the edit raises, the document is as it was before and
        the file is unchanged.
        """
        with self._changing():
            changes = None
            try:
                result = edit(self.doc, *args, **kwargs)
                self.doc.updated_at = now()
                changes = self._tracker.take()
                self._save(changes)
            except BaseException:
                self._put_back(changes)
                raise
            self._undo.append((label, changes.without_room()))
            self._redo.clear()
            return result

    def update_room(self, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``edit(self.doc.room, *args, **kwargs)`` (step, clock, turn…), save, and
        return its result. Not undoable; keeps redo; saved as :meth:`apply` saves. If it
        raises, the room is as it was and the file unchanged. Whatever else a room change
        needs to know (the teams in order, the agenda) comes in `args`; anything that changes more
        than the room is an :meth:`apply` (a room edit that does is refused with a
        ``ValueError``, and nothing changes).
        """
        with self._changing():
            step = self.doc.room.step
            changes = None
            try:
                result = edit(self.doc.room, *args, **kwargs)
                changes = self._tracker.take()
                if not changes.only_room():
                    raise ValueError(f"a room edit changed more than the room: {edit!r}")
                self._save(changes)
            except BaseException:
                self._put_back(changes)
                raise
            if self.doc.room.step != step:
                self._due = "step"
            return result

    def undo(self) -> str | None:
        """Go back to the state before the last :meth:`apply`; its label, or None.

        The room (clock, turn, step) stays as it is now.
        """
        return self._step(self._undo, self._redo, forward=False)

    def redo(self) -> str | None:
        """Apply again what the last :meth:`undo` took back; its label, or None."""
        return self._step(self._redo, self._undo, forward=True)

    def _step(self, source: deque[_Entry], target: deque[_Entry], *,
              forward: bool) -> str | None:
        with self._changing():
            if not source:
                return None
            label, change = source[-1]
            done = None
            try:
                change.reapply() if forward else change.revert()
                self.doc.updated_at = now()
                done = self._tracker.take()
                self._save(done)
            except BaseException:
                self._put_back(done)
                raise
            source.pop()
            target.append((label, change))
            return label

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """The label :meth:`undo` would take back, for a menu or a notice."""
        return self._undo[-1][0] if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1][0] if self._redo else None

    # -- disk --------------------------------------------------------------------
    @contextlib.contextmanager
    def _changing(self):  # type: ignore[no-untyped-def]
        with self._mutex:
            self._check_usable()
            self._busy = True
            try:
                self._save_strays()
                yield
            finally:
                self._busy = False

    def _save_strays(self) -> None:
        """Save what was changed outside any change (saved, not undoable)."""
        if self._tracker.dirty:
            strays = self._tracker.take()
            try:
                self._save(strays)
            except BaseException:
                self._put_back(strays)
                raise

    def _put_back(self, changes: ChangeSet | None) -> None:
        """Undo in memory what a failed change did (taken from the tracker or not)."""
        self._tracker.take().revert()  # what it did after `changes` were taken, if any
        if changes is not None:
            changes.revert()
        self._tracker.take()  # forget the putting back itself

    def _save(self, changes: ChangeSet) -> None:
        """Append `changes` to the journal (fsync'd). A disk that refuses it (full,
        read-only) does not refuse the change: it is kept in memory (:attr:`unsaved`)
        and written, in order, when the disk takes it again (:meth:`checkpoint`)."""
        if not changes.only_room():
            self.content_changes += 1
            self.last_content_change = changes
        record = journal_file.encode(changes)
        if record is None:
            return
        self._unsaved.append(record)
        if not self._write_unsaved():
            return
        soft = max(JOURNAL_MIN, self._snapshot_size // 2)
        if self._journal.size > 4 * soft:
            self._compact("journal")
        elif self._journal.size > soft:
            self._due = self._due or "journal"
        if self._due is None and _quarter(_utcnow()) != _quarter(self._snapshot_written):
            self._due = "quarter"

    def _write_unsaved(self) -> bool:
        """Append the records the disk has not taken yet; whether all are written now."""
        try:
            if self._journal is None:
                assert self._snapshot is not None
                self._journal = Journal.start(journal_path(self.path), self._snapshot)
                self._snapshot = None
            while self._unsaved:
                self._journal.append(self._unsaved[0])  # cut back to whole lines if not
                del self._unsaved[0]
        except OSError as exc:
            self.save_error = exc
            self._unsaved_retry_at = time.monotonic() + UNSAVED_RETRY_SECONDS
            return False
        self.save_error = None
        return True

    @property
    def unsaved(self) -> int:
        """Changes made that the disk refused so far (0: everything is on disk)."""
        return len(self._unsaved)

    def checkpoint(self, *, force: bool = False) -> bool:
        """Write a new snapshot now if one is due (see the module), or if `force`; the
        one it replaces is kept as a backup. Returns whether it wrote one; a disk that
        refuses it is no loss (the journal holds every change), so that is False too,
        and the next call tries again. Call it when the room is idle (the app does, on
        its clock tick): it costs a whole save."""
        with self._changing():
            if self._unsaved and (force or time.monotonic() >= self._unsaved_retry_at):
                self._write_unsaved()
            if not force and (self._due is None or time.monotonic() < self._retry_at):
                return False
            if self._journal is None or self._journal.records == 0:
                self._due = None  # nothing changed since the snapshot
                if not force:
                    return False
            try:
                self._compact(self._due or "journal")
            except (StoreError, OSError):
                self._retry_at = time.monotonic() + RETRY_SECONDS  # not every tick
                return False
            return True

    def _compact(self, why: Why, *, journal: bool = True) -> None:
        """Write the document as the new snapshot; the old one becomes a backup. With
        `journal`, start the new (empty) journal for it; else remove the journal."""
        data = _dump(self.doc)
        stale = _take_backup(self.path, self._snapshot_written, self._snapshot_why)
        pruned = _worker().submit(_unlink_all, stale) if stale else None
        try:
            write_bytes(self.path, data)
        except OSError as exc:
            reason = exc.strerror or exc
            raise StoreError(t("store.save_failed", path=self.path, reason=reason)) from exc
        finally:
            if pruned is not None:
                pruned.result()
        # the old journal is stale now (its header names the old snapshot): replace it
        if self._journal is not None:
            self._journal.close()
        self._journal, self._snapshot = None, data
        self._unsaved.clear()  # the snapshot holds what the journal could not take
        self.save_error = None
        self._snapshot_size, self._snapshot_why = len(data), why
        self._snapshot_written, self._due = _utcnow(), None
        changes = journal_path(self.path)
        with contextlib.suppress(OSError):  # else the next change starts it
            if journal:
                self._journal = Journal.start(changes, data)
                self._snapshot = None
            else:
                os.unlink(changes)

    def _check_usable(self) -> None:
        if self._closed:
            raise RuntimeError(f"session {self.path} is closed")
        if self._busy:
            raise RuntimeError("a session change was started from inside another one")

    # -- closing -----------------------------------------------------------------
    def close(self) -> None:
        """Write the final snapshot (so the session file alone holds everything) and
        release the lock. Idempotent; also run at exit."""
        with self._mutex:
            if self._closed:
                return
            try:
                if self._tracker.dirty or self._unsaved or (self._journal is not None
                                                            and self._journal.records):
                    self._compact("close", journal=False)
                elif self._journal is not None:  # started, but nothing was written since
                    os.unlink(self._journal.path)
            except (StoreError, OSError):
                pass  # the journal still holds every change: the next open replays it
            finally:
                self._closed = True
                atexit.unregister(self.close)
                if self._journal is not None:
                    self._journal.close()
                self._lock.release()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Session {self.path} undo={len(self._undo)} redo={len(self._redo)}>"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _mtime(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.UTC)
    except OSError:
        return _utcnow()


def _tidy(path: Path) -> None:
    """Remove temp files a killed program left while saving `path` (with the lock held)."""
    remove_leftovers(path)
    remove_leftovers(journal_path(path))
