"""The side panel of the co-creation screen: what the current phase needs next to the
board — per-team counts while brainstorming, progress and the pairs-first hint while
clustering, advice while naming, the dots left and the live tally while voting."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from workshop.i18n import t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.methods.cocreate import counts as card_counts
from workshop.methods.cocreate import focus as cocreate_method
from workshop.methods.cocreate import votes as vote_method
from workshop.methods.dots import tally_hidden
from workshop.model import Workshop
from workshop.text import cells, truncate, truncate_apart
from workshop.tui.widgets.cocreate.dialogs import advice_text

TALLY_ROWS = 12
"""Strategies listed in the tally; the rest are summed up in one line."""


def _heading(key: str, **values: object) -> Text:
    return Text(t(key, **values), style="bold underline")


def _lines(parts: list[Text]) -> Text:
    """The panel as one text, a part a line: the screen draws one text several times
    faster than a group of them (it is redrawn with every card, move and dot)."""
    return Text("\n").join(parts)


def dots(left: int, total: int) -> str:
    """``●●●○○`` (dots left of all), or ``● 12/30`` when there are many."""
    if total > 10:
        return f"● {left}/{total}"
    return "●" * left + "○" * (total - left)


def brainstorm(doc: Workshop, sources: list[cocreate_method.Source] | None = None,
               tallied: card_counts.CardCounts | None = None) -> Text:
    """The cards per team, the round's rules, and how many of step 2's cards are left to
    pull in (`sources`: ``focus.sources(doc)``, `tallied`: ``counts.count`` of the
    co-create cards, when already worked out)."""
    section = doc.cocreate
    tallied = tallied or card_counts.count(section.cards)
    counts, hidden = tallied.per_team, tallied.hidden
    parts: list[Text] = [_heading("cocreate.panel.per_team")]
    for team in doc.teams:
        line = Text()
        line.append("▌ ", style=Style(color=team.color, bold=True))
        line.append(team.name)
        line.append(f"  {counts[team.id]}", style="bold")
        parts.append(line)
    if counts[None]:
        parts.append(Text(t("cocreate.panel.no_team", count=counts[None]), style="dim"))
    parts += [Text(""), _heading("cocreate.panel.rules")]
    cap = section.cap_per_turn
    parts.append(Text(t("cocreate.panel.cap", cap=cap) if cap else t("cocreate.panel.no_cap")))
    seconds = doc.room.turn.seconds
    parts.append(Text(t("cocreate.panel.turn_seconds", seconds=seconds) if seconds
                      else t("cocreate.panel.no_turn_timer")))
    if hidden:
        parts.append(Text(t("cocreate.panel.hidden", count=hidden), style="italic"))
    pending = cocreate_method.pending_sources(doc, found=sources)
    if pending:
        parts += [Text(""), Text(t("cocreate.panel.pull", count=len(pending)), style="italic")]
    parts += [Text(""), Text(t("cocreate.panel.brainstorm_tip"), style="dim")]
    return _lines(parts)


def cluster(doc: Workshop, marked: int) -> Text:
    done = cluster_method.progress(doc.cocreate)
    parts: list[Text] = [
        _heading("cocreate.panel.progress"),
        Text(t("cocreate.panel.loose_count", count=done.loose)),
        Text(t("cocreate.panel.cluster_count", count=done.clusters)),
        Text(""),
    ]
    if marked:
        parts.append(Text(t("cocreate.panel.marked", count=marked), style="bold yellow"))
    elif done.clusters < 3 and done.loose:
        parts.append(Text(t("cocreate.panel.pairs_first"), style="bold"))
    elif done.loose:
        parts.append(Text(t("cocreate.panel.join"), style="bold"))
    else:
        parts.append(Text(t("cocreate.panel.all_clustered"), style="bold green"))
    parts += [Text(""), Text(t("cocreate.panel.cluster_keys"), style="dim")]
    return _lines(parts)


def name(doc: Workshop, cluster_id: str | None) -> Text:
    done = cluster_method.progress(doc.cocreate)
    chosen = doc.cocreate.cluster(cluster_id)
    parts: list[Text] = [_heading("cocreate.panel.this_cluster")]
    if chosen is None:
        parts.append(Text(t("cocreate.panel.pick_cluster"), style="italic"))
    else:
        parts.append(Text(chosen.name or t("cocreate.unnamed"),
                          style="bold" if chosen.name else "italic"))
        if chosen.name:
            parts.append(advice_text(chosen.name))
    parts += [Text(""), Text(t("cocreate.panel.unnamed", count=done.unnamed),
                             style="bold yellow" if done.unnamed else "bold green"),
              Text(""), Text(t("cocreate.panel.name_tip"), style="dim")]
    return _lines(parts)


def vote(doc: Workshop, voter: vote_method.Voter | None, width: int = 36) -> Text:
    section = doc.cocreate
    parts: list[Text] = [_heading("cocreate.panel.voting")]
    per = t(f"cocreate.dots_per.{section.dots_per}")
    parts.append(Text(t("cocreate.panel.vote_rule", dots=section.dots, per=per), style="dim"))
    if voter is not None:
        team = doc.team(voter.team_id)
        found = doc.member(voter.member_id) if voter.member_id else None
        who = found[1].name if found else (team.name if team else "")
        line = Text()
        if team:
            line.append("▌ ", style=Style(color=team.color, bold=True))
        line.append(t("cocreate.panel.voter", who=who, left=vote_method.left(doc, voter)),
                    style="bold")
        parts.append(line)
    else:
        parts.append(Text(t("cocreate.panel.team_done"), style="italic"))
    parts.append(Text(""))
    names = truncate_apart([team.name for team in doc.teams], 10)  # two teams, two names
    for team, name in zip(doc.teams, names, strict=True):
        left = vote_method.team_left(doc, team)
        total = vote_method.team_allowed(doc, team)
        line = Text()
        line.append("▌ ", style=Style(color=team.color, bold=True))
        line.append(name + " ")
        line.append(dots(left, total), style="bold")
        parts.append(line)
    parts += [Text(""), _heading("cocreate.panel.tally")]
    if tally_hidden(doc, "cocreate"):  # phones voted in secret: no counts, no order
        parts += [Text(t("phones.tally.secret", count=vote_method.total(doc)), style="bold"),
                  Text(t("phones.tally.how_to_show"), style="dim")]
        return _lines(parts)
    ranked = vote_method.priority(doc, named_only=True)
    voted = vote_method.total(doc) > 0
    numbers = {k.id: number for number, k in enumerate(section.clusters, 1)}
    for row in ranked[:TALLY_ROWS]:
        # numbered as on the board (the keys 1–9 vote by that number), most dots first
        line = Text(no_wrap=True)
        dots_text = f"  ● {row.votes}{'=' if row.tied and voted else ''}"
        line.append(f"{numbers[row.cluster_id]}. ".rjust(4), style="bold")
        line.append(truncate(row.name, max(4, width - 4 - cells(dots_text))))
        line.append(dots_text, style="bold")
        parts.append(line)
    if len(ranked) > TALLY_ROWS:
        parts.append(Text(t("cocreate.panel.more", count=len(ranked) - TALLY_ROWS),
                          style="dim"))
    if not ranked:
        parts.append(Text(t("cocreate.panel.name_first"), style="italic"))
    parts += [Text(""), Text(t("cocreate.panel.vote_keys"), style="dim")]
    return _lines(parts)
