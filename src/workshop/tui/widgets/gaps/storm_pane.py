"""The gap card storm (差距卡片风暴): gaps typed in turn, then classified and scored by keys.

The digit keys set one score, the one lit above the board and marked in the detail panel;
it stays the same until ``s`` picks another, so a room scores every gap's cost, then
every gap's strategic impact. After a score the cursor moves to the next gap."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.widgets import Static

from workshop.edits import gaps as gap_edits
from workshop.i18n import t
from workshop.model import Workshop
from workshop.model.gaps import SCORE_NAMES, ScoreName
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import CardView, Section
from workshop.tui.widgets.gaps import gap_texts
from workshop.tui.widgets.gaps.boards import GapBoard
from workshop.tui.widgets.gaps.gap_pane import CLASSIFY_KEYS, GAP_KEYS, GapCardsPane

NARROW = 100
"""Below this many columns the detail panel is hidden."""


def score_binding(value: int) -> Binding:
    return Binding(str(value), f"score({value})", f"Score {value}", show=value == 5,
                   id=f"gaps_score_{value}",
                   tooltip=f"Give the selected gap {value} on the score lit above the board")


class StormPane(GapCardsPane):
    view = "storm"

    DEFAULT_CSS = """
    StormPane #storm-side { width: 34%; min-width: 30; max-width: 60;
                            border-left: vkey $panel; background: $surface; padding: 0 1; }
    StormPane.-narrow #storm-side { display: none; }
    """

    BINDINGS: ClassVar = [
        *CLASSIFY_KEYS,
        *(score_binding(value) for value in range(1, 6)),
        Binding("0", "score(0)", "Clear score", show=False, id="gaps_score_clear",
                tooltip="Clear the selected gap's score lit above the board"),
        Binding("s", "next_score", "Which score", id="gaps_score_dim",
                tooltip="Score cost, strategic impact or urgency with the digit keys"),
        *GAP_KEYS,
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scoring: ScoreName = "cost"
        """The score the digit keys set: it changes only with ``s``."""

    def compose(self) -> ComposeResult:
        yield Static(id="storm-hint", classes="gaps-hint")
        with Horizontal():
            yield GapBoard(id="storm-board", empty_hint=t("gaps.storm.empty"))
            with VerticalScroll(id="storm-side"):
                yield Static(id="storm-detail")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    def keep(self) -> dict[str, object]:
        return {"scoring": self.scoring}

    def restore(self, kept: dict[str, object]) -> None:
        scoring = kept.get("scoring")
        if scoring in SCORE_NAMES:
            self.scoring = scoring  # type: ignore[assignment]

    # -- drawing --------------------------------------------------------------------------
    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        scores = {row.id: row.score for row in self.ranked(doc)}
        teams = {team.id: team for team in doc.teams}
        words = gap_texts.badge_words()
        views = [gap_texts.gap_card(teams, card, gap_texts.badge(
                     words, card, scores[card.id], merging=card.id == self.merge_source))
                 for card in doc.gaps.cards]
        board = self.board
        board.show([Section("storm", t("board.storm"), views, t("shell.board_hint"))],
                   select=select)
        self.put("#storm-hint", gap_texts.scoring_line(self.scoring))
        self.show_detail(board.selected)

    def show_detail(self, selected: CardView | None) -> None:
        card = self.gap(selected.id if selected else None)
        row = next((r for r in self.ranked(self.doc) if card and r.id == card.id), None)
        self.put("#storm-detail", gap_texts.gap_detail(self.doc, card, row, self.scoring))

    def cursor_moved(self, card: CardView | None) -> None:
        self.show_detail(card)

    # -- scoring --------------------------------------------------------------------------
    def action_score(self, value: int) -> None:
        card = self.need_gap()
        if card is None:
            return
        name = self.scoring
        label = t("gaps.undo.score", text=short(card.text), name=t(f"gaps.score.{name}"),
                  value=value or "—")
        if self.workbench.edit(label, gap_edits.set_score, card.id, name,
                               value or None) is not None and value:
            self.board.action_cursor(1)  # on down the column, same score

    def action_next_score(self) -> None:
        self.scoring = SCORE_NAMES[(SCORE_NAMES.index(self.scoring) + 1) % len(SCORE_NAMES)]
        self.put("#storm-hint", gap_texts.scoring_line(self.scoring))
        self.show_detail(self.board.selected)
        self.workbench.notify(t("gaps.storm.now_scoring",
                                score=t(f"gaps.score.{self.scoring}")), timeout=2)
