"""What the town hall draws: the presenting team's plan in large, airy rows for the back of
the room, the challenge log, the head band and the sign-off strip."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import townhall as townhall_math
from workshop.methods.plan.actions import team_goal
from workshop.model import Action, Challenge, Team, Workshop
from workshop.report.townhall import asker_label
from workshop.text import cells, wrap
from workshop.tui.widgets.row_list import Row
from workshop.tui.widgets.turn_bar import readable_on

Look = Callable[[str], Style]

OUTCOME_STYLE = {"open": "warn", "answered": "ok", "changed": "accent", "followup": "warn"}


def present_row(doc: Workshop, action: Action, number: int, *, airy: bool) -> Row:
    """An action as the room reads it: the action in bold, then owner, dates, measure and
    target, support; a blank line after it in presentation mode."""
    owner = doc.member(action.owner_id)
    owner_name = owner[1].name if owner else t("plan.list.unadopted")
    dates = " → ".join(d.isoformat() for d in (action.start, action.due) if d) or "—"
    facts = [t("townhall.present.owner", name=owner_name), dates]
    if action.measure or action.target:
        facts.append(" → ".join(p for p in (action.measure, action.target) if p))
    support = t("townhall.present.support", text=action.support) if action.support else ""

    def layout(width: int, look: Look) -> list[list[Segment]]:
        lead = f" {number:>2}  "
        inner = max(6, width - cells(lead) - 1)
        out: list[list[Segment]] = []
        for i, line in enumerate(wrap(action.what, inner)):
            head = Segment(lead, look("accent")) if i == 0 else Segment(" " * cells(lead))
            out.append([head, Segment(line, look("strong"))])
        for line in wrap(" · ".join(facts), inner):
            out.append([Segment(" " * cells(lead)), Segment(line, look("muted") if owner
                                                           else look("warn"))])
        if support:
            for line in wrap(support, inner):
                out.append([Segment(" " * cells(lead)), Segment(line, look("muted"))])
        if airy:
            out.append([])
        return out

    return Row(key=action.id, kind="action", layout=layout,
               signature=(action.what, tuple(facts), support, number, airy))


def strategy_band(name: str, rank: int | None) -> Row:
    label = f"{rank}. {name}" if rank else name

    def layout(width: int, look: Look) -> list[list[Segment]]:
        return [[Segment(" " + line, look("header"))] for line in wrap(label, width - 1)]

    return Row(key=f"band:{name}:{rank}", kind="band", layout=layout, selectable=False,
               signature=(label,))


def challenge_row(doc: Workshop, challenge: Challenge, number: int,
                  action_numbers: dict[str, int]) -> Row:
    """``2 高管 · 刘总  [已回答]`` then the question, the answer, the changed actions."""
    who = asker_label(doc, challenge, "")
    outcome = t(f"challenge_outcome.{challenge.outcome}")
    links = [str(action_numbers[i]) for i in challenge.action_ids if i in action_numbers]
    changed = (t("townhall.log.changed", numbers=t("word.list_sep").join(links))
               if links else "")

    def layout(width: int, look: Look) -> list[list[Segment]]:
        lead = f" {number:>2} "
        inner = max(6, width - cells(lead) - 1)
        tag = f"[{outcome}]"
        first = [Segment(lead, look("muted")), Segment(who, look("accent")),
                 Segment(" " * max(1, inner - cells(who) - cells(tag))),
                 Segment(tag, look(OUTCOME_STYLE.get(challenge.outcome, "muted")))]
        out = [first]
        pad = Segment(" " * cells(lead))
        for line in wrap(t("townhall.log.q", text=challenge.question), inner):
            out.append([pad, Segment(line, look("strong"))])
        if challenge.answer:
            for line in wrap(t("townhall.log.a", text=challenge.answer), inner):
                out.append([pad, Segment(line)])
        if changed:
            out.append([pad, Segment(changed, look("accent"))])
        return out

    return Row(key=challenge.id, kind="challenge", layout=layout,
               signature=(who, outcome, challenge.question, challenge.answer, changed, number))


def head_text(doc: Workshop, team: Team | None, position: tuple[int, int],
              used: float = 0.0) -> Text:
    """``■ 济南队  汇报 1/3  已用 03:20`` and the team's goal under it (`used`: seconds
    the team has presented so far)."""
    text = Text(no_wrap=False)
    if team is None:
        text.append(t("townhall.head.no_team"), style="bold")
        return text
    text.append(f" {team.name} ", style=Style(bgcolor=team.color, color=readable_on(team.color),
                                               bold=True))
    index, total = position
    if total:
        text.append("  " + t("townhall.head.position", index=index, total=total), style="bold")
    if used:
        text.append("  " + t("townhall.head.used", used=clock_math.display(used),
                             minutes=doc.townhall.minutes_per_team))
    signed = townhall_math.signoff(doc, team.id)
    if signed is not None:
        style = "bold green" if signed.decision == "approved" else "bold red"
        text.append("  " + t(f"townhall.head.{signed.decision}"), style=style)
    goal = team_goal(doc, team.id)
    if goal is not None:
        text.append("\n")
        text.append(t("plan.summary.goal", goal=goal.statement), style="dim")
    return text
