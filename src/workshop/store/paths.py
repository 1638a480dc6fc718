"""Where a session's files live: the session itself, its backups folder and its lock."""

from __future__ import annotations

import os
from pathlib import Path

SESSION_SUFFIX = ".workshop.json"
"""How a session file's name ends."""
BACKUPS_SUFFIX = ".workshop.backups"
"""The folder next to ``name.workshop.json`` that holds its backups: ``name.workshop.backups``."""
LOCK_SUFFIX = ".lock"


def backup_dir(path: Path) -> Path:
    """The folder of `path`'s backups: ``name.workshop.json`` → ``name.workshop.backups``."""
    path = Path(path)
    name = path.name
    if name.endswith(SESSION_SUFFIX):
        return path.with_name(name[: -len(SESSION_SUFFIX)] + BACKUPS_SUFFIX)
    return path.with_name(name + ".backups")


def _normal(path: Path) -> Path:
    path = Path(path).expanduser()
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop: reading it will say so
        return Path(os.path.abspath(path))
