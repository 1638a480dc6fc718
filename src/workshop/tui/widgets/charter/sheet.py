"""The charter of one team as a list the facilitator walks with the arrow keys: the
team's name and slogan, each member (role, yes/no, commitment), the rules, rewards,
penalties and how the team keeps itself to it. ``rows`` is a pure function of the
document, so what the sheet shows is tested without a terminal.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text

from workshop.i18n import t
from workshop.methods import charter as charter_method
from workshop.model import CHARTER_LISTS, Team, Workshop
from workshop.text import cells, pad, truncate
from workshop.tui.widgets.team_fit import Chip
from workshop.tui.widgets.turn_bar import TeamChip, TeamStrip

NAME_WIDTH = 10
"""The name column's least width; it grows with the longest name (up to a third)."""
ROLE_WIDTH = 8
DECISION_WIDTH = 8


class Row(NamedTuple):
    """One line of the sheet: `key` says what Enter edits (None: a heading)."""

    key: str | None
    """``name``, ``slogan``, ``member:<id>``, ``rules:<i>``, ``rules:+``, …,
    ``accountability``; None for headings and the status line."""
    prompt: Text


def _decision(commits: bool | None) -> Text:
    if commits is None:
        return Text(pad(t("charter.sheet.not_asked"), DECISION_WIDTH), style="dim")
    if commits:
        return Text(pad("✓ " + t("word.yes"), DECISION_WIDTH), style="bold green")
    return Text(pad("✗ " + t("word.no"), DECISION_WIDTH), style="bold red")


def _heading(text: str) -> Row:
    return Row(None, Text(text, style="bold underline"))


def _field(key: str, label: str, value: str, empty: str) -> Row:
    line = Text()
    line.append(label + "  ", style="bold")
    if value:
        line.append(value)
    else:
        line.append(empty, style="italic dim")
    return Row(key, line)


def rows(doc: Workshop, team: Team, width: int = 80) -> list[Row]:
    """The sheet of `team`'s charter (or of the charter it would start with)."""
    charter = doc.charter.charter(team.id)
    out: list[Row] = []
    out.append(_field("name", t("charter.sheet.team_name"), team.name, ""))
    out.append(_field("slogan", t("charter.sheet.slogan"), charter.slogan if charter else "",
                      t("charter.sheet.slogan_empty")))
    done, total = charter_method.counts(charter, team)
    status = Text()
    if charter_method.is_signed(charter, team):
        status.append(" " + t("charter.sheet.signed") + " ", style="bold reverse green")
    else:
        status.append(t("charter.sheet.progress", done=done, total=total), style="bold yellow")
        missing = charter_method.missing(charter, team)
        if missing:
            parts = []
            for m in missing:
                what = [t("charter.sheet.owes_yes")] if m.decision else []
                what += [t("charter.sheet.owes_commitment")] if m.commitment else []
                parts.append(t("charter.sheet.owes", name=m.name,
                               what=t("word.list_sep").join(what)))
            status.append("  " + truncate(t("word.list_sep").join(parts), max(10, width - 20)),
                          style="dim")
    out.append(Row(None, status))
    out.append(Row(None, Text("")))

    # the name column is as wide as the longest name, up to a third of the sheet
    name_width = min(max([NAME_WIDTH, *(cells(m.name) for m in team.members)]),
                     max(NAME_WIDTH, width // 3))
    header = Text(style="bold underline")
    header.append(pad(t("charter.sheet.member"), name_width) + " ")
    header.append(pad(t("charter.sheet.role"), ROLE_WIDTH) + " ")
    header.append(pad(t("charter.sheet.decision"), DECISION_WIDTH) + " ")
    header.append(t("charter.sheet.commitment"))
    out.append(Row(None, header))
    text_width = max(10, width - name_width - ROLE_WIDTH - DECISION_WIDTH - 6)
    for member in team.members:
        pledge = charter.commitment(member.id) if charter else None
        line = Text()
        line.append(pad(member.name, name_width) + " ",
                    style=Style(bold=True, color=team.color if team.color else None))
        line.append(pad(member.role or "—", ROLE_WIDTH) + " ",
                    style="" if member.role else "dim")
        line.append_text(_decision(pledge.commits if pledge else None))
        line.append(" ")
        text = (pledge.text if pledge else "").replace("\n", " ")
        if text:
            line.append(truncate(text, text_width))
        else:
            line.append(t("charter.sheet.no_commitment"), style="italic dim")
        out.append(Row(f"member:{member.id}", line))
    if not team.members:
        out.append(Row(None, Text(t("charter.sheet.no_members"), style="italic dim")))

    defaults = charter_method.default_rules(doc)
    for field in CHARTER_LISTS:
        out.append(Row(None, Text("")))
        out.append(_heading(t(f"charter.sheet.{field}")))
        items = getattr(charter, field) if charter else (defaults if field == "rules" else [])
        for i, item in enumerate(items):
            prefix = f"{i + 1}. "
            out.append(Row(f"{field}:{i}", Text(prefix + truncate(item, width - cells(prefix)))))
        if field == "rules" and charter is None and items:
            out.append(Row(None, Text(t("charter.sheet.default_rules"), style="italic dim")))
        out.append(Row(f"{field}:+", Text("+ " + t(f"charter.sheet.add_{field}"),
                                          style="italic")))
    out.append(Row(None, Text("")))
    out.append(_heading(t("charter.sheet.accountability")))
    value = charter.accountability if charter else ""
    out.append(Row("accountability", Text(truncate(value.replace("\n", " "), width))
                   if value else Text(t("charter.sheet.accountability_empty"),
                                      style="italic dim")))
    return out


class TeamTabs(TeamStrip):
    """The teams on one line, the current one lit, each with its signing progress."""

    DEFAULT_CSS = """
    TeamTabs { height: 1; width: 1fr; background: $boost; }
    """

    class TeamClicked(TeamStrip.TeamClicked):
        pass

    GAP = 1

    def show(self, doc: Workshop, current: str | None) -> None:
        chips = []
        for team in doc.teams:
            charter = doc.charter.charter(team.id)
            done, total = charter_method.counts(charter, team)
            mark = "✓" if charter_method.is_signed(charter, team) else f"{done}/{total}"
            chips.append(TeamChip(team, Chip(team.name, mark), current=team.id == current))
        self.set_chips(Text(), chips)
