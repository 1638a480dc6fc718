"""The session on disk: atomic saves, backups, a lock, migrations, undo and redo.

A session is one JSON file (``name.workshop.json``) holding the whole
:class:`~workshop.model.Workshop` document. :class:`Session` owns it while the app
runs:

- every accepted change goes through :meth:`Session.apply`, which saves the file
  atomically (temp file in the same folder, fsync, ``os.replace``, fsync the
  folder) before it returns, and records undo;
- the previous versions of the file are kept in ``name.workshop.backups/``
  (the last :data:`KEEP_BACKUPS`), hard-linked so a backup costs no copy;
- ``name.workshop.json.lock`` stops a second program from opening the same
  session; a lock left by a program that died is replaced;
- an older file is migrated on load (:data:`MIGRATIONS`), a newer one refused,
  a damaged one refused with the list of backups that do load.

The last saved JSON is kept in memory: it is the state before the next change,
so a change serialises the document once. Undo entries keep that JSON
compressed. Room state (clock, turn, step) is saved but never undone.
"""

from workshop.atomic import write_text as write_atomic
from workshop.store.backups import KEEP_BACKUPS, backups
from workshop.store.codec import MIGRATIONS, dumps, load
from workshop.store.errors import (
    SessionCorrupt,
    SessionExists,
    SessionLocked,
    SessionNotFound,
    SessionTooNew,
    StoreError,
)
from workshop.store.paths import SESSION_SUFFIX, backup_dir
from workshop.store.recent import data_dir, recent_sessions, remember_recent
from workshop.store.session import DEFAULT_HISTORY, Session, restore_backup

__all__ = [
    "DEFAULT_HISTORY",
    "KEEP_BACKUPS",
    "MIGRATIONS",
    "SESSION_SUFFIX",
    "Session",
    "SessionCorrupt",
    "SessionExists",
    "SessionLocked",
    "SessionNotFound",
    "SessionTooNew",
    "StoreError",
    "backup_dir",
    "backups",
    "data_dir",
    "dumps",
    "load",
    "recent_sessions",
    "remember_recent",
    "restore_backup",
    "write_atomic",
]
