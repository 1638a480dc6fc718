"""Where a session's files live: the session itself, its backups folder and its lock."""

from __future__ import annotations

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
    path = Path(path)
    name = path.name
    if name.endswith(SESSION_SUFFIX):
        return path.with_name(name[: -len(SESSION_SUFFIX)] + BACKUPS_SUFFIX)
    return path.with_name(name + ".backups")


def journal_path(path: Path) -> Path:
    """The journal of `path`: ``name.workshop.json`` → ``name.workshop.journal``."""
    path = Path(path)
    name = path.name
    if name.endswith(SESSION_SUFFIX):
        return path.with_name(name[: -len(SESSION_SUFFIX)] + JOURNAL_SUFFIX)
    return path.with_name(name + ".journal")


def _normal(path: Path) -> Path:
    return Path(path).expanduser().resolve()
