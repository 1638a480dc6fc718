"""A loaded document's references, checked: what cannot be trusted is refused, what has one
sensible meaning is repaired.

The app never writes a session whose cards name a team that does not exist, but a file
edited by hand, merged by a sync tool or cut short can. Pydantic checks each value; this
checks how values refer to each other:

- refused (:func:`problems`): two teams with the same id, since nothing says whose cards
  are whose;
- repaired (:func:`repair`), each with a note for ``workshop validate``: a second team of
  the same name is renamed; a turn, card, vote, goal, split or action that names a team,
  member, cluster, goal or strategy that is not there forgets it; a card kept in another
  step's list moves to that list's step and board; a loop of parent goals is cut.

Both run when a session is loaded (``workshop.store.codec``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from workshop.i18n import t
from workshop.model import BOARDS, STEPS, Card, StepId, Workshop
from workshop.model.limits import MAX_NAME


def problems(doc: Workshop) -> list[str]:
    """What makes `doc` unusable as it is, said plainly; empty when it can be used."""
    found = []
    counts = Counter(team.id for team in doc.teams)
    for team_id, count in counts.items():
        if count > 1:
            names = " / ".join(team.name for team in doc.teams if team.id == team_id)
            found.append(t("integrity.duplicate_team_id", id=team_id, count=count, names=names))
    return found


def repair(doc: Workshop) -> list[str]:
    """Repair what has one sensible meaning in `doc` (in place); a note for each kind of
    repair, with how many things it touched. Run :func:`problems` first."""
    notes: list[str] = []

    def note(key: str, count: int, **values: object) -> None:
        if count:
            notes.append(t(f"integrity.{key}", count=count, **values))

    note("renamed_teams", _rename_duplicate_teams(doc))
    teams = {team.id for team in doc.teams}
    members = {member.id for team in doc.teams for member in team.members}
    clusters = {cluster.id for cluster in doc.cocreate.clusters}
    goals = {goal.id for goal in doc.vision.goals}

    note("turn", _repair_room(doc, teams))
    cards = [card for step in STEPS if BOARDS.get(step) for card in doc.cards(step)]
    note("card_team", _forget(cards, "team_id", teams))
    note("card_member", _forget(cards, "member_id", members))
    note("card_cluster", _forget(cards, "cluster_id", clusters))
    note("card_board", _move_cards(doc))
    note("votes", _drop_votes(doc, teams))
    note("goal_team", _forget(doc.vision.goals, "team_id", teams))
    note("goal_parent", _forget(doc.vision.goals, "parent_id", goals))
    note("goal_loop", _cut_goal_loops(doc))
    parts = [part for cascade in doc.vision.cascades for part in cascade.parts]
    note("part_team", _forget(parts, "team_id", teams) + _forget(parts, "member_id", members))
    note("cluster_team", _forget(doc.cocreate.clusters, "team_id", teams))
    actions = doc.plan.actions
    note("action_links", sum(_forget(actions, field, known) for field, known in (
        ("team_id", teams), ("owner_id", members), ("strategy_id", clusters),
        ("goal_id", goals))))
    return notes


def _forget(items: Iterable[object], field: str, known: set[str]) -> int:
    """Set `field` to None on each item whose `field` names something not in `known`."""
    count = 0
    for item in items:
        value = getattr(item, field)
        if value is not None and value not in known:
            setattr(item, field, None)
            count += 1
    return count


def _rename_duplicate_teams(doc: Workshop) -> int:
    taken = {team.name.casefold() for team in doc.teams}
    seen: set[str] = set()
    count = 0
    for team in doc.teams:
        folded = team.name.casefold()
        if folded not in seen:
            seen.add(folded)
            continue
        n = 2
        while True:
            suffix = f" ({n})"
            name = team.name[:MAX_NAME - len(suffix)].rstrip() + suffix
            if name.casefold() not in taken:
                break
            n += 1
        team.name = name
        taken.add(name.casefold())
        seen.add(name.casefold())
        count += 1
    return count


def _repair_room(doc: Workshop, teams: set[str]) -> int:
    room = doc.room
    count = 0
    if room.turn.team_id is not None and room.turn.team_id not in teams:
        room.turn.team_id = doc.teams[0].id if doc.teams else None
        count += 1
    passed = [team_id for team_id in room.turn.passed if team_id in teams]
    if len(passed) != len(room.turn.passed):
        room.turn.passed = passed
        count += 1
    if room.presenting_team_id is not None and room.presenting_team_id not in teams:
        room.presenting_team_id = None
        count += 1
    return count


def _move_cards(doc: Workshop) -> int:
    """Cards kept in a list that is not their step's, or on a board that list does not
    have, take the list's step and its first board (where the room would look)."""
    lists: list[tuple[StepId, list[Card], tuple[str, ...]]] = []
    for step in STEPS:
        boards = BOARDS.get(step, ())
        if step == "gaps":  # one step, three lists
            for cards, prefix in ((doc.gaps.cards, "storm"), (doc.gaps.pest, "pest."),
                                  (doc.gaps.swot, "swot.")):
                lists.append((step, cards, tuple(b for b in boards if b.startswith(prefix))))
        elif boards:
            lists.append((step, doc.card_list(step), boards))
    count = 0
    for step, cards, boards in lists:
        for card in cards:
            if card.step != step or card.board not in boards:
                card.step = step
                if card.board not in boards:
                    card.board = boards[0]
                count += 1
    return count


def _drop_votes(doc: Workshop, teams: set[str]) -> int:
    count = 0
    holders = [*doc.cocreate.clusters, *doc.gaps.cards, *doc.cocreate.cards]
    for holder in holders:
        kept = [vote for vote in holder.votes if vote.team_id in teams]
        if len(kept) != len(holder.votes):
            count += len(holder.votes) - len(kept)
            holder.votes = kept
    return count


def _cut_goal_loops(doc: Workshop) -> int:
    """A goal whose parents lead back to itself loses its parent (the loop is cut where it
    closes, so each goal of the loop still serves the next)."""
    parents = {goal.id: goal.parent_id for goal in doc.vision.goals}
    count = 0
    for goal in doc.vision.goals:
        seen = {goal.id}
        parent = parents[goal.id]
        while parent is not None and parent not in seen:
            seen.add(parent)
            parent = parents.get(parent)
        if parent == goal.id:  # its parents lead back to it
            goal.parent_id = None
            parents[goal.id] = None
            count += 1
    return count
