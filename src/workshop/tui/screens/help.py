"""F1: every key, in the current language, for the step the facilitator is on.

The step's own keys come first (the screen's, and every pane's, each under the pane's
name, whichever pane is in view), then the keys of its boards and lists, then the keys
that work everywhere, then what the stepper's badges count, and last the keys for
editing text. Keys are read from the bindings the step declares, so the help cannot
drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from workshop.i18n import t
from workshop.tui.panes import Pane
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.key_bar import key_label
from workshop.tui.widgets.row_list import RowList
from workshop.tui.widgets.stepper import Stepper, badge_explanation, badge_kinds

BOARDS = (CardBoard, RowList)
"""Widgets whose keys are a board's (move the cursor, page), listed with the board's."""


def declared_bindings(cls: type, *, below: type | None = None) -> list[Binding]:
    """The bindings `cls` declares, its own and its bases' (a subclass's key wins), from
    the workshop's own classes only and, with `below`, only those of classes that are
    subclasses of `below` but not `below` itself."""
    merged: dict[str, Binding] = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("workshop."):
            continue
        if below is not None and (base is below or not issubclass(base, below)):
            continue
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            merged[binding.key] = binding
    return list(merged.values())


def remapped(bindings: Iterable[Binding], keymap: dict[str, str]) -> list[Binding]:
    """`bindings` with the keys the facilitator's keymap gives their ids."""
    out: list[Binding] = []
    done: set[str] = set()
    for binding in bindings:
        keys = keymap.get(binding.id or "")
        if keys is None:
            out.append(binding)
        elif binding.id not in done:
            done.add(binding.id or "")
            out += [binding.with_key(key.strip()) for key in keys.split(",")]
    return out


def _rows(app: App, bindings: Iterable[Binding], seen: set[str]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action once, its keys joined: ``Delete / Backspace``."""
    keys: dict[str, list[str]] = {}
    label: dict[str, str] = {}
    for binding in remapped(bindings, getattr(app, "keymap_in_use", {})):
        if binding.action in seen:
            continue
        keys.setdefault(binding.action, []).append(app.get_key_display(binding))
        label.setdefault(binding.action, key_label(binding))
    seen.update(keys)
    return [(" / ".join(dict.fromkeys(found)), label[action]) for action, found in keys.items()
            if label[action]]


def _display(app: App, *keys: str) -> str:
    return " / ".join(app.get_key_display(Binding(key, "")) for key in keys)


def _table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, label in rows:
        table.add_row(Text(keys), Text(label))
    return table


def _owner(widget: Widget) -> Pane | None:
    for node in widget.ancestors_with_self:
        if isinstance(node, Pane):
            return node
    return None


def key_sections(app: App, screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's sections, in order: (heading, rows of (keys, what they do))."""
    from workshop.tui.screens.base import StepScreen

    sections: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[str] = set()
    widgets = [w for w in screen.query("*") if w.__module__.startswith("workshop.")]
    if isinstance(screen, StepScreen):
        heading = t("help.section.step", step=t(f"step.{screen.step}"))
        own = declared_bindings(type(screen), below=StepScreen)
        loose = [b for w in widgets if not isinstance(w, (*BOARDS, Pane)) and _owner(w) is None
                 for b in declared_bindings(type(w))]
        sections.append((heading, _rows(app, own + loose, seen)))
        for pane in (w for w in widgets if isinstance(w, Pane)):
            inside = [b for w in pane.query("*") if w.__module__.startswith("workshop.")
                      and not isinstance(w, BOARDS) for b in declared_bindings(type(w))]
            pane_seen = set(seen)  # two panes may use one key for different things
            rows = _rows(app, declared_bindings(type(pane)) + inside, pane_seen)
            if rows:
                sections.append((t("help.section.pane", pane=pane.title()), rows))
        boards = [b for w in widgets if isinstance(w, BOARDS) for b in declared_bindings(type(w))]
        if screen.query(CardBoard):  # the frame's card keys, where the step has not taken
            taken = {b.key for b in own}  # the key for something of its own
            boards = [b for b in declared_bindings(StepScreen) if b.key not in taken] + boards
        board_rows = _rows(app, boards, seen)
        if screen.has_entry:  # Tab goes between the entry and the board
            board_rows.insert(0, (_display(app, "tab", "shift+tab"), t("keys.tab")))
        sections.append((t("help.section.board"), board_rows))
    else:
        own = declared_bindings(type(screen))
        if own:
            sections.append((t("help.section.screen"), _rows(app, own, seen)))
    everywhere = _rows(app, declared_bindings(type(app)), seen)
    everywhere.append((_display(app, "ctrl+p"), t("keys.palette")))
    if not getattr(screen, "has_entry", False):
        everywhere.append((_display(app, "tab", "shift+tab"),
                           t("keys.textual.app.focus_next")))
    sections.append((t("help.section.global"), everywhere))
    if screen.query(Input):
        editing = _rows(app, Binding.make_bindings(Input.BINDINGS), set(seen))
        sections.append((t("help.section.editing"), editing))
    return sections


def key_table(app: App, screen: Screen) -> Group:
    """Every key of `screen`, section by section, translated (without the badges)."""
    parts: list[Text | Table] = []
    for heading, rows in key_sections(app, screen):
        if not rows:
            continue
        if parts:
            parts.append(Text(""))
        parts.append(Text(heading, style="bold underline"))
        parts.append(_table(rows))
    return Group(*parts)


def badges(screen: Screen) -> Group:
    """What the stepper's badges count: now, step by step, and every kind there is."""
    steppers = screen.query(Stepper)
    now = badge_explanation(steppers.first().status) if steppers else Text()
    kinds = _table(badge_kinds())
    return Group(Text(t("help.section.badges"), style="bold underline"), now, Text(""),
                 Text(t("help.badge_kinds"), style="italic"), kinds)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="close_help"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__(classes="dialog")
        self.target = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box help-box"):
            yield Static(Text(t("help.title"), style="bold"), classes="dialog-title")
            yield Static(key_table(self.app, self.target), id="help-keys")
            if self.target.query(Stepper):
                yield Static(badges(self.target), id="help-badges")
            yield Static(t("help.footer"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
