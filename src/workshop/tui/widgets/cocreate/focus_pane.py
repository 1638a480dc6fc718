"""Phase 1, 焦点问题: the focus question, big, drafted from the goal and the key gaps;
the goal, the key gaps and the settings of the phases to come below it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop.edits import cocreate as edits
from workshop.i18n import t
from workshop.methods.cocreate import focus as cocreate_method
from workshop.model import Workshop
from workshop.text import truncate
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.widgets.cocreate.board_pane import CocreatePane
from workshop.tui.widgets.cocreate.settings import BRAINSTORM_KEYS, VOTE_KEYS, SettingsActions


class FocusPane(SettingsActions, CocreatePane):
    view = "focus"

    SCOPED_CSS = False  # the projector rules start at the app
    DEFAULT_CSS = """
    FocusPane > #focus-scroll { padding: 1 4; height: 1fr; }
    FocusPane #focus-question {
        border: heavy $accent; padding: 1 3; text-style: bold; color: $text;
        text-align: center; height: auto;
    }
    FocusPane #focus-details { margin-top: 1; height: auto; }
    .-projector FocusPane #focus-question { padding: 2 4; }
    """

    BINDINGS = [
        Binding("e", "edit_question", "Edit question", id="cocreate_edit_question",
                tooltip="Write the focus question in the room's own words"),
        Binding("g", "draft_question", "Use the draft", id="cocreate_draft_question",
                tooltip="Take the question drafted from the goal and the key gaps"),
        *BRAINSTORM_KEYS,
        *VOTE_KEYS,
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="focus-scroll"):
            yield Static(id="focus-question")
            yield Static(id="focus-details")

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        section = doc.cocreate
        big = self.query_one("#focus-question", Static)
        if section.focus_question:
            big.update(Text(section.focus_question))
        else:
            draft = Text(t("cocreate.focus.draft_label") + "\n", style="italic dim")
            draft.append(cocreate_method.draft_focus_question(doc), style="bold")
            big.update(draft)
        details = Text()
        goal = cocreate_method.main_goal(doc)
        if goal is not None:
            details.append(t("cocreate.focus.goal") + "  ", style="bold")
            details.append(goal.statement + "\n")
        gaps = cocreate_method.key_gaps(doc)
        if gaps:
            details.append(t("cocreate.focus.key_gaps") + "  ", style="bold")
            details.append(t("word.list_sep").join(truncate(g, 30) for g in gaps) + "\n")
        pending = cocreate_method.pending_sources(doc)
        details.append(t("cocreate.focus.sources", count=len(pending)) + "\n",
                       style="bold" if pending else "dim")
        cap = section.cap_per_turn
        no_cap = t("cocreate.focus.no_cap")
        details.append("\n" + t("cocreate.focus.settings", cap=cap if cap else no_cap,
                                dots=section.dots,
                                per=t(f"cocreate.dots_per.{section.dots_per}"),
                                seconds=doc.room.turn.seconds or no_cap), style="dim")
        details.append("\n\n" + t("cocreate.focus.tip"), style="italic")
        self.query_one("#focus-details", Static).update(details)

    def focus_default(self) -> None:
        self.query_one("#focus-scroll").focus()

    def action_edit_question(self) -> None:
        doc = self.doc
        value = doc.cocreate.focus_question or cocreate_method.draft_focus_question(doc)

        def done(text: str | None) -> None:
            if text is not None and text != self.doc.cocreate.focus_question:
                self.act(t("cocreate.undo.focus_question"), edits.set_focus_question, text)

        self.workbench.push_screen(TextPrompt(t("cocreate.focus.edit_title"), value), done)

    def action_draft_question(self) -> None:
        draft = cocreate_method.draft_focus_question(self.doc)
        self.act(t("cocreate.undo.focus_question"), edits.set_focus_question, draft)
