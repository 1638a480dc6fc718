"""What the storm and the ranking views say about gaps, as text: a gap's badge, its card
on the board, the line that says which score the digit keys set, the detail panel, and
the ranking's summary. Plain functions of the document (no widget, no app)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.gaps import fishbone as fish_rules
from workshop.methods.gaps import ranking
from workshop.model import Team, Workshop
from workshop.model.gaps import SCORE_NAMES, GapCard
from workshop.tui.widgets.card_board import CardView


def badge_words() -> dict[str | None, str]:
    """The badge's words in the current language, looked up once per redraw."""
    return {"opportunity": t("gaps.badge.opportunity"),
            "performance": t("gaps.badge.performance"),
            None: t("gaps.badge.unclassified"), "key": t("gaps.badge.key"),
            "suggested": t("gaps.badge.suggested"), "merging": t("gaps.badge.merging"),
            "urgency": t("gaps.badge.urgency", n="{n}")}


def badge(words: Mapping[str | None, str], card: GapCard, score: int | None, *,
          suggested: bool = False, merging: bool = False) -> str:
    """``业绩 · 4×5=20 · 急3 · ●2 · ★关键``: kind, cost × strategic = score, urgency, dots,
    key (or suggested), and whether it is the card being merged."""
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
    if merging:
        parts.append(words["merging"])
    return " · ".join(parts)


def gap_card(teams: Mapping[str, Team], card: GapCard, badge_text: str,
             prefix: str = "") -> CardView:
    """A gap as the board shows it: its text and the texts merged into it, every author."""
    team = teams.get(card.team_id or "")
    if card.authors:
        ids = [card.team_id, *(author.team_id for author in card.authors)]
        names = list(dict.fromkeys(teams[i].name for i in ids if i in teams))
    else:
        names = [team.name] if team else []
    text = prefix + card.text + "".join(f"\n＋ {merged}" for merged in card.merged_texts)
    return CardView(id=card.id, text=text, team="+".join(names),
                    color=team.color if team else "", hidden=card.hidden, badge=badge_text,
                    group="storm")


def scoring_line(scoring: str) -> Text:
    """``打分： 成本  战略  紧迫`` with the score the digits set lit, then the storm's keys."""
    text = Text(no_wrap=False)
    text.append(t("gaps.storm.scoring") + " ")
    for name in SCORE_NAMES:
        label = f" {t(f'gaps.score.{name}')} "
        text.append(label, style="bold reverse" if name == scoring else "")
    text.append("  " + t("gaps.storm.keys", score=t(f"gaps.score.{scoring}")))
    return text


def gap_detail(doc: Workshop, card: GapCard | None, row: ranking.RankedGap | None,
               scoring: str) -> Text:
    """The detail panel beside the storm: the whole text, kind, each score (the one the
    digits set marked), rank, dots, authors, key, fishbone."""
    if card is None:
        return Text(t("gaps.storm.detail_empty"), style="italic")
    text = Text()
    text.append(card.text + "\n", style="bold")
    for merged in card.merged_texts:
        text.append(f"＋ {merged}\n")
    text.append("\n")
    kind = t(f"gap_kind.{card.kind}") if card.kind else t("gaps.badge.unclassified")
    text.append(t("gaps.detail.kind", kind=kind) + "\n")
    for name in SCORE_NAMES:
        value = getattr(card, name)
        line = t("gaps.detail.score", name=t(f"gaps.score.{name}"),
                 value="—" if value is None else value)
        if name == scoring:
            text.append(line, style="bold")
            text.append(" " + t("gaps.detail.scoring") + "\n", style="bold reverse")
        else:
            text.append(line + "\n")
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
        count = sum(fish_rules.cause_count(bone) for bone in fish.bones)
        text.append(t("gaps.detail.fishbone", causes=count) + "\n")
    return text


def key_summary(doc: Workshop, rows: Sequence[ranking.RankedGap]) -> Text:
    """Above the ranking: the method, how many key gaps, the keys, the team's dots left,
    and a warning when the suggestion's last place is tied."""
    team = doc.team(turns.current_team_id(doc))
    dots = (doc.gaps.dots - ranking.dots_used(doc, team.id)) if team else 0
    text = Text()
    text.append(t(f"gaps.method.{doc.gaps.ranking}") + "\n", style="bold")
    text.append(t("gaps.key.keys", count=doc.gaps.key_count,
                  team=team.name if team else "—", dots=dots))
    if ranking.tie_at_cut(list(rows)):
        text.append("  " + t("gaps.key.tie"), style="bold")
    return text
