"""The journal beside a session file: each change as a small record, appended and fsync'd.

``name.workshop.journal`` holds the changes made since ``name.workshop.json`` (the
snapshot) was written. Saving a change appends one line, so it costs what the change
costs; opening (and :func:`~workshop.store.codec.load`) replays the lines onto the
snapshot. Now and then the session writes a new snapshot and starts a new journal
(compaction).

Each line is ``<crc32 of the rest, 8 hex> <JSON>``. The first one binds the journal to
its snapshot: ``{"journal": 1, "snapshot": [size, crc32]}``; a journal whose snapshot
has since been replaced is stale and ignored (that is how a compaction cut short by a
kill stays correct: the new snapshot already holds every change). Then one line per
change: ``{"ops": [...]}``, each op one of

- ``["set", path, field, value]``: a field of the model at `path`;
- ``["splice", path, field, start, removed, [items]]``: a list field;
- ``["dict", path, field, {key: value}, [removed keys]]``: a dict field;

where `path` leads from the document to the model (field names and list indices).
A line cut short by a kill (no newline, or a wrong checksum at the end) is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from workshop import atomic
from workshop.model import Workshop
from workshop.model.tracking import MISSING, ChangeSet, Entry

FORMAT = 1


def _line(payload: bytes) -> bytes:
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def header(snapshot: bytes) -> bytes:
    """The journal's first line, for the snapshot `snapshot`."""
    return _line(b'{"journal":%d,"snapshot":[%d,%d]}' % (FORMAT, len(snapshot),
                                                        zlib.crc32(snapshot)))


# -- writing ------------------------------------------------------------------------------


def encode(changes: ChangeSet) -> bytes | None:
    """The record of `changes` (None when nothing in it needs writing). Raises if a new
    value cannot be serialised (say a str appended to a list of cards)."""
    entries = [e for e in changes.entries if e.journal and e.path is not None]
    if not entries:
        return None
    # lists first, outer ones before inner ones: every path holds the indices as they are
    # after the change, so each list must have its final shape before a path crosses it
    entries.sort(key=lambda e: (e.kind == "set", len(e.path or ())))
    return b'{"ops":[' + b",".join(_op(e) for e in entries) + b"]}"


def _op(entry: Entry) -> bytes:
    owner = entry.target if entry.kind == "set" else entry.target._owner
    head = b'["%s",%s,%s,' % (entry.kind.encode(), _json(entry.path),
                              _json(entry.name))
    if entry.kind == "set":
        return head + _field_json(owner, entry.name, None) + b"]"
    if entry.kind == "splice":
        items = _items_json(owner, entry.name, entry.start, len(entry.new)) \
            if entry.new else b"[]"
        return head + b"%d,%d,%s]" % (entry.start, len(entry.old), items)
    kept = {k for k, v in entry.new.items() if v is not MISSING}
    gone = [k for k, v in entry.new.items() if v is MISSING]
    changed = _field_json(owner, entry.name, kept) if kept else b"{}"
    return head + changed + b"," + _json(gone) + b"]"


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _items_json(owner: BaseModel, name: str, start: int, count: int) -> bytes:
    """``owner.<name>[start:start + count]`` as the session file writes it. A list of
    models is written item by item: pydantic's ``include`` of a few indices walks the
    whole list (half a millisecond of every card typed at 9,900 cards)."""
    items = getattr(owner, name)[start:start + count]
    model = _item_model(type(owner), name)
    if model is not None and all(type(item) is model for item in items):
        serializer = model.__pydantic_serializer__
        return b"[" + b",".join(serializer.to_json(item, warnings="error")
                                for item in items) + b"]"
    return _field_json(owner, name, set(range(start, start + count)))


@cache
def _item_model(owner: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model a list field of `owner` holds (``list[Card]``: Card), else None."""
    annotation = owner.model_fields[name].annotation
    if get_origin(annotation) is not list:
        return None
    (item,) = get_args(annotation) or (None,)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


def _field_json(owner: BaseModel, name: str, items: set[Any] | None) -> bytes:
    """``owner.<name>`` (only the list indices or dict keys in `items`, if given) as the
    session file writes it."""
    include: Any = {name} if items is None else {name: items}
    data = type(owner).__pydantic_serializer__.to_json(owner, include=include,
                                                       warnings="error")
    return data[len(name) + 4:-1]  # {"name":<value>}


@dataclass
class Journal:
    """The journal of an open session, for appending."""

    path: Path
    fd: int
    size: int
    """Bytes of whole lines in the file; a failed append is cut back to it."""
    records: int = 0

    @classmethod
    def start(cls, path: Path, snapshot: bytes) -> Journal:
        """A new, empty journal for `snapshot` (replacing any other, atomically)."""
        first = header(snapshot)
        atomic.write_bytes(path, first)
        return cls(path, os.open(path, os.O_WRONLY | os.O_APPEND), len(first))

    @classmethod
    def resume(cls, path: Path, size: int, records: int) -> Journal:
        """Append to `path` after its first `size` bytes (a torn last line is dropped)."""
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        try:
            if os.fstat(fd).st_size != size:
                os.ftruncate(fd, size)
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, size, records)

    def append(self, record: bytes) -> None:
        """Write `record` as one line and fsync it: on return it survives a kill (and a
        power cut). On failure the file is cut back to its last whole line."""
        line = _line(record)
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(self.fd, view):]
            os.fdatasync(self.fd) if hasattr(os, "fdatasync") else os.fsync(self.fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)
            raise
        self.size += len(line)
        self.records += 1

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


# -- reading ------------------------------------------------------------------------------


@dataclass
class Replayed:
    """What :func:`replay` found."""

    records: int = 0
    """Changes applied."""
    size: int = 0
    """Bytes of the journal up to the end of the last change applied (its header
    included): where appending goes on. 0 when there is no usable journal."""
    damaged: bool = False
    """Whether something other than a torn last line was left unread."""


def replay(doc: Workshop, snapshot: bytes, data: bytes | None) -> Replayed:
    """Apply the journal `data` (None: there is none) to `doc`, the document of
    `snapshot`. A stale journal (of another snapshot) is not applied."""
    if not data:
        return Replayed()
    lines = _lines(data)
    first = next(lines, None)
    if first is None or first[0] != header(snapshot):
        return Replayed()
    found = Replayed(size=len(first[0]))
    for raw, payload in lines:
        if payload is None:
            found.damaged = not _torn_tail(data, found.size)
            break
        try:
            apply_ops(doc, json.loads(payload)["ops"])
        except (ValueError, KeyError, IndexError, TypeError, AttributeError,
                ValidationError):
            found.damaged = True  # the change is not applied, nor anything after it
            break
        found.records += 1
        found.size += len(raw)
    return found


def _lines(data: bytes) -> Iterator[tuple[bytes, bytes | None]]:
    """Each whole line and its checked payload (None from the first bad one on)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:], None
            return
        raw = data[start:end + 1]
        crc, _, payload = raw[:-1].partition(b" ")
        try:
            good = len(crc) == 8 and int(crc, 16) == zlib.crc32(payload)
        except ValueError:
            good = False
        yield raw, payload if good else None
        if not good:
            return
        start = end + 1


def _torn_tail(data: bytes, good: int) -> bool:
    """Whether all after `good` bytes is one line cut short (what a kill mid-append
    leaves), rather than damage followed by more changes."""
    rest = data[good:]
    return b"\n" not in rest[:-1]


def apply_ops(doc: Workshop, ops: list[Any]) -> None:
    for op in ops:
        kind, path, name = op[0], op[1], op[2]
        owner = _walk(doc, path)
        if kind == "set":
            setattr(owner, name, op[3])
        elif kind == "splice":
            start, removed, items = op[3], op[4], op[5]
            target = getattr(owner, name)
            target[start:start + removed] = _adapter(type(owner), name).validate_python(items)
        elif kind == "dict":
            target = getattr(owner, name)
            target.update(_adapter(type(owner), name).validate_python(op[3]))
            for key in op[4]:
                target.pop(key, None)
        else:
            raise ValueError(f"unknown journal op {kind!r}")


def _walk(doc: Workshop, path: list[Any]) -> Any:
    node: Any = doc
    for step in path:
        node = node[step] if isinstance(step, int) or isinstance(node, dict) else \
            getattr(node, step)
    if not isinstance(node, BaseModel):
        raise TypeError(f"journal path {path!r} does not lead to a model")
    return node


@cache
def _adapter(cls: type[BaseModel], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(cls.model_fields[name].annotation)
