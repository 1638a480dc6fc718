"""Dialogs of the co-creation screen: pick a cluster (to move cards into, or to merge
with), and name a cluster with live advice on the name."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from workshop.i18n import t
from workshop.methods.cocreate.clusters import NAME_HAN, NAME_WORDS, name_advice
from workshop.text import MAX_TEXT, truncate
from workshop.tui.screens.dialogs import Choice
from workshop.tui.widgets.field_dialog import FieldDialog


class ClusterPicker(Choice):
    """Pick a cluster from a list (↑↓, Enter, or its number); returns its id.

    Each option carries the cluster's number on the board (``3. 办好技术交流会``), so a
    list that leaves a cluster out (the one being merged) numbers the rest as the board
    does: typing 10 picks the board's cluster 10, whatever its place in the list."""

    def __init__(self, title: str, options: Sequence[tuple[str, int, str]],
                 highlight: str | None = None) -> None:
        super().__init__(title, [(key, f"{number}. {label}") for key, number, label in options],
                         hint=t("cocreate.picker_hint"))
        self.numbers = {number: i for i, (_key, number, _label) in enumerate(options)}
        self.highlight = highlight

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [key for key, _ in self.options]
        if self.highlight in ids:
            options.highlighted = ids.index(self.highlight)
        elif ids:
            options.highlighted = 0
        self._typed = ""

    def on_key(self, event) -> None:
        """Typing a cluster's number jumps to it (two digits for clusters 10 and up)."""
        if event.character and event.character.isdigit():
            event.stop()
            typed = (self._typed + event.character)[-2:]
            if int(typed) not in self.numbers:
                typed = event.character
            self._typed = typed
            # a number not on the list picks nothing (Enter must not take the one before)
            self.query_one(OptionList).highlighted = self.numbers.get(int(typed))
            if int(typed) not in self.numbers:
                self.app.bell()


def advice_text(name: str) -> Text:
    """What the room might reconsider about `name`, or a nod when it reads well."""
    advice = name_advice(name)
    text = Text()
    if not name.strip():
        text.append(t("cocreate.advice.empty"), style="italic")
        return text
    if advice.han:
        low, high = NAME_HAN
        length = t("cocreate.advice.han_count", count=advice.length, low=low, high=high)
    else:
        low, high = NAME_WORDS
        length = t("cocreate.advice.word_count", count=advice.length, low=low, high=high)
    if advice.ok:
        text.append("✓ " + t("cocreate.advice.ok") + "  ", style="bold green")
        text.append(length, style="dim")
        return text
    text.append(length + "\n", style="dim")
    if advice.too_long:
        text.append("• " + t("cocreate.advice.too_long") + "\n", style="bold yellow")
    if advice.too_short:
        text.append("• " + t("cocreate.advice.too_short") + "\n", style="bold yellow")
    if advice.noun:
        text.append("• " + t("cocreate.advice.noun"), style="bold yellow")
    text.rstrip()
    return text


class NamePrompt(FieldDialog[str | None]):
    """Name a cluster: its cards for context, the focus question, live advice. Esc with
    a name typed asks before the name is lost (``FieldDialog``)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, question: str, cards: Sequence[str], value: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.question = question
        self.cards = list(cards)
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.question:
                yield Static(Text(self.question, style="italic"), classes="name-question")
            shown = self.cards[:6]
            cards = Text()
            for card in shown:
                cards.append("▌ ", style="dim")
                cards.append(truncate(card.replace("\n", " "), 60) + "\n")
            if len(self.cards) > len(shown):
                cards.append(t("cocreate.more_cards", count=len(self.cards) - len(shown)),
                             style="dim")
            cards.rstrip()
            yield Static(cards, classes="name-cards")
            yield Input(self.value, placeholder=t("cocreate.name_placeholder"),
                        max_length=MAX_TEXT)
            yield Static(advice_text(self.value), id="name-advice")
            yield Static(t("shell.prompt_hint"), classes="dialog-hint")

    @on(Input.Changed)
    def _advise(self, event: Input.Changed) -> None:
        self.query_one("#name-advice", Static).update(advice_text(event.value))

    @on(Input.Submitted)
    def _accept(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_save(self) -> None:
        self.dismiss(self.query_one(Input).value)
