"""Edits to the team charters (step 3): team name, slogan, roles, each member's decision
and commitment, rules, rewards, penalties and how the team keeps itself to it.

A team's charter is created by its first edit, starting from the default rules. Every
edit re-checks whether the charter is signed and stamps or clears ``signed_at``.
"""

from __future__ import annotations

from workshop.edits import EditError
from workshop.i18n import t
from workshop.methods import charter as charter_method
from workshop.model import (
    CHARTER_LISTS,
    Charter,
    CharterList,
    Commitment,
    Member,
    Team,
    Workshop,
    limits,
)
from workshop.model import now as _now
from workshop.text import clean


def _team(doc: Workshop, team_id: str) -> Team:
    team = doc.team(team_id)
    if team is None:
        raise EditError(t("edit.unknown_team"))
    return team


def _member(team: Team, member_id: str) -> Member:
    member = team.member(member_id)
    if member is None:
        raise EditError(t("charter.error.unknown_member"))
    return member


def ensure(doc: Workshop, team_id: str) -> Charter:
    """The charter of `team_id`, created from the default rules if there is none yet."""
    _team(doc, team_id)
    charter = doc.charter.charter(team_id)
    if charter is None:
        charter = Charter(team_id=team_id, rules=charter_method.default_rules(doc))
        doc.charter.charters.append(charter)
    return charter


def _restamp(doc: Workshop, charter: Charter) -> None:
    team = doc.team(charter.team_id)
    signed = team is not None and charter_method.is_signed(charter, team)
    if signed and charter.signed_at is None:
        charter.signed_at = _now()
    elif not signed and charter.signed_at is not None:
        charter.signed_at = None


def _pledge(charter: Charter, member_id: str) -> Commitment:
    pledge = charter.commitment(member_id)
    if pledge is None:
        pledge = Commitment(member_id=member_id)
        charter.commitments.append(pledge)
    return pledge


def rename_team(doc: Workshop, team_id: str, name: str) -> Team:
    """The team's name (队名), chosen by the team; unique among the teams."""
    team = _team(doc, team_id)
    name = clean(name)
    if not name:
        raise EditError(t("charter.error.empty_team_name"))
    if problem := limits.name_problem(name):
        raise EditError(problem)
    other = doc.team_named(name)
    if other is not None and other.id != team.id:
        raise EditError(t("charter.error.team_name_taken", name=name))
    team.name = name
    ensure(doc, team_id)
    return team


def set_slogan(doc: Workshop, team_id: str, slogan: str) -> Charter:
    charter = ensure(doc, team_id)
    charter.slogan = clean(slogan)
    return charter


def set_role(doc: Workshop, team_id: str, member_id: str, role: str) -> Member | None:
    """Elect `member_id` to `role` ("" clears it). A role is held by one member of a team:
    returns the member who held it before, if another one did (they lose it)."""
    team = _team(doc, team_id)
    member = _member(team, member_id)
    role = clean(role)
    if problem := limits.name_problem(role):
        raise EditError(problem)
    previous = None
    if role:
        previous = next((m for m in team.members if m.role == role and m.id != member_id),
                        None)
        if previous is not None:
            previous.role = ""
    member.role = role
    ensure(doc, team_id)
    return previous


def set_decision(doc: Workshop, team_id: str, member_id: str, commits: bool | None) -> Charter:
    """Record the member's answer to "do we commit to this goal?" (None: not asked)."""
    _member(_team(doc, team_id), member_id)
    charter = ensure(doc, team_id)
    _pledge(charter, member_id).commits = commits
    _restamp(doc, charter)
    return charter


def set_commitment(doc: Workshop, team_id: str, member_id: str, text: str) -> Charter:
    """The member's personal commitment, in their words ("" clears it)."""
    _member(_team(doc, team_id), member_id)
    charter = ensure(doc, team_id)
    _pledge(charter, member_id).text = clean(text, multiline=True)
    _restamp(doc, charter)
    return charter


def _list(charter: Charter, field: CharterList) -> list[str]:
    if field not in CHARTER_LISTS:
        raise ValueError(f"not a charter list: {field!r}")
    return getattr(charter, field)


def add_item(doc: Workshop, team_id: str, field: CharterList, text: str) -> int:
    """Add a rule, reward or penalty; returns its index."""
    text = clean(text)
    if not text:
        raise EditError(t("charter.error.empty_item"))
    charter = ensure(doc, team_id)
    items = _list(charter, field)
    setattr(charter, field, [*items, text])
    return len(items)


def edit_item(doc: Workshop, team_id: str, field: CharterList, index: int, text: str) -> None:
    text = clean(text)
    if not text:
        raise EditError(t("charter.error.empty_item"))
    charter = ensure(doc, team_id)
    items = list(_list(charter, field))
    if not 0 <= index < len(items):
        raise EditError(t("charter.error.item_gone"))
    items[index] = text
    setattr(charter, field, items)


def remove_item(doc: Workshop, team_id: str, field: CharterList, index: int) -> str:
    charter = ensure(doc, team_id)
    items = list(_list(charter, field))
    if not 0 <= index < len(items):
        raise EditError(t("charter.error.item_gone"))
    removed = items.pop(index)
    setattr(charter, field, items)
    return removed


def set_accountability(doc: Workshop, team_id: str, text: str) -> Charter:
    """How the team keeps itself to the charter (who checks, when, what happens)."""
    charter = ensure(doc, team_id)
    charter.accountability = clean(text, multiline=True)
    return charter


def refresh_signatures(doc: Workshop) -> None:
    """Re-stamp every charter (after members changed elsewhere)."""
    for charter in doc.charter.charters:
        _restamp(doc, charter)
