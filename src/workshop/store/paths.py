"""Where a session's files live: the session itself, its backups folder and its lock."""

from __future__ import annotations

import os
from pathlib import Path

SESSION_SUFFIX = ".workshop.json"
"""How a session file's name ends."""
BACKUPS_SUFFIX = ".workshop.backups"
"""The folder next to ``name.workshop.json`` that holds its backups: ``name.workshop.backups``."""
JOURNAL_SUFFIX = ".workshop.journal"
"""The journal of changes next to ``name.workshop.json``: ``name.workshop.journal``."""
LOCK_SUFFIX = ".lock"


def backup_dir(path: Path) -> Path:
    """The folder of `path`'s backups: ``name.workshop.json`` → ``name.workshop.backups``."""
    return _beside(path, BACKUPS_SUFFIX, ".backups")


def journal_path(path: Path) -> Path:
    """The journal of `path`: ``name.workshop.json`` → ``name.workshop.journal``."""
    return _beside(path, JOURNAL_SUFFIX, ".journal")


def _beside(path: Path, suffix: str, otherwise: str) -> Path:
    """`path` with `suffix` for the session suffix, or with `otherwise` added."""
    path = Path(path)
    name = path.name
    if name.endswith(SESSION_SUFFIX):
        return path.with_name(name[: -len(SESSION_SUFFIX)] + suffix)
    return path.with_name(name + otherwise)


def _normal(path: Path) -> Path:
    path = Path(path).expanduser()
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop: reading it will say so
        return Path(os.path.abspath(path))
