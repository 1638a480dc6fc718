"""The home screen (``workshop`` with no arguments): new from a scenario, recent, demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

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
from workshop.store import (
    SESSION_SUFFIX,
    Session,
    SessionCorrupt,
    StoreError,
    recent_sessions,
    remember_recent,
    restore_backup,
)
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files a facilitator probably means: here and in ./scenarios."""
    found: list[Path] = []
    for place in (folder, folder / "scenarios"):
        if place.is_dir():
            found.extend(sorted(place.glob("*.toml")))
    return found


def free_session_path(scenario: Path, folder: Path) -> Path:
    """A new session file name for `scenario` that does not overwrite anything."""
    stem = scenario.name.removesuffix(".toml")
    base = f"{stem}-{dt.date.today():%Y%m%d}"
    path = folder / f"{base}{SESSION_SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}{SESSION_SUFFIX}"
        n += 1
    return path


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
        recent = recent_sessions()
        if recent:
            options.append(None)
            options.append(Option(Text(t("home.recent"), style="bold"), id="recent-label",
                                  disabled=True))
            for path in recent:
                stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%m-%d %H:%M")
                options.append(Option(Text(f"  {path.name}  ({stamp})"), id=f"open:{path}"))
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
        from workshop.cli import demo_scenario

        self.new_session(demo_scenario(), folder=demo_scenario().parent)

    async def action_language(self) -> None:
        await self.app.action_toggle_language()

    def new_session(self, scenario: Path, folder: Path | None = None) -> None:
        from workshop.scenario import load_scenario  # only now: its schemas take a while

        try:
            doc = load_scenario(scenario)
        except ScenarioError as error:
            self._show_problems(error)
            return
        path = free_session_path(scenario, folder or Path.cwd())
        try:
            session = Session.create(doc, path)
        except (StoreError, OSError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        remember_recent(path)
        self.notify(t("cli.session_created", path=path), timeout=5)
        self._start(session)

    def open_session(self, path: Path) -> None:
        try:
            session = Session.open(path)
        except SessionCorrupt as error:
            self._offer_backup(path, error)
            return
        except (StoreError, OSError) as error:
            self.notify(str(error), severity="error", timeout=12)
            return
        remember_recent(path)
        self._start(session)

    def _offer_backup(self, path: Path, error: SessionCorrupt) -> None:
        if not error.backups:
            self.notify(str(error), severity="error", timeout=15)
            return
        backup = error.backups[0]

        def answer(choice: str | None) -> None:
            if choice == "restore":
                restore_backup(path, backup)
                self.open_session(path)

        self.app.push_screen(Choice(str(error), [("restore", t("home.restore", backup=backup.name)),
                                                 ("cancel", t("word.cancel"))]), answer)

    def _show_problems(self, error: ScenarioError) -> None:
        text = "\n".join(problem.format() for problem in error.problems[:8])
        self.notify(text, title=t("home.scenario_problems"), severity="error", timeout=20)

    @work(exclusive=True)
    async def _start(self, session: Session) -> None:
        self.app.start_session(session)
