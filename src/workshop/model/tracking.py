"""What an edit changed: change tracking for a document held by a session (the tracked
lists, dicts and adoption are in ``tracked.py``).

A session saves and undoes a change at the cost of the change, not of the document:
it needs to know what the change touched. A :class:`Tracker` adopts a document: every
model in it learns its tracker and where it sits (its container and key), and every
list and dict field becomes a :class:`TrackedList` / :class:`TrackedDict` that reports
each mutation. Assignments report through ``Model.__setattr__``. The first touch of a
field, list or dict in a change keeps its old value (for a list that only grows, just
its old length), so :meth:`Tracker.take` can give the net change as a
:class:`ChangeSet`: old and new value of each field, a splice per list, the changed
keys of each dict, with the path of each from the document's root.

A ChangeSet can be reverted (undo, or a failed edit rolled back) and reapplied (redo)
in memory, touching only what it holds; the store writes its ``ops`` to the journal.

Documents not adopted by a tracker (built by tests, scenario files, copies) behave as
plain pydantic models: ``model_copy``, pickling and ``copy.deepcopy`` give untracked
plain lists.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from workshop.model.tracked import (
    ROOT,
    TrackedDict,
    TrackedList,
    _adopt_tree,
    put,
)

MISSING: Any = object()
"""The value of a dict key that was absent."""

Path = list[str | int]
"""Field names and list indices from the root, e.g. ``["cocreate", "cards", 12, "text"]``."""

# -- what changed -----------------------------------------------------------------------


@dataclass
class Entry:
    """One net change: ``kind`` "set" (a field), "splice" (a list) or "dict"."""

    kind: str
    target: Any
    """The model whose field was set, or the list or dict that changed."""
    name: str
    """The field name (of the list's or dict's owner for "splice" and "dict")."""
    old: Any
    new: Any
    start: int = 0
    """Where the splice starts."""
    path: Path | None = None
    """From the root to the model that owns the field; None when it is no longer in the
    document (then only memory needs it)."""
    journal: bool = True
    """False when what it changed is inside something this change put in whole (that
    is written whole), or is no longer in the document."""

    @property
    def room(self) -> bool:
        """Whether it changed the room state (saved, but not undone)."""
        if self.path == []:  # a field of the root: the room itself, or not the room
            return self.name == "room"
        return bool(self.path) and self.path[0] == "room"


@dataclass
class ChangeSet:
    entries: list[Entry] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def revert(self) -> None:
        """Put back what was there before (each field, list and dict as it was)."""
        for entry in self.entries:
            _restore(entry, entry.old, entry.new)

    def reapply(self) -> None:
        """Put back what the change made (after :meth:`revert`)."""
        for entry in self.entries:
            _restore(entry, entry.new, entry.old)

    def without_room(self) -> ChangeSet:
        return ChangeSet([e for e in self.entries if not e.room])

    def only_room(self) -> bool:
        return all(e.room for e in self.entries if e.path is not None)

    def parts(self) -> frozenset[str] | None:
        """The fields of the document's root this change touched (``{"cocreate",
        "updated_at"}``), or None when that is not known (something no longer in it)."""
        parts = set()
        for entry in self.entries:
            if entry.path is None:
                return None
            parts.add(entry.path[0] if entry.path else entry.name)
        return frozenset(parts)


def _restore(entry: Entry, value: Any, current: Any) -> None:
    if entry.kind == "set":
        put(entry.target, entry.name, value)
    elif entry.kind == "splice":
        entry.target[entry.start:entry.start + len(current)] = value
    else:
        for key, item in value.items():
            if item is MISSING:
                entry.target.pop(key, None)
            else:
                entry.target[key] = item


class Tracker:
    """Records the mutations of one adopted document between two :meth:`take` calls."""

    def __init__(self) -> None:
        self.root: BaseModel | None = None
        self._fields: dict[tuple[int, str], tuple[BaseModel, str, Any]] = {}
        self._lists: dict[int, list[Any]] = {}  # id → [list, old length, old items or None]
        self._dicts: dict[int, tuple[TrackedDict, dict[Any, Any]]] = {}

    def attach(self, root: BaseModel) -> None:
        """Adopt `root` (in place: its lists and dicts become tracked ones)."""
        self.root = root
        _adopt_tree(root, self, ROOT)

    @property
    def dirty(self) -> bool:
        return bool(self._fields or self._lists or self._dicts)

    # called by the containers and Model.__setattr__, before they change
    def field_changing(self, obj: BaseModel, name: str) -> None:
        key = (id(obj), name)
        if key not in self._fields:
            self._fields[key] = (obj, name, obj.__dict__.get(name, MISSING))

    def list_growing(self, lst: TrackedList) -> None:
        if id(lst) not in self._lists:
            self._lists[id(lst)] = [lst, len(lst), None]

    def list_changing(self, lst: TrackedList) -> None:
        seen = self._lists.get(id(lst))
        if seen is None:
            self._lists[id(lst)] = [lst, len(lst), list(lst)]
        elif seen[2] is None:  # it only grew so far: its old items are its first ones
            seen[2] = list.__getitem__(lst, slice(0, seen[1]))

    def dict_changing(self, d: TrackedDict) -> None:
        if id(d) not in self._dicts:
            self._dicts[id(d)] = (d, dict(d))

    # -- the net change ------------------------------------------------------------------
    def take(self) -> ChangeSet:
        """The net change since the last take (empty if nothing changed), with paths."""
        entries: list[Entry] = []
        for obj, name, old in self._fields.values():
            new = obj.__dict__.get(name, MISSING)
            if new is not old:
                entries.append(Entry("set", obj, name, old, new))
        for lst, old_len, old_items in self._lists.values():
            entry = _splice(lst, old_len, old_items)
            if entry is not None:
                entries.append(entry)
        for d, before in self._dicts.values():
            keys = {k for k in before.keys() | d.keys()
                    if before.get(k, MISSING) is not d.get(k, MISSING)}
            if keys:
                entries.append(Entry("dict", d, d._name,
                                     {k: before.get(k, MISSING) for k in keys},
                                     {k: d.get(k, MISSING) for k in keys}))
        self._fields.clear()
        self._lists.clear()
        self._dicts.clear()
        self._locate(entries)
        return ChangeSet(entries)

    def _locate(self, entries: list[Entry]) -> None:
        """Give each entry its path, and mark what need not (or cannot) be journaled."""
        put_whole: set[int] = set()  # what this change put in: written whole
        for entry in entries:
            if entry.kind == "set":
                _note_whole(entry.new, put_whole)
            elif entry.kind == "splice":
                for item in entry.new:
                    _note_whole(item, put_whole)
            else:
                for item in entry.new.values():
                    _note_whole(item, put_whole)
        for entry in entries:
            owner = entry.target if entry.kind == "set" else entry.target._owner
            if entry.kind != "set":
                entry.name = entry.target._name
                if id(entry.target) in put_whole or \
                        owner.__dict__.get(entry.name) is not entry.target:
                    entry.journal = False
            entry.path = self._path(owner, put_whole)
            if entry.path is None:
                entry.journal = False
                entry.path = self._path(owner, set())

    def _path(self, obj: BaseModel, stop: set[int]) -> Path | None:
        """The path from the root to `obj`; None if it is not in the document or sits
        inside something in `stop`."""
        steps: Path = []
        node: Any = obj
        while True:
            if id(node) in stop:
                return None
            try:
                up = object.__getattribute__(node, "_ws_up")
            except AttributeError:
                return None
            if up is ROOT:
                return steps[::-1] if node is self.root else None
            container, key = up
            if isinstance(container, TrackedList):
                index = _index_of(container, node, key)
                if index is None:
                    return None
                object.__setattr__(node, "_ws_up", (container, index))
                steps.append(index)
                if id(container) in stop:
                    return None
                owner = container._owner
                if owner.__dict__.get(container._name) is not container:
                    return None
                steps.append(container._name)
                node = owner
            elif isinstance(container, TrackedDict):
                if dict.get(container, key) is not node:
                    return None
                steps.append(key)
                owner = container._owner
                if owner.__dict__.get(container._name) is not container:
                    return None
                steps.append(container._name)
                node = owner
            else:
                if container.__dict__.get(key) is not node:
                    return None
                steps.append(key)
                node = container


def _note_whole(value: Any, seen: set[int]) -> None:
    seen.add(id(value))


def _index_of(lst: list[Any], item: Any, hint: int) -> int | None:
    if 0 <= hint < len(lst) and list.__getitem__(lst, hint) is item:
        return hint
    try:
        return list(map(operator.is_, lst, [item] * len(lst))).index(True)
    except ValueError:
        return None


def _splice(lst: TrackedList, old_len: int, old_items: list[Any] | None) -> Entry | None:
    """The one splice that turns the old items into the current ones (None: the same)."""
    if old_items is None:  # it only grew
        if len(lst) == old_len:
            return None
        return Entry("splice", lst, lst._name, [], lst[old_len:], start=old_len)
    new_items = list(lst)
    same = list(map(operator.is_, old_items, new_items))
    try:
        start = same.index(False)
    except ValueError:
        start = min(len(old_items), len(new_items))
        if len(old_items) == len(new_items):
            return None
    limit = min(len(old_items), len(new_items)) - start
    tail = list(map(operator.is_, reversed(old_items), reversed(new_items)))[:limit]
    try:
        end = tail.index(False)
    except ValueError:
        end = limit
    return Entry("splice", lst, lst._name, old_items[start:len(old_items) - end],
                 new_items[start:len(new_items) - end], start=start)
