"""F8: the export menu, the files made by worker processes, their progress on screen.

The room keeps typing while the files are made. The app's own process only plans the
export (which files, where: ``workshop.export.jobs``), hands the workers the document
as its saved JSON, and shows their progress; the PDFs are drawn by
``workshop.export.workers`` processes, at a lower priority than the app, on every core.
The workers start when the menu opens (they load their fonts while the facilitator
chooses) and stay for the next export. Quitting ends them, even mid-export: a file being
written is left as it was before.

Messages come from the export unchanged (``ExportError``: a folder that cannot be
written, a font that cannot be used…); a program error in a worker is named with the
file it was making.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from workshop import i18n
from workshop.i18n import t
from workshop.tui.screens.dialogs import Choice
from workshop.tui.widgets.export_progress import ExportProgress, ExportStatus

if TYPE_CHECKING:
    from workshop.export import ExportResult
    from workshop.export.jobs import ExportPlan, Progress
    from workshop.export.workers import WorkerPool
    from workshop.model import Workshop
    from workshop.tui.app import WorkshopApp

WORKER_NICE = 19
"""How much lower the workers' priority is than the app's: on a busy laptop the keys
the room types come before the pages being drawn."""
SHOWN_NAMES = 6
"""File names listed in the "done" notice (the folder is named once)."""


def export_options(doc: Workshop) -> list[tuple[str, str]]:
    """The menu: (choice, label) for each kind of export, a handout per team, then the
    check-in on screen's, if there is one."""
    from workshop.tui.widgets.checkin import exports as checkin_exports

    options = [("report", t("export_menu.report")), ("handouts", t("export_menu.handouts")),
               ("handouts+appendix", t("export_menu.handouts_appendix"))]
    options += [(f"team:{team.id}", t("export_menu.team", team=team.name))
                for team in doc.teams]
    options += [("md", t("export_menu.md")), ("csv", t("export_menu.csv")),
                ("json", t("export_menu.json"))]
    return options + checkin_exports.options(doc)


def plan_for(doc: Workshop, choice: str, out: Any) -> ExportPlan:
    """The export a menu choice asks for (``ExportError`` if it cannot be made)."""
    from workshop.export.jobs import plan_export

    fmt, teams, all_teams = "pdf", [], False
    if choice in ("handouts", "handouts+appendix"):
        all_teams = True
    elif choice.startswith("team:"):
        team = doc.team(choice.removeprefix("team:"))
        teams = [team.name] if team else []
    elif choice in ("md", "csv", "json"):
        fmt = choice
    return plan_export(doc, fmt, teams=teams, all_teams=all_teams, lang=i18n.get_language(),
                       out=out, appendix=choice == "handouts+appendix")


class ExportRunner:
    """The app's exports: one at a time, in a pool of worker processes."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.status: ExportStatus | None = None
        self.pool: WorkerPool | None = None
        """The export processes, once the menu has been opened."""
        self._lock = threading.Lock()
        self._running = False
        self._stopping = threading.Event()
        self._box: ExportProgress | None = None
        app.screen_change_signal.subscribe(app, self._follow)

    # -- the menu --------------------------------------------------------------------
    def open_menu(self) -> None:
        if self.status is not None:  # one export at a time: say where this one is
            self.app.notify(t("export_menu.busy", done=self.status.done,
                              total=self.status.total), timeout=3)
            return
        self.warm()
        options = export_options(self.app.session.doc)

        def chosen(choice: str | None) -> None:
            if choice:
                self.start(choice, dict(options).get(choice, ""))

        self.app.push_screen(Choice(t("export_menu.title"), options, t("export_menu.hint")),
                             chosen)

    def warm(self) -> None:
        """Start the workers (if they are not running yet); they warm up on their own."""
        from workshop.export.workers import WorkerPool

        if self._stopping.is_set():
            return
        if self.pool is None:
            self.pool = WorkerPool(nice=WORKER_NICE, quiet=True)
        self.pool.start()

    # -- one export --------------------------------------------------------------------
    def start(self, choice: str, what: str) -> None:
        """Export what `choice` (a menu option) asks for, in the background."""
        from workshop.export import ExportError
        from workshop.tui.widgets.checkin import exports as checkin_exports

        doc = self.app.session.doc
        if choice.startswith(checkin_exports.PREFIX):
            self._start_here(choice, what)
            return
        try:
            plan = plan_for(doc, choice, self.app.export_folder())
        except ExportError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        # the document as it is now, for the workers; the room goes on changing it
        doc_json = doc.model_dump_json().encode("utf-8")
        self.warm()
        self.status = ExportStatus(what=what, total=len(plan.jobs),
                                   started=self.app.time_source.monotonic())
        self._show()
        with self._lock:
            self._running = True
        self.app.run_worker(partial(self._run, plan, doc_json), thread=True, group="export",
                            name="export", exit_on_error=False)

    def _start_here(self, choice: str, what: str) -> None:
        """A check-in's boards, Markdown or CSV: a few small files, made in a thread of
        this process from a copy of the document (the room goes on changing it)."""
        doc = self.app.session.doc.model_copy(deep=True)
        self.status = ExportStatus(what=what, total=0, started=self.app.time_source.monotonic())
        self._show()
        self.app.run_worker(partial(self._run_here, doc, choice, i18n.get_language(),
                                    self.app.export_folder()),
                            thread=True, group="export", name="export", exit_on_error=False)

    def _run_here(self, doc: Workshop, choice: str, lang: str, out: Any) -> None:
        from workshop.tui.widgets.checkin import exports as checkin_exports

        self._settle(partial(checkin_exports.run, doc, choice, lang, out))

    def _settle(self, export: Callable[[], ExportResult]) -> None:
        """In a thread: run `export`, then say on the app's thread how it went (its own
        message for what the user can fix)."""
        from workshop.export import ExportError

        try:
            result = export()
        except ExportError as error:
            self._post(self._finished, None, str(error))
        except OSError as error:
            self._post(self._finished, None, t("shell.export_failed", error=error))
        else:
            self._post(self._finished, result, None)

    def _run(self, plan: ExportPlan, doc_json: bytes) -> None:
        """In a thread: wait for the workers (the thread only waits; it draws nothing)."""
        from workshop.export.workers import ExportCancelled

        worker = get_current_worker()
        pool = self.pool
        assert pool is not None
        try:
            self._settle(lambda: pool.run(
                plan.placed(), doc_json, on_progress=partial(self._post, self._progressed),
                should_stop=lambda: worker.is_cancelled or self._stopping.is_set()))
        except ExportCancelled:
            return
        finally:
            with self._lock:
                self._running = False
                if self._stopping.is_set():
                    pool.close()

    def _post(self, callback: Callable[..., None], *args: Any) -> None:
        """Run `callback` on the app's thread, unless the app is going away."""
        if self._stopping.is_set():
            return
        with contextlib.suppress(RuntimeError):  # the app stopped meanwhile
            self.app.call_from_thread(callback, *args)

    def _progressed(self, progress: Progress) -> None:
        if self.status is None:
            return
        self.status.done = progress.done
        self.status.making = tuple(job.what for job in progress.making)
        self._show()

    def _finished(self, result: ExportResult | None, error: str | None) -> None:
        self.status = None
        self._hide()
        if error is not None:
            self.app.notify(error, severity="error", timeout=10)
            return
        assert result is not None
        # the folder once, then the file names: full paths of eleven PDFs flood the screen
        names = [p.name for p in result.paths]
        shown = names[:SHOWN_NAMES] + ([t("export_menu.more", count=len(names) - SHOWN_NAMES)]
                                       if len(names) > SHOWN_NAMES else [])
        folder = result.paths[0].parent if result.paths else self.app.export_folder()
        self.app.notify(t("export_menu.done_in", count=len(names), folder=str(folder),
                          names="\n".join(shown)), timeout=15)
        for warning in result.warnings[:3]:  # a character no font has: say which text
            self.app.notify(warning, severity="warning", timeout=20)

    # -- the progress box --------------------------------------------------------------
    def _show(self) -> None:
        if self.status is None:
            return
        now = self.app.time_source.monotonic()
        box = self._box
        if box is None or not box.is_attached:
            screen = self._host()
            if screen is None:
                return
            self._box = box = ExportProgress(self.status, now)
            screen.mount(box)
            box.set_interval(1.0, lambda: self._show())  # the seconds go on
        box.status = self.status
        box.show(now)

    def _hide(self) -> None:
        if self._box is not None and self._box.is_attached:
            self._box.remove()
        self._box = None

    def _host(self) -> Screen | None:
        """The screen the box goes on: the one showing, or the step under a dialog."""
        for screen in reversed(self.app.screen_stack):
            if not isinstance(screen, ModalScreen):
                return screen
        return None

    def _follow(self, _screen: Screen) -> None:
        """Another step came up: the box goes with it."""
        if self.status is None:
            return
        host = self._host()
        if self._box is not None and self._box.is_attached and self._box.screen is host:
            return
        self._hide()
        self._show()

    # -- leaving -----------------------------------------------------------------------
    def close(self) -> None:
        """The app is going: stop any export and end the workers."""
        with self._lock:
            self._stopping.set()
            if self.pool is None:
                return
            if self._running:
                self.pool.terminate()  # the export's thread sees it at once and tidies up
            else:
                self.pool.close()
