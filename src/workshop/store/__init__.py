"""The session on disk: a snapshot and a journal, backups, a lock, migrations, undo and redo.

A session is a JSON file (``name.workshop.json``) holding the whole
:class:`~workshop.model.Workshop` document as it was when last written (the
snapshot), and ``name.workshop.journal`` holding each change since. :class:`Session`
owns them while the app runs:

- every accepted change goes through :meth:`Session.apply` (undoable) or
  :meth:`Session.update_room` (room state: saved, not undone); before either returns,
  the change is one fsync'd record in the journal, found by the document's change
  tracker (``workshop.model.tracking``), so it costs what the change costs; undo and
  redo likewise touch only what the change touched; a change the disk refuses (full,
  read-only) is kept in memory (``Session.unsaved``) and written, in order, once the
  disk takes it again (``Session.checkpoint`` retries);
- a new snapshot is written atomically (temp file, fsync, ``os.replace``, fsync the
  folder) when one is due: a step change, a new quarter hour, a long journal, closing;
  the snapshot it replaces is kept in ``name.workshop.backups/`` (hard-linked), and the
  backups worth restoring are kept (the last few, each step change, each quarter hour);
- :func:`load` and :meth:`Session.open` replay the journal onto the snapshot, so
  exports and ``validate`` see the latest state, and a program killed at any moment
  loses nothing it had acknowledged (a record cut short by the kill is ignored);
- ``name.workshop.json.lock`` stops a second program from opening the same
  session; a lock left by a program that died is replaced;
- an older file is migrated on load (:data:`MIGRATIONS`), a newer one refused,
  a damaged one refused with the list of backups that do load.

Modules: ``errors``, ``paths``, ``codec`` (bytes, migrations, load), ``journal``,
``backup`` (and its thread), ``lock``, ``session``, ``recent``; the atomic write is
``workshop.atomic``, shared with the exports and caches.
"""

from workshop.atomic import write_text as write_atomic
from workshop.store.backup import KEEP_BACKUPS, backups
from workshop.store.codec import MIGRATIONS, dumps, load
from workshop.store.errors import (
    SessionCorrupt,
    SessionExists,
    SessionLocked,
    SessionNotFound,
    SessionTooNew,
    StoreError,
)
from workshop.store.lock import can_end_from_here, end_holder
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
    "can_end_from_here",
    "data_dir",
    "dumps",
    "end_holder",
    "load",
    "recent_sessions",
    "remember_recent",
    "restore_backup",
    "write_atomic",
]
