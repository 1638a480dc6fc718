"""Telling the room when the disk refuses its changes (full, read-only), and when it
takes them again.

The session keeps a change the disk refused in memory and writes it, in order, once the
disk takes it again (``Session.unsaved``, retried on the clock tick): the room goes on.
While anything is only in memory the facilitator must know, at once and again every
minute, in the room's language: those changes would be lost with the laptop.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

REMIND_EVERY = 60.0
"""Seconds between reminders while changes are only in memory."""


def reason(error: OSError | None) -> str:
    """Why the disk refused, in the room's words."""
    code = getattr(error, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return t("shell.disk.full")
    if code == errno.EROFS:
        return t("shell.disk.read_only")
    if code in (errno.EACCES, errno.EPERM):
        return t("shell.disk.no_permission")
    return (error.strerror or str(error)) if error is not None else "?"


class DiskWatch:
    """Watches the session's unsaved changes for one app."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.warned_at: float | None = None

    def check(self) -> None:
        """After each change and on each tick: say so when changes are only in memory,
        and when they are all on disk again."""
        session = self.app.session
        if session is None:
            return
        now = self.app.time_source.monotonic()
        if session.unsaved:
            if self.warned_at is None or now - self.warned_at >= REMIND_EVERY:
                self.warned_at = now
                self.app.notify(t("shell.not_saved", reason=reason(session.save_error),
                                  count=session.unsaved, folder=str(session.path.parent)),
                                severity="error", timeout=30)
        elif self.warned_at is not None:
            self.warned_at = None
            self.app.notify(t("shell.saved_again"), timeout=8)
