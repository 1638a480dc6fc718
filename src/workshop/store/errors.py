"""What can go wrong with a session, as errors whose ``message`` is for the user."""

from __future__ import annotations

from pathlib import Path

from workshop.i18n import t


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
        # Said where the holder can be ended from here (``workshop open --take-over``),
        # in place of the message's advice to end it by hand.
        self.in_use = t("store.in_use", path=path, pid=pid, host=host, started=started)


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

