"""From a validated scenario to a workshop document: cross-references, then the document.

The spec checks each table on its own; here teams, members and goals named elsewhere in
the file are looked up, and every one that does not exist becomes a problem.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from workshop.i18n import t
from workshop.model import (
    BOARDS,
    DEFAULT_AGENDA,
    STEPS,
    TEAM_COLORS,
    Card,
    Cascade,
    CascadePart,
    Funnel,
    GapCard,
    Goal,
    Member,
    Meta,
    ReviewGoal,
    Team,
    Workshop,
)
from workshop.problems import Problem, ScenarioError
from workshop.scenario.lines import locate
from workshop.scenario.spec import CardSpec, ScenarioSpec
from workshop.scenario.wording import dotted, in_order, one_of, quoted, short, suggest


class Parts(NamedTuple):
    """What a scenario's cross-checked tables become in the document."""

    teams: list[Team]
    goals: list[Goal]
    cascades: list[Cascade]
    funnels: list[Funnel]
    cards: list[tuple[CardSpec, str | None]]
    """Each card's spec (its board filled in) and its team's id."""


def cross_check(spec: ScenarioSpec, file: str = "<scenario>", source: str = "") -> Parts:
    """The document's parts, once every team, member and goal the file names exists.

    Raises ``ScenarioError`` with every reference that does not resolve.
    """
    problems: list[Problem] = []

    def problem(loc: tuple[Any, ...], message: str, found: str | None = None) -> None:
        problems.append(Problem(file, message, path=dotted(loc), found=found,
                                line=locate(source, loc)))

    teams: list[Team] = []
    seen_teams: set[str] = set()
    for i, team_spec in enumerate(spec.teams):
        folded = team_spec.name.casefold()
        if folded in seen_teams:
            problem(("teams", i, "name"), t("scenario.duplicate_team"), short(team_spec.name))
            continue
        seen_teams.add(folded)
        seen_members: set[str] = set()
        for j, member_spec in enumerate(team_spec.members):
            if member_spec.name in seen_members:
                problem(("teams", i, "members", j), t("scenario.duplicate_member"),
                        short(member_spec.name))
            seen_members.add(member_spec.name)
        color = team_spec.color or TEAM_COLORS[i % len(TEAM_COLORS)]
        teams.append(Team(name=team_spec.name, color=color,
                          members=[Member(name=m.name, role=m.role) for m in team_spec.members]))
    by_team_name = {team.name.casefold(): team for team in teams}

    def team_id(loc: tuple[Any, ...], name: str | None) -> str | None:
        if name is None:
            return None
        team = by_team_name.get(name.casefold())
        if team is None:
            close = suggest(name, [tm.name for tm in teams])
            message = (t("scenario.unknown_team_suggest", name=f'"{close}"') if close else
                       t("scenario.unknown_team", teams=quoted(tm.name for tm in teams)))
            problem(loc, message, short(name))
            return None
        return team.id

    goals: list[Goal] = []
    goal_ids: list[str] = []
    for i, goal_spec in enumerate(spec.goals):
        goal_id = goal_spec.id or f"goal{i + 1}"
        if goal_id in goal_ids:
            problem(("goals", i, "id"), t("scenario.duplicate_goal"), short(goal_id))
        else:
            goal_ids.append(goal_id)
        goals.append(Goal(
            id=goal_id, statement=goal_spec.statement, metric=goal_spec.metric, unit=goal_spec.unit,
            baseline=goal_spec.baseline, floor=goal_spec.floor, target=goal_spec.target,
            stretch=goal_spec.stretch, deadline=goal_spec.deadline, parent_id=goal_spec.parent,
            team_id=team_id(("goals", i, "team"), goal_spec.team),
            growth=goal_spec.growth, factors=goal_spec.factors, kind=goal_spec.kind,
        ))

    day = spec.workshop.date
    for i, goal_spec in enumerate(spec.goals):
        if day is not None and goal_spec.deadline is not None and goal_spec.deadline < day:
            problem(("goals", i, "deadline"),
                    t("scenario.deadline_before_workshop", date=day.isoformat()),
                    short(goal_spec.deadline))

    def unknown_goal(loc: tuple[Any, ...], goal_id: str) -> None:
        close = suggest(goal_id, goal_ids)
        if close:
            message = t("scenario.unknown_goal_suggest", name=f'"{close}"')
        elif goal_ids:
            message = t("scenario.unknown_goal", goals=quoted(goal_ids))
        else:
            message = t("scenario.no_goals")
        problem(loc, message, short(goal_id))

    for i, goal in enumerate(goals):
        if goal.parent_id is not None and goal.parent_id not in goal_ids:
            unknown_goal(("goals", i, "parent"), goal.parent_id)
    # A loop of parents is reported once, at the first of its goals in the file.
    parents = {g.id: g.parent_id for g in goals}
    reported: set[frozenset[str]] = set()
    for i, goal in enumerate(goals):
        chain = [goal.id]
        parent = goal.parent_id
        while parent is not None and parent in parents and parent not in chain:
            chain.append(parent)
            parent = parents[parent]
        if parent is None or parent not in chain:
            continue
        loop = chain[chain.index(parent):]
        if goal.id not in loop or frozenset(loop) in reported:
            continue
        reported.add(frozenset(loop))
        problem(("goals", i, "parent"),
                t("scenario.goal_cycle", chain=" → ".join([*loop, loop[0]])),
                short(goal.parent_id))

    def member_id(loc: tuple[Any, ...], team: str | None, name: str | None) -> str | None:
        if name is None:
            return None
        home = by_team_name.get(team.casefold()) if team else None
        pool = [home] if home else teams
        for candidate in pool:
            for member in candidate.members:
                if member.name == name:
                    return member.id
        problem(loc, t("scenario.unknown_member"), short(name))
        return None

    cascades: list[Cascade] = []
    for i, cascade_spec in enumerate(spec.cascades):
        if cascade_spec.goal not in goal_ids:
            unknown_goal(("cascades", i, "goal"), cascade_spec.goal)
        if not any(part.weight > 0 for part in cascade_spec.parts):
            problem(("cascades", i, "parts"), t("scenario.weights_zero"))
        parts = [
            CascadePart(label=p.label, weight=p.weight, note=p.note,
                        team_id=team_id(("cascades", i, "parts", j, "team"), p.team),
                        member_id=member_id(("cascades", i, "parts", j, "member"), p.team,
                                            p.member))
            for j, p in enumerate(cascade_spec.parts)
        ]
        cascades.append(Cascade(goal_id=cascade_spec.goal, kind=cascade_spec.kind,
                                label=cascade_spec.label, step=cascade_spec.step, parts=parts))

    funnels: list[Funnel] = []
    for i, funnel_spec in enumerate(spec.funnels):
        if funnel_spec.goal is not None and funnel_spec.goal not in goal_ids:
            unknown_goal(("funnels", i, "goal"), funnel_spec.goal)
        if funnel_spec.rates and len(funnel_spec.rates) != len(funnel_spec.stages) - 1:
            problem(("funnels", i, "rates"),
                    t("scenario.rates_count", stages=len(funnel_spec.stages),
                      count=len(funnel_spec.stages) - 1),
                    short(funnel_spec.rates))
        fields = funnel_spec.model_dump(exclude={"goal"})
        funnels.append(Funnel(goal_id=funnel_spec.goal, **fields))

    cards: list[tuple[CardSpec, str | None]] = []
    for i, card_spec in enumerate(spec.cards):
        boards = BOARDS.get(card_spec.step, ())
        if not boards:
            problem(("cards", i, "step"),
                    t("scenario.step_has_no_cards",
                      steps=quoted(s for s in STEPS if BOARDS.get(s))),
                    short(card_spec.step))
            continue
        board = card_spec.board or boards[0]
        if board not in boards:
            problem(("cards", i, "board"), one_of(boards, card_spec.board),
                    short(card_spec.board))
            continue
        cards.append((card_spec.model_copy(update={"board": board}),
                      team_id(("cards", i, "team"), card_spec.team)))

    if problems:
        raise ScenarioError(in_order(problems, file))
    return Parts(teams, goals, cascades, funnels, cards)


def _document(spec: ScenarioSpec, teams: list[Team], goals: list[Goal],
              cascades: list[Cascade], funnels: list[Funnel],
              cards: list[tuple[CardSpec, str | None]]) -> Workshop:
    """The new workshop document (pydantic checks it once more as it is made)."""
    meta = Meta(**spec.workshop.model_dump())
    holds_review = bool(spec.review.goals or spec.agenda.get("review"))
    agenda = {**DEFAULT_AGENDA, **spec.agenda}
    if not holds_review:
        agenda["review"] = 0  # no review planned: the day starts with step 1 at 9:00
    doc = Workshop(meta=meta, agenda=agenda, teams=teams)
    doc.vision.goals = goals
    doc.vision.cascades = cascades
    doc.vision.funnels = funnels
    doc.vision.statement = spec.vision.statement
    doc.review.goals = [ReviewGoal(**g.model_dump()) for g in spec.review.goals]
    doc.gaps.key_count = spec.gaps.key_count
    doc.gaps.bone_labels = spec.gaps.bones
    doc.charter.default_rules = spec.charter.rules
    doc.cocreate.focus_question = spec.cocreate.focus_question
    doc.cocreate.dots = spec.cocreate.dots
    doc.cocreate.dots_per = spec.cocreate.dots_per
    doc.cocreate.cap_per_turn = spec.cocreate.cap_per_turn
    doc.townhall.minutes_per_team = spec.townhall.minutes_per_team
    for card_spec, owner in cards:
        kind = GapCard if card_spec.step == "gaps" and card_spec.board == "storm" else Card
        doc.card_list(card_spec.step, card_spec.board).append(
            kind(text=card_spec.text, step=card_spec.step, board=card_spec.board, team_id=owner,
                 hidden=card_spec.hidden))
    doc.room.step = "review" if holds_review else "vision"
    doc.room.turn.team_id = teams[0].id if teams else None
    return doc
