"""``workshop open --take-over``: a session held by a program that no longer responds
(its terminal was closed under it, say) is opened after ending that program.

Without ``--take-over``, on a terminal, ``open`` asks; elsewhere it says how. The
holder is ended with ``store.end_holder`` (SIGTERM, then SIGKILL; only on this machine).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from workshop.i18n import t
from workshop.sessions import open_session
from workshop.store import Session, SessionLocked, can_end_from_here, end_holder

YES = ("y", "yes", "是", "好")


class TakeOverRefused(Exception):
    """Not taken over: the message says why and how (``str(error)``)."""


def open_or_take_over(path: Path, take_over: bool, say: Callable[[str], object]) -> Session:
    """The session at `path`; if a program holds it, `say` how to end that program, and
    end it when asked (`take_over`, or yes to the question on a terminal)."""
    try:
        return open_session(path)
    except SessionLocked as error:
        if not take_over and not _ask(error, say):
            if not can_end_from_here(error):
                raise TakeOverRefused(str(error)) from None  # how to, on that computer
            say(error.in_use)
            raise TakeOverRefused(t("cli.offer_take_over", path=path, pid=error.pid)) from None
        say(t("cli.taking_over", pid=error.pid))
        if not end_holder(error):
            raise TakeOverRefused(t("cli.cannot_take_over", pid=error.pid,
                                    host=error.host)) from None
        say(t("cli.took_over", pid=error.pid))
        return open_session(path)


def _ask(error: SessionLocked, say: Callable[[str], object]) -> bool:
    """On a terminal, show why the session is held and ask whether to end the holder."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()) or not can_end_from_here(error):
        return False
    say(error.in_use)
    try:
        sys.stderr.write(t("cli.ask_take_over", pid=error.pid))
        sys.stderr.flush()
        answer = sys.stdin.readline().strip().lower()
    except (OSError, EOFError):
        return False
    if answer in YES:
        return True
    raise TakeOverRefused(t("cli.offer_take_over", path=error.path, pid=error.pid))
