"""The session on disk: atomic saves, backups, a lock, migrations, undo and redo.

A session is one JSON file (``name.workshop.json``) holding the whole
:class:`~workshop.model.Workshop` document. :class:`Session` owns it while the app
runs:

- every accepted change goes through :meth:`Session.apply`, which saves the file
  atomically (temp file in the same folder, fsync, ``os.replace``, fsync the
  folder) before it returns, and records undo;
- the previous versions of the file are kept in ``name.workshop.backups/``
  (the last :data:`KEEP_BACKUPS`), hard-linked so a backup costs no copy;
- ``name.workshop.json.lock`` stops a second program from opening the same
  session; a lock left by a program that died is replaced;
- an older file is migrated on load (:data:`MIGRATIONS`), a newer one refused,
  a damaged one refused with the list of backups that do load.

The last saved JSON is kept in memory: it is the state before the next change,
so a change serialises the document once. Undo entries keep that JSON
compressed. Room state (clock, turn, step) is saved but never undone.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import errno
import json
import os
import re
import shutil
import socket
import stat
import sys
import threading
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import ValidationError

import workshop.model as _model
from workshop.i18n import t
from workshop.model import Room, Workshop, now

T = TypeVar("T")

SESSION_SUFFIX = ".workshop.json"
"""How a session file's name ends."""
BACKUPS_SUFFIX = ".workshop.backups"
"""The folder next to ``name.workshop.json`` that holds its backups: ``name.workshop.backups``."""
LOCK_SUFFIX = ".lock"
KEEP_BACKUPS = 5
"""Previous versions of a session file kept as backups."""
JSON_INDENT: int | None = 1
"""Indentation of the session JSON. One space keeps the file readable and diffable by a
person; ``None`` (one line) serialises about 40% faster (``bench/bench_store.py``)."""
DEFAULT_HISTORY = 200
"""Undo steps kept by default."""
RECENT_FILE = "recent.json"
RECENT_KEEP = 50
"""Sessions remembered in the recent list (the list shows fewer)."""

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""``MIGRATIONS[n]`` turns a session dict of schema version ``n`` into version ``n + 1``.

Add one whenever ``workshop.model.SCHEMA_VERSION`` is bumped. The store sets
``schema_version`` after each step, so a migration only moves the data.
"""

_BACKUP_NAME = re.compile(r"^(\d+)-(\d{8}T\d{6}\.\d{6}Z)\.json$")


# -- errors --------------------------------------------------------------------------


class StoreError(Exception):
    """A session could not be opened, locked or saved; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SessionNotFound(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(t("store.not_found", path=path))
        self.path = path


class SessionExists(StoreError, FileExistsError):
    """:meth:`Session.create` on a file that exists, without ``overwrite``."""

    def __init__(self, path: Path) -> None:
        super().__init__(t("store.exists", path=path))
        self.path = path


class SessionLocked(StoreError):
    """Another live program holds the session's lock."""

    def __init__(self, path: Path, lock: Path, pid: int, host: str, started: str) -> None:
        super().__init__(
            t("store.locked", path=path, pid=pid, host=host, started=started, lock=lock)
        )
        self.path = path
        self.lock = lock
        self.pid = pid
        self.host = host
        self.started = started


class SessionCorrupt(StoreError):
    """The file is empty, truncated, not JSON or not a session; it is left untouched.

    ``backups`` lists the backups that do load, newest first.
    """

    def __init__(self, path: Path, reason: str, backups: list[Path]) -> None:
        tail = (
            t("store.corrupt_backups", count=len(backups), newest=backups[0])
            if backups
            else t("store.corrupt_no_backups")
        )
        super().__init__(t("store.corrupt", path=path, reason=reason) + " " + tail)
        self.path = path
        self.reason = reason
        self.backups = backups


class SessionTooNew(StoreError):
    """The file was written by a newer program (a higher ``schema_version``)."""

    def __init__(self, path: Path, found_version: int, supported_version: int) -> None:
        super().__init__(
            t("store.too_new", path=path, found=found_version, supported=supported_version)
        )
        self.path = path
        self.found_version = found_version
        self.supported_version = supported_version


class _Unreadable(Exception):
    """Internal: why bytes are not a session (the reason is already translated)."""


# -- serialising and writing -----------------------------------------------------------


def _dump(doc: Workshop) -> bytes:
    """The canonical bytes of `doc`. Raises if the document holds values of the wrong type.

    ``warnings="error"`` turns pydantic's "unexpected value" warnings (say a str
    appended to a list of cards) into an error, so a bad edit is rolled back
    instead of being saved as a file that will not load.
    """
    return Workshop.__pydantic_serializer__.to_json(doc, indent=JSON_INDENT,
                                                    warnings="error") + b"\n"


def dumps(doc: Workshop) -> str:
    """The session text of `doc`: indented JSON, CJK kept as is (not ``\\u`` escapes)."""
    return _dump(doc).decode("utf-8")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) so that it holds either the old or the new text.

    The text goes to a temp file in the same folder, which is flushed and fsync'd,
    then renamed over `path`; the folder is fsync'd so the rename survives a power
    cut. On any error the temp file is removed and `path` is unchanged.
    """
    _write_atomic(Path(path), text.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".{path.name}.{os.urandom(4).hex()}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                with contextlib.suppress(OSError):  # keep the file's permissions if we may
                    os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
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


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


# -- backups -------------------------------------------------------------------------


def backup_dir(path: Path) -> Path:
    """The folder of `path`'s backups: ``name.workshop.json`` → ``name.workshop.backups``."""
    path = Path(path)
    name = path.name
    if name.endswith(SESSION_SUFFIX):
        return path.with_name(name[: -len(SESSION_SUFFIX)] + BACKUPS_SUFFIX)
    return path.with_name(name + ".backups")


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


# -- loading -------------------------------------------------------------------------


def _validation_details(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "/"
        parts.append(f"{where}: {error['msg']}")
    more = exc.error_count() - limit
    if more > 0:
        parts.append(f"+{more}")
    return "; ".join(parts)


def _parse(data: bytes) -> tuple[Workshop, bool]:
    """The document in `data`, migrated; and whether `data` is a current session as it is.

    When the second value is True, ``Workshop.model_validate_json(data)`` gives the
    document back, so `data` can serve as the saved state. Raises ``_Unreadable``
    (damaged), ``_TooNew`` or ``_MigrationError``; the caller adds the path.
    """
    supported = _model.SCHEMA_VERSION
    # Fast path: a current file validates straight from the bytes.
    try:
        doc = Workshop.model_validate_json(data)
    except ValidationError:
        pass
    else:
        if "schema_version" in doc.model_fields_set and doc.schema_version == supported:
            return doc, True
    if not data.strip():
        raise _Unreadable(t("store.reason.empty"))
    try:
        raw = json.loads(data)
    except UnicodeDecodeError as exc:
        raise _Unreadable(t("store.reason.encoding")) from exc
    except json.JSONDecodeError as exc:
        raise _Unreadable(
            t("store.reason.json", line=exc.lineno, column=exc.colno, detail=exc.msg)
        ) from exc
    if not isinstance(raw, dict):
        raise _Unreadable(t("store.reason.not_object"))
    if "schema_version" not in raw:
        raise _Unreadable(t("store.reason.no_version"))
    version = raw["schema_version"]
    if type(version) is not int:
        raise _Unreadable(t("store.reason.bad_version", found=json.dumps(version)))
    if version > supported:
        raise _TooNew(version, supported)
    for step in range(version, supported):
        migrate = MIGRATIONS.get(step)
        if migrate is None:
            raise _MigrationError("store.no_migration", step, "")
        try:
            raw = migrate(raw)
        except Exception as exc:
            raise _MigrationError("store.migration_failed", step, str(exc)) from exc
        if not isinstance(raw, dict):
            raise _MigrationError("store.migration_failed", step, "not a dict")
        raw["schema_version"] = step + 1
    try:
        return Workshop.model_validate(raw), False
    except ValidationError as exc:
        raise _Unreadable(t("store.reason.invalid", details=_validation_details(exc))) from exc


class _TooNew(Exception):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(found, supported)
        self.found = found
        self.supported = supported


class _MigrationError(Exception):
    def __init__(self, key: str, version: int, reason: str) -> None:
        super().__init__(key, version, reason)
        self.key = key
        self.version = version
        self.reason = reason


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SessionNotFound(path) from exc
    except OSError as exc:
        raise StoreError(t("store.read_failed", path=path, reason=exc.strerror or exc)) from exc


def _loadable(file: Path) -> bool:
    try:
        _parse(file.read_bytes())
    except (OSError, _Unreadable, _TooNew, _MigrationError):
        return False
    return True


def _load(path: Path, data: bytes) -> tuple[Workshop, bool]:
    """Parse `data` read from `path`, turning failures into the public errors."""
    try:
        return _parse(data)
    except _Unreadable as exc:
        good = [b for b in backups(path) if _loadable(b)]
        raise SessionCorrupt(path, str(exc), good) from None
    except _TooNew as exc:
        raise SessionTooNew(path, exc.found, exc.supported) from None
    except _MigrationError as exc:
        raise StoreError(t(exc.key, path=path, version=exc.version, reason=exc.reason)) from None


def load(path: Path) -> Workshop:
    """Read the session at `path` without locking it, migrating an older file.

    Raises :class:`SessionNotFound`, :class:`SessionCorrupt` (with the backups that
    load), :class:`SessionTooNew`, or :class:`StoreError`. Never changes the file.
    """
    path = Path(path)
    return _load(path, _read(path))[0]


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
            _write_atomic(path, data)
        except OSError as exc:
            raise StoreError(t("store.save_failed", path=path, reason=exc.strerror or exc)) from exc
    finally:
        lock.release()


# -- the lock ------------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine (zombies count as dead)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return _win_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, under another user
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in (b"Z", b"X")


def _win_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class _Lock:
    """``<session>.lock``: JSON ``{pid, host, started, token}`` of the program holding it."""

    def __init__(self, session: Path, path: Path, token: str, stale_replaced: bool) -> None:
        self.session = session
        self.path = path
        self.token = token
        self.pid = os.getpid()
        self.stale_replaced = stale_replaced
        self.released = False

    @classmethod
    def acquire(cls, session: Path) -> _Lock:
        lock = session.with_name(session.name + LOCK_SUFFIX)
        token = os.urandom(8).hex()
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "token": token,
        }
        content = json.dumps(info).encode()
        replaced = False
        try:
            for _ in range(10):
                if _create_exclusive(lock, content):
                    return cls(session, lock, token, replaced)
                holder = _read_lock(lock)
                if holder is _GONE:
                    continue
                if isinstance(holder, dict) and not _lock_is_stale(holder):
                    raise SessionLocked(session, lock, holder["pid"], holder["host"],
                                        str(holder.get("started", "?")))
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(lock)
                replaced = True
        except OSError as exc:
            raise StoreError(
                t("store.lock_failed", path=session, lock=lock, reason=exc.strerror or exc)
            ) from exc
        raise StoreError(t("store.lock_failed", path=session, lock=lock, reason="busy"))

    def release(self) -> None:
        """Remove the lock if it is still ours (never another program's)."""
        if self.released or os.getpid() != self.pid:  # a forked child does not own it
            return
        self.released = True
        with contextlib.suppress(OSError):  # also runs at exit: never raise
            holder = _read_lock(self.path)
            if isinstance(holder, dict) and holder.get("token") == self.token:
                os.unlink(self.path)


_GONE = object()


def _create_exclusive(lock: Path, content: bytes) -> bool:
    """Create `lock` holding `content` unless it exists; it is never seen half-written.

    The content goes to a temp file that is hard-linked to the lock's name (which
    fails if the name exists), so a reader never finds an empty lock of a live
    program. Where hard links do not work, ``O_CREAT | O_EXCL`` is used.
    """
    tmp = lock.with_name(f".{lock.name}.{os.urandom(4).hex()}.tmp")
    with open(tmp, "xb") as fh:
        fh.write(content)
    try:
        os.link(tmp, lock)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, content)
    finally:
        os.close(fd)
    return True


def _read_lock(lock: Path) -> object:
    """The holder's info (a dict with an int pid and a str host), None if unreadable, or _GONE."""
    try:
        raw = lock.read_bytes()
    except FileNotFoundError:
        return _GONE
    try:
        info = json.loads(raw)
    except ValueError:
        return None
    if (
        isinstance(info, dict)
        and type(info.get("pid")) is int
        and isinstance(info.get("host"), str)
    ):
        return info
    return None


def _lock_is_stale(holder: dict[str, Any]) -> bool:
    """A lock is stale when its program is known to be dead: same host, no such pid."""
    if holder["host"] != socket.gethostname():
        return False
    return not _pid_alive(holder["pid"])


def _normal(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def _remove_leftovers(path: Path) -> None:
    """Remove temp files a killed program left while saving `path` (call with the lock held)."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.tmp$")
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if pattern.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(path.parent / name)


_Entry = tuple[str, bytes]
"""An undo or redo entry: the change's label, and the document before it (zlib'd JSON)."""


# -- the session ---------------------------------------------------------------------


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
            _remove_leftovers(path)
            if path.exists() and not overwrite:
                raise SessionExists(path)
            data = _dump(doc)
            _unlink_all(_take_backup(path))
            _write_atomic(path, data)
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
            _remove_leftovers(path)
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

    def update_room(self, edit: Callable[[Room], None]) -> None:
        """Change ``doc.room`` (step, clock, turn…) and save. Not undoable; keeps redo."""
        with self._mutex:
            self._check_usable()
            self._busy = True
            try:
                before = self.doc.room.model_copy(deep=True)
                try:
                    edit(self.doc.room)
                    data = _dump(self.doc)
                    self._write(data)
                except BaseException:
                    self.doc.room = before
                    raise
                self._saved = data
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
            _write_atomic(self.path, data)
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


# -- recent sessions -----------------------------------------------------------------


def data_dir() -> Path:
    """Where workshop keeps its own data: ``$WORKSHOP_DATA_DIR``, else the user data folder."""
    override = os.environ.get("WORKSHOP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("workshop", appauthor=False))


def _recent_entries() -> list[dict[str, str]]:
    try:
        raw = json.loads((data_dir() / RECENT_FILE).read_bytes())
    except (OSError, ValueError):
        return []
    sessions = raw.get("sessions") if isinstance(raw, dict) else None
    if not isinstance(sessions, list):
        return []
    return [e for e in sessions if isinstance(e, dict) and isinstance(e.get("path"), str)]


def remember_recent(path: Path) -> None:
    """Put `path` first in the recent sessions list. Never fails: the list is a convenience."""
    entry = {"path": str(_normal(path)), "opened": dt.datetime.now().astimezone().isoformat()}
    entries = [entry, *(e for e in _recent_entries() if e["path"] != entry["path"])]
    folder = data_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"sessions": entries[:RECENT_KEEP]}, ensure_ascii=False, indent=1)
        write_atomic(folder / RECENT_FILE, text + "\n")


def recent_sessions(limit: int = 10) -> list[Path]:
    """Recently opened sessions that still exist, newest first."""
    out: list[Path] = []
    for entry in _recent_entries():
        file = Path(entry["path"])
        if file.is_file() and file not in out:
            out.append(file)
            if len(out) >= limit:
                break
    return out


__all__ = [
    "DEFAULT_HISTORY",
    "KEEP_BACKUPS",
    "MIGRATIONS",
    "SESSION_SUFFIX",
    "Session",
    "SessionCorrupt",
    "SessionExists",
    "SessionLocked",
    "SessionNotFound",
    "SessionTooNew",
    "StoreError",
    "backup_dir",
    "backups",
    "data_dir",
    "dumps",
    "load",
    "recent_sessions",
    "remember_recent",
    "restore_backup",
    "write_atomic",
]
