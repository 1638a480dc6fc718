"""The tracked document: lists and dicts that report their changes, and adoption.

A model adopted by a :class:`~workshop.model.tracking.Tracker` knows its tracker and
where it sits (its container and key: ``_ws_tracker`` and ``_ws_up``); its list and
dict fields are :class:`TrackedList` and :class:`TrackedDict`, which tell the tracker
before they change, and ``Model.__setattr__`` tells it of assignments. Copies, pickles
and ``copy.deepcopy`` of them are plain, untracked lists and dicts.
"""

from __future__ import annotations

import copy
import types
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

if TYPE_CHECKING:
    from workshop.model.tracking import Tracker

ROOT = ("root",)
"""The container of the document's root."""

# -- which fields hold something mutable ---------------------------------------------


def _holds_mutable(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin in (list, dict):
        return True
    if origin in (set, frozenset, tuple) or annotation in (set, frozenset, tuple):
        raise TypeError(f"tracking does not support {annotation!r} fields: use a list")
    if origin is Annotated:
        return _holds_mutable(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return any(_holds_mutable(arg) for arg in get_args(annotation))
    if annotation in (list, dict):
        return True
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


_CONTAINERS: dict[type, tuple[str, ...]] = {}


def container_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` that may hold a model, a list or a dict (the rest are values)."""
    found = _CONTAINERS.get(cls)
    if found is None:
        found = _CONTAINERS[cls] = tuple(name for name, info in cls.model_fields.items()
                                         if _holds_mutable(info.annotation))
    return found


# -- tracked containers -----------------------------------------------------------------


class TrackedList(list):
    """A list field of an adopted model: reports its mutations to the tracker."""

    __slots__ = ("_name", "_owner", "_tracker")

    def _adopt_from(self, start: int) -> None:
        tracker = self._tracker
        for index in range(start, len(self)):
            adopt(list.__getitem__(self, index), tracker, (self, index))

    def append(self, item: Any) -> None:
        self._tracker.list_growing(self)
        list.append(self, item)
        adopt(item, self._tracker, (self, len(self) - 1))

    def extend(self, items: Iterable[Any]) -> None:
        items = list(items)
        self._tracker.list_growing(self)
        start = len(self)
        list.extend(self, items)
        self._adopt_from(start)

    def __iadd__(self, items: Iterable[Any]) -> TrackedList:  # type: ignore[override]
        self.extend(items)
        return self

    def insert(self, index: Any, item: Any) -> None:
        self._tracker.list_changing(self)
        list.insert(self, index, item)
        adopt(item, self._tracker, (self, max(0, min(index, len(self) - 1))))

    def remove(self, item: Any) -> None:
        self._tracker.list_changing(self)
        list.remove(self, item)

    def pop(self, index: Any = -1) -> Any:
        self._tracker.list_changing(self)
        return list.pop(self, index)

    def clear(self) -> None:
        self._tracker.list_changing(self)
        list.clear(self)

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._tracker.list_changing(self)
        list.sort(self, *args, **kwargs)

    def reverse(self) -> None:
        self._tracker.list_changing(self)
        list.reverse(self)

    def __setitem__(self, index: Any, value: Any) -> None:
        self._tracker.list_changing(self)
        if isinstance(index, slice):
            value = list(value)
            list.__setitem__(self, index, value)
            self._adopt_from(0 if index.step not in (None, 1) else
                             index.indices(len(self))[0])
        else:
            list.__setitem__(self, index, value)
            adopt(value, self._tracker, (self, index % len(self)))

    def __delitem__(self, index: Any) -> None:
        self._tracker.list_changing(self)
        list.__delitem__(self, index)

    def __imul__(self, times: Any) -> TrackedList:  # type: ignore[override]
        self._tracker.list_changing(self)
        list.__imul__(self, times)
        self._adopt_from(0)
        return self

    # copies are plain, untracked lists
    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(item, memo) for item in self]

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (list, (list(self),))


class TrackedDict(dict):
    """A dict field of an adopted model: reports its mutations to the tracker."""

    __slots__ = ("_name", "_owner", "_tracker")

    def __setitem__(self, key: Any, value: Any) -> None:
        self._tracker.dict_changing(self)
        dict.__setitem__(self, key, value)
        adopt(value, self._tracker, (self, key))

    def __delitem__(self, key: Any) -> None:
        self._tracker.dict_changing(self)
        dict.__delitem__(self, key)

    def pop(self, *args: Any) -> Any:
        self._tracker.dict_changing(self)
        return dict.pop(self, *args)

    def popitem(self) -> Any:
        self._tracker.dict_changing(self)
        return dict.popitem(self)

    def clear(self) -> None:
        self._tracker.dict_changing(self)
        dict.clear(self)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other: Any) -> TrackedDict:  # type: ignore[override]
        self.update(other)
        return self

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (dict, (dict(self),))


Container = TrackedList | TrackedDict


# -- adoption ---------------------------------------------------------------------------


def tracker_of(obj: BaseModel) -> Tracker | None:
    try:
        return object.__getattribute__(obj, "_ws_tracker")
    except AttributeError:
        return None


def adopt(value: Any, tracker: Tracker, up: Any) -> None:
    """Make `value` (placed at `up`: (container, key)) and everything under it report
    to `tracker`. A model already adopted by `tracker` only learns its new place."""
    if not isinstance(value, BaseModel):
        return
    if tracker_of(value) is tracker:
        object.__setattr__(value, "_ws_up", up)
        return
    _adopt_tree(value, tracker, up)


def _adopt_tree(model: BaseModel, tracker: Tracker, up: Any) -> None:
    """Adopt `model` and all below it, none of it adopted by `tracker` yet (the walk a
    session makes over a whole document when it opens, so it checks nothing twice)."""
    setattr_ = object.__setattr__
    setattr_(model, "_ws_up", up)
    setattr_(model, "_ws_tracker", tracker)
    fields = model.__dict__
    for name in _CONTAINERS.get(type(model)) or container_fields(type(model)):
        value = fields.get(name)
        if isinstance(value, list):
            value = fields[name] = _wrap(TrackedList(value), model, name, tracker)
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _adopt_tree(item, tracker, (value, index))
        elif isinstance(value, dict):
            value = fields[name] = _wrap(TrackedDict(value), model, name, tracker)
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    _adopt_tree(item, tracker, (value, key))
        elif isinstance(value, BaseModel):
            _adopt_tree(value, tracker, (model, name))


def adopt_field(owner: BaseModel, name: str, value: Any, tracker: Tracker) -> None:
    """Wrap the list or dict `value` of ``owner.<name>`` (or adopt the model in it)."""
    # A list or dict put back whole (undo of an edit that replaced it) is one this tracker
    # knows, but its items may have learnt a place in the one it replaced since: each
    # learns its place again, or a later change to it would not be found in the document.
    if isinstance(value, list):
        if not (type(value) is TrackedList and value._owner is owner and value._name == name
                and value._tracker is tracker):
            value = _wrap(TrackedList(value), owner, name, tracker)
            owner.__dict__[name] = value
        value._adopt_from(0)
    elif isinstance(value, dict):
        if not (type(value) is TrackedDict and value._owner is owner and value._name == name
                and value._tracker is tracker):
            value = _wrap(TrackedDict(value), owner, name, tracker)
            owner.__dict__[name] = value
        for key, item in value.items():
            adopt(item, tracker, (value, key))
    else:
        adopt(value, tracker, (owner, name))


def _wrap(container: Any, owner: BaseModel, name: str, tracker: Tracker) -> Any:
    container._owner = owner
    container._name = name
    container._tracker = tracker
    return container


def put(obj: BaseModel, name: str, value: Any) -> None:
    """Set ``obj.<name>`` to `value` exactly (no validation: `value` was there before),
    recorded like any assignment. Undo and redo use it so identities are kept."""
    tracker = tracker_of(obj)
    if tracker is not None:
        tracker.field_changing(obj, name)
    obj.__dict__[name] = value
    obj.__pydantic_fields_set__.add(name)
    if tracker is not None and name in container_fields(type(obj)):
        adopt_field(obj, name, value, tracker)
