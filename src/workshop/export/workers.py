"""Exports in worker processes: the room keeps typing while the PDFs are made, and every
core makes them.

A ``WorkerPool`` starts one helper process with ``spawn`` (never ``fork`` from the app,
which would copy its threads and terminal). The helper loads the export modules and the
fonts once and waits. Start the pool early (``start``: the app does it when the export
menu opens; ``adopt``: the command's launcher starts it, ``workshop.early_export``) and
it is ready by the time the files are asked for.

``pool.run(plan, doc_json)`` sends the helper the document as its saved JSON. The
helper reads it and derives the report once, then forks one worker per core (where the
system can fork: the workers start with the document, the report and the fonts already
in memory) and hands out the plan's jobs in order — the report first, it takes longest,
and the other files yield to it (``BEHIND_THE_REPORT``) — each to whichever worker is
free; where it cannot fork (Windows) it makes the files itself, one after another,
still off the app's interpreter. The files are made by the
same ``Renderer`` as ``export()`` uses in one process, so they and the messages are the
same; an ``ExportError`` comes back as its message, unchanged, and ends the export once
the files being made are finished. Progress comes per file, as it starts and when it is
written. ``should_stop`` (the app quitting) ends the helper and its workers at once: a
file being written is never left half-written (``workshop.atomic``: the previous file
stays, the temp file is removed).

Core code: no ``textual``.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from workshop.atomic import remove_leftovers
from workshop.export import ExportResult
from workshop.export.errors import ExportError
from workshop.export.fonts import ENV_VAR
from workshop.export.jobs import JOB_KINDS, ExportPlan, JobResult, Progress, Renderer
from workshop.i18n import t

MAX_WORKERS = 4
"""More processes than this make a 10-team export no faster (the report is one file)."""
POLL_SECONDS = 0.5
"""How often a waiting export looks at ``should_stop`` (``terminate`` wakes it at once).
Seldom: each look takes the interpreter's lock from the app's thread for a moment."""
END_GRACE_SECONDS = 2.0
"""How long ending a process waits for it before it is killed."""
BEHIND_THE_REPORT = 5
"""Niceness a worker adds before its first other file while the report is being made:
the report is the longest file (the export ends when it does), the handouts have time
to spare, so on a busy machine the report's worker is served first."""
CAN_FORK = hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


class ExportCancelled(Exception):
    """The export was stopped (``should_stop``) before every file was written."""


def worker_count(jobs: int) -> int:
    """As many workers as cores (at most ``MAX_WORKERS``), never more than the jobs."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(jobs, cores, MAX_WORKERS))


def _end(process: Any) -> None:
    """Stop `process` (SIGTERM: its atomic write removes its temp file), then kill it if
    it does not go."""
    if process.is_alive():
        process.terminate()
        process.join(END_GRACE_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()


# -- the helper and its workers (other processes) -------------------------------------

def _end_on_sigterm(_signum: int, _frame: Any) -> None:
    # SystemExit unwinds through the atomic write, which removes its temp file
    raise SystemExit(1)


def _warm_up() -> None:
    """Load what every file needs, and the fonts this machine would choose."""
    with contextlib.suppress(Exception):  # a font problem is reported by the job that meets it
        import workshop.export.pdf  # noqa: F401
        from workshop.export import fonts

        fonts.register_font(fonts.find_cjk_font(lang="en"))
        fonts.fallback_fonts()


def _helper(conn: Connection, nice: int, quiet: bool) -> None:
    """The helper's life: warm up, say so, then run the exports it is sent."""
    signal.signal(signal.SIGTERM, _end_on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    if quiet:  # the app's terminal: a stray warning printed here would tear the screen
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    if nice and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)
    _warm_up()
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)  # the parent is gone
        if message[0] == "quit":
            os._exit(0)  # nothing to tidy: skip the interpreter's teardown
        _, plan = message
        data = conn.recv_bytes()
        try:
            conn.send(("done", _export(plan, data, conn.send)))
        except ExportError as error:
            conn.send(("failed", error.message))
        except _Broke as broke:
            conn.send((broke.kind, broke.file, broke.detail))
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException:
            conn.send(("crashed", "", traceback.format_exc()))


def _export(plan: ExportPlan, data: bytes, tell: Callable[[Any], None]) -> list[JobResult]:
    """In the helper: read the document and derive what every file needs, once; then make
    the files in forked workers (or here, where there is no fork)."""
    from workshop.model import Workshop

    if plan.env_font is None:  # as the export was asked for, not as the helper started
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = plan.env_font
    renderer = Renderer(Workshop.model_validate_json(data), plan.lang, plan.font)
    if plan.needs_font:
        _ = renderer.font  # ExportError: said once, before any file
    if any(JOB_KINDS[job.kind].report for job in plan.jobs):
        _ = renderer.report  # derived before the fork: every worker has it
    if not CAN_FORK:
        total, results = len(plan.jobs), []
        for job in plan.jobs:
            tell(("progress", Progress(total, len(results), (job,))))
            results.append(renderer.run(job))
            tell(("progress", Progress(total, len(results), (), results[-1])))
        return results
    gc.freeze()  # the workers share these pages; the collector would copy them all
    try:
        return _Fleet(plan, renderer, tell).run()
    finally:
        gc.unfreeze()


def _worker(conn: Connection, renderer: Renderer, yield_to_report: bool) -> None:
    """A forked worker: make each file it is sent with the renderer it was born with
    (`yield_to_report`: the export has a report, see ``BEHIND_THE_REPORT``)."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "quit":
            return
        _, index, job = message
        if yield_to_report and job.kind != "report" and hasattr(os, "nice"):
            yield_to_report = False  # once: a niceness cannot be taken back
            with contextlib.suppress(OSError):
                os.nice(BEHIND_THE_REPORT)
        conn.send(("started", index))
        try:
            conn.send(("written", index, renderer.run(job)))
        except ExportError as error:
            conn.send(("failed", index, error.message))
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException:
            conn.send(("crashed", index, traceback.format_exc()))


@dataclass
class _Worker:
    """A forked worker: its process id and its end of the pipe (which says, by closing,
    that the worker is gone)."""

    pid: int
    conn: Connection
    job: int | None = None
    """The job it is making, by index in the plan."""
    exitcode: int | None = None

    @classmethod
    def fork(cls, renderer: Renderer, yield_to_report: bool) -> _Worker:
        # os.fork, not multiprocessing: the helper is a daemon process, and those may not
        # have multiprocessing children
        mine, theirs = multiprocessing.Pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                mine.close()
                _worker(theirs, renderer, yield_to_report)
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
            finally:
                os._exit(code)  # never back into the helper's code
        theirs.close()
        return cls(pid, mine)

    def reap(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the worker to end; whether it has."""
        deadline = time.monotonic() + timeout
        while self.exitcode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.exitcode = -1
                break
            if pid:
                self.exitcode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def end(self) -> None:
        """Stop it (SIGTERM: its atomic write removes its temp file); kill it if it stays."""
        if self.reap(0):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        if not self.reap(END_GRACE_SECONDS):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.reap(END_GRACE_SECONDS)
        self.conn.close()


class _Fleet:
    """The forked workers of one export: hands out jobs, gathers results, says how far."""

    def __init__(self, plan: ExportPlan, renderer: Renderer, tell: Callable[[Any], None]):
        self.plan, self.tell = plan, tell
        self.todo = deque(range(len(plan.jobs)))
        self.results: dict[int, JobResult] = {}
        self.failure: _Broke | ExportError | None = None
        has_report = any(job.kind == "report" for job in plan.jobs)
        self.workers = [_Worker.fork(renderer, has_report)
                        for _ in range(worker_count(len(plan.jobs)))]
        self.gone: list[_Worker] = []

    def run(self) -> list[JobResult]:
        try:
            while self.busy() or (self.todo and self.failure is None):
                self.hand_out()
                self.listen()
        finally:
            for worker in self.workers:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(("quit",))
            for worker in self.workers + self.gone:
                if worker.job is None:  # idle: it leaves at once
                    worker.reap(END_GRACE_SECONDS)
                worker.end()
        if self.failure is not None:
            raise self.failure
        return [self.results[i] for i in range(len(self.plan.jobs))]

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.job is not None]

    def hand_out(self) -> None:
        for worker in self.workers:
            if worker.job is None and self.todo and self.failure is None:
                index = self.todo.popleft()
                worker.job = index
                worker.conn.send(("job", index, self.plan.jobs[index]))

    def listen(self) -> None:
        if not self.workers:
            self.failure = self.failure or _Broke("died", "", "")
            self.todo.clear()
            return
        for ready in wait([w.conn for w in self.workers]):
            worker = next(w for w in self.workers if w.conn is ready)
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):  # its end of the pipe closed: it is gone
                self.died(worker)
            else:
                self.heard(worker, message)

    def heard(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind, index = message[0], message[1]
        if kind == "started":
            self.tell_progress()
            return
        worker.job = None
        if kind == "written":
            self.results[index] = message[2]
            self.tell_progress(message[2])
        elif kind == "failed":
            self.failure = self.failure or ExportError(message[2])
        else:
            self.failure = self.failure or _Broke(kind, self.plan.jobs[index].name, message[2])

    def died(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        self.gone.append(worker)
        worker.reap(END_GRACE_SECONDS)
        if worker.job is not None:
            job = self.plan.jobs[worker.job]
            if job.path is not None:
                remove_leftovers(job.path)
            self.failure = self.failure or _Broke("died", job.name, str(worker.exitcode))
            worker.job = None

    def tell_progress(self, written: JobResult | None = None) -> None:
        making = tuple(self.plan.jobs[i] for i in sorted(w.job for w in self.busy()
                                                          if w.job is not None))
        self.tell(("progress", Progress(len(self.plan.jobs), len(self.results), making,
                                        written)))


class _Broke(Exception):
    """A worker met a program error (`kind` "crashed", `detail` its traceback) or ended
    unexpectedly ("died", `detail` its exit code) while making `file`."""

    def __init__(self, kind: str, file: str, detail: str) -> None:
        super().__init__(kind, file, detail)
        self.kind, self.file, self.detail = kind, file, detail

    def message(self, lang: str, fallback_file: str) -> str:
        file = self.file or fallback_file
        if self.kind == "died":
            return t("export.worker_died", lang, file=file, code=self.detail)
        lines = self.detail.strip().splitlines()
        return t("export.worker_failed", lang, file=file, error=lines[-1] if lines else "")


# -- the parent's side -------------------------------------------------------------------

@contextlib.contextmanager
def _stderr_with_a_file() -> Iterator[None]:
    """multiprocessing hands ``sys.stderr``'s file descriptor to the helper process it
    starts with the first process; an app that captures printing (Textual does) has none
    to give, so the helper gets /dev/null for the moment it starts."""
    try:
        has_file = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        has_file = False
    if has_file:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = saved


class WorkerPool:
    """The helper process and its workers; see the module docstring."""

    def __init__(self, *, nice: int = 0, quiet: bool = False) -> None:
        self.nice = nice
        """Added to the processes' niceness: in the app, the room's typing comes first."""
        self.quiet = quiet
        """They print nothing (the app's terminal is the room's screen)."""
        self._helper: Any = None
        self._conn: Connection | None = None
        self._ready = False
        self._context = multiprocessing.get_context("spawn")

    def start(self) -> WorkerPool:
        """Start the helper if it is not running; returns at once (it warms up alone)."""
        if self._helper is not None and self._helper.is_alive():
            return self
        self._ready = False
        parent, child = self._context.Pipe()
        with _stderr_with_a_file():
            self._helper = self._context.Process(
                target=_helper, args=(child, self.nice, self.quiet),
                name="workshop-export", daemon=True)
            self._helper.start()
        child.close()
        self._conn = parent
        return self

    def adopt(self, started: tuple[Any, Connection] | None) -> WorkerPool:
        """Use the helper `started` already (``workshop.early_export``: process, pipe) if
        it still runs, else start one as ``start`` does."""
        if started is not None and self._helper is None:
            process, conn = started
            if process.is_alive():
                self._helper, self._conn, self._ready = process, conn, False
                return self
            conn.close()
        return self.start()

    @property
    def pid(self) -> int | None:
        """The helper's process id while it runs."""
        helper = self._helper
        return helper.pid if helper is not None and helper.is_alive() else None

    def workers_for(self, jobs: int) -> int:
        """How many processes will make `jobs` files at once."""
        return worker_count(jobs) if CAN_FORK else 1

    def terminate(self) -> None:
        """End the helper now, from any thread (the app is going): an export waiting on
        it fails at once, and ``close`` tidies up after it."""
        helper = self._helper
        if helper is not None and helper.is_alive():
            helper.terminate()

    def close(self, *, at_once: bool = False) -> None:
        """End the helper and its workers: an idle helper leaves by itself; a busy one,
        or any `at_once`, is stopped (a file being made stays as it was). Safe to call
        more than once."""
        helper, conn = self._helper, self._conn
        self._helper = self._conn = None
        if helper is None or conn is None:
            return
        if not at_once:
            with contextlib.suppress(OSError, ValueError):
                conn.send(("quit",))
            helper.join(0.5)
        _end(helper)
        conn.close()

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def run(self, plan: ExportPlan, doc_json: bytes, *,
            on_progress: Callable[[Progress], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> ExportResult:
        """Write the files of `plan` (placed) from the document `doc_json`; see the module
        docstring. Raises ``ExportError`` (a message for the user), ``ExportCancelled``."""
        report = on_progress or (lambda _progress: None)
        stop = should_stop or (lambda: False)
        self.start()
        assert self._conn is not None
        conn, helper = self._conn, self._helper
        try:
            conn.send(("run", plan))
            conn.send_bytes(doc_json)
            while True:
                if stop():
                    raise ExportCancelled
                if not wait([conn, helper.sentinel], timeout=POLL_SECONDS):
                    continue
                try:
                    message = conn.recv()
                except (EOFError, OSError):  # the helper is gone
                    helper.join(END_GRACE_SECONDS)
                    message = ("died", "", str(helper.exitcode))
                kind = message[0]
                if kind == "progress":
                    report(message[1])
                elif kind == "done":
                    return ExportResult.of(message[1])
                elif kind == "failed":
                    raise ExportError(message[1])
                elif kind in ("crashed", "died"):
                    raise _Broke(*message)
        except _Broke as broke:
            self.close(at_once=True)
            first = plan.jobs[0].name if plan.jobs else ""
            raise ExportError(broke.message(plan.lang, first)) from None
        except BaseException:
            self.close(at_once=True)  # whatever is half made is dropped, never half written
            for job in plan.jobs:
                if job.path is not None:
                    remove_leftovers(job.path)
            raise


__all__ = ["CAN_FORK", "ExportCancelled", "WorkerPool", "worker_count"]
