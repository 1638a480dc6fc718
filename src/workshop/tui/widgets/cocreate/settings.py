"""The co-creation's settings, set from the phases they matter in: pulling in step 2's
cards and the cap per turn (focus question, brainstorm), the dots (focus question, vote).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from workshop.edits import cocreate as edits
from workshop.i18n import t
from workshop.methods.cocreate import focus as cocreate_method
from workshop.tui.screens.dialogs import Choice, TextPrompt

BRAINSTORM_KEYS = [
    Binding("i", "pull", "Pull in step 2", id="cocreate_pull",
            tooltip="Add step 2's TOWS ideas and root causes as cards"),
    Binding("c", "set_cap", "Cap per turn", id="cocreate_cap",
            tooltip="Most cards a team adds in one turn"),
    Binding("t", "app.turn_timer", "Turn timer", id="cocreate_turn_timer", show=False,
            tooltip="Seconds per turn (the turn passes on when they run out)"),
]
VOTE_KEYS = [
    Binding("d", "set_dots", "Dots", id="cocreate_dots", tooltip="How many dots each voter has"),
    Binding("D", "toggle_dots_per", "Dots per team/member", id="cocreate_dots_per",
            key_display="Shift+D", show=False, tooltip="Dots per team, or per member"),
]


class SettingsActions:
    """The actions of ``BRAINSTORM_KEYS`` and ``VOTE_KEYS`` (mixed into a pane)."""

    def action_pull(self: Any) -> None:
        pending = cocreate_method.pending_sources(self.doc)
        if not pending:
            self.workbench.notify(t("cocreate.error.nothing_to_pull"), severity="warning")
            return
        counts = {kind: sum(1 for s in pending if s.kind == kind)
                  for kind in cocreate_method.SOURCE_KINDS}
        options = [("all", t("cocreate.pull.all", count=len(pending)))]
        options += [(kind, t(f"cocreate.pull.{kind}", count=count))
                    for kind, count in counts.items() if count]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            self.act(t("cocreate.undo.pull"), edits.pull_sources,
                     None if choice == "all" else [choice],
                     then=lambda added: self.workbench.notify(
                         t("cocreate.pulled", count=len(added))))

        self.workbench.push_screen(Choice(t("cocreate.pull.title"), options,
                                          t("cocreate.pull.hint")), chosen)

    def action_set_cap(self: Any) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            if not text or text == "0":
                self.act(t("cocreate.undo.cap"), edits.set_cap, None)
            elif not text.isdigit():
                self.workbench.notify(t("cocreate.error.cap_range", value=text),
                                      severity="warning")
            else:
                self.act(t("cocreate.undo.cap"), edits.set_cap, int(text))

        current = self.doc.cocreate.cap_per_turn
        self.workbench.push_screen(TextPrompt(t("cocreate.cap_title"), str(current or "")),
                                   done)

    def action_set_dots(self: Any) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            if not text.isdigit():
                self.workbench.notify(t("cocreate.error.dots_range", value=text),
                                      severity="warning")
                return
            self.act(t("cocreate.undo.dots"), edits.set_dots, int(text))

        self.workbench.push_screen(TextPrompt(t("cocreate.dots_title"),
                                              str(self.doc.cocreate.dots)), done)

    def action_toggle_dots_per(self: Any) -> None:
        per = "member" if self.doc.cocreate.dots_per == "team" else "team"
        self.act(t("cocreate.undo.dots_per", per=t(f"cocreate.dots_per.{per}")),
                 edits.set_dots_per, per,
                 then=lambda per: self.workbench.notify(
                     t("cocreate.dots_per_set", per=t(f"cocreate.dots_per.{per}"))))
