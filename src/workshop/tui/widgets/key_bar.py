"""A footer that shows the keys that matter on this screen, in the current language.

Textual's Footer shows a binding's fixed description; here each binding's ``id``
looks up its words in the catalog (``keys.<id>``) so a language switch relabels it.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from workshop.i18n import has, t


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
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        shown = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append(binding)
        # function keys in order first, quitting last: the order people scan for
        def is_fkey(key: str) -> bool:  # F1…F12, not a letter key such as "f"
            return key[:1] == "f" and key[1:].isdigit()

        shown.sort(key=lambda b: (b.action == "quit", not is_fkey(b.key),
                                  int(b.key[1:]) if is_fkey(b.key) else 0))
        for binding in shown:
            text.append(self.app.get_key_display(binding), style="bold reverse")
            text.append(f" {key_label(binding)} ")
        return text
