"""Keys a facilitator remaps, from ``keymap.toml`` in workshop's data folder::

    [keys]
    next_turn = "f12"          # a binding's id = its key, or keys separated by commas
    toggle_clock = "ctrl+k,f5"

Every binding has an ``id`` (the README lists the common ones). The file is read at
start-up and applied with ``App.set_keymap``. A file with any mistake is ignored as a
whole, with a notice saying what is wrong: half a keymap could leave a key dead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys

from workshop.i18n import t
from workshop.store import data_dir

if TYPE_CHECKING:
    from textual.app import App

KEYMAP_FILE = "keymap.toml"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset({key.value for key in Keys if "+" not in key.value
                        and not key.value.startswith("<")} | set(KEY_NAME_REPLACEMENTS.values()))


class KeymapError(ValueError):
    """What is wrong with a keymap file, in the room's language."""


def keymap_path() -> Path:
    return data_dir() / KEYMAP_FILE


def key_name(key: str) -> str | None:
    """`key` (``f12``, ``F12``, ``ctrl+k``, ``?``, ``question_mark``) as Textual names it,
    or None if it names no key."""
    text = key.strip()
    if text == "+" or text.endswith("++"):  # the plus key itself: "+", "ctrl++"
        modifiers, last = text[:-1].split("+")[:-1], "+"
    else:
        *modifiers, last = text.split("+")
    modifiers = [modifier.lower() for modifier in modifiers]
    if not last or any(modifier not in MODIFIERS for modifier in modifiers):
        return None
    if len(last) == 1:  # a character keeps its case (A is shift+a)
        if not last.isprintable() or last.isspace():
            return None
        name = last if last.isalnum() else _character_name(last)
    else:
        name = last.lower()
        if name not in NAMED_KEYS:
            try:
                unicodedata.lookup(name.replace("_", " "))
            except KeyError:
                return None
    return "+".join([*modifiers, KEY_NAME_REPLACEMENTS.get(name, name)])


def _character_name(character: str) -> str:
    """``?`` is ``question_mark``, ``-`` is ``hyphen_minus``: how Textual names keys."""
    return unicodedata.name(character, "").lower().replace("-", "_").replace(" ", "_")


def read_keymap(path: Path, fixed: Mapping[str, str]) -> dict[str, str]:
    """The keys `path` remaps, by binding id ({} when there is no file).

    `fixed` maps each app-wide key to its binding's id: a remapped key may not take one
    of those unless that binding moves too. Raises `KeymapError`.
    """
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise KeymapError(t("keymap.unreadable", path=path, error=error)) from error
    import tomllib  # only with a keymap file: not on every start

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise KeymapError(t("keymap.bad_toml", path=path, error=error)) from error
    table = data.get("keys")
    if set(data) != {"keys"} or not isinstance(table, dict):
        raise KeymapError(t("keymap.bad_shape", path=path))
    keymap: dict[str, str] = {}
    taken: dict[str, str] = {}  # Textual's name of each key given → the binding id
    for binding_id, value in table.items():
        names = []
        for key in value.split(",") if isinstance(value, str) else [""]:
            name = key_name(key)
            if name is None:
                raise KeymapError(t("keymap.bad_key", path=path, id=binding_id,
                                    key=key.strip()))
            if taken.setdefault(name, binding_id) != binding_id:
                raise KeymapError(t("keymap.clash", path=path, key=key.strip(),
                                    first=taken[name], second=binding_id))
            names.append(name)
        keymap[binding_id] = ",".join(names)
    for key, binding_id in fixed.items():
        owner = taken.get(key_name(key) or key)
        if owner is not None and owner != binding_id and binding_id not in keymap:
            raise KeymapError(t("keymap.clash", path=path, key=key, first=binding_id,
                                second=owner))
    return keymap


def binding_ids() -> set[str]:
    """The id of every binding in the app (loads every TUI module: only when needed)."""
    import importlib
    import pkgutil

    import workshop.tui

    for info in pkgutil.walk_packages(workshop.tui.__path__, "workshop.tui."):
        importlib.import_module(info.name)
    ids: set[str] = set()
    classes: list[type] = [DOMNode]
    seen: set[type] = set()
    while classes:
        cls = classes.pop()
        if cls in seen:
            continue
        seen.add(cls)
        classes.extend(cls.__subclasses__())
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            if binding.id:
                ids.add(binding.id)
    return ids


def load_keymap(app: App) -> None:
    """Apply the facilitator's keymap file, if there is one; a bad one is ignored with a
    notice. Which ids exist is checked after the first frame (it loads every screen)."""
    path = keymap_path()
    if not path.exists():
        return
    fixed = {key.strip(): binding.id for binding in Binding.make_bindings(app.BINDINGS)
             if binding.id for key in binding.key.split(",")}
    try:
        keymap = read_keymap(path, fixed)
    except KeymapError as error:
        app.notify(str(error), severity="error", timeout=30)
        return
    app.set_keymap(keymap)

    def check_ids() -> None:
        unknown = sorted(set(keymap) - binding_ids())
        if unknown:
            app.set_keymap({})
            app.notify(t("keymap.unknown_id", path=path, ids=", ".join(unknown)),
                       severity="error", timeout=30)
        elif keymap:
            app.notify(t("keymap.applied", path=path, count=len(keymap)), timeout=5)

    app.call_after_refresh(check_ids)
