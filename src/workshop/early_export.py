"""The export helper process, started before the ``workshop export`` command loads.

The report cannot start before the helper (``workshop.export.workers``) has loaded
reportlab and the fonts, about 0.7 s after it starts; the command itself takes 0.2–0.3 s
to load (pydantic, the document model, the export modules) before it could start the
helper. So the launcher starts it first, from this small module, when the arguments ask
for several PDFs, and ``cmd_export`` takes it over (``WorkerPool.adopt``): the two load
at the same time, on two cores.

Only a guess from the raw arguments: the usual spellings of ``--all-teams`` and several
``--team``. Guessed wrong, nothing changes but the time: a helper not needed is closed
unused; one not started early is started by the command as before.

Core code: no ``textual``, and nothing heavy to import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_started: tuple[Any, Any] | None = None
"""(process, the parent's end of its pipe) of the helper started early, until taken."""


def _values(argv: Sequence[str], option: str) -> list[str]:
    """The values given to `option` as ``--option VALUE`` or ``--option=VALUE``."""
    out = []
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            out.append(argv[i + 1])
        elif arg.startswith(option + "="):
            out.append(arg.split("=", 1)[1])
    return out


def wants_workers(argv: Sequence[str]) -> bool:
    """Whether `argv` (the command's arguments) asks ``export`` for several PDFs, as
    ``cmd_export`` decides it from the parsed arguments."""
    if not argv or argv[0] != "export":
        return False
    if any(arg == "--checkin" or arg.startswith("--checkin=") for arg in argv):
        return False
    formats = _values(argv, "--format")
    if formats and "pdf" not in formats:
        return False
    return "--all-teams" in argv or len(_values(argv, "--team")) > 1


def start(argv: Sequence[str]) -> None:
    """Start the helper now if `argv` asks for several PDFs (as ``WorkerPool.start``
    would: spawned, not niced, printing to this terminal)."""
    global _started
    if _started is not None or not wants_workers(argv):
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_run_helper, args=(child, 0, False),
                              name="workshop-export", daemon=True)
    process.start()
    child.close()
    _started = (process, parent)


def take() -> tuple[Any, Any] | None:
    """The helper started early, once (None if there is none)."""
    global _started
    started, _started = _started, None
    return started


def stop(started: tuple[Any, Any]) -> None:
    """End a helper started early that the command does not need (it has made nothing)."""
    process, conn = started
    process.terminate()
    process.join()
    conn.close()


def _run_helper(conn: Any, nice: int, quiet: bool) -> None:
    # in the helper: the export modules load here, while the command loads in the parent
    from workshop.export.workers import _helper

    _helper(conn, nice, quiet)
