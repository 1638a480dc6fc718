"""Chinese and English catalogs for every UI string and PDF label.

Catalogs are TOML files in ``i18n/<lang>/``, one per area (``common``, ``cli``,
``pdf``, one per step); tables nest into dotted keys, so ``[gaps] title = "…"`` in
``gaps.toml`` is the key ``gaps.title``. A test fails when a key or a placeholder
is in one language and not the other.

The language is chosen by ``--lang``, then the scenario, then ``LANG``/``LC_ALL``.

A count and the words that agree with it, in English: ``{count:=card|cards}`` reads
"1 card", "3 cards"; ``{count:~is|are}`` is the word alone ("3 more {count:~card is|cards
are} hidden"). Chinese has no plural and never needs them.

Reading the TOML takes longer than anything else the first screen needs from this
module, so each flattened catalog is kept as JSON in ``i18n/__pycache__/``, the way
Python keeps bytecode: used while every TOML file has the size and time it had, written
again when one changes, and simply skipped where the folder cannot be written.
"""

from __future__ import annotations

import contextlib
import json
import os
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

_current: Lang = DEFAULT_LANG


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, str], origin: str) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            _flatten(full, value, out, origin)
        elif isinstance(value, list):
            out[full] = "\n".join(str(v) for v in value)
        else:
            if full in out:
                raise ValueError(f"catalog key {full!r} is defined twice ({origin})")
            out[full] = str(value)


CACHE_FORMAT = 1


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """Every key of `lang`'s catalog, flattened to dotted keys."""
    here = Path(__file__).parent
    return load_catalog(here / lang, here / "__pycache__" / f"catalog-{lang}.json")


def load_catalog(folder: Path, cache_file: Path) -> dict[str, str]:
    """The catalog in `folder`, from `cache_file` when that was written from the same TOML
    files, else read from them (and `cache_file` written for next time)."""
    files = sorted(entry for entry in folder.iterdir() if entry.name.endswith(".toml"))
    stamp = [CACHE_FORMAT, *([p.name, s.st_size, s.st_mtime_ns] for p in files
                             for s in [p.stat()])]
    try:
        cached = json.loads(cache_file.read_bytes())
        if cached["stamp"] == stamp and isinstance(cached["catalog"], dict):
            return cached["catalog"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    import tomllib  # only when the cache is missing or stale

    out: dict[str, str] = {}
    for path in files:
        _flatten("", tomllib.loads(path.read_text("utf-8")), out, f"{folder.name}/{path.name}")
    from workshop import atomic  # only when the cache is rewritten

    # whole or not at all, as other processes may read it; a cache may fail to be written
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(exist_ok=True)
        atomic.write_text(cache_file, json.dumps({"stamp": stamp, "catalog": out},
                                                 ensure_ascii=False))
    return out


def normalize(lang: str | None) -> Lang | None:
    """`lang` as ``zh`` or ``en`` if it names one of them (``zh_CN.UTF-8`` → ``zh``)."""
    if not lang:
        return None
    head = lang.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return cast(Lang, head) if head in LANGS else None


def detect(cli: str | None = None, scenario: str | None = None,
           env: Mapping[str, str] | None = None) -> Lang:
    """The language to use: `cli` first, then `scenario`, then the environment."""
    env = os.environ if env is None else env
    for candidate in (cli, scenario, env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG")):
        lang = normalize(candidate)
        if lang:
            return lang
    return DEFAULT_LANG


def set_language(lang: str) -> Lang:
    """Make `lang` the language of `t()` calls that do not name one."""
    global _current
    _current = normalize(lang) or DEFAULT_LANG
    return _current


def get_language() -> Lang:
    return _current


COUNTED = ("=", "~")
"""Format specs of a count: ``{n:=one|other}`` (n and its words), ``{n:~one|other}``
(the words alone); singular when n is 1."""


class _CountFormatter(string.Formatter):
    """``str.format`` that also reads the specs of a count (``COUNTED``), as a phone's
    page does (``room/page/phone.js``)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec[:1] in COUNTED:
            one, _, other = format_spec[1:].partition("|")
            words = one if value in (1, "1") else other  # a count may come formatted
            return words if format_spec[0] == "~" else f"{value} {words}"
        return super().format_field(value, format_spec)


_COUNTS = _CountFormatter()


def t(key: str, lang: str | None = None, /, **values: Any) -> str:
    """The text for `key` in `lang` (default: the current language), formatted with `values`.

    A missing key falls back to the other language, then to the key itself, so a
    gap in a catalog shows as a readable key rather than a crash.
    """
    chosen = normalize(lang) or _current
    text = catalog(chosen).get(key)
    if text is None:
        other = "en" if chosen == "zh" else "zh"
        text = catalog(other).get(key, key)
    if values:
        try:
            if ":=" in text or ":~" in text:
                return _COUNTS.vformat(text, (), values)
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has(key: str, lang: str | None = None) -> bool:
    return key in catalog(normalize(lang) or _current)


def lines(key: str, lang: str | None = None) -> list[str]:
    """A catalog entry written as a TOML list, as a list of lines."""
    text = t(key, lang)
    return [] if text == key else text.split("\n")
