"""Step 4, 团队共创: the ToP consensus workshop on one screen.

The phase (``doc.cocreate.phase``) decides what shows and which keys work:

1. focus — the focus question, big; drafted from the goal and the key gaps;
2. brainstorm — teams type cards in turn in the shared entry (cap per turn, countdown,
   hidden until revealed); step 2's TOWS ideas and root causes can be pulled in;
3. cluster — the board shows every card: loose cards first, then the clusters. Pairs
   first (mark a card, then pair it with another), move cards into clusters, back out,
   merge and split clusters;
4. name — each cluster gets its name (中心词), with advice while typing;
5. vote — dots in turns, per team or per member, the tally live beside the board;
6. model — the strategy model: the goal as the roof, the strategies as pillars.

Moving a card, voting and adding a card show on the board at once; the change is
saved right after the screen is drawn (``_act``), so with 2,000 cards a keystroke
costs about what it costs in a bare Textual app. A change the document refuses is
taken back from the board with a notice.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events, messages, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ContentSwitcher, Static

from workshop.edits import cards as card_edits
from workshop.edits import cocreate as edits
from workshop.edits import room as room_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.cocreate import clusters as cluster_method
from workshop.methods.cocreate import focus as cocreate_method
from workshop.methods.cocreate import votes as vote_method
from workshop.model import PHASES, Card, Phase, Team, Workshop
from workshop.text import truncate
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.card_board import CardBoard, CardView, Section
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.cocreate import panel
from workshop.tui.widgets.cocreate.dialogs import ClusterPicker, NamePrompt
from workshop.tui.widgets.cocreate.model_view import Pillar, StrategyModel
from workshop.tui.widgets.cocreate.phase_bar import PhaseBar
from workshop.tui.widgets.fitted import FittedStatic, WidthChanged

LOOSE = "~loose"
"""The board section of cards in no cluster."""
PENDING = "~pending"
"""Id prefix of a card shown before it is saved."""

BOARD_PHASES: tuple[Phase, ...] = ("brainstorm", "cluster", "name", "vote")

_PHASE_ACTIONS: dict[str, tuple[Phase, ...]] = {
    "edit_question": ("focus",),
    "draft_question": ("focus",),
    "pull": ("focus", "brainstorm"),
    "set_cap": ("focus", "brainstorm"),
    "turn_timer": ("focus", "brainstorm"),
    "set_dots": ("focus", "vote"),
    "toggle_dots_per": ("focus", "vote"),
    "mark": ("cluster",),
    "pair": ("cluster",),
    "move_to": ("cluster",),
    "carry": ("cluster",),
    "repeat_move": ("cluster",),
    "move_back": ("cluster",),
    "merge": ("cluster", "name"),
    "split": ("cluster",),
    "dissolve": ("cluster", "name"),
    "name_cluster": ("cluster", "name", "vote", "model"),
    "name_here": ("name",),
    "jump": ("cluster", "name", "vote"),
    "vote": ("vote",),
    "unvote": ("vote",),
    "next_voter": ("vote",),
    "assign_team": ("name", "vote", "model"),
}
"""The phases in which each of the screen's actions works (and shows in the key bar)."""
_BOARD_ACTIONS = {"mark", "name_here", "pair", "move_to", "carry", "repeat_move", "move_back",
                  "merge", "split", "dissolve", "jump", "vote", "unvote"}
"""Actions on the card under the cursor: only while the board has the focus."""


def _returning(edit: Callable[..., Any]) -> Callable[..., tuple[Any]]:
    """Wrap `edit` so a successful call never returns None (``app.edit``'s refusal)."""
    def run(doc: Workshop, *args: Any) -> tuple[Any]:
        return (edit(doc, *args),)
    return run


class CocreateBoard(CardBoard):
    """The co-creation board. While it has the focus, it runs the screen's key bindings
    itself, as it receives the keys: in order with the cursor keys (Textual resolves a
    binding only once the key has travelled up to the app, a message per container, so
    "↓ then P" typed fast could pair the card the cursor was leaving), and without that
    trip. The key bar and F1 still show the screen's bindings."""

    CURSOR_KEYS: ClassVar[dict[str, tuple[str, tuple[int, ...]]]] = {
        "up": ("cursor", (-1,)), "down": ("cursor", (1,)), "pageup": ("page", (-1,)),
        "pagedown": ("page", (1,)), "home": ("first", ()), "end": ("last", ()),
    }

    async def handle_key(self, event: events.Key) -> bool:
        cursor = self.CURSOR_KEYS.get(event.key)
        if cursor is not None:
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{cursor[0]}")(*cursor[1])
            return True
        screen = self.screen
        if isinstance(screen, CocreateScreen):
            for binding in screen.bindings_for(event.key):
                name, _, rest = binding.action.partition("(")
                args = tuple(int(a) for a in rest.rstrip(")").split(",") if a.strip())
                if screen.check_action(name, args):
                    event.stop()
                    event.prevent_default()
                    await screen.run_action(binding.action)
                    return True
        return await super().handle_key(event)


class CocreateScreen(StepScreen):
    step = "cocreate"

    SCOPED_CSS = False
    DEFAULT_CSS = """
    CocreateScreen #cocreate-question {
        height: auto; max-height: 3; padding: 0 1; background: $primary 15%;
        color: $text; text-style: bold;
    }
    CocreateScreen #cocreate-switch { height: 1fr; }
    CocreateScreen #cocreate-work { height: 1fr; }
    CocreateScreen #cocreate-side {
        width: 34%; min-width: 26; max-width: 52; border-left: vkey $panel;
        background: $surface; padding: 0 1;
    }
    CocreateScreen #cocreate-focus { padding: 1 4; }
    CocreateScreen #focus-question {
        border: heavy $accent; padding: 1 3; text-style: bold; color: $text;
        text-align: center; height: auto;
    }
    CocreateScreen #focus-details { margin-top: 1; height: auto; }
    CocreateScreen #cocreate-model { height: 1fr; }
    CocreateScreen #model-notes { padding: 0 2; color: $text-muted; height: auto; }
    CocreateScreen CardBoard > .card-board--header { background: $panel; }
    .-projector CocreateScreen #cocreate-side { width: 30%; }
    .-projector CocreateScreen #focus-question { padding: 2 4; }
    """

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "phase(1)", "Next phase", id="cocreate_next_phase"),
        Binding("ctrl+g", "phase(-1)", "Previous phase", id="cocreate_prev_phase"),
        # focus
        Binding("e", "edit_question", "Edit question", id="cocreate_edit_question"),
        Binding("g", "draft_question", "Use the draft", id="cocreate_draft_question"),
        Binding("i", "pull", "Pull in step 2", id="cocreate_pull"),
        Binding("c", "set_cap", "Cap per turn", id="cocreate_cap"),
        Binding("t", "turn_timer", "Turn timer", id="cocreate_turn_timer", show=False),
        Binding("d", "set_dots", "Dots", id="cocreate_dots"),
        Binding("D", "toggle_dots_per", "Dots per team/member", id="cocreate_dots_per",
                key_display="Shift+D", show=False),
        # cluster
        Binding("space", "mark", "Mark", id="cocreate_mark", key_display="Space"),
        Binding("p", "pair", "Pair / new cluster", id="cocreate_pair"),
        Binding("m", "move_to", "Move to cluster", id="cocreate_move"),
        Binding("right_square_bracket", "carry(1)", "Move to next cluster",
                id="cocreate_carry_next", key_display="]"),
        Binding("left_square_bracket", "carry(-1)", "Move to previous cluster",
                id="cocreate_carry_prev", key_display="[", show=False),
        Binding("full_stop", "repeat_move", "Same cluster again", id="cocreate_repeat_move",
                key_display="."),
        Binding("u", "move_back", "Move back", id="cocreate_move_back"),
        Binding("M", "merge", "Merge clusters", id="cocreate_merge", key_display="Shift+M",
                show=False),
        Binding("s", "split", "Split cluster", id="cocreate_split", show=False),
        Binding("x", "dissolve", "Dissolve cluster", id="cocreate_dissolve", show=False),
        Binding("shift+down", "jump(1)", "Next cluster", id="cocreate_jump_next", show=False),
        Binding("shift+up", "jump(-1)", "Previous cluster", id="cocreate_jump_prev",
                show=False),
        # name and model
        Binding("r", "name_cluster", "Name cluster", id="cocreate_name"),
        Binding("enter", "name_here", "Name cluster", id="cocreate_name_here", show=False),
        Binding("a", "assign_team", "Assign to team", id="cocreate_assign"),
        # vote
        Binding("plus,equals_sign,space", "vote", "Dot", id="cocreate_vote", key_display="+"),
        Binding("minus", "unvote", "Take dot back", id="cocreate_unvote", key_display="-"),
        Binding("full_stop", "next_voter", "Next member", id="cocreate_next_voter",
                key_display="."),
    ]

    @classmethod
    def bindings_for(cls, key: str) -> list[Binding]:
        """The screen's (non-priority) bindings of `key`, in the order Textual tries them."""
        found = []
        for klass in cls.__mro__:
            for binding in klass.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and not binding.priority and \
                        key in (k.strip() for k in binding.key.split(",")):
                    found.append(binding)
        return found

    def __init__(self) -> None:
        super().__init__()
        self._marked: set[str] = set()
        self._last_target: str | None = None
        self._member_id: str | None = None
        self._turn_team: str | None = None
        self._shown: list[Section] = []
        self._group_of: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._votes: dict[str, int] = {}
        self._phase: Phase | None = None

    # -- composition --------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        yield PhaseBar()
        yield Static(id="cocreate-question")
        with ContentSwitcher(initial="cocreate-focus", id="cocreate-switch"):
            with VerticalScroll(id="cocreate-focus"):
                yield Static(id="focus-question")
                yield Static(id="focus-details")
            with Horizontal(id="cocreate-work"):
                yield CocreateBoard(id="board", empty_hint=t("cocreate.board_empty"))
                with VerticalScroll(id="cocreate-side"):
                    yield FittedStatic(id="cocreate-panel")
            with VerticalScroll(id="cocreate-model"):
                yield StrategyModel()
                yield Static(id="model-notes")

    @property
    def phase(self) -> Phase:
        return self.doc.cocreate.phase

    @property
    def board_widget(self) -> CardBoard:
        return self.query_one(CardBoard)

    def focus_default(self) -> None:
        phase = self.phase
        if phase == "brainstorm":
            self.query_one(CardEntry).input.focus()
        elif phase in BOARD_PHASES:
            self.board_widget.focus()
        elif phase == "model":
            self.query_one(StrategyModel).focus()
        else:
            self.set_focus(None)

    # -- drawing from the document ------------------------------------------------------------
    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        section = doc.cocreate
        phase = section.phase
        changed = phase != self._phase
        self._phase = phase
        team_id = turns.current_team_id(doc)
        if team_id != self._turn_team:
            self._turn_team = team_id
            self._member_id = None
        self.query_one(PhaseBar).show(phase, t(f"cocreate.phase_hint.{phase}"))
        banner = self.query_one("#cocreate-question", Static)
        banner.display = phase not in ("focus", "model")  # the model has it as its base
        if banner.display:
            question = section.focus_question or cocreate_method.draft_focus_question(doc)
            banner.update(Text(question), layout=False)
        self.query_one(CardEntry).display = phase == "brainstorm"
        switch = self.query_one(ContentSwitcher)
        target = ("cocreate-focus" if phase == "focus" else
                  "cocreate-model" if phase == "model" else "cocreate-work")
        if switch.current != target:
            switch.current = target
        if phase == "focus":
            self._show_focus(doc)
        elif phase == "model":
            self._show_model(doc)
        else:
            self._show_board(doc, select=select)
            self._show_panel(doc)
        if changed:
            self.focus_default()
            self.refresh_bindings()

    def _show_focus(self, doc: Workshop) -> None:
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
        per = t(f"cocreate.dots_per.{section.dots_per}")
        details.append("\n" + t("cocreate.focus.settings", cap=cap if cap else
                                t("cocreate.focus.no_cap"), dots=section.dots, per=per,
                                seconds=doc.room.turn.seconds or t("cocreate.focus.no_cap")),
                       style="dim")
        details.append("\n\n" + t("cocreate.focus.tip"), style="italic")
        self.query_one("#focus-details", Static).update(details)

    def _cluster_title(self, number: int, name: str, votes: int, team: str,
                       phase: Phase) -> str:
        title = f"{number}. {name or t('cocreate.unnamed')}"
        if phase == "vote" or votes:
            title += f"  ● {votes}"
        if team:
            title += f"  → {team}"
        return title

    def _sections(self, doc: Workshop) -> list[Section]:
        section = doc.cocreate
        teams = {team.id: team for team in doc.teams}
        phase = section.phase
        groups: dict[str, list[CardView]] = {LOOSE: []}
        for cluster in section.clusters:
            groups[cluster.id] = []
        sources = section.sources
        marked = self._marked
        group_of: dict[str, str] = {}
        order: dict[str, int] = {}
        for i, card in enumerate(section.cards):
            team = teams.get(card.team_id or "")
            key = card.cluster_id if card.cluster_id in groups else LOOSE
            source = sources.get(card.id)
            badge = t(f"cocreate.source.badge.{source.split(':', 1)[0]}") if source else ""
            groups[key].append(CardView(card.id, card.text, team.name if team else "",
                                        team.color if team else "", card.hidden, badge, key,
                                        card.id in marked))
            group_of[card.id] = key
            order[card.id] = i
        self._group_of, self._order = group_of, order
        self._votes = {cluster.id: len(cluster.votes) for cluster in section.clusters}
        titled = bool(section.clusters) or phase != "brainstorm"
        out = []
        loose = None
        if groups[LOOSE] or phase in ("brainstorm", "cluster"):
            hint = t("cocreate.loose_empty") if phase == "cluster" else ""
            loose = Section(LOOSE, t("cocreate.loose") if titled else "", groups[LOOSE], hint)
        if loose is not None and phase in ("brainstorm", "cluster"):
            out.append(loose)  # the cards still to sort come first; later they wait below
            loose = None
        for number, cluster in enumerate(section.clusters, 1):
            team = teams.get(cluster.team_id or "")
            out.append(Section(cluster.id,
                               self._cluster_title(number, cluster.name, len(cluster.votes),
                                                   team.name if team else "", phase),
                               groups[cluster.id], t("cocreate.cluster_empty")))
        if loose is not None:
            out.append(loose)
        return out

    def _show_board(self, doc: Workshop, *, select: str | None = None) -> None:
        self._marked &= {card.id for card in doc.cocreate.cards} if self._marked else set()
        self._shown = self._sections(doc)
        board = self.board_widget
        if select is None and board.cursor < 0 and doc.cocreate.phase != "brainstorm":
            # start where the work is: naming, the first cluster still without a name
            unnamed = {k.id for k in doc.cocreate.clusters if not k.name}
            first = [s for s in self._shown if s.cards]
            if doc.cocreate.phase == "name":
                first = [s for s in first if s.key in unnamed] or first
            select = first[0].cards[0].id if first else None
        board.show(self._shown, select=select)

    def _show_panel(self, doc: Workshop) -> None:
        phase = doc.cocreate.phase
        if phase == "brainstorm":
            content = panel.brainstorm(doc)
        elif phase == "cluster":
            content = panel.cluster(doc, len(self._marked))
        elif phase == "name":
            content = panel.name(doc, self._selected_cluster_id())
        else:
            width = self.query_one("#cocreate-panel", Static).content_region.width or 30
            content = panel.vote(doc, self._voter(doc), width)
        self.query_one("#cocreate-panel", Static).update(content)

    def _show_model(self, doc: Workshop) -> None:
        report_rows = vote_method.priority(doc, named_only=True)
        teams = {team.id: team for team in doc.teams}
        voted = vote_method.total(doc) > 0
        pillars = []
        for row in report_rows:
            cluster = doc.cocreate.cluster(row.cluster_id)
            team = teams.get(cluster.team_id or "") if cluster else None
            pillars.append(Pillar(row.cluster_id, row.rank, row.name, row.votes,
                                  row.tied and voted, team.name if team else "",
                                  team.color if team else ""))
        goal = cocreate_method.main_goal(doc)
        self.query_one(StrategyModel).show(
            goal.statement if goal else t("cocreate.pdf.no_goal"), pillars,
            doc.cocreate.focus_question, t("cocreate.model_empty"),
            t("cocreate.model_dots"))
        unnamed = cluster_method.progress(doc.cocreate).unnamed
        notes = Text(t("cocreate.model_keys"), style="dim")
        if unnamed:
            notes.append("\n" + t("cocreate.model_unnamed", count=unnamed), style="bold")
        if voted and any(p.tied for p in pillars):
            notes.append("\n" + t("cocreate.pdf.tie_rule"))
        self.query_one("#model-notes", Static).update(notes)

    # -- the card and cluster under the cursor ------------------------------------------------
    def _selected_view(self) -> CardView | None:
        return self.board_widget.selected

    def _selected_cluster_id(self) -> str | None:
        if self.phase == "model":
            return self.query_one(StrategyModel).selected
        card = self._selected_view()
        if card is None or card.group == LOOSE:
            return None
        return card.group

    def _targets(self) -> list[str]:
        """The marked cards, or else the card under the cursor."""
        if self._marked:
            return [card_id for card_id in self._order if card_id in self._marked]
        card = self._selected_view()
        return [card.id] if card is not None and not card.id.startswith(PENDING) else []

    def _voter(self, doc: Workshop) -> vote_method.Voter | None:
        team = doc.team(turns.current_team_id(doc))
        return vote_method.current_voter(doc, team, self._member_id)

    # -- keys ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phases = _PHASE_ACTIONS.get(action)
        if phases is not None:
            if self.phase not in phases:
                return False
            if action in _BOARD_ACTIONS and not isinstance(self.focused, CardBoard):
                return False
            if action == "next_voter":
                return self.doc.cocreate.dots_per == "member"
            return True
        if action == "phase":
            return True
        if action in ("edit_card", "delete_card", "toggle_card_hidden"):
            if self.phase not in BOARD_PHASES:
                return False
            if action == "edit_card" and self.phase in ("name", "vote"):
                return False  # Enter names the cluster there
        if action in ("next_board", "toggle_hidden_mode", "reveal_all"):
            return self.phase in ("brainstorm", "cluster") and (
                action != "next_board")
        return super().check_action(action, parameters)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    # -- changing the document: show first, save right after the screen is drawn --------------
    def _act(self, label: str, edit: Callable[..., Any], *args: Any,
             preview: Callable[[], None] | None = None,
             then: Callable[[Any], None] | None = None) -> None:
        """Apply `edit` through the app (saved, undoable). With `preview`, the board shows
        the change first and the edit runs once the screen is drawn."""
        if preview is None:
            self._commit(label, edit, args, then)
            return
        preview()
        self._after_drawn(self._commit, label, edit, args, then)

    def _after_drawn(self, callback: Callable[..., None], *args: Any) -> None:
        """Run `callback` once the screen shows what just changed on the board.

        Textual tells the screen about a widget to repaint only when that widget next
        goes idle, which can come after the screen ran its after-refresh callbacks: the
        save would then run before the board is drawn. Telling the screen now keeps the
        order: draw, then save.
        """
        self.post_message(messages.Update(self.board_widget))
        self.call_after_refresh(self.app.deferred(callback, *args))

    def _commit(self, label: str, edit: Callable[..., Any], args: tuple[Any, ...],
                then: Callable[[Any], None] | None) -> None:
        result = self.app.edit(label, _returning(edit), *args)
        if result is None:
            self.refresh_from_doc()  # refused: take the preview back
        elif then is not None:
            then(result[0])

    def _show_sections(self, sections: list[Section], select: str | None = None) -> None:
        self._shown = sections
        self.board_widget.show(sections, select=select)

    # -- phases -------------------------------------------------------------------------------
    def action_phase(self, delta: int) -> None:
        index = PHASES.index(self.phase) + delta
        if 0 <= index < len(PHASES):
            self.go_to_phase(PHASES[index])
        else:
            self.app.bell()

    def go_to_phase(self, phase: Phase) -> None:
        if phase == self.phase:
            return

        def done(revealed: int) -> None:
            if revealed:
                self.notify(t("shell.revealed", count=revealed))

        self._marked.clear()
        self._act(t("cocreate.undo.phase", phase=t(f"cocreate.phase.{phase}")),
                  edits.set_phase, phase, then=done)

    @on(WidthChanged, "#cocreate-panel")
    def _panel_resized(self) -> None:
        if self.phase == "vote":  # only the vote tally is cut to the panel's width
            self._show_panel(self.doc)

    @on(PhaseBar.PhaseClicked)
    def _phase_clicked(self, event: PhaseBar.PhaseClicked) -> None:
        self.go_to_phase(event.phase)

    # -- focus question and settings ----------------------------------------------------------
    def action_edit_question(self) -> None:
        doc = self.doc
        value = doc.cocreate.focus_question or cocreate_method.draft_focus_question(doc)

        def done(text: str | None) -> None:
            if text is not None and text != doc.cocreate.focus_question:
                self._act(t("cocreate.undo.focus_question"), edits.set_focus_question, text)

        self.app.push_screen(TextPrompt(t("cocreate.focus.edit_title"), value), done)

    def action_draft_question(self) -> None:
        draft = cocreate_method.draft_focus_question(self.doc)
        self._act(t("cocreate.undo.focus_question"), edits.set_focus_question, draft)

    def action_pull(self) -> None:
        pending = cocreate_method.pending_sources(self.doc)
        if not pending:
            self.notify(t("cocreate.error.nothing_to_pull"), severity="warning")
            return
        counts = {kind: sum(1 for s in pending if s.kind == kind)
                  for kind in cocreate_method.SOURCE_KINDS}
        options = [("all", t("cocreate.pull.all", count=len(pending)))]
        options += [(kind, t(f"cocreate.pull.{kind}", count=count))
                    for kind, count in counts.items() if count]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            kinds = None if choice == "all" else [choice]
            self._act(t("cocreate.undo.pull"), edits.pull_sources, kinds,
                      then=lambda added: self.notify(t("cocreate.pulled", count=len(added))))

        self.app.push_screen(Choice(t("cocreate.pull.title"), options,
                                    t("cocreate.pull.hint")), chosen)

    def action_set_cap(self) -> None:
        current = self.doc.cocreate.cap_per_turn

        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            if not text or text == "0":
                self._act(t("cocreate.undo.cap"), edits.set_cap, None)
            elif not text.isdigit():
                self.notify(t("cocreate.error.cap_range", value=text), severity="warning")
            else:
                self._act(t("cocreate.undo.cap"), edits.set_cap, int(text))

        self.app.push_screen(TextPrompt(t("cocreate.cap_title"), str(current or "")), done)

    def action_turn_timer(self) -> None:
        self.app.action_turn_timer()

    def action_set_dots(self) -> None:
        current = self.doc.cocreate.dots

        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            if not text.isdigit():
                self.notify(t("cocreate.error.dots_range", value=text), severity="warning")
                return
            self._act(t("cocreate.undo.dots"), edits.set_dots, int(text))

        self.app.push_screen(TextPrompt(t("cocreate.dots_title"), str(current)), done)

    def action_toggle_dots_per(self) -> None:
        per = "member" if self.doc.cocreate.dots_per == "team" else "team"
        self._member_id = None
        self._act(t("cocreate.undo.dots_per", per=t(f"cocreate.dots_per.{per}")),
                  edits.set_dots_per, per,
                  then=lambda per: self.notify(t("cocreate.dots_per_set",
                                                 per=t(f"cocreate.dots_per.{per}"))))

    # -- brainstorm: the shared entry shows the card at once ----------------------------------
    def add_card(self, text: str, hidden: bool, entry: CardEntry) -> None:
        if self.phase != "brainstorm":
            return
        doc = self.doc
        team = doc.team(turns.current_team_id(doc))
        pending = CardView(f"{PENDING}-{len(self._order)}", text, team.name if team else "",
                           team.color if team else "", hidden, "", LOOSE)

        def preview() -> None:
            entry.accepted()
            sections = [s._replace(cards=[*s.cards, pending]) if s.key == LOOSE else s
                        for s in self._shown]
            self._show_sections(sections, select=pending.id)

        def add(doc: Workshop) -> Card:
            card = card_edits.add_card(doc, "cocreate", text, board="idea",
                                       team_id=turns.current_team_id(doc), hidden=hidden)
            self._select_next = card.id
            return card

        def added(_card: Card) -> None:
            self.app.clear_draft()
            self.app.after_card_added()

        def refused() -> None:
            if not entry.input.value:
                entry.input.value = text  # nothing typed meanwhile: give the text back

        self._act_add(t("undo.add_card", text=truncate(text, 24)), add, preview, added,
                      refused)

    def _act_add(self, label: str, add: Callable[[Workshop], Card], preview: Callable[[], None],
                 added: Callable[[Card], None], refused: Callable[[], None]) -> None:
        preview()

        def commit() -> None:
            result = self.app.edit(label, add)
            if result is None:
                refused()
                self.refresh_from_doc()
            else:
                added(result)

        self._after_drawn(commit)

    # -- clustering ---------------------------------------------------------------------------
    def _cluster_ids(self) -> list[str]:
        return [s.key for s in self._shown if s.key != LOOSE]

    def _cluster_label(self, cluster_id: str) -> str:
        doc = self.doc
        cluster = doc.cocreate.cluster(cluster_id)
        if cluster is None:
            return ""
        cards = cluster_method.cards_of(doc.cocreate, cluster.id)
        name = cluster.name or t("cocreate.unnamed_with", first=truncate(
            cards[0].text.replace("\n", " "), 30) if cards else "")
        return f"{name}  ({len(cards)})"

    def action_mark(self) -> None:
        card = self._selected_view()
        if card is None or card.id.startswith(PENDING):
            return
        self._toggle_mark(card)
        self.board_widget.action_cursor(1)

    def _toggle_mark(self, card: CardView) -> None:
        if card.id in self._marked:
            self._marked.discard(card.id)
        else:
            self._marked.add(card.id)
        marked = card.id in self._marked
        sections = [s._replace(cards=[c._replace(marked=marked) if c.id == card.id else c
                                      for c in s.cards])
                    if s.key == card.group else s for s in self._shown]
        self._show_sections(sections)
        self._show_panel(self.doc)

    @on(CardBoard.MarkClicked)
    def _mark_clicked(self, event: CardBoard.MarkClicked) -> None:
        if self.phase in ("cluster", "name"):
            self._toggle_mark(event.card)

    @on(CardBoard.SectionClicked)
    def _section_clicked(self, event: CardBoard.SectionClicked) -> None:
        """With cards marked, a click on a cluster's title moves them there."""
        if self.phase != "cluster" or not self._marked:
            return
        if event.key == LOOSE:
            self._move_back(self._targets())
        else:
            self._move(self._targets(), event.key)

    def action_pair(self) -> None:
        """Pairs first: the marked cards and the one under the cursor become a new cluster;
        with nothing marked, the card under the cursor is marked to wait for its pair."""
        card = self._selected_view()
        ids = self._targets()
        if card is not None and card.id not in ids and not card.id.startswith(PENDING):
            ids.append(card.id)
        if len(ids) < cluster_method.PAIR:
            if card is None:
                return
            if card.id not in self._marked:
                self._toggle_mark(card)
            self.notify(t("cocreate.pair_waiting"))
            return
        self._marked.clear()
        self._act(t("cocreate.undo.pair", count=len(ids)), edits.new_cluster, ids,
                  then=lambda cluster: self._after_new_cluster(cluster.id, ids[0]))

    def _after_new_cluster(self, cluster_id: str, card_id: str) -> None:
        self._last_target = cluster_id
        self.board_widget.select(card_id)

    def _move(self, ids: list[str], cluster_id: str, *, follow: bool = False) -> None:
        """Move cards into a cluster. The cursor goes with them when `follow` (carrying a
        card down the board); else it stays where it was, on the card that takes their
        place, ready for the next one."""
        if not ids:
            return
        self._last_target = cluster_id
        self._marked.difference_update(ids)
        self._act(t("cocreate.undo.move", count=len(ids)), edits.move, ids, cluster_id,
                  preview=lambda: self._preview_move(ids, cluster_id, follow))

    def _move_back(self, ids: list[str], *, follow: bool = False) -> None:
        if not ids:
            return
        self._marked.difference_update(ids)
        self._act(t("cocreate.undo.move_back", count=len(ids)), edits.move_back, ids,
                  preview=lambda: self._preview_move(ids, LOOSE, follow))

    def _preview_move(self, ids: list[str], target: str, follow: bool) -> None:
        """The board with `ids` moved into the section `target` (in the order typed)."""
        moving = set(ids)
        sources = {self._group_of.get(card_id) for card_id in ids}
        board = self.board_widget
        here = board.selected
        stay = None
        if not follow and here is not None and here.id in moving:
            # the card that takes the moved card's place: the next one left behind
            cards = board.cards
            after = [c.id for c in cards[board.cursor + 1:board.cursor + len(ids) + 60]
                     if c.id not in moving and c.group == here.group]
            before = [c.id for c in cards[max(0, board.cursor - 60):board.cursor]
                      if c.id not in moving and c.group == here.group]
            stay = after[0] if after else (before[-1] if before else None)
        taken: list[CardView] = []
        sections = []
        for section in self._shown:
            if section.key in sources and section.key != target:
                kept = []
                for card in section.cards:
                    (taken if card.id in moving else kept).append(card)
                section = section._replace(cards=kept)
            sections.append(section)
        order = self._order
        for i, section in enumerate(sections):
            if section.key == target:
                cards = list(section.cards)
                keys = [order.get(c.id, 0) for c in cards]
                for card in taken:
                    at = bisect.bisect(keys, order.get(card.id, 0))
                    keys.insert(at, order.get(card.id, 0))
                    cards.insert(at, card._replace(group=target, marked=False))
                sections[i] = section._replace(cards=cards)
        for card_id in ids:
            self._group_of[card_id] = target
        self._show_sections(sections, select=ids[0] if follow or stay is None else stay)

    def action_repeat_move(self) -> None:
        """Move the card (or the marked cards) into the cluster the last card went to."""
        target = self._last_target
        if target is None or target not in self._cluster_ids():
            self.notify(t("cocreate.no_last_target"), severity="warning")
            return
        ids = [card_id for card_id in self._targets() if self._group_of.get(card_id) != target]
        if ids:
            self._move(ids, target)

    def action_move_to(self) -> None:
        ids = self._targets()
        clusters = self._cluster_ids()
        if not ids:
            return
        if not clusters:
            self.notify(t("cocreate.pair_first_hint"), severity="warning")
            return
        options = [(key, self._cluster_label(key)) for key in clusters]

        def chosen(cluster_id: str | None) -> None:
            if cluster_id:
                self._move(ids, cluster_id)

        self.app.push_screen(ClusterPicker(t("cocreate.move_title", count=len(ids)), options,
                                           self._last_target), chosen)

    def action_carry(self, delta: int) -> None:
        """Move the card (or the marked cards) one cluster down or up the board; above the
        first cluster is the loose cards."""
        card = self._selected_view()
        ids = self._targets()
        if card is None or not ids:
            return
        keys = [s.key for s in self._shown]
        if LOOSE not in keys:
            keys.insert(0, LOOSE)
        index = keys.index(card.group) + delta if card.group in keys else 0
        if not 0 <= index < len(keys):
            self.app.bell()
            return
        target = keys[index]
        if target == LOOSE:
            self._move_back(ids, follow=True)
        else:
            self._move(ids, target, follow=True)

    def action_move_back(self) -> None:
        ids = [card_id for card_id in self._targets() if self._group_of.get(card_id) != LOOSE]
        if not ids:
            self.notify(t("cocreate.error.not_in_cluster"), severity="warning")
            return
        self._move_back(ids)

    def action_merge(self) -> None:
        source = self._selected_cluster_id()
        if source is None:
            self.notify(t("cocreate.pick_cluster_first"), severity="warning")
            return
        others = [key for key in self._cluster_ids() if key != source]
        if not others:
            self.notify(t("cocreate.nothing_to_merge"), severity="warning")
            return

        def chosen(target: str | None) -> None:
            if target:
                self._act(t("cocreate.undo.merge"), edits.merge, source, target)

        self.app.push_screen(ClusterPicker(t("cocreate.merge_title",
                                             name=self._cluster_label(source)),
                                           [(key, self._cluster_label(key)) for key in others],
                                           self._last_target), chosen)

    def action_split(self) -> None:
        cluster_id = self._selected_cluster_id()
        if cluster_id is None:
            self.notify(t("cocreate.pick_cluster_first"), severity="warning")
            return
        ids = [card_id for card_id in self._targets()
               if self._group_of.get(card_id) == cluster_id]
        if not self._marked:
            card = self._selected_view()
            ids = [card.id] if card else []
        self._marked.difference_update(ids)
        self._act(t("cocreate.undo.split", count=len(ids)), edits.split, cluster_id, ids,
                  then=lambda cluster: self._after_new_cluster(cluster.id, ids[0]))

    def action_dissolve(self) -> None:
        cluster_id = self._selected_cluster_id()
        if cluster_id is None:
            return
        self._act(t("cocreate.undo.dissolve"), edits.remove_cluster, cluster_id)

    def action_jump(self, delta: int) -> None:
        """Put the cursor on the first card of the next (or previous) cluster."""
        board = self.board_widget
        card = board.selected
        sections = [s for s in self._shown if s.cards]
        if not sections:
            return
        keys = [s.key for s in sections]
        index = keys.index(card.group) + delta if card and card.group in keys else 0
        index = max(0, min(len(sections) - 1, index))
        board.select(sections[index].cards[0].id)

    # -- naming and assigning -----------------------------------------------------------------
    def action_name_cluster(self) -> None:
        cluster_id = self._selected_cluster_id()
        if cluster_id is None:
            self.notify(t("cocreate.pick_cluster_first"), severity="warning")
            return
        doc = self.doc
        cluster = doc.cocreate.cluster(cluster_id)
        if cluster is None:
            return
        cards = [c.text for c in cluster_method.cards_of(doc.cocreate, cluster_id)]
        number = [k.id for k in doc.cocreate.clusters].index(cluster_id) + 1

        def done(name: str | None) -> None:
            if name is None or name == cluster.name:
                return
            self._act(t("cocreate.undo.name", name=truncate(name, 20)), edits.name_cluster,
                      cluster_id, name, then=lambda advice: self._after_naming(cluster_id))

        question = doc.cocreate.focus_question
        self.app.push_screen(NamePrompt(t("cocreate.name_title", number=number), question,
                                        cards, cluster.name), done)

    def action_name_here(self) -> None:
        self.action_name_cluster()

    def _after_naming(self, cluster_id: str) -> None:
        """In the name phase, go on to the next cluster still without a name."""
        if self.phase != "name":
            return
        doc = self.doc
        ids = [k.id for k in doc.cocreate.clusters]
        start = ids.index(cluster_id) + 1 if cluster_id in ids else 0
        for cluster in doc.cocreate.clusters[start:] + doc.cocreate.clusters[:start]:
            cards = cluster_method.cards_of(doc.cocreate, cluster.id)
            if not cluster.name and cards:
                self.board_widget.select(cards[0].id)
                return
        self.notify(t("cocreate.all_named"))

    def action_assign_team(self) -> None:
        cluster_id = self._selected_cluster_id()
        if cluster_id is None:
            self.notify(t("cocreate.pick_cluster_first"), severity="warning")
            return
        options = [(team.id, team.name) for team in self.doc.teams]
        options.append(("-", t("cocreate.assign_nobody")))

        def chosen(team_id: str | None) -> None:
            if team_id is None:
                return
            self._act(t("cocreate.undo.assign"), edits.assign_team, cluster_id,
                      None if team_id == "-" else team_id)

        self.app.push_screen(Choice(t("cocreate.assign_title",
                                      name=self._cluster_label(cluster_id)), options), chosen)

    # -- voting -------------------------------------------------------------------------------
    def action_vote(self) -> None:
        cluster_id = self._selected_cluster_id()
        if cluster_id is None:
            self.notify(t("cocreate.error.vote_loose"), severity="warning")
            return
        doc = self.doc
        voter = self._voter(doc)
        if voter is None:
            self.notify(t("cocreate.team_done", team=self._team_name(doc)), severity="warning")
            return
        self._member_id = voter.member_id

        def preview() -> None:
            votes = self._votes.get(cluster_id, 0) + 1
            self._votes[cluster_id] = votes
            self._retitle(cluster_id, votes)

        self._act(t("cocreate.undo.vote"), edits.vote, cluster_id, voter.team_id,
                  voter.member_id, preview=preview, then=lambda left: self._after_vote(voter))

    def action_unvote(self) -> None:
        cluster_id = self._selected_cluster_id()
        if cluster_id is None:
            return
        doc = self.doc
        team = doc.team(turns.current_team_id(doc))
        if team is None:
            return
        member = self._member_id if doc.cocreate.dots_per == "member" else None
        if doc.cocreate.dots_per == "member" and member is None:
            voter = vote_method.current_voter(doc, team) or vote_method.voters(doc, team)[0]
            member = voter.member_id

        def preview() -> None:
            votes = max(0, self._votes.get(cluster_id, 0) - 1)
            self._votes[cluster_id] = votes
            self._retitle(cluster_id, votes)

        self._act(t("cocreate.undo.unvote"), edits.unvote, cluster_id, team.id, member,
                  preview=preview)

    def _retitle(self, cluster_id: str, votes: int) -> None:
        doc = self.doc
        ids = [k.id for k in doc.cocreate.clusters]
        cluster = doc.cocreate.cluster(cluster_id)
        if cluster is None:
            return
        team = doc.team(cluster.team_id)
        title = self._cluster_title(ids.index(cluster_id) + 1, cluster.name, votes,
                                    team.name if team else "", self.phase)
        self._show_sections([s._replace(title=title) if s.key == cluster_id else s
                             for s in self._shown])

    def _team_name(self, doc: Workshop) -> str:
        team = doc.team(turns.current_team_id(doc))
        return team.name if team else ""

    def _after_vote(self, voter: vote_method.Voter) -> None:
        """Hand over when the voter's dots are used: the next member, then the next team."""
        doc = self.doc
        if vote_method.left(doc, voter):
            return
        team = doc.team(voter.team_id)
        if team is None:
            return
        nxt = vote_method.current_voter(doc, team)
        if nxt is not None:
            self._member_id = nxt.member_id
            found = doc.member(nxt.member_id)
            self.notify(t("cocreate.member_next", name=found[1].name if found else ""))
            self._show_panel(doc)
            return
        waiting = [other for other in doc.teams if vote_method.team_left(doc, other)]
        if not waiting:
            self.notify(t("cocreate.vote_over"))
            return
        nxt = _next_with_dots(doc, waiting, team.id)
        if nxt is not None:
            self.app.room(room_edits.set_turn, nxt)
        self.notify(t("cocreate.team_voted", team=team.name, next=self._team_name(self.doc)))

    def action_next_voter(self) -> None:
        doc = self.doc
        team = doc.team(turns.current_team_id(doc))
        if team is None:
            return
        members = [v.member_id for v in vote_method.voters(doc, team)
                   if vote_method.left(doc, v)]
        if not members:
            return
        current = self._voter(doc)
        index = members.index(current.member_id) if current and current.member_id in members \
            else -1
        self._member_id = members[(index + 1) % len(members)]
        self._show_panel(doc)

    # -- the model ----------------------------------------------------------------------------
    @on(StrategyModel.Picked)
    def _pillar_picked(self, event: StrategyModel.Picked) -> None:
        event.stop()

    @on(CardBoard.CursorMoved)
    def _cocreate_cursor(self, event: CardBoard.CursorMoved) -> None:
        if self.phase == "name":
            self._show_panel(self.doc)


def _next_with_dots(doc: Workshop, waiting: list[Team], after: str) -> str | None:
    """The next team (in order after `after`) that still has dots."""
    ids = [team.id for team in doc.teams]
    start = ids.index(after) if after in ids else -1
    for offset in range(1, len(ids) + 1):
        candidate = ids[(start + offset) % len(ids)]
        if any(team.id == candidate for team in waiting):
            return candidate
    return None
