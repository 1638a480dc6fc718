"""The session's bytes: serialising, parsing, migrating older files, loading.

A session file is the JSON of one :class:`~workshop.model.Workshop`, with a
``schema_version``; an older file is migrated on load (:data:`MIGRATIONS`), a newer
one refused, a damaged one refused with the backups that do load.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import workshop.model as _model
from workshop.i18n import t
from workshop.model import Workshop, integrity
from workshop.problems import said_plainly
from workshop.store import journal
from workshop.store.backup import backups
from workshop.store.errors import (
    SessionCorrupt,
    SessionNotFound,
    SessionTooNew,
    StoreError,
    _MigrationError,
    _TooNew,
    _Unreadable,
)
from workshop.store.paths import journal_path

JSON_INDENT: int | None = 1
"""Indentation of the session JSON. One space keeps the file readable and diffable by a
person; ``None`` (one line) serialises about 40% faster (``bench/bench_store.py``)."""

def _add_checkins(data: dict[str, Any]) -> dict[str, Any]:
    """1 → 2: sessions gain check-ins after the day; a session of the day has none yet."""
    data.setdefault("checkin", {"checkins": []})
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _add_checkins}
"""``MIGRATIONS[n]`` turns a session dict of schema version ``n`` into version ``n + 1``.

Add one whenever ``workshop.model.SCHEMA_VERSION`` is bumped. The store sets
``schema_version`` after each step, so a migration only moves the data.
"""


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



def _validation_details(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "/"
        parts.append(f"{where}: {said_plainly(error) or error['msg']}")
    more = exc.error_count() - limit
    if more > 0:
        parts.append(f"+{more}")
    return "; ".join(parts)


def _parse(data: bytes) -> tuple[Workshop, bool]:
    """The document in `data`, migrated and repaired; and whether `data` is a current
    session as it is.

    When the second value is True, ``Workshop.model_validate_json(data)`` gives the
    document back, so `data` can serve as the saved state. Raises ``_Unreadable``
    (damaged), ``_TooNew`` or ``_MigrationError``; the caller adds the path.
    """
    doc, direct, _notes = _parse_noted(data)
    return doc, direct


def _parse_noted(data: bytes) -> tuple[Workshop, bool, list[str]]:
    """``_parse``, and a note for each kind of repair made (``workshop.model.integrity``)."""
    doc, direct = _validate(data)
    refused = integrity.problems(doc)
    if refused:
        raise _Unreadable("; ".join(refused))
    notes = integrity.repair(doc)
    return doc, direct and not notes, notes


def _validate(data: bytes) -> tuple[Workshop, bool]:
    supported = _model.SCHEMA_VERSION
    # Fast path: a current file validates straight from the bytes.
    try:
        doc = Workshop.model_validate_json(data)
    except ValidationError:
        pass
    else:
        if "schema_version" in doc.model_fields_set and doc.schema_version == supported:
            return doc, True
    if data.startswith(_BOM):  # an editor on Windows may add one; JSON has none
        data = data[len(_BOM):]
    if not data.strip():
        raise _Unreadable(t("store.reason.empty"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable(t("store.reason.utf16"))
    if b"\x00" in data:
        raise _Unreadable(t("store.reason.binary"))
    try:
        raw = json.loads(data, object_pairs_hook=_no_duplicate_keys)
    except UnicodeDecodeError as exc:
        raise _Unreadable(_not_utf8(data)) from exc
    except json.JSONDecodeError as exc:
        raise _Unreadable(_not_json(data, exc)) from exc
    except _DuplicateKey as exc:
        raise _Unreadable(t("store.reason.duplicate_key", key=exc.key)) from exc
    except RecursionError as exc:
        raise _Unreadable(t("store.reason.too_deep")) from exc
    except ValueError as exc:  # NaN, Infinity or a number too long for Python to read
        raise _Unreadable(t("store.reason.number", detail=str(exc)[:80])) from exc
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
    except RecursionError as exc:
        raise _Unreadable(t("store.reason.too_deep")) from exc


_BOM = b"\xef\xbb\xbf"


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, unless it names a key twice: which value was meant is unknown.

    Only the slow path sees this (a file that did not validate as it is), so a damaged
    file whose first ``meta`` is right and second is wrong is reported as two ``meta``s.
    """
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _not_utf8(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return t("store.reason.encoding_at", line=line)
        return t("store.reason.encoding_gbk", line=line)
    return t("store.reason.encoding")


def _not_json(data: bytes, exc: json.JSONDecodeError) -> str:
    reason = t("store.reason.json", line=exc.lineno, column=exc.colno, detail=exc.msg)
    start = data.lstrip()[:1]
    if start == b"[" or (start and start not in b"{\"0123456789-tfn"):
        # ``[workshop]`` or ``title = …``: a scenario, not a session
        reason += t("store.reason.looks_like_scenario")
    return reason




MAX_BYTES = 64 * 1024 * 1024
"""Largest session file read: a 10-team room with 2,000 cards is a few megabytes."""


def check_file(path: Path) -> os.stat_result:
    """`path`'s status if it is an ordinary file a session could be read from.

    Raises :class:`SessionNotFound`, or :class:`StoreError` that says what `path` is
    instead (a folder, a pipe, a link that leads back to itself, a file no one may read).
    Never opens the file, so a pipe cannot make it wait.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise SessionNotFound(path) from exc
    except OSError as exc:
        raise StoreError(_os_reason(path, exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(t("store.file.folder", path=path))
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(t("store.file.not_regular", path=path))
    return info


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return t("store.file.loop", path=path)
    if isinstance(exc, PermissionError):
        return t("store.file.no_permission", path=path)
    if isinstance(exc, IsADirectoryError):
        return t("store.file.folder", path=path)
    return t("store.read_failed", path=path, reason=exc.strerror or exc)


def _read(path: Path) -> bytes:
    """The bytes of the session file at `path`, read only if it is an ordinary file of a
    sensible size (a file over :data:`MAX_BYTES` is refused as damaged)."""
    info = check_file(path)
    if info.st_size > MAX_BYTES:
        raise _too_large(path, info.st_size)
    try:
        # O_NONBLOCK: should the name have become a pipe since the check, do not wait on it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise SessionNotFound(path) from exc
    except OSError as exc:
        raise StoreError(_os_reason(path, exc)) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(t("store.file.not_regular", path=path))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise StoreError(_os_reason(path, exc)) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # it grew while we looked
        raise _too_large(path, len(data))
    return data


def _too_large(path: Path, size: int) -> SessionCorrupt:
    reason = t("store.reason.too_large", size=f"{size / 1024 / 1024:,.0f}",
               limit=f"{MAX_BYTES // 1024 // 1024:,}")
    return SessionCorrupt(path, reason, [b for b in backups(path) if _loadable(b)])


def _loadable(file: Path) -> bool:
    try:
        _parse(_read(file))
    except (StoreError, _Unreadable, _TooNew, _MigrationError):
        return False
    return True


def _load(path: Path, data: bytes) -> tuple[Workshop, bool]:
    """Parse `data` read from `path`, turning failures into the public errors."""
    doc, direct, _notes = _load_noted(path, data)
    return doc, direct


def inspect(path: Path) -> tuple[Workshop, list[str]]:
    """The session file at `path` as :func:`load` reads it (without its journal), and a
    note for each kind of repair loading made (a card that named a team that is not
    there…), for ``workshop validate``. Raises what :func:`load` raises."""
    path = Path(path)
    doc, _direct, notes = _load_noted(path, _read(path))
    return doc, notes


def _load_noted(path: Path, data: bytes) -> tuple[Workshop, bool, list[str]]:
    try:
        return _parse_noted(data)
    except _Unreadable as exc:
        good = [b for b in backups(path) if _loadable(b)]
        raise SessionCorrupt(path, str(exc), good) from None
    except _TooNew as exc:
        raise SessionTooNew(path, exc.found, exc.supported) from None
    except _MigrationError as exc:
        raise StoreError(t(exc.key, path=path, version=exc.version, reason=exc.reason)) from None


def load(path: Path) -> Workshop:
    """Read the session at `path` without locking it, migrating an older file, with the
    changes in its journal: the state its program last acknowledged.

    Raises :class:`SessionNotFound`, :class:`SessionCorrupt` (with the backups that
    load), :class:`SessionTooNew`, or :class:`StoreError`. Never changes the file.
    """
    path = Path(path)
    for _ in range(3):
        data = _read(path)
        seen = _identity(path)
        doc, _ = _load(path, data)
        found = journal.replay(doc, data, _read_journal(journal_path(path)))
        # a journal of another snapshot is stale, unless the session was compacted
        # between the two reads: then read the new snapshot
        if found.size or _identity(path) == seen:
            return doc
    return doc


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _read_journal(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(t("store.read_failed", path=path, reason=exc.strerror or exc)) from exc
