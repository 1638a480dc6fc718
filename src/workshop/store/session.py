"""An open session: the document, its undo history, and the lock on its file."""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Self, TypeVar

from workshop.atomic import remove_leftovers, write_bytes
from workshop.i18n import t
from workshop.model import Workshop, now
from workshop.store.backups import _stamp, _take_backup, _unlink_all, _worker
from workshop.store.codec import _dump, _load, _read
from workshop.store.errors import SessionExists, SessionNotFound, StoreError
from workshop.store.lock import _Lock
from workshop.store.paths import _normal

T = TypeVar("T")

DEFAULT_HISTORY = 200
"""Undo steps kept by default."""


def restore_backup(path: Path, backup: Path) -> None:
    """Put `backup`'s content in place of the session at `path`.

    The current file, if any, is kept aside as ``<name>.corrupt-<timestamp>``. The
    backup must load (else its own :class:`SessionCorrupt` is raised); the session
    must not be open in another program (:class:`SessionLocked`).
    """
    path = _normal(path)
    backup = Path(backup)
    lock = _Lock.acquire(path)
    try:
        data = _read(backup)
        _load(backup, data)
        try:
            if path.exists():
                aside = path.with_name(f"{path.name}.corrupt-{_stamp()}")
                try:
                    os.link(path, aside)
                except OSError:
                    shutil.copyfile(path, aside)
            write_bytes(path, data)
        except OSError as exc:
            raise StoreError(t("store.save_failed", path=path, reason=exc.strerror or exc)) from exc
    finally:
        lock.release()


_Entry = tuple[str, bytes]
"""An undo or redo entry: the change's label, and the document before it (zlib'd JSON)."""



class Session:
    """An open session file: the document, its undo history, and the lock on the file.

    Make one with :meth:`create` or :meth:`open`; close it (or use ``with``). Change
    the document only through :meth:`apply` and :meth:`update_room`; undo and redo
    replace :attr:`doc`, so keep ids, not objects, across changes.
    """

    path: Path
    doc: Workshop
    stale_lock_replaced: bool
    """True when opening found a lock left by a program that had died, and replaced it."""

    def __init__(self, path: Path, doc: Workshop, saved: bytes, lock: _Lock, *,
                 history: int = DEFAULT_HISTORY) -> None:
        """Internal: use :meth:`create` or :meth:`open`. `saved` is `doc`'s JSON as on disk."""
        self.path = path
        self.doc = doc
        self.stale_lock_replaced = lock.stale_replaced
        self.history = history
        self._saved = saved
        self._lock = lock
        self._undo: deque[_Entry] = deque(maxlen=history)
        self._redo: deque[_Entry] = deque(maxlen=history)
        self._mutex = threading.RLock()
        self._busy = False
        self._closed = False
        atexit.register(self.close)

    # -- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, doc: Workshop, path: Path, *, overwrite: bool = False,
               history: int = DEFAULT_HISTORY) -> Self:
        """Save `doc` as a new session at `path` and hold it.

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
            remove_leftovers(path)
            if path.exists() and not overwrite:
                raise SessionExists(path)
            data = _dump(doc)
            _unlink_all(_take_backup(path))
            write_bytes(path, data)
        except OSError as exc:
            lock.release()
            if isinstance(exc, SessionExists):
                raise
            raise StoreError(t("store.save_failed", path=path, reason=exc.strerror or exc)) from exc
        except BaseException:
            lock.release()
            raise
        return cls(path, doc, data, lock, history=history)

    @classmethod
    def open(cls, path: Path, *, history: int = DEFAULT_HISTORY) -> Self:
        """Hold and load the session at `path`, migrating an older file.

        The file is not rewritten until the first change. Raises
        :class:`SessionNotFound`, :class:`SessionLocked`, :class:`SessionCorrupt`,
        :class:`SessionTooNew` or :class:`StoreError`.
        """
        path = _normal(path)
        if not path.is_file():
            raise SessionNotFound(path)
        lock = _Lock.acquire(path)
        try:
            remove_leftovers(path)
            data = _read(path)
            doc, direct = _load(path, data)
            saved = data if direct else _dump(doc)
            return cls(path, doc, saved, lock, history=history)
        except BaseException:
            lock.release()
            raise

    # -- changing ----------------------------------------------------------------
    def apply(self, label: str, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``edit(self.doc, *args, **kwargs)``, save, record undo; return its result.

        When this returns, the change is on disk (fsync'd). If the edit raises, or
        the save fails (:class:`StoreError`), the document is as it was before and
        the file is unchanged.
        """
        with self._mutex:
            self._check_usable()
            self._busy = True
            try:
                pre = self._saved
                packed = _worker().submit(zlib.compress, pre, 1)  # while we serialise
                try:
                    result = edit(self.doc, *args, **kwargs)
                    self.doc.updated_at = now()
                    data = _dump(self.doc)
                    self._write(data)
                except BaseException:
                    self.doc = Workshop.model_validate_json(pre)
                    raise
                self._saved = data
                self._undo.append((label, packed.result()))
                self._redo.clear()
                return result
            finally:
                self._busy = False

    def update_room(self, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``edit(self.doc.room, *args, **kwargs)`` (step, clock, turn…), save, and
        return its result. Not undoable; keeps redo. If it raises, or the save fails, the
        room is as it was and the file unchanged. Whatever else a room change needs to
        know (the teams in order, the agenda) comes in `args`; anything that changes more
        than the room is an :meth:`apply`.
        """
        with self._mutex:
            self._check_usable()
            self._busy = True
            try:
                before = self.doc.room.model_copy(deep=True)
                try:
                    result = edit(self.doc.room, *args, **kwargs)
                    data = _dump(self.doc)
                    self._write(data)
                except BaseException:
                    self.doc.room = before
                    raise
                self._saved = data
                return result
            finally:
                self._busy = False

    def undo(self) -> str | None:
        """Go back to the state before the last :meth:`apply`; its label, or None.

        The room (clock, turn, step) stays as it is now.
        """
        return self._step(self._undo, self._redo)

    def redo(self) -> str | None:
        """Apply again what the last :meth:`undo` took back; its label, or None."""
        return self._step(self._redo, self._undo)

    def _step(self, source: deque[_Entry], target: deque[_Entry]) -> str | None:
        with self._mutex:
            self._check_usable()
            if not source:
                return None
            label, packed = source[-1]
            current = _worker().submit(zlib.compress, self._saved, 1)  # while we parse
            doc = Workshop.model_validate_json(zlib.decompress(packed))
            doc.room = self.doc.room.model_copy(deep=True)
            doc.updated_at = now()
            data = _dump(doc)
            self._write(data)
            source.pop()
            target.append((label, current.result()))
            self._saved = data
            self.doc = doc
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
    def _write(self, data: bytes) -> None:
        """Back up the current file, then replace it with `data` atomically.

        Old backups are deleted in the background while the new file is written;
        this returns once both are done.
        """
        stale = _take_backup(self.path)
        pruned: Future[None] | None = _worker().submit(_unlink_all, stale) if stale else None
        try:
            write_bytes(self.path, data)
        except OSError as exc:
            reason = exc.strerror or exc
            raise StoreError(t("store.save_failed", path=self.path, reason=reason)) from exc
        finally:
            if pruned is not None:
                pruned.result()

    def _check_usable(self) -> None:
        if self._closed:
            raise RuntimeError(f"session {self.path} is closed")
        if self._busy:
            raise RuntimeError("a session change was started from inside another one")

    # -- closing -----------------------------------------------------------------
    def close(self) -> None:
        """Release the lock. Idempotent; also run at exit."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            atexit.unregister(self.close)
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

