"""The home screen (``workshop`` with no arguments): new from a scenario, recent, demo."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.i18n import get_language, t
from workshop.problems import ScenarioError
from workshop.sessions import (
    new_session,
    open_demo,
    open_session,
    recent,
    restore_and_open,
    scenario_files,
)
from workshop.store import (
    Session,
    SessionCorrupt,
    SessionLocked,
    StoreError,
    can_end_from_here,
    end_holder,
)
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class HomeScreen(Screen):
    BINDINGS = [
        Binding("n", "new", "New", id="home_new"),
        Binding("d", "demo", "Demo", id="home_demo"),
        Binding("l", "language", "Language", id="home_language"),
    ]

    app: WorkshopApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="home-box"):
            yield Static(Text(t("app.name"), style="bold"), id="home-title")
            yield Static(t("app.tagline"), id="home-tagline")
            yield OptionList(*self._options(), id="home-options")
            yield Static(t("home.hint"), id="home-hint")
        yield KeyBar()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = [
            Option(Text("＋ " + t("home.new")), id="new"),
            Option(Text("▶ " + t("home.demo")), id="demo"),
        ]
        kept = recent()
        if kept:
            options.append(None)
            options.append(Option(Text(t("home.recent"), style="bold"), id="recent-label",
                                  disabled=True))
            for entry in kept:
                stamp = entry.modified.strftime("%m-%d %H:%M")
                options.append(Option(Text(f"  {entry.path.name}  ({stamp})"),
                                      id=f"open:{entry.path}"))
        options.append(None)
        other = "English" if get_language() == "zh" else "中文"
        options.append(Option(Text("文/A " + t("home.language", other=other)), id="language"))
        options.append(Option(Text("✕ " + t("home.quit")), id="quit"))
        return options

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#home-options")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            self.action_new()
        elif choice == "demo":
            self.action_demo()
        elif choice == "language":
            await self.action_language()
        elif choice == "quit":
            self.app.exit(0)
        elif choice.startswith("open:"):
            self.open_session(Path(choice.removeprefix("open:")))

    def action_new(self) -> None:
        files = scenario_files(Path.cwd())
        options = [(str(path), str(path)) for path in files]
        options.append(("__type__", t("home.type_path")))

        def picked(choice: str | None) -> None:
            if choice == "__type__":
                self.app.push_screen(TextPrompt(t("home.scenario_path"), "",
                                                "scenarios/….toml"),
                                     lambda text: text and self.new_session(Path(text.strip())))
            elif choice:
                self.new_session(Path(choice))

        self.app.push_screen(Choice(t("home.pick_scenario"), options), picked)

    def action_demo(self) -> None:
        self._open(open_demo)

    async def action_language(self) -> None:
        await self.app.action_toggle_language()

    def new_session(self, scenario: Path) -> None:
        """A new session from `scenario`, in the working folder under a name not yet taken."""
        session = self._open(partial(new_session, free=True), scenario, Path.cwd())
        if session is not None:
            self.notify(t("cli.session_created", path=session.path), timeout=5)

    def open_session(self, path: Path) -> None:
        self._open(open_session, path)

    def _open(self, start: Callable[..., Session], *args: Any) -> Session | None:
        """Start the session ``start(*args)`` makes, or say plainly why it could not."""
        try:
            session = start(*args)
        except ScenarioError as error:
            self._show_problems(error)
            return None
        except SessionCorrupt as error:
            self._offer_backup(error.path, error)
            return None
        except SessionLocked as error:
            self._offer_take_over(error, start, *args)
            return None
        except (StoreError, OSError) as error:
            self.notify(str(error), severity="error", timeout=12)
            return None
        self._start(session)
        return session

    def _offer_backup(self, path: Path, error: SessionCorrupt) -> None:
        if not error.backups:
            self.notify(str(error), severity="error", timeout=15)
            return
        backup = error.backups[0]

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self._open(restore_and_open, path, backup)

        self.app.push_screen(Choice(str(error), [("restore", t("home.restore", backup=backup.name)),
                                                 ("cancel", t("word.cancel"))]), answer)

    def _offer_take_over(self, error: SessionLocked, start: Callable[..., Session],
                         *args: Any) -> None:
        """A program holds the session (a hung one, its terminal closed): say so, and
        offer to end it and open."""

        def answer(choice: str | None) -> None:
            if choice == "take-over":
                self.notify(t("cli.taking_over", pid=error.pid), timeout=5)
                self._take_over(error, start, *args)

        if not can_end_from_here(error):  # on another computer: say how, there
            self.notify(str(error), severity="error", timeout=15)
            return
        self.app.push_screen(Choice(error.in_use, [
            ("take-over", t("home.take_over", pid=error.pid)),
            ("cancel", t("word.cancel"))]), answer)

    @work(thread=True, exclusive=True, group="take-over")
    def _take_over(self, error: SessionLocked, start: Callable[..., Session],
                   *args: Any) -> None:
        # ending a hung program can take seconds (SIGTERM, then SIGKILL): not on the UI
        if end_holder(error):
            self.app.call_from_thread(self._open, start, *args)
        else:
            self.app.call_from_thread(
                self.notify, t("cli.cannot_take_over", pid=error.pid, host=error.host),
                severity="error", timeout=15)

    def _show_problems(self, error: ScenarioError) -> None:
        text = "\n".join(problem.format() for problem in error.problems[:8])
        self.notify(text, title=t("home.scenario_problems"), severity="error", timeout=20)

    @work(exclusive=True)
    async def _start(self, session: Session) -> None:
        self.app.start_session(session)
