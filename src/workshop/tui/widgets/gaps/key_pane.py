"""The ranking and the key gaps (关键差距): the gaps ranked by score or by dots, the key
gaps first; confirm the suggestion, place and take back dots, change how many key gaps
and how they are ranked."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from workshop.edits import gaps as gap_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.gaps import ranking
from workshop.model import Workshop
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import Section
from workshop.tui.widgets.gaps import gap_texts
from workshop.tui.widgets.gaps.boards import GapBoard
from workshop.tui.widgets.gaps.gap_pane import CLASSIFY_KEYS, GAP_KEYS, GapCardsPane

KEY_COUNTS = range(1, 21)


class KeyPane(GapCardsPane):
    view = "key"
    typing_first = False

    BINDINGS: ClassVar = [
        *CLASSIFY_KEYS,
        Binding("c", "confirm_keys", "Confirm suggestion", id="gaps_confirm",
                tooltip="Make the suggested top gaps the key gaps"),
        Binding("v", "vote(1)", "Dot", id="gaps_vote",
                tooltip="The team at the keyboard places a dot on the selected gap"),
        Binding("u", "vote(-1)", "Take a dot back", id="gaps_unvote",
                tooltip="The team at the keyboard takes its dot back"),
        Binding("plus", "key_count(1)", "More key gaps", show=False, id="gaps_key_more",
                tooltip="Suggest one key gap more"),
        Binding("minus", "key_count(-1)", "Fewer key gaps", show=False, id="gaps_key_fewer",
                tooltip="Suggest one key gap fewer"),
        Binding("t", "toggle_ranking", "Ranking method", show=False, id="gaps_ranking",
                tooltip="Rank by score or by dots"),
        *GAP_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="key-hint", classes="gaps-hint")
        yield GapBoard(id="key-board", empty_hint=t("gaps.key.empty"))

    def focus_default(self) -> None:
        self.board.focus()

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        rows = self.ranked(doc)
        teams = {team.id: team for team in doc.teams}
        words = gap_texts.badge_words()

        def view(row: ranking.RankedGap):
            rank = f"{row.rank}{'=' if row.tied else ''}. "
            badge = gap_texts.badge(words, row.card, row.score, suggested=row.suggested,
                                    merging=row.id == self.merge_source)
            return gap_texts.gap_card(teams, row.card, badge, rank)

        self.board.show([
            Section("key", t("gaps.key.confirmed", target=doc.gaps.key_count),
                    [view(r) for r in rows if r.card.key], t("gaps.key.none_yet")),
            Section("rest", t("gaps.key.ranked"), [view(r) for r in rows if not r.card.key], ""),
        ], select=select)
        self.put("#key-hint", gap_texts.key_summary(doc, rows))

    def action_confirm_keys(self) -> None:
        ids = ranking.suggested_key_ids(self.doc)
        if not ids:
            self.refuse(t("gaps.edit.nothing_to_confirm"))
            return
        if self.workbench.edit(t("gaps.undo.confirm", count=len(ids)),
                               gap_edits.confirm_key_gaps, ids) is not None:
            self.workbench.notify(t("gaps.key.confirmed_notice", count=len(ids)))

    def action_key_count(self, delta: int) -> None:
        count = self.doc.gaps.key_count + delta
        if count not in KEY_COUNTS:
            self.refuse(t("gaps.edit.bad_key_count"))
            return
        self.workbench.edit(t("gaps.undo.key_count", count=count), gap_edits.set_key_count,
                            count)

    def action_toggle_ranking(self) -> None:
        method = "votes" if self.doc.gaps.ranking == "score" else "score"
        if self.workbench.edit(t("gaps.undo.ranking", method=t(f"gaps.method_short.{method}")),
                               gap_edits.set_ranking, method) is not None:
            self.workbench.notify(t(f"gaps.method.{method}"))

    def action_vote(self, delta: int) -> None:
        card = self.need_gap()
        if card is None:
            return
        team_id = turns.current_team_id(self.doc)
        team = self.doc.team(team_id)
        edit = gap_edits.vote if delta > 0 else gap_edits.unvote
        label = t("gaps.undo.vote" if delta > 0 else "gaps.undo.unvote",
                  team=team.name if team else "", text=short(card.text))
        left = self.workbench.edit(label, edit, card.id, team_id)
        if left is not None and team is not None:
            self.workbench.notify(t("gaps.key.dots_left", team=team.name, dots=left), timeout=2)
