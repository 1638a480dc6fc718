"""A footer that shows the keys that matter on this screen, in the current language.

Textual's Footer shows a binding's fixed description; here each binding's ``id``
looks up its words in the catalog (``keys.<id>``) so a language switch relabels it.
At any width F1 (help) and Ctrl+Q (quit) stay; between them the keys of the focused
widget come first, then the step's, then the app's, and what does not fit gives way.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from workshop.i18n import has, t
from workshop.text import cells

KEY_NAMES = {"left": "←", "right": "→", "up": "↑", "down": "↓", "escape": "Esc",
             "pageup": "PgUp", "pagedown": "PgDn", "plus": "+", "minus": "−"}
"""Keys named as printed on keyboards (Textual's names are ``pageup``, ``escape``)."""


def key_display(binding: Binding) -> str:
    """``F1``, ``Ctrl+Z``, ``→``: how keys are printed on keyboards and in the handout; a
    binding's own ``key_display`` (``+``, ``↑↓``) wins."""
    if binding.key_display:
        return binding.key_display
    key = binding.key.split(",")[0]
    return "+".join(KEY_NAMES.get(p) or (p.capitalize() if len(p) > 1 else p.upper())
                    for p in key.split("+"))


def key_label(binding: Binding) -> str:
    """What `binding` does, in the current language: ours by id, Textual's own widgets'
    keys by action; the binding's (English) description if neither is in the catalog."""
    if binding.id and has(f"keys.{binding.id}"):
        return t(f"keys.{binding.id}")
    if binding.description and has(f"keys.textual.{binding.action}"):
        return t(f"keys.textual.{binding.action}")
    return binding.description


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar { height: 1; width: 1fr; background: $footer-background; color: $footer-foreground; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def render(self) -> Text:
        width = self.size.width or 80
        pinned_first, keys, pinned_last = chosen_keys(self.screen)
        pieces = [(self.app.get_key_display(b), key_label(b)) for b in keys]
        first = [(self.app.get_key_display(b), key_label(b)) for b in pinned_first]
        last = [(self.app.get_key_display(b), key_label(b)) for b in pinned_last]
        room = width - sum(piece_width(p) for p in first + last)
        shown = []
        for piece in pieces:  # in priority order: from the first that does not fit, none
            if piece_width(piece) > room:
                break
            shown.append(piece)
            room -= piece_width(piece)
        text = Text(no_wrap=True, overflow="ellipsis")
        for key, label in first + shown + last:
            text.append(key, style="bold reverse")
            text.append(f" {label} ")
        return text


ALWAYS_FIRST = ("help",)
ALWAYS_LAST = ("quit",)
"""Actions shown at any width: help on the left, quitting on the right."""


def piece_width(piece: tuple[str, str]) -> int:
    key, label = piece
    return cells(key) + cells(label) + 2


def is_fkey(key: str) -> bool:
    """F1…F12, not a letter key such as "f"."""
    return key[:1] == "f" and key[1:].isdigit()


def chosen_keys(screen: Screen) -> tuple[list[Binding], list[Binding], list[Binding]]:
    """The keys the footer names on `screen`: help; then, in the order they matter, the
    focused widget's (and its pane's), the step's, the app's (F-keys in order); then quit.

    A step screen names in ``FOCUS_ACTIONS`` its keys that act on the focused board
    (Enter, Delete, H): they count as the focused widget's.
    """
    focus_actions = set(getattr(screen, "FOCUS_ACTIONS", ()))
    ranked: list[tuple[int, int, Binding]] = []
    first: list[Binding] = []
    last: list[Binding] = []
    seen: set[str] = set()
    for order, active in enumerate(screen.active_bindings.values()):
        binding = active.binding
        if not binding.show or not active.enabled or binding.action in seen:
            continue
        seen.add(binding.action)
        if binding.action in ALWAYS_FIRST:
            first.append(binding)
            continue
        if binding.action in ALWAYS_LAST:
            last.append(binding)
            continue
        node = active.node
        if isinstance(node, App):
            rank = 2
            order = int(binding.key[1:]) if is_fkey(binding.key) else 100 + order
        elif isinstance(node, Screen) and binding.action not in focus_actions:
            rank = 1
        else:
            rank = 0
        ranked.append((rank, order, binding))
    ranked.sort(key=lambda item: item[:2])
    return first, [binding for _, _, binding in ranked], last
