"""The recent sessions list, kept in workshop's own data folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path

from workshop.atomic import write_text
from workshop.store.paths import _normal

RECENT_FILE = "recent.json"
RECENT_KEEP = 50
"""Sessions remembered in the recent list (the list shows fewer)."""


def data_dir() -> Path:
    """Where workshop keeps its own data: ``$WORKSHOP_DATA_DIR``, else the user data folder."""
    override = os.environ.get("WORKSHOP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("workshop", appauthor=False))


def _recent_entries() -> list[dict[str, str]]:
    try:
        raw = json.loads((data_dir() / RECENT_FILE).read_bytes())
    except (OSError, ValueError):
        return []
    sessions = raw.get("sessions") if isinstance(raw, dict) else None
    if not isinstance(sessions, list):
        return []
    return [e for e in sessions if isinstance(e, dict) and isinstance(e.get("path"), str)]


def remember_recent(path: Path) -> None:
    """Put `path` first in the recent sessions list. Never fails: the list is a convenience."""
    entry = {"path": str(_normal(path)), "opened": dt.datetime.now().astimezone().isoformat()}
    entries = [entry, *(e for e in _recent_entries() if e["path"] != entry["path"])]
    folder = data_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"sessions": entries[:RECENT_KEEP]}, ensure_ascii=False, indent=1)
        write_text(folder / RECENT_FILE, text + "\n")


def recent_sessions(limit: int = 10) -> list[Path]:
    """Recently opened sessions that still exist, newest first."""
    out: list[Path] = []
    for entry in _recent_entries():
        file = Path(entry["path"])
        if file.is_file() and file not in out:
            out.append(file)
            if len(out) >= limit:
                break
    return out

