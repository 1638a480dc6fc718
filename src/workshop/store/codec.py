"""The session's bytes: serialising, parsing, migrating older files, loading.

A session file is the JSON of one :class:`~workshop.model.Workshop`, with a
``schema_version``; an older file is migrated on load (:data:`MIGRATIONS`), a newer
one refused, a damaged one refused with the backups that do load.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import workshop.model as _model
from workshop.i18n import t
from workshop.model import Workshop
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
