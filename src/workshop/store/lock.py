"""``<session>.lock``: one program at a time holds a session; a dead holder's lock is replaced."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from workshop.i18n import t
from workshop.store.errors import SessionLocked, StoreError
from workshop.store.paths import LOCK_SUFFIX


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
    try:
        with open(tmp, "xb") as fh:
            fh.write(content)
    except BaseException:  # a full disk: no empty temp file is left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
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
    except BaseException:  # never leave an empty lock that names no one
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(lock)
        raise
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
    """A lock is stale when its program is known to be gone: same host, and no such pid,
    or the pid now belongs to a process that started after the lock was written."""
    if holder["host"] != socket.gethostname():
        return False
    pid = holder["pid"]
    if not _pid_alive(pid):
        return True
    began = _process_started(pid)
    try:
        locked = dt.datetime.fromisoformat(str(holder.get("started"))).timestamp()
    except ValueError:
        return False
    return began is not None and began > locked + 2  # the number was given out again


def _process_started(pid: int) -> float | None:
    """When process `pid` started (Unix time), where ``/proc`` tells; else None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            ticks = int(fh.read().rsplit(b")", 1)[1].split()[19])  # field 22: starttime
        with open("/proc/stat", "rb") as fh:
            boot = next(int(line.split()[1]) for line in fh if line.startswith(b"btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def can_end_from_here(error: SessionLocked) -> bool:
    """Whether :func:`end_holder` could end the holder: it runs on this machine (POSIX)."""
    return error.host == socket.gethostname() and sys.platform != "win32"


def end_holder(error: SessionLocked, timeout: float = 5.0) -> bool:
    """End the program that holds the session's lock (a hung one: its terminal closed
    under it, say), as the lock message offers: ask it to quit (SIGTERM), and if it has
    not within `timeout` seconds, make it (SIGKILL). True when it is gone, after which
    :meth:`Session.open` replaces its lock. Only on the same machine; False where the
    program cannot be ended from here (another machine or user, or Windows)."""
    if not can_end_from_here(error):
        return False
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(error.pid, sig)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _pid_alive(error.pid):
                return True
            time.sleep(0.05)
    return not _pid_alive(error.pid)
