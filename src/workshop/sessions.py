"""Starting and reopening sessions: one service for the ``workshop`` command and the home screen.

A session starts from a scenario file (``new_session``), from the bundled demo
(``open_demo``) or from a file kept earlier (``open_session``, ``restore_and_open``); each
is remembered in the recent list. What to call a new file has two policies:
``default_session_path`` (the command: one name per scenario and workshop day, refusing to
overwrite) and ``free_session_path`` (the home screen: the next free name). The day is the
workshop's own (the scenario's ``date``), today only for a scenario without one, so the
file of a workshop prepared the week before is named for the day it runs.

Core: no Textual, nothing printed; mistakes are raised as ``ScenarioError`` or
``StoreError`` with their messages translated, for the caller to show.
"""

from __future__ import annotations

import datetime as dt
import stat
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from workshop.i18n import t
from workshop.store import (
    SESSION_SUFFIX,
    Session,
    StoreError,
    data_dir,
    recent_sessions,
    remember_recent,
    restore_backup,
    write_atomic,
)
from workshop.store.codec import check_file

DEMO_STEM = "demo"
"""The demo's scenario copy and its one session file, in the data folder."""


@dataclass(frozen=True)
class RecentSession:
    path: Path
    modified: dt.datetime
    """When the file was last saved (local time)."""


def today() -> dt.date:
    """The local date, which names a session whose scenario has no date (a function of
    its own, so a test can hold the day still across midnight)."""
    return dt.date.today()


def _dated_stem(scenario: Path, day: dt.date | None) -> str:
    return f"{scenario.name.removesuffix('.toml')}-{day or today():%Y%m%d}"


def default_session_path(scenario: Path, folder: Path | None = None, *,
                         day: dt.date | None = None) -> Path:
    """Where ``workshop new`` keeps a session unless told: in `folder` (the working folder
    by default), named after the scenario and the workshop's `day` (today without one)."""
    return (folder or Path.cwd()) / f"{_dated_stem(scenario, day)}{SESSION_SUFFIX}"


def free_session_path(scenario: Path, folder: Path, *, day: dt.date | None = None) -> Path:
    """A new session file name for `scenario` in `folder` that does not overwrite anything."""
    base = _dated_stem(scenario, day)
    path = folder / f"{base}{SESSION_SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}{SESSION_SUFFIX}"
        n += 1
    return path


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files a facilitator probably means: in `folder` and in its ``scenarios``."""
    found: list[Path] = []
    for place in (folder, folder / "scenarios"):
        if place.is_dir():
            found.extend(sorted(place.glob("*.toml")))
    return found


def new_session(scenario: Path, out: Path | None = None, *, overwrite: bool = False,
                free: bool = False) -> Session:
    """A new session from `scenario`, saved at `out` and held open.

    `out` may be a file or a folder (the default name goes inside); without it, the
    default name in the working folder. The default name carries the workshop's date;
    `free` takes the next name not yet used instead of refusing one that is. Raises
    ``ScenarioError`` for a bad scenario and ``SessionExists`` if the file is there and
    not `overwrite`.
    """
    from workshop.scenario import load_scenario  # only now: its schemas take a while

    doc = load_scenario(scenario)
    day = doc.meta.date
    path = out or Path.cwd()
    if path.is_dir():
        path = (free_session_path(scenario, path, day=day) if free
                else default_session_path(scenario, path, day=day))
    session = Session.create(doc, path, overwrite=overwrite)
    remember_recent(path)
    return session


def open_session(path: Path) -> Session:
    """The session kept at `path`, held open and put first in the recent list.

    Refused before anything is locked or read (``StoreError``, said plainly): a scenario
    file, a folder, a pipe, a link loop, and a read-only file, which saving would replace.
    """
    path = Path(path)
    if path.suffix.lower() == ".toml":
        raise StoreError(t("store.file.scenario", path=path))
    info = check_file(path)
    if not stat.S_IMODE(info.st_mode) & 0o222:
        raise StoreError(t("store.file.read_only", path=path))
    session = Session.open(path)
    remember_recent(path)
    return session


def restore_and_open(path: Path, backup: Path) -> Session:
    """Put `backup` back in place of a damaged `path`, then open it."""
    restore_backup(path, backup)
    return open_session(path)


def demo_scenario() -> Path:
    """The bundled demo scenario, copied where the user can read and edit it."""
    folder = data_dir()
    target = folder / f"{DEMO_STEM}.toml"
    text = resources.files("workshop.data").joinpath("demo.toml").read_text("utf-8")
    try:
        if target.is_file() and target.read_text("utf-8") == text:
            return target
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)  # a full disk leaves the old copy, never an empty one
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise StoreError(t("store.file.demo_failed", path=target, reason=reason)) from exc
    return target


def demo_session_path() -> Path:
    return data_dir() / f"{DEMO_STEM}{SESSION_SUFFIX}"


def open_demo(*, fresh: bool = False) -> Session:
    """The demo session: the one kept in the data folder, or a new one from the bundled
    scenario when there is none or `fresh` asks to start over."""
    scenario = demo_scenario()
    path = demo_session_path()
    if path.exists() and not fresh:
        return open_session(path)
    return new_session(scenario, path, overwrite=True)


def recent(limit: int = 10) -> list[RecentSession]:
    """Recently opened sessions that still exist, newest first, with when each was saved."""
    found = []
    for path in recent_sessions(limit):
        try:
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:  # gone since the list was read
            continue
        found.append(RecentSession(path, modified))
    return found
