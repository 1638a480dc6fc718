"""Edits to the co-creation step (step 4): the focus question, the phase, pulling cards in
from step 2, clustering, naming, assigning strategies to teams, and dot voting.

Each edit checks its ids and refuses what the method does not allow with a message for
the room (``EditError``); the mechanics are in ``workshop.methods.cocreate.clusters``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workshop.edits import EditError
from workshop.i18n import t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.methods.cocreate import focus as cocreate_method
from workshop.methods.cocreate import votes as vote_method
from workshop.methods.dots import Voter
from workshop.model import PHASES, Card, Cluster, Phase, Workshop
from workshop.model.limits import MAX_CARDS
from workshop.text import clean

# -- the focus question and the settings --------------------------------------------------

def set_focus_question(doc: Workshop, text: str) -> str:
    """The focus question ("" clears it, and the draft shows again)."""
    doc.cocreate.focus_question = clean(text, multiline=True)
    return doc.cocreate.focus_question


def set_phase(doc: Workshop, phase: Phase) -> int:
    """Move to `phase`. Leaving the focus question empty takes the draft; leaving the
    brainstorm reveals the hidden cards (the room clusters what it can read). Returns
    how many cards were revealed."""
    if phase not in PHASES:
        raise EditError(t("cocreate.error.unknown_phase", phase=phase))
    section = doc.cocreate
    index = PHASES.index(phase)
    if index > 0 and not section.focus_question:
        section.focus_question = cocreate_method.draft_focus_question(doc)
    revealed = 0
    if index >= PHASES.index("cluster"):
        for card in section.cards:
            if card.hidden:
                card.hidden = False
                revealed += 1
    section.phase = phase
    return revealed


def set_dots(doc: Workshop, dots: int) -> int:
    if not 1 <= dots <= 20:
        raise EditError(t("cocreate.error.dots_range", value=dots))
    doc.cocreate.dots = dots
    return dots


def set_dots_per(doc: Workshop, per: str) -> str:
    if per not in ("team", "member"):
        raise EditError(t("cocreate.error.dots_per", value=per))
    doc.cocreate.dots_per = per  # type: ignore[assignment]
    return per


def set_cap(doc: Workshop, cap: int | None) -> int | None:
    """Most cards a team may add in one turn (None: no cap)."""
    if cap is not None and not 1 <= cap <= 100:
        raise EditError(t("cocreate.error.cap_range", value=cap))
    doc.cocreate.cap_per_turn = cap
    return cap


# -- pulling in step 2 ------------------------------------------------------------------------

def pull_sources(doc: Workshop, kinds: Sequence[str] | None = None) -> list[Card]:
    """Add step 2's TOWS ideas and root causes (of `kinds`, default all) as brainstorm
    cards, each once; returns the cards added."""
    pending = [s for s in cocreate_method.pending_sources(doc)
               if kinds is None or s.kind in kinds]
    if not pending:
        raise EditError(t("cocreate.error.nothing_to_pull"))
    if len(doc.cocreate.cards) + len(pending) > MAX_CARDS:
        raise EditError(t("edit.too_many_cards", max=f"{MAX_CARDS:,}"))
    added = []
    for source in pending:
        team_id = source.team_id if doc.team(source.team_id) else None
        card = Card(text=source.text, step="cocreate", board="idea", team_id=team_id)
        doc.cocreate.cards.append(card)
        doc.cocreate.sources[card.id] = source.key
        added.append(card)
    return added


# -- clustering ---------------------------------------------------------------------------------

def _card_ids(doc: Workshop, card_ids: Sequence[str]) -> list[str]:
    known = {card.id for card in doc.cocreate.cards}
    ids = list(dict.fromkeys(card_ids))
    if not ids or any(card_id not in known for card_id in ids):
        raise EditError(t("edit.card_gone"))
    return ids


def _cluster(doc: Workshop, cluster_id: str | None) -> Cluster:
    cluster = doc.cocreate.cluster(cluster_id)
    if cluster is None:
        raise EditError(t("cocreate.error.cluster_gone"))
    return cluster


def new_cluster(doc: Workshop, card_ids: Sequence[str]) -> Cluster:
    """Pairs first: a new cluster from two or more cards that say the same thing."""
    ids = _card_ids(doc, card_ids)
    if len(ids) < cluster_method.PAIR:
        raise EditError(t("cocreate.error.pairs_first"))
    return cluster_method.new_cluster(doc.cocreate, ids)


def move(doc: Workshop, card_ids: Sequence[str], cluster_id: str) -> int:
    """Put cards into a cluster; returns how many moved."""
    ids = _card_ids(doc, card_ids)
    _cluster(doc, cluster_id)
    moved = cluster_method.move(doc.cocreate, ids, cluster_id)
    _forget_gone_strategies(doc)  # an unnamed cluster emptied by the move is gone
    return len(moved)


def move_back(doc: Workshop, card_ids: Sequence[str]) -> int:
    """Take cards out of their clusters, back to the loose cards; returns how many."""
    ids = _card_ids(doc, card_ids)
    moved = cluster_method.move_back(doc.cocreate, ids)
    if not moved:
        raise EditError(t("cocreate.error.not_in_cluster"))
    _forget_gone_strategies(doc)
    return len(moved)


def merge(doc: Workshop, source_id: str, target_id: str) -> Cluster:
    """Fold one cluster into another (cards, dots and the actions planned under it); the
    target keeps its name."""
    source = _cluster(doc, source_id)
    target = _cluster(doc, target_id)
    if source.id == target.id:
        raise EditError(t("cocreate.error.merge_self"))
    _repoint_actions(doc, source.id, target.id)
    return cluster_method.merge(doc.cocreate, source.id, target.id)


def _repoint_actions(doc: Workshop, old_id: str, new_id: str | None) -> None:
    """Actions planned under a cluster that is going follow it (or lose their strategy)."""
    for action in doc.plan.actions:
        if action.strategy_id == old_id:
            action.strategy_id = new_id


def _forget_gone_strategies(doc: Workshop) -> None:
    clusters = {cluster.id for cluster in doc.cocreate.clusters}
    for action in doc.plan.actions:
        if action.strategy_id is not None and action.strategy_id not in clusters:
            action.strategy_id = None


def split(doc: Workshop, cluster_id: str, card_ids: Sequence[str]) -> Cluster:
    """Split the given cards off their cluster into a new one right after it."""
    cluster = _cluster(doc, cluster_id)
    ids = _card_ids(doc, card_ids)
    inside = {card.id for card in cluster_method.cards_of(doc.cocreate, cluster.id)}
    taken = [card_id for card_id in ids if card_id in inside]
    if not taken:
        raise EditError(t("cocreate.error.split_none"))
    if len(taken) == len(inside):
        raise EditError(t("cocreate.error.split_all"))
    return cluster_method.split(doc.cocreate, cluster.id, taken)


def remove_cluster(doc: Workshop, cluster_id: str) -> int:
    """Dissolve a cluster; its cards go back to the loose cards. Returns how many."""
    _cluster(doc, cluster_id)
    _repoint_actions(doc, cluster_id, None)
    return len(cluster_method.remove(doc.cocreate, cluster_id))


# -- naming and assigning -------------------------------------------------------------------------

def name_cluster(doc: Workshop, cluster_id: str, name: str) -> cluster_method.NameAdvice:
    """Name a cluster (中心词); returns advice on the name (too long, a noun…)."""
    cluster = _cluster(doc, cluster_id)
    name = clean(name)
    if name:
        taken = next((k for k in doc.cocreate.clusters
                      if k.id != cluster.id and k.name.casefold() == name.casefold()), None)
        if taken is not None:
            raise EditError(t("cocreate.error.name_taken", name=name))
    cluster.name = name
    if not name:
        cluster_method.prune(doc.cocreate)
    return cluster_method.name_advice(name)


def assign_team(doc: Workshop, cluster_id: str, team_id: str | None) -> Cluster:
    """The team that takes this strategy into its action plan (None: nobody yet)."""
    cluster = _cluster(doc, cluster_id)
    if team_id is not None and doc.team(team_id) is None:
        raise EditError(t("edit.unknown_team"))
    cluster.team_id = team_id
    return cluster


# -- dot voting -----------------------------------------------------------------------------------

def _voter(doc: Workshop, team_id: str | None, member_id: str | None) -> Voter:
    team = doc.team(team_id)
    if team is None:
        raise EditError(t("edit.unknown_team"))
    if doc.cocreate.dots_per == "member":
        if team.member(member_id) is None:
            raise EditError(t("cocreate.error.pick_member", team=team.name))
        return Voter(team.id, member_id)
    return Voter(team.id)


def vote(doc: Workshop, cluster_id: str, team_id: str | None,
         member_id: str | None = None) -> int:
    """Place one dot on a named strategy; returns the dots the voter has left."""
    cluster = _cluster(doc, cluster_id)
    if not cluster.name:
        raise EditError(t("cocreate.error.vote_unnamed"))
    voter = _voter(doc, team_id, member_id)
    ballot = vote_method.ballot(doc)
    if ballot.room_left(doc.teams) <= 0:  # paper dots counted may have used the room's
        raise EditError(t("cocreate.error.room_voted", allowed=ballot.room_allowed(doc.teams)))
    votes = ballot.placed(cluster, voter)
    if votes is None:
        team = doc.team(voter.team_id)
        who = team.name if team else ""
        if voter.member_id and team and team.member(voter.member_id):
            who = team.member(voter.member_id).name  # type: ignore[union-attr]
        raise EditError(t("cocreate.error.no_dots", who=who, dots=doc.cocreate.dots))
    cluster.votes = votes
    return ballot.left(voter)


def unvote(doc: Workshop, cluster_id: str, team_id: str | None,
           member_id: str | None = None) -> int:
    """Take back the voter's last dot on this strategy; returns the dots left."""
    cluster = _cluster(doc, cluster_id)
    voter = _voter(doc, team_id, member_id)
    ballot = vote_method.ballot(doc)
    votes = ballot.taken_back(cluster, voter)
    if votes is None:
        raise EditError(t("cocreate.error.no_dot_here"))
    cluster.votes = votes
    return ballot.left(voter)


def count_dots(doc: Workshop, counts: Mapping[str, int]) -> int:
    """Paper dots counted off the wall: `counts` (cluster id → dots) replace what was
    counted on those clusters before. Refused when the room would have more dots than
    it has in all (every voter's dots, those placed at the keyboard included). Returns
    the dots counted in all."""
    clusters = {cluster_id: _cluster(doc, cluster_id) for cluster_id in counts}
    for cluster_id, dots in counts.items():
        if dots < 0:
            raise EditError(t("cocreate.error.count_negative"))
        if dots and not clusters[cluster_id].name:
            raise EditError(t("cocreate.error.vote_unnamed"))
    ballot = vote_method.ballot(doc)
    counted = {k.id: k.counted for k in doc.cocreate.clusters} | dict(counts)
    paper = sum(counted.values())
    keyboard = ballot.keyboard_total()
    allowed = ballot.room_allowed(doc.teams)
    if paper + keyboard > allowed:
        per = doc.cocreate.dots_per
        values = dict(counted=paper, keyboard=keyboard, allowed=allowed, dots=doc.cocreate.dots,
                      voters=ballot.room_voters(doc.teams))
        message = t(f"cocreate.error.over_budget_{per}", **values)
        if keyboard:
            message += t("cocreate.error.over_budget_keyboard", **values)
        raise EditError(message)
    for cluster_id, dots in counts.items():
        clusters[cluster_id].counted = dots
    return paper


def clear_votes(doc: Workshop) -> int:
    """Start the vote over (the paper dots counted too); returns how many dots went."""
    count = vote_method.total(doc)
    for cluster in doc.cocreate.clusters:
        cluster.votes = []
        cluster.counted = 0
    return count
