"""The gaps step's screen (第二步 现状分析): six views of one step.

- **storm**: the gap card storm; classify (o/p), score (1–5, s picks which score),
  merge duplicates (m), mark key gaps (k);
- **key**: the gaps ranked (``workshop.methods.gaps.ranking``), key gaps first; confirm the
  suggestion (c), dot voting (v/u), how many key gaps (+/-), ranking method (t);
- **fishbone**: one per key gap, drawn in the terminal; causes and sub-causes by keys;
- **whys**: 5-Why chains from any gap or cause;
- **pest**, **swot** and **tows**: card lists typed in turn; PEST and SWOT as 2×2
  grids, TOWS as the cross of strengths and weaknesses with opportunities and threats,
  strategy ideas (SO, WO, ST, WT) where they meet.

Ctrl+N / Ctrl+L move between views (or click the tabs). The shared card entry types
into whatever the view is about: gaps, a bone's causes, the next why, a PEST or SWOT
list. Widgets keep ids only: every change goes through ``app.edit`` and the screen
redraws from the document.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.widgets import ContentSwitcher, Static

from workshop.edits import gaps as gap_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.gaps import ranking
from workshop.methods.gaps import whys as why_rules
from workshop.model import Workshop
from workshop.model.gaps import (
    PEST_BOARDS,
    SCORE_NAMES,
    SWOT_BOARDS,
    Bone,
    Cause,
    Fishbone,
    GapCard,
    WhyChain,
)
from workshop.text import truncate
from workshop.tui.screens.base import StepScreen, card_views
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.card_board import CardBoard, CardView, Section
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.gaps.boards import GapBoard, ListBoard
from workshop.tui.widgets.gaps.fishbone import FishboneView
from workshop.tui.widgets.gaps.fishbone_layout import FishBone, FishCause
from workshop.tui.widgets.gaps.view_bar import ViewBar
from workshop.tui.widgets.gaps.why_ladder import Ladder, WhyLadder

VIEWS = ("storm", "key", "fishbone", "whys", "pest", "swot", "tows")
NARROW = 100
"""Below this many columns the storm view hides its detail panel."""
TOWS_LAYOUT = (("corner", "S", "W"), ("O", "SO", "WO"), ("T", "ST", "WT"))


def _short(text: str, width: int = 24) -> str:
    return truncate(text.replace("\n", " "), width)


def walk(causes: list[Cause], level: int = 1):
    for cause in causes:
        yield cause, level
        yield from walk(cause.children, level + 1)


class GapsScreen(StepScreen):
    step = "gaps"

    DEFAULT_CSS = """
    GapsScreen .gaps-view { height: 1fr; }
    GapsScreen #gaps-switcher { height: 1fr; }
    GapsScreen .gaps-hint { height: auto; max-height: 3; padding: 0 1; color: $text-muted;
                            background: $surface; }
    GapsScreen .gaps-title { height: auto; max-height: 2; padding: 0 1; background: $surface;
                             text-style: bold; }
    GapsScreen .gaps-warning { color: $warning; }
    GapsScreen #storm-side { width: 34%; min-width: 30; max-width: 60;
                             border-left: vkey $panel; background: $surface; padding: 0 1; }
    GapsScreen.-narrow #storm-side { display: none; }
    GapsScreen #fish-detail { height: auto; max-height: 6; background: $boost; padding: 0 1; }
    GapsScreen #view-pest, GapsScreen #view-swot { grid-size: 2 2; grid-rows: 1fr 1fr;
                                                   grid-gutter: 0 1; }
    GapsScreen #view-tows { grid-size: 3 3; grid-columns: 1fr 2fr 2fr; grid-rows: 1fr 1fr 1fr;
                            grid-gutter: 0 1; }
    GapsScreen #tows-corner { padding: 0 1; background: $boost; height: 1fr; }
    GapsScreen ListBoard { border-top: tall $panel; }
    GapsScreen ListBoard:focus-within { border-top: tall $primary; }
    """

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next_view(1)", "Next view", id="gaps_next_view", priority=True),
        Binding("ctrl+l", "next_view(-1)", "Previous view", id="gaps_prev_view",
                priority=True, show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "storm"
        self.score_dim = "cost"
        self.merge_source: str | None = None
        self.fish_gap: str | None = None
        self.chain_id: str | None = None
        self._boards_by_view = {"pest": "pest.P", "swot": "swot.S", "tows": "swot.SO"}
        self._ranked: list[ranking.RankedGap] = []
        self._shown: dict[str, Text] = {}
        self._ranked_for: tuple[int, int] | None = None

    # -- composition ----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        self._shown = {}  # fresh panels (a language switch recomposes the screen)
        yield ViewBar(id="gaps-views")
        with ContentSwitcher(initial=f"view-{self.view}", id="gaps-switcher"):
            with Vertical(id="view-storm", classes="gaps-view"):
                yield Static(id="storm-hint", classes="gaps-hint")
                with Horizontal():
                    yield GapBoard(id="storm-board", empty_hint=t("gaps.storm.empty"))
                    with VerticalScroll(id="storm-side"):
                        yield Static(id="storm-detail")
            with Vertical(id="view-key", classes="gaps-view"):
                yield Static(id="key-hint", classes="gaps-hint")
                yield GapBoard(id="key-board", empty_hint=t("gaps.key.empty"))
            with Vertical(id="view-fishbone", classes="gaps-view"):
                yield Static(id="fish-title", classes="gaps-title")
                yield FishboneView(id="fishbone")
                yield Static(id="fish-detail")
            with Vertical(id="view-whys", classes="gaps-view"):
                yield Static(id="why-title", classes="gaps-title")
                yield WhyLadder(id="why-ladder")
            with Grid(id="view-pest", classes="gaps-view"):
                for board in PEST_BOARDS:
                    yield ListBoard(f"pest.{board}", id=f"pest-{board}",
                                    empty_hint=t("shell.board_hint"))
            with Grid(id="view-swot", classes="gaps-view"):
                for board in SWOT_BOARDS:
                    yield ListBoard(f"swot.{board}", id=f"swot-{board}",
                                    empty_hint=t("shell.board_hint"))
            with Grid(id="view-tows", classes="gaps-view"):
                for row in TOWS_LAYOUT:
                    for board in row:
                        if board == "corner":
                            yield Static(t("gaps.swot.corner"), id="tows-corner")
                        else:
                            yield ListBoard(f"swot.{board}", id=f"tows-{board}",
                                            empty_hint=t("shell.board_hint"))

    def focus_default(self) -> None:
        if self.view in ("storm", "pest", "swot", "tows"):
            super().focus_default()
        elif self.view == "key":
            self.query_one("#key-board", CardBoard).focus()
        elif self.view == "fishbone":
            self.query_one(FishboneView).focus()
        elif self.view == "whys":
            self.query_one(WhyLadder).focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # -- views ----------------------------------------------------------------------------
    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            return
        self._cancel_merge(quiet=True)
        self.view = view
        self.query_one("#gaps-switcher", ContentSwitcher).current = f"view-{view}"
        self.board = self._boards_by_view.get(view, "storm")
        self.refresh_from_doc()
        self.focus_default()
        self.refresh_bindings()

    def action_next_view(self, delta: int) -> None:
        self.set_view(VIEWS[(VIEWS.index(self.view) + delta) % len(VIEWS)])

    @on(ViewBar.Chosen)
    def _view_chosen(self, event: ViewBar.Chosen) -> None:
        self.set_view(event.view)

    def action_next_board(self) -> None:
        """Ctrl+B: the next list of this view (PEST, SWOT), the next bone on the fishbone."""
        if self.view in ("pest", "swot", "tows"):
            boards = self._visible_list_boards()
            keys = [b.board_key for b in boards]
            index = keys.index(self.board) if self.board in keys else -1
            target = boards[(index + 1) % len(boards)]
            target.focus()
            self._use_board(target.board_key)
        elif self.view == "fishbone":
            self.query_one(FishboneView).action_move(1, 0)

    def _visible_list_boards(self) -> list[ListBoard]:
        if self.view == "pest":
            return [self.query_one(f"#pest-{b}", ListBoard) for b in PEST_BOARDS]
        if self.view == "tows":
            order = ("SO", "WO", "ST", "WT", "S", "W", "O", "T")  # strategies first
            return [self.query_one(f"#tows-{b}", ListBoard) for b in order]
        if self.view == "swot":
            return [self.query_one(f"#swot-{b}", ListBoard) for b in SWOT_BOARDS]
        return []

    def _use_board(self, board: str) -> None:
        if board != self.board:
            self.board = board
            self._boards_by_view[self.view] = board
            self.refresh_from_doc()

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, ListBoard):
            self._use_board(widget.board_key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("key_count", "toggle_ranking", "confirm_keys"):
            return self.view == "key"
        if action in ("edit_card", "delete_card", "toggle_card_hidden") and self.view in (
                "fishbone", "whys"):
            return False
        return super().check_action(action, parameters)

    # -- redrawing ------------------------------------------------------------------------
    def refresh_from_doc(self, *, select: str | None = None) -> None:
        super().refresh_from_doc(select=select)
        target = self._entry_target()
        if not self.has_entry:
            return
        entry = self.query_one(CardEntry)
        placeholder = t({"fishbone": "gaps.entry.cause_placeholder",
                         "whys": "gaps.entry.why_placeholder"}.get(self.view,
                                                                   "shell.entry_placeholder"))
        if entry.input.placeholder != placeholder:
            entry.input.placeholder = placeholder
        if target is not None:
            team = self.doc.team(turns.current_team_id(self.doc))
            entry.show_who(team.name if team else "", team.color if team else "#888888", target,
                           False)

    def _entry_target(self) -> str | None:
        """Where typing goes in the fishbone and 5-Why views (None: a card board)."""
        if self.view == "fishbone":
            fish = self._fish()
            bone = self._fish_bone(fish) if fish else None
            return t("gaps.entry.cause", bone=bone.label) if bone else t("gaps.entry.no_bone")
        if self.view == "whys":
            chain = self._chain()
            if chain is None:
                return t("gaps.entry.new_chain")
            return t("gaps.entry.why", n=len(chain.links) + 1)
        return None

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        self._show_view_bar()
        self._refresh_view(doc, select)

    def _set(self, selector: str, content: Text) -> None:
        """Update a text panel only when its content changed: an update re-lays out the
        screen, which is most of a keystroke's cost with hundreds of cards."""
        if self._shown.get(selector) == content:
            return
        self._shown[selector] = content
        self.query_one(selector, Static).update(content)

    def _show_view_bar(self) -> None:
        keys = t("gaps.view.keys_lists" if self.view in ("pest", "swot", "tows")
                 else "gaps.view.keys")
        self.query_one(ViewBar).show([(v, t(f"gaps.view.{v}")) for v in VIEWS], self.view, keys)

    def _refresh_view(self, doc: Workshop, select: str | None) -> None:
        if self.view == "storm":
            self._show_storm(doc, select)
        elif self.view == "key":
            self._show_key(doc, select)
        elif self.view == "fishbone":
            self._show_fishbone(doc)
        elif self.view == "whys":
            self._show_whys(doc)
        else:
            self._show_lists(doc, select)

    def spotlight_card(self) -> CardView | None:
        """The selected gap, card, cause or answer."""
        spot: CardView | None = None
        if self.view == "fishbone":
            fish = self._fish()
            found = self._fish_cause(fish) if fish else None
            if found is not None:
                spot = CardView(id=found[1].id, text=found[1].text, team=found[0].label)
        elif self.view == "whys":
            found_why = self._why_selected()
            if found_why is not None:
                chain, index = found_why
                if index is None:
                    spot = CardView(id=chain.id, text=chain.problem,
                                    team=t("gaps.why.problem"))
                else:
                    spot = CardView(id=chain.links[index].id, text=chain.links[index].text,
                                    team=t("gaps.why.label", n=index + 1))
        else:
            focused = self.focused
            if isinstance(focused, CardBoard):
                board: CardBoard = focused
            elif self.view in ("pest", "swot", "tows"):
                boards = self._visible_list_boards()
                board = next((b for b in boards if b.board_key == self.board), boards[0])
            else:
                board = self.query_one(f"#{self.view}-board", CardBoard)
            spot = board.selected or (board.cards[-1] if board.cards else None)
        return spot

    # -- storm and key views --------------------------------------------------------------
    def _badge_words(self) -> dict[str, str]:
        """The badge's words in the current language, looked up once per redraw."""
        return {"opportunity": t("gaps.badge.opportunity"),
                "performance": t("gaps.badge.performance"),
                None: t("gaps.badge.unclassified"), "key": t("gaps.badge.key"),
                "suggested": t("gaps.badge.suggested"), "merging": t("gaps.badge.merging"),
                "urgency": t("gaps.badge.urgency", n="{n}")}  # type: ignore[dict-item]

    def _badge(self, words: dict, card: GapCard, score: int | None,
               suggested: bool = False) -> str:
        """``业绩 · 4×5=20 · 急3 · ●2 · ★关键``: kind, cost × strategic = score, urgency,
        dots, key."""
        cost = "?" if card.cost is None else card.cost
        strategic = "?" if card.strategic is None else card.strategic
        parts = [words[card.kind],
                 f"{cost}×{strategic}" if score is None else f"{cost}×{strategic}={score}"]
        if card.urgency is not None:
            parts.append(words["urgency"].replace("{n}", str(card.urgency)))
        if card.votes:
            parts.append(f"●{len(card.votes)}")
        if card.key:
            parts.append(words["key"])
        elif suggested:
            parts.append(words["suggested"])
        if card.id == self.merge_source:
            parts.append(words["merging"])
        return " · ".join(parts)

    def _gap_view(self, teams: dict, card: GapCard, badge: str, prefix: str = "") -> CardView:
        team = teams.get(card.team_id)
        if card.authors:
            names = [n for n in dict.fromkeys(
                teams[a].name for a in [card.team_id, *(x.team_id for x in card.authors)]
                if a in teams)]
        else:
            names = [team.name] if team else []
        text = prefix + card.text + "".join(f"\n＋ {m}" for m in card.merged_texts)
        return CardView(id=card.id, text=text, team="+".join(names),
                        color=team.color if team else "", hidden=card.hidden, badge=badge,
                        group="storm")

    def _ranking(self, doc: Workshop) -> list[ranking.RankedGap]:
        """The ranking of this revision of the document (computed once per change)."""
        key = (id(doc), self.app.revision)
        if self._ranked_for != key:
            self._ranked = ranking.ranking(doc)
            self._ranked_for = key
        return self._ranked

    def _show_storm(self, doc: Workshop, select: str | None) -> None:
        rows = {row.id: row for row in self._ranking(doc)}
        teams = {team.id: team for team in doc.teams}
        words = self._badge_words()
        views = [self._gap_view(teams, card, self._badge(words, card, rows[card.id].score))
                 for card in doc.gaps.cards]
        board = self.query_one("#storm-board", GapBoard)
        board.show([Section("storm", t("board.storm"), views, t("shell.board_hint"))],
                   select=select)
        self._storm_hint()
        self._storm_detail(board.selected.id if board.selected else None)

    def _storm_hint(self) -> None:
        names = [t(f"gaps.score.{n}") for n in SCORE_NAMES]
        current = t(f"gaps.score.{self.score_dim}")
        text = Text(no_wrap=False)
        text.append(t("gaps.storm.scoring") + " ")
        for name, label in zip(SCORE_NAMES, names, strict=True):
            text.append(f" {label} ", style="bold reverse" if name == self.score_dim else "")
        text.append("  " + t("gaps.storm.keys", score=current))
        self._set("#storm-hint", text)

    def _storm_detail(self, card_id: str | None) -> None:
        card = self._gap(card_id)
        if card is None:
            self._set("#storm-detail", Text(t("gaps.storm.detail_empty"), style="italic"))
            return
        doc = self.doc
        row = next((r for r in self._ranking(doc) if r.id == card.id), None)
        text = Text()
        text.append(card.text + "\n", style="bold")
        for merged in card.merged_texts:
            text.append(f"＋ {merged}\n")
        text.append("\n")
        kind = t(f"gap_kind.{card.kind}") if card.kind else t("gaps.badge.unclassified")
        text.append(t("gaps.detail.kind", kind=kind) + "\n")
        for name in SCORE_NAMES:
            value = getattr(card, name)
            text.append(t("gaps.detail.score", name=t(f"gaps.score.{name}"),
                          value="—" if value is None else value) + "\n")
        if row is not None:
            score = "—" if row.score is None else row.score
            text.append(t("gaps.detail.rank", rank=row.rank, score=score) + "\n")
        text.append(t("gaps.detail.votes", votes=len(card.votes)) + "\n")
        text.append(t("gaps.detail.authors", teams=t("word.list_sep").join(
            ranking.authors(doc, card)) or "—") + "\n")
        if card.key:
            text.append(t("gaps.detail.is_key") + "\n", style="bold")
        fish = ranking.fishbone_of(doc, card.id)
        if fish is not None:
            count = sum(1 for b in fish.bones for _ in walk(b.causes))
            text.append(t("gaps.detail.fishbone", causes=count) + "\n")
        self._set("#storm-detail", text)

    def _show_key(self, doc: Workshop, select: str | None) -> None:
        rows = self._ranking(doc)
        teams = {team.id: team for team in doc.teams}
        words = self._badge_words()
        keys = [r for r in rows if r.card.key]
        rest = [r for r in rows if not r.card.key]

        def view(r: ranking.RankedGap) -> CardView:
            rank = f"{r.rank}{'=' if r.tied else ''}. "
            return self._gap_view(teams, r.card, self._badge(words, r.card, r.score, r.suggested),
                                  rank)

        board = self.query_one("#key-board", GapBoard)
        board.show([
            Section("key", t("gaps.key.confirmed", target=doc.gaps.key_count),
                    [view(r) for r in keys], t("gaps.key.none_yet")),
            Section("rest", t("gaps.key.ranked"), [view(r) for r in rest], ""),
        ], select=select)
        team = doc.team(turns.current_team_id(doc))
        dots = (doc.gaps.dots - ranking.dots_used(doc, team.id)) if team else 0
        text = Text()
        text.append(t(f"gaps.method.{doc.gaps.ranking}") + "\n", style="bold")
        text.append(t("gaps.key.keys", count=doc.gaps.key_count,
                      team=team.name if team else "—", dots=dots))
        if ranking.tie_at_cut(rows):
            text.append("  " + t("gaps.key.tie"), style="bold")
        self._set("#key-hint", text)

    @on(CardBoard.CursorMoved)
    def _board_cursor(self, event: CardBoard.CursorMoved) -> None:
        # Several boards are on screen at once: only the focused one says where typing
        # goes, so the base screen's rule (follow any board's cursor) stops here.
        event.prevent_default()
        board = event.board
        if isinstance(board, ListBoard):
            if board.has_focus:
                self._use_board(board.board_key)
        elif board.id == "storm-board":
            self._storm_detail(event.card.id if event.card else None)
        self._update_spotlight()

    # -- actions on gaps ------------------------------------------------------------------
    def _gap(self, gap_id: str | None) -> GapCard | None:
        if gap_id is None:
            return None
        return next((c for c in self.doc.gaps.cards if c.id == gap_id), None)

    def _selected_gap(self) -> GapCard | None:
        focused = self.focused
        if isinstance(focused, GapBoard) and focused.selected is not None:
            return self._gap(focused.selected.id)
        return None

    def _need_gap(self) -> GapCard | None:
        card = self._selected_gap()
        if card is None:
            self.app.bell()
            self.notify(t("gaps.storm.pick_a_gap"))
        return card

    def action_gap_kind(self, kind: str) -> None:
        card = self._need_gap()
        if card is None:
            return
        new = None if card.kind == kind else kind
        label = t("gaps.undo.classify", text=_short(card.text),
                  kind=t(f"gap_kind.{new}") if new else t("gaps.badge.unclassified"))
        self.app.edit(label, gap_edits.classify, card.id, new)

    def action_gap_score(self, value: int) -> None:
        card = self._need_gap()
        if card is None:
            return
        name = self.score_dim
        label = t("gaps.undo.score", text=_short(card.text), name=t(f"gaps.score.{name}"),
                  value=value or "—")
        if self.app.edit(label, gap_edits.set_score, card.id, name, value or None) is None:
            return
        if not value:
            return
        # cost, then strategic impact, then on to the next card: scoring at typing speed
        if name == "cost":
            self.score_dim = "strategic"
        elif name == "strategic":
            self.score_dim = "cost"
            self._next_card()
        else:
            self._next_card()
        self._storm_hint()

    def _next_card(self) -> None:
        focused = self.focused
        if isinstance(focused, CardBoard):
            focused.action_cursor(1)

    def action_score_dimension(self) -> None:
        self.score_dim = SCORE_NAMES[(SCORE_NAMES.index(self.score_dim) + 1) % len(SCORE_NAMES)]
        self._storm_hint()
        self.notify(t("gaps.storm.now_scoring", score=t(f"gaps.score.{self.score_dim}")),
                    timeout=2)

    def action_toggle_key(self) -> None:
        card = self._need_gap()
        if card is None:
            return
        key = "gaps.undo.key_on" if not card.key else "gaps.undo.key_off"
        self.app.edit(t(key, text=_short(card.text)), gap_edits.set_key, card.id, not card.key)

    def action_confirm_keys(self) -> None:
        ids = ranking.suggested_key_ids(self.doc)
        if not ids:
            self.app.bell()
            self.notify(t("gaps.edit.nothing_to_confirm"), severity="warning")
            return
        if self.app.edit(t("gaps.undo.confirm", count=len(ids)), gap_edits.confirm_key_gaps,
                         ids) is not None:
            self.notify(t("gaps.key.confirmed_notice", count=len(ids)))

    def action_key_count(self, delta: int) -> None:
        count = self.doc.gaps.key_count + delta
        if not 1 <= count <= 20:
            self.app.bell()
            return
        self.app.edit(t("gaps.undo.key_count", count=count), gap_edits.set_key_count, count)

    def action_toggle_ranking(self) -> None:
        method = "votes" if self.doc.gaps.ranking == "score" else "score"
        if self.app.edit(t("gaps.undo.ranking", method=t(f"gaps.method_short.{method}")),
                         gap_edits.set_ranking, method) is not None:
            self.notify(t(f"gaps.method.{method}"))

    def action_vote(self, delta: int) -> None:
        card = self._need_gap()
        if card is None:
            return
        team_id = turns.current_team_id(self.doc)
        team = self.doc.team(team_id)
        edit = gap_edits.vote if delta > 0 else gap_edits.unvote
        label = t("gaps.undo.vote" if delta > 0 else "gaps.undo.unvote",
                  team=team.name if team else "", text=_short(card.text))
        left = self.app.edit(label, edit, card.id, team_id)
        if left is not None and team is not None:
            self.notify(t("gaps.key.dots_left", team=team.name, dots=left), timeout=2)

    def action_merge(self) -> None:
        card = self._need_gap()
        if card is None:
            return
        if self.merge_source is None:
            self.merge_source = card.id
            self.notify(t("gaps.merge.pick_target", text=_short(card.text)), timeout=6)
            self._refresh_view(self.doc, None)
            return
        source = self._gap(self.merge_source)
        if source is None or source.id == card.id:
            self._cancel_merge()
            return
        self.merge_source = None
        label = t("gaps.undo.merge", source=_short(source.text), target=_short(card.text))
        if self.app.edit(label, gap_edits.merge_gaps, card.id, source.id) is not None:
            self.notify(t("gaps.merge.done", text=_short(card.text)))
        else:
            self._refresh_view(self.doc, None)

    def _cancel_merge(self, quiet: bool = False) -> None:
        if self.merge_source is None:
            return
        self.merge_source = None
        if not quiet:
            self.notify(t("gaps.merge.cancelled"), timeout=2)
            self._refresh_view(self.doc, None)

    def action_focus_entry(self) -> None:
        if self.merge_source is not None:
            self._cancel_merge()
            return
        self.query_one(CardEntry).input.focus()

    def action_open_fishbone(self) -> None:
        card = self._need_gap()
        if card is None:
            return
        if self.app.edit(t("gaps.undo.fishbone", text=_short(card.text)),
                         gap_edits.ensure_fishbone, card.id) is not None:
            self.fish_gap = card.id
            self.set_view("fishbone")

    def action_open_why(self) -> None:
        card = self._need_gap()
        if card is None:
            return
        self._open_chain(lambda doc: gap_edits.start_chain(
            doc, gap_id=card.id, team_id=turns.current_team_id(doc)), card.text)

    def action_delete_card(self) -> None:
        """Deleting a gap takes its fishbone and chains with it (Ctrl+Z brings them back)."""
        if self.view not in ("storm", "key"):
            super().action_delete_card()
            return
        card = self._selected_gap()
        if card is None:
            super().action_delete_card()
            return
        result = self.app.edit(t("undo.delete_card", text=_short(card.text)),
                               gap_edits.delete_gap, card.id)
        if result is not None:
            _card, gone = result
            self.notify(t("gaps.storm.deleted_with", count=gone) if gone
                        else t("shell.deleted_hint"))

    # -- the card entry -------------------------------------------------------------------
    def add_card(self, text: str, hidden: bool, entry: CardEntry) -> None:
        if self.view == "fishbone":
            if self._fish_add_text(text):
                entry.accepted()
                self.app.clear_draft()
            return
        if self.view == "whys":
            if self._why_add_text(text):
                entry.accepted()
                self.app.clear_draft()
            return
        super().add_card(text, hidden, entry)

    def _show_lists(self, doc: Workshop, select: str | None) -> None:
        boards = self._visible_list_boards()
        for board in boards:
            key = board.board_key
            board.show([Section(key, t(f"board.{key}"), card_views(doc, "gaps", key),
                                t("shell.board_hint"))], select=select)
            board.current_section = key if key == self.board else ""

    # -- fishbone -------------------------------------------------------------------------
    def _fishbones(self) -> list[tuple[GapCard, Fishbone]]:
        """Fishbones to show: key gaps' in ranking order, then others that have causes."""
        doc = self.doc
        out = []
        for row in self._ranking(doc):
            fish = ranking.fishbone_of(doc, row.id)
            if fish is not None and (row.card.key or any(b.causes for b in fish.bones)
                                     or row.id == self.fish_gap):
                out.append((row.card, fish))
        out.sort(key=lambda pair: not pair[0].key)
        return out

    def _fish(self) -> Fishbone | None:
        fishbones = self._fishbones()
        if not fishbones:
            return None
        found = next((f for card, f in fishbones if card.id == self.fish_gap), None)
        if found is None:
            self.fish_gap = fishbones[0][0].id
            found = fishbones[0][1]
        return found

    def _fish_bone(self, fish: Fishbone) -> Bone | None:
        """The bone the cursor is on (or the bone of the cause it is on)."""
        key = self.query_one(FishboneView).selected
        if key is None:
            return fish.bones[0] if fish.bones else None
        kind, ident = key
        for bone in fish.bones:
            if kind == "bone" and bone.id == ident:
                return bone
            if kind == "cause" and any(c.id == ident for c, _ in walk(bone.causes)):
                return bone
        return fish.bones[0] if fish.bones else None

    def _fish_cause(self, fish: Fishbone) -> tuple[Bone, Cause, int] | None:
        key = self.query_one(FishboneView).selected
        if key is None or key[0] != "cause":
            return None
        for bone in fish.bones:
            for cause, level in walk(bone.causes):
                if cause.id == key[1]:
                    return bone, cause, level
        return None

    def _show_fishbone(self, doc: Workshop, select: tuple[str, str] | None = None) -> None:
        canvas = self.query_one(FishboneView)
        fish = self._fish()
        if fish is None:
            self._set("#fish-title", Text(t("gaps.fish.none_title"), style="bold"))
            canvas.show("", [], root_tag=t("gaps.fish.root_tag"), hint="")
            self._set("#fish-detail", Text(t("gaps.fish.none")))
            return
        fishbones = self._fishbones()
        index = next(i for i, (card, _) in enumerate(fishbones) if card.id == fish.gap_id)
        card = fishbones[index][0]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(t("gaps.fish.title", n=index + 1, total=len(fishbones)) + " ",
                    style="bold")
        if card.key:
            text.append(t("gaps.badge.key") + " ", style="bold")
        text.append(card.text.replace("\n", " "))
        self._set("#fish-title", text)
        bones = [FishBone(bone.id, bone.label, [FishCause(c.id, c.text, level, c.root)
                                                for c, level in walk(bone.causes)])
                 for bone in fish.bones]
        canvas.show(card.text, bones, root_tag=t("gaps.fish.root_tag"),
                    hint=t("gaps.fish.empty_bone"), select=select)
        self._fish_detail()

    def _fish_detail(self) -> None:
        fish = self._fish()
        if fish is None:
            return
        text = Text()
        found = self._fish_cause(fish)
        if found is None:
            bone = self._fish_bone(fish)
            if bone is None:
                text.append(t("gaps.fish.no_bones"))
            else:
                count = sum(1 for _ in walk(bone.causes))
                text.append(bone.label, style="bold")
                text.append("  " + t("gaps.fish.bone_detail", count=count))
                text.append("\n" + t("gaps.fish.keys"), style="italic")
            self._set("#fish-detail", text)
            return
        bone, cause, level = found
        path = t("gaps.fish.level", level=level)
        text.append(f"{bone.label} › {path}", style="bold")
        if cause.root:
            text.append("  " + t("gaps.fish.is_root"), style="bold reverse")
        if cause.children:
            text.append("  " + t("gaps.fish.subs", count=len(cause.children)))
        chain = gap_edits.find_chain(self.doc, cause_id=cause.id)
        if chain is not None:
            text.append("  " + t("gaps.fish.has_chain", depth=len(chain.links)))
        team = self.doc.team(cause.team_id)
        if team:
            text.append(f"  {team.name}", style=f"bold {team.color}")
        text.append("\n" + cause.text)
        self._set("#fish-detail", text)

    @on(FishboneView.Moved)
    def _fish_moved(self, event: FishboneView.Moved) -> None:
        if self.view != "fishbone":
            return
        self._fish_detail()
        self._update_spotlight()
        target = self._entry_target()
        if target is not None:
            team = self.doc.team(turns.current_team_id(self.doc))
            self.query_one(CardEntry).show_who(team.name if team else "",
                                               team.color if team else "#888888", target,
                                               False)

    def _need_fish(self) -> Fishbone | None:
        fish = self._fish()
        if fish is None:
            self.app.bell()
            self.notify(t("gaps.fish.none"), timeout=4)
        return fish

    def _need_fish_cause(self) -> tuple[Fishbone, tuple[Bone, Cause, int]] | None:
        """The fishbone and its selected cause; a bell and a hint when there is none."""
        fish = self._need_fish()
        if fish is None:
            return None
        found = self._fish_cause(fish)
        if found is None:
            self.app.bell()
            self.notify(t("gaps.fish.pick_cause"))
            return None
        return fish, found

    def _select_fish(self, key: tuple[str, str]) -> None:
        self.query_one(FishboneView).select(key)

    def _fish_add_text(self, text: str, parent_id: str | None = None) -> bool:
        fish = self._need_fish()
        if fish is None:
            return False
        bone = self._fish_bone(fish)
        if bone is None:
            self.app.bell()
            self.notify(t("gaps.fish.no_bones"))
            return False
        fish_id, bone_id = fish.id, bone.id
        team = turns.current_team_id(self.doc)
        label = t("gaps.undo.add_cause", text=_short(text), bone=bone.label)
        cause = self.app.edit(label, gap_edits.add_cause, fish_id, bone_id, text,
                              parent_id=parent_id, team_id=team)
        if cause is None:
            return False
        self._select_fish(("cause", cause.id))
        return True

    def action_fish_add(self) -> None:
        fish = self._need_fish()
        if fish is None:
            return
        bone = self._fish_bone(fish)
        if bone is None:
            self.notify(t("gaps.fish.no_bones"))
            return

        def done(text: str | None) -> None:
            if text and text.strip():
                self._fish_add_text(text)

        self.app.push_screen(TextPrompt(t("gaps.fish.add_title", bone=bone.label)), done)

    def action_fish_sub(self) -> None:
        picked = self._need_fish_cause()
        if picked is None:
            return
        _fish, (_bone, cause, _level) = picked

        def done(text: str | None) -> None:
            if text and text.strip():
                self._fish_add_text(text, parent_id=cause.id)

        self.app.push_screen(TextPrompt(t("gaps.fish.sub_title", cause=_short(cause.text, 30))),
                             done)

    def action_fish_edit(self) -> None:
        fish = self._need_fish()
        if fish is None:
            return
        found = self._fish_cause(fish)
        fish_id = fish.id
        if found is not None:
            cause = found[1]

            def done(text: str | None) -> None:
                if text is not None and text != cause.text:
                    self.app.edit(t("gaps.undo.edit_cause", text=_short(text)),
                                  gap_edits.edit_cause, fish_id, cause.id, text)

            self.app.push_screen(TextPrompt(t("gaps.fish.edit_title"), cause.text), done)
            return
        bone = self._fish_bone(fish)
        if bone is None:
            return

        def renamed(text: str | None) -> None:
            if text is not None and text != bone.label:
                self.app.edit(t("gaps.undo.rename_bone", text=_short(text)),
                              gap_edits.rename_bone, fish_id, bone.id, text)

        self.app.push_screen(TextPrompt(t("gaps.fish.rename_title"), bone.label), renamed)

    def action_fish_delete(self) -> None:
        fish = self._need_fish()
        if fish is None:
            return
        found = self._fish_cause(fish)
        if found is not None:
            cause = found[1]
            if self.app.edit(t("gaps.undo.delete_cause", text=_short(cause.text)),
                             gap_edits.delete_cause, fish.id, cause.id) is not None:
                self.notify(t("shell.deleted_hint"), timeout=3)
            return
        bone = self._fish_bone(fish)
        if bone is not None and self.app.edit(t("gaps.undo.delete_bone", text=bone.label),
                                              gap_edits.delete_bone, fish.id,
                                              bone.id) is not None:
            self.notify(t("shell.deleted_hint"), timeout=3)

    def action_fish_root(self) -> None:
        picked = self._need_fish_cause()
        if picked is None:
            return
        fish, (_bone, cause, _level) = picked
        key = "gaps.undo.root_off" if cause.root else "gaps.undo.root_on"
        self.app.edit(t(key, text=_short(cause.text)), gap_edits.set_root, fish.id, cause.id,
                      not cause.root)

    def action_fish_move(self) -> None:
        picked = self._need_fish_cause()
        if picked is None:
            return
        fish, (bone, cause, _level) = picked
        fish_id = fish.id
        options = [(b.id, b.label) for b in fish.bones if b.id != bone.id]

        def chosen(bone_id: str | None) -> None:
            if bone_id:
                target = next((b.label for b in fish.bones if b.id == bone_id), "")
                self.app.edit(t("gaps.undo.move_cause", text=_short(cause.text), bone=target),
                              gap_edits.move_cause, fish_id, cause.id, bone_id)
                self._select_fish(("cause", cause.id))

        self.app.push_screen(Choice(t("gaps.fish.move_title", cause=_short(cause.text, 30)),
                                    options), chosen)

    def action_fish_shift(self, delta: int) -> None:
        """Move the cause to the bone beside its own (same side of the spine)."""
        fish = self._need_fish()
        if fish is None:
            return
        found = self._fish_cause(fish)
        if found is None:
            self.app.bell()
            return
        bone, cause, _level = found
        index = fish.bones.index(bone)
        top = -(-len(fish.bones) // 2)
        target = index + delta
        same_side = (index < top) == (target < top) and 0 <= target < len(fish.bones)
        if not same_side:
            self.app.bell()
            return
        label = t("gaps.undo.move_cause", text=_short(cause.text),
                  bone=fish.bones[target].label)
        if self.app.edit(label, gap_edits.move_cause, fish.id, cause.id,
                         fish.bones[target].id) is not None:
            self._select_fish(("cause", cause.id))

    def _fish_structure(self, edit, *args) -> None:
        fish = self._need_fish()
        if fish is None:
            return
        found = self._fish_cause(fish)
        if found is None:
            self.app.bell()
            return
        cause = found[1]
        if self.app.edit(t("gaps.undo.arrange", text=_short(cause.text)), edit, fish.id,
                         cause.id, *args) is not None:
            self._select_fish(("cause", cause.id))

    def action_fish_order(self, delta: int) -> None:
        self._fish_structure(gap_edits.shift_cause, delta)

    def action_fish_demote(self) -> None:
        self._fish_structure(gap_edits.demote_cause)

    def action_fish_promote(self) -> None:
        self._fish_structure(gap_edits.promote_cause)

    def action_fish_add_bone(self) -> None:
        fish = self._need_fish()
        if fish is None:
            return
        fish_id = fish.id

        def done(text: str | None) -> None:
            if text and text.strip():
                bone = self.app.edit(t("gaps.undo.add_bone", text=_short(text)),
                                     gap_edits.add_bone, fish_id, text)
                if bone is not None:
                    self._select_fish(("bone", bone.id))

        self.app.push_screen(TextPrompt(t("gaps.fish.bone_title")), done)

    def action_fish_why(self) -> None:
        picked = self._need_fish_cause()
        if picked is None:
            return
        _fish, (_bone, cause, _level) = picked
        self._open_chain(lambda doc: gap_edits.start_chain(
            doc, cause_id=cause.id, team_id=turns.current_team_id(doc)), cause.text)

    def action_fish_switch(self, delta: int) -> None:
        fishbones = self._fishbones()
        if len(fishbones) < 2:
            self.app.bell()
            return
        ids = [card.id for card, _ in fishbones]
        index = ids.index(self.fish_gap) if self.fish_gap in ids else 0
        self.fish_gap = ids[(index + delta) % len(ids)]
        self.query_one(FishboneView).selected = None
        self.refresh_from_doc()

    def action_fish_list(self) -> None:
        fishbones = self._fishbones()
        if not fishbones:
            self.app.bell()
            return
        options = [(card.id, f"{i}. {_short(card.text, 60)}")
                   for i, (card, _) in enumerate(fishbones, 1)]

        def chosen(gap_id: str | None) -> None:
            if gap_id:
                self.fish_gap = gap_id
                self.query_one(FishboneView).selected = None
                self.refresh_from_doc()

        self.app.push_screen(Choice(t("gaps.fish.list_title"), options), chosen)

    # -- 5-Why ----------------------------------------------------------------------------
    def _chain(self) -> WhyChain | None:
        whys = self.doc.gaps.whys
        if not whys:
            self.chain_id = None
            return None
        found = next((c for c in whys if c.id == self.chain_id), None)
        if found is None:
            found = whys[-1]
            self.chain_id = found.id
        return found

    def _open_chain(self, edit, text: str) -> None:
        chain = self.app.edit(t("gaps.undo.chain", text=_short(text)), edit)
        if chain is not None:
            self.chain_id = chain.id
            self.set_view("whys")
            if not chain.links:  # a new chain: the room answers the first why next
                self.query_one(CardEntry).input.focus()

    def _origin(self, chain: WhyChain) -> str:
        doc = self.doc
        gap = self._gap(chain.gap_id)
        if chain.cause_id and chain.gap_id:
            fish = ranking.fishbone_of(doc, chain.gap_id)
            for bone in fish.bones if fish else []:
                if any(c.id == chain.cause_id for c, _ in walk(bone.causes)):
                    return t("gaps.why.from_cause", bone=bone.label,
                             gap=_short(gap.text, 30) if gap else "")
        if gap is not None and gap.text != chain.problem:
            return t("gaps.why.from_gap", gap=_short(gap.text, 40))
        return ""

    def _show_whys(self, doc: Workshop, select: tuple[str, str] | None = None) -> None:
        ladder = self.query_one(WhyLadder)
        chain = self._chain()
        if chain is None:
            self._set("#why-title", Text(t("gaps.why.none_title"), style="bold"))
            ladder.show(None, empty_text=t("gaps.why.none"))
            return
        index = doc.gaps.whys.index(chain)
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(t("gaps.why.title", n=index + 1, total=len(doc.gaps.whys)) + " ",
                    style="bold")
        head.append(t(f"gaps.why.state.{why_rules.state(chain)}"),
                    style="bold reverse" if why_rules.needs_reason(chain) else "")
        self._set("#why-title", head)
        progress = why_rules.progress(chain)
        meter = "●" * min(progress.depth, progress.target) + "○" * max(
            0, progress.target - progress.depth)
        footer = [(t("gaps.why.depth", meter=meter, depth=progress.depth,
                     target=progress.target), "meter")]
        if progress.past_target:
            footer.append((t("gaps.why.past_five"), "hint"))
        if progress.root is not None:
            footer.append((t("gaps.why.root_at", n=progress.root), "meter"))
        if why_rules.needs_reason(chain):
            footer.append((t("gaps.why.reason_needed", depth=progress.root), "warning"))
        elif chain.stop_reason and why_rules.stopped_early(chain):
            footer.append((t("gaps.why.reason", reason=chain.stop_reason), "hint"))
        footer.append((t("gaps.why.keys"), "hint"))
        links = [(link.id, t("gaps.why.label", n=i), link.text)
                 for i, link in enumerate(chain.links, 1)]
        ladder.show(Ladder(
            chain_id=chain.id, problem_label=t("gaps.why.problem"), problem=chain.problem,
            origin=self._origin(chain), links=links,
            root_index=chain.root_index if progress.root is not None else None,
            root_tag=t("gaps.why.root_tag"), next_label=t("gaps.why.label",
                                                         n=len(chain.links) + 1),
            next_hint=t("gaps.why.next_hint"), footer=footer), select=select)

    def _why_selected(self) -> tuple[WhyChain, int | None] | None:
        """The chain and the index of the selected answer (None: the problem)."""
        chain = self._chain()
        if chain is None:
            return None
        key = self.query_one(WhyLadder).selected
        if key is None or key[0] != "link":
            return chain, None
        index = next((i for i, link in enumerate(chain.links) if link.id == key[1]), None)
        return chain, index

    def _why_add_text(self, text: str) -> bool:
        chain = self._chain()
        if chain is None:
            result = self.app.edit(t("gaps.undo.chain", text=_short(text)),
                                   lambda doc: gap_edits.start_chain(
                                       doc, problem=text, team_id=turns.current_team_id(doc)))
            if result is None:
                return False
            self.chain_id = result.id
            self.refresh_from_doc()
            return True
        link = self.app.edit(t("gaps.undo.why", n=len(chain.links) + 1, text=_short(text)),
                             gap_edits.add_why, chain.id, text)
        if link is None:
            return False
        self._show_whys(self.doc, select=("link", link.id))
        if len(self._chain().links) == why_rules.TARGET_WHYS:  # type: ignore[union-attr]
            self.notify(t("gaps.why.five_reached"), timeout=5)
        return True

    def _need_chain(self) -> WhyChain | None:
        chain = self._chain()
        if chain is None:
            self.app.bell()
            self.notify(t("gaps.why.none"), timeout=4)
        return chain

    def action_why_add(self) -> None:
        chain = self._chain()
        title = (t("gaps.why.add_title", n=len(chain.links) + 1, problem=_short(
            (chain.links[-1].text if chain.links else chain.problem), 40)) if chain
            else t("gaps.why.new_problem"))

        def done(text: str | None) -> None:
            if text and text.strip():
                self._why_add_text(text)

        self.app.push_screen(TextPrompt(title), done)

    def action_why_edit(self) -> None:
        found = self._why_selected()
        if found is None:
            return
        chain, index = found
        chain_id = chain.id
        if index is None:
            def problem(text: str | None) -> None:
                if text is not None and text != chain.problem:
                    self.app.edit(t("gaps.undo.problem", text=_short(text)),
                                  gap_edits.edit_problem, chain_id, text)

            self.app.push_screen(TextPrompt(t("gaps.why.edit_problem"), chain.problem), problem)
            return
        link = chain.links[index]

        def answer(text: str | None) -> None:
            if text is not None and text != link.text:
                self.app.edit(t("gaps.undo.edit_why", text=_short(text)), gap_edits.edit_why,
                              chain_id, link.id, text)

        self.app.push_screen(TextPrompt(t("gaps.why.edit_answer", n=index + 1), link.text),
                             answer)

    def action_why_delete(self) -> None:
        found = self._why_selected()
        if found is None:
            return
        chain, index = found
        if index is None:
            self.action_why_delete_chain()
            return
        link = chain.links[index]
        if self.app.edit(t("gaps.undo.delete_why", text=_short(link.text)),
                         gap_edits.delete_why, chain.id, link.id) is not None:
            self.notify(t("shell.deleted_hint"), timeout=3)

    def action_why_root(self) -> None:
        found = self._why_selected()
        if found is None:
            self._need_chain()
            return
        chain, index = found
        if index is None:
            self.app.bell()
            self.notify(t("gaps.why.pick_answer"))
            return
        link = chain.links[index]
        chain_id = chain.id
        if chain.root_index == index:
            self.app.edit(t("gaps.undo.root_off", text=_short(link.text)), gap_edits.mark_root,
                          chain_id, None)
            return
        label = t("gaps.undo.root_on", text=_short(link.text))
        if why_rules.reason_required(index) and not chain.stop_reason.strip():
            def reason(text: str | None) -> None:
                if text and text.strip():
                    self.app.edit(label, gap_edits.mark_root, chain_id, link.id, text)
                elif text is not None:
                    self.app.bell()
                    self.notify(t("gaps.edit.reason_needed", depth=index + 1,
                                  min=why_rules.MIN_WHYS), severity="warning")

            self.app.push_screen(TextPrompt(t("gaps.why.reason_title", depth=index + 1,
                                              min=why_rules.MIN_WHYS)), reason)
            return
        self.app.edit(label, gap_edits.mark_root, chain_id, link.id)

    def action_why_reason(self) -> None:
        chain = self._need_chain()
        if chain is None:
            return
        chain_id = chain.id

        def done(text: str | None) -> None:
            if text is not None and text != chain.stop_reason:
                self.app.edit(t("gaps.undo.reason"), gap_edits.set_stop_reason, chain_id, text)

        self.app.push_screen(TextPrompt(t("gaps.why.reason_edit"), chain.stop_reason), done)

    def action_why_new(self) -> None:
        doc = self.doc
        options = [("free", t("gaps.why.new_free"))]
        for row in ranking.key_gaps(doc):
            options.append((f"gap:{row.id}", t("gaps.why.new_gap", text=_short(row.card.text,
                                                                               50))))
        for _card, fish in self._fishbones():
            for bone in fish.bones:
                for cause, _level in walk(bone.causes):
                    options.append((f"cause:{cause.id}", t(
                        "gaps.why.new_cause", bone=bone.label, text=_short(cause.text, 50))))
        options = options[:200]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            if choice == "free":
                def typed(text: str | None) -> None:
                    if text and text.strip():
                        self._open_chain(lambda d: gap_edits.start_chain(
                            d, problem=text, team_id=turns.current_team_id(d)), text)

                self.app.push_screen(TextPrompt(t("gaps.why.new_problem")), typed)
            elif choice.startswith("gap:"):
                gap_id = choice.removeprefix("gap:")
                self._open_chain(lambda d: gap_edits.start_chain(
                    d, gap_id=gap_id, team_id=turns.current_team_id(d)), gap_id)
            else:
                cause_id = choice.removeprefix("cause:")
                self._open_chain(lambda d: gap_edits.start_chain(
                    d, cause_id=cause_id, team_id=turns.current_team_id(d)), cause_id)

        self.app.push_screen(Choice(t("gaps.why.new_title"), options), chosen)

    def action_why_delete_chain(self) -> None:
        chain = self._need_chain()
        if chain is None:
            return
        if self.app.edit(t("gaps.undo.delete_chain", text=_short(chain.problem)),
                         gap_edits.delete_chain, chain.id) is not None:
            self.chain_id = None
            self.notify(t("shell.deleted_hint"), timeout=3)
            self.refresh_from_doc()

    def action_why_switch(self, delta: int) -> None:
        whys = self.doc.gaps.whys
        if len(whys) < 2:
            self.app.bell()
            return
        ids = [c.id for c in whys]
        index = ids.index(self.chain_id) if self.chain_id in ids else 0
        self.chain_id = ids[(index + delta) % len(ids)]
        self.query_one(WhyLadder).selected = None
        self.refresh_from_doc()

    def action_why_list(self) -> None:
        whys = self.doc.gaps.whys
        if not whys:
            self.app.bell()
            return
        options = [(c.id, f"{i}. {_short(c.problem, 50)} · "
                    f"{t(f'gaps.why.state.{why_rules.state(c)}')}")
                   for i, c in enumerate(whys, 1)]

        def chosen(chain_id: str | None) -> None:
            if chain_id:
                self.chain_id = chain_id
                self.query_one(WhyLadder).selected = None
                self.refresh_from_doc()

        self.app.push_screen(Choice(t("gaps.why.list_title"), options), chosen)

    @on(WhyLadder.Moved)
    def _why_moved(self, _event: WhyLadder.Moved) -> None:
        self.refresh_bindings()
        self._update_spotlight()
