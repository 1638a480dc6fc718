"""Edits of step 2: classify, score, merge and pick gaps; fishbones; 5-Why chains; dots.

Each takes ids (never document objects: undo replaces the document) and refuses bad
input with a translated ``EditError``. PEST and SWOT cards are plain cards on their
boards (``workshop.edits.cards``).
"""

from __future__ import annotations

from workshop.edits import EditError
from workshop.i18n import lines, t
from workshop.methods.dots import Voter
from workshop.methods.gaps import ranking
from workshop.methods.gaps import whys as why_rules
from workshop.model import Workshop
from workshop.model.gaps import (
    GAP_KINDS,
    SCORE_NAMES,
    Author,
    Bone,
    Cause,
    Fishbone,
    GapCard,
    WhyChain,
    WhyLink,
)
from workshop.text import clean

MAX_BONES = 12
MAX_CAUSES = 30
"""Causes on one bone."""
MAX_CHILDREN = 12
"""Sub-causes under one cause."""
MAX_DEPTH = 3
"""Cause, sub-cause, sub-sub-cause."""


def _text(text: str, *, multiline: bool = True) -> str:
    value = clean(text, multiline=multiline)
    if not value:
        raise EditError(t("gaps.edit.empty"))
    return value


# -- gaps ----------------------------------------------------------------------------------

def _gap(doc: Workshop, gap_id: str) -> GapCard:
    card = next((c for c in doc.gaps.cards if c.id == gap_id), None)
    if card is None:
        raise EditError(t("edit.card_gone"))
    return card


def classify(doc: Workshop, gap_id: str, kind: str | None) -> GapCard:
    """Set a gap's kind (``opportunity``/``performance``), or clear it with None."""
    if kind is not None and kind not in GAP_KINDS:
        raise EditError(t("gaps.edit.bad_kind", kind=kind))
    card = _gap(doc, gap_id)
    card.kind = kind  # type: ignore[assignment]
    return card


def set_score(doc: Workshop, gap_id: str, name: str, value: int | None) -> GapCard:
    """Set one of a gap's scores (``cost``, ``strategic``, ``urgency``) to 1–5, or clear it."""
    if name not in SCORE_NAMES:
        raise EditError(t("gaps.edit.bad_score_name", name=name))
    if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
        raise EditError(t("gaps.edit.bad_score", value=value))
    card = _gap(doc, gap_id)
    setattr(card, name, value)
    return card


def merge_gaps(doc: Workshop, target_id: str, source_id: str) -> GapCard:
    """Merge the duplicate `source_id` into `target_id`: both texts and both authors are kept,
    the dots add up, missing scores and kind are taken from the duplicate, and its
    fishbone and 5-Why chains move over. The duplicate card goes."""
    if target_id == source_id:
        raise EditError(t("gaps.edit.merge_self"))
    target = _gap(doc, target_id)
    source = _gap(doc, source_id)
    target.merged_texts = [*target.merged_texts, source.text, *source.merged_texts]
    target.authors = [*target.authors, Author(team_id=source.team_id, member_id=source.member_id),
                      *source.authors]
    target.votes = [*target.votes, *source.votes]
    for name in ("kind", *SCORE_NAMES):
        if getattr(target, name) is None and getattr(source, name) is not None:
            setattr(target, name, getattr(source, name))
    target.key = target.key or source.key
    target.hidden = target.hidden and source.hidden
    source_bone = ranking.fishbone_of(doc, source_id)
    if source_bone is not None:
        target_bone = ranking.fishbone_of(doc, target_id)
        if target_bone is None:
            source_bone.gap_id = target_id
        else:
            for bone in source_bone.bones:
                same = next((b for b in target_bone.bones if b.label == bone.label), None)
                if same is None:
                    target_bone.bones.append(bone)
                else:
                    same.causes.extend(bone.causes)
            doc.gaps.fishbones.remove(source_bone)
    for chain in doc.gaps.whys:
        if chain.gap_id == source_id:
            chain.gap_id = target_id
    doc.gaps.cards.remove(source)
    return target


def delete_gap(doc: Workshop, gap_id: str) -> tuple[GapCard, int]:
    """Delete a gap with its fishbone and the 5-Why chains asked about it or its causes.
    Returns the card and how many fishbones and chains went with it (undo brings them back)."""
    card = _gap(doc, gap_id)
    chains = ranking.chains_of_gap(doc, gap_id)
    fishbone = ranking.fishbone_of(doc, gap_id)
    gone = len(chains)
    for chain in chains:
        doc.gaps.whys.remove(chain)
    if fishbone is not None:
        doc.gaps.fishbones.remove(fishbone)
        gone += 1
    doc.gaps.cards.remove(card)
    return card, gone


def set_key(doc: Workshop, gap_id: str, key: bool) -> GapCard:
    """Confirm (or un-confirm) a gap as a key gap; a key gap gets its fishbone."""
    card = _gap(doc, gap_id)
    card.key = key
    if key:
        ensure_fishbone(doc, gap_id)
    return card


def confirm_key_gaps(doc: Workshop, gap_ids: list[str]) -> list[str]:
    """Make exactly `gap_ids` the key gaps (the facilitator confirming a suggestion)."""
    if not gap_ids:
        raise EditError(t("gaps.edit.nothing_to_confirm"))
    wanted = set(gap_ids)
    for gap_id in gap_ids:
        _gap(doc, gap_id)
    for card in doc.gaps.cards:
        card.key = card.id in wanted
    for gap_id in gap_ids:
        ensure_fishbone(doc, gap_id)
    return list(gap_ids)


def set_key_count(doc: Workshop, count: int) -> int:
    if not 1 <= count <= 20:
        raise EditError(t("gaps.edit.bad_key_count"))
    doc.gaps.key_count = count
    return count


def set_ranking(doc: Workshop, method: str) -> str:
    if method not in ("score", "votes"):
        raise EditError(t("gaps.edit.bad_ranking"))
    doc.gaps.ranking = method  # type: ignore[assignment]
    return method


def vote(doc: Workshop, gap_id: str, team_id: str | None) -> int:
    """Place one of `team_id`'s dots on a gap; returns the dots the team has left."""
    team = doc.team(team_id)
    if team is None:
        raise EditError(t("gaps.edit.vote_no_team"))
    card = _gap(doc, gap_id)
    ballot, voter = ranking.ballot(doc), Voter(team.id)
    votes = ballot.placed(card, voter)
    if votes is None:
        raise EditError(t("gaps.edit.no_dots_left", team=team.name, dots=doc.gaps.dots))
    card.votes = votes
    return ballot.left(voter)


def unvote(doc: Workshop, gap_id: str, team_id: str | None) -> int:
    """Take back one of `team_id`'s dots from a gap; returns the dots the team has left."""
    team = doc.team(team_id)
    if team is None:
        raise EditError(t("gaps.edit.vote_no_team"))
    card = _gap(doc, gap_id)
    ballot, voter = ranking.ballot(doc), Voter(team.id)
    votes = ballot.taken_back(card, voter)
    if votes is None:
        raise EditError(t("gaps.edit.no_vote_here", team=team.name))
    card.votes = votes
    return ballot.left(voter)


# -- fishbones -----------------------------------------------------------------------------

def default_bone_labels(doc: Workshop) -> list[str]:
    """The scenario's categories, else the catalog's 人 机 料 法 环 测."""
    return list(doc.gaps.bone_labels) or lines("defaults.bones")


def ensure_fishbone(doc: Workshop, gap_id: str) -> Fishbone:
    """The gap's fishbone, made with the default bones when it has none yet."""
    _gap(doc, gap_id)
    found = ranking.fishbone_of(doc, gap_id)
    if found is not None:
        return found
    fishbone = Fishbone(gap_id=gap_id, bones=[Bone(label=label)
                                              for label in default_bone_labels(doc)])
    doc.gaps.fishbones.append(fishbone)
    return fishbone


def _fishbone(doc: Workshop, fishbone_id: str) -> Fishbone:
    found = next((f for f in doc.gaps.fishbones if f.id == fishbone_id), None)
    if found is None:
        raise EditError(t("gaps.edit.fishbone_gone"))
    return found


def _bone(fishbone: Fishbone, bone_id: str) -> Bone:
    found = next((b for b in fishbone.bones if b.id == bone_id), None)
    if found is None:
        raise EditError(t("gaps.edit.bone_gone"))
    return found


def _locate(fishbone: Fishbone, cause_id: str) -> tuple[Bone, list[Cause], Cause, int]:
    """The bone, the list holding the cause, the cause and its level (1 = on the bone)."""

    def search(causes: list[Cause], level: int) -> tuple[list[Cause], Cause, int] | None:
        for cause in causes:
            if cause.id == cause_id:
                return causes, cause, level
            found = search(cause.children, level + 1)
            if found:
                return found
        return None

    for bone in fishbone.bones:
        found = search(bone.causes, 1)
        if found:
            return bone, *found
    raise EditError(t("gaps.edit.cause_gone"))


def _height(cause: Cause) -> int:
    """Levels in `cause` and below it (1 for a cause without sub-causes)."""
    return 1 + max((_height(c) for c in cause.children), default=0)


def add_bone(doc: Workshop, fishbone_id: str, label: str, index: int | None = None) -> Bone:
    fishbone = _fishbone(doc, fishbone_id)
    if len(fishbone.bones) >= MAX_BONES:
        raise EditError(t("gaps.edit.too_many_bones", max=MAX_BONES))
    bone = Bone(label=_text(label, multiline=False))
    fishbone.bones.insert(len(fishbone.bones) if index is None else index, bone)
    return bone


def rename_bone(doc: Workshop, fishbone_id: str, bone_id: str, label: str) -> Bone:
    bone = _bone(_fishbone(doc, fishbone_id), bone_id)
    bone.label = _text(label, multiline=False)
    return bone


def delete_bone(doc: Workshop, fishbone_id: str, bone_id: str) -> Bone:
    fishbone = _fishbone(doc, fishbone_id)
    bone = _bone(fishbone, bone_id)
    fishbone.bones.remove(bone)
    return bone


def add_cause(doc: Workshop, fishbone_id: str, bone_id: str, text: str, *,
              parent_id: str | None = None, team_id: str | None = None) -> Cause:
    """Add a cause to a bone, or a sub-cause under `parent_id`."""
    fishbone = _fishbone(doc, fishbone_id)
    cause = Cause(text=_text(text), team_id=team_id)
    if parent_id is None:
        bone = _bone(fishbone, bone_id)
        if len(bone.causes) >= MAX_CAUSES:
            raise EditError(t("gaps.edit.too_many_causes", max=MAX_CAUSES))
        bone.causes.append(cause)
        return cause
    _, _, parent, level = _locate(fishbone, parent_id)
    if level >= MAX_DEPTH:
        raise EditError(t("gaps.edit.too_deep", max=MAX_DEPTH))
    if len(parent.children) >= MAX_CHILDREN:
        raise EditError(t("gaps.edit.too_many_children", max=MAX_CHILDREN))
    parent.children.append(cause)
    return cause


def edit_cause(doc: Workshop, fishbone_id: str, cause_id: str, text: str) -> Cause:
    _, _, cause, _ = _locate(_fishbone(doc, fishbone_id), cause_id)
    cause.text = _text(text)
    return cause


def delete_cause(doc: Workshop, fishbone_id: str, cause_id: str) -> Cause:
    """Delete a cause with its sub-causes."""
    _, holder, cause, _ = _locate(_fishbone(doc, fishbone_id), cause_id)
    holder.remove(cause)
    return cause


def move_cause(doc: Workshop, fishbone_id: str, cause_id: str, bone_id: str) -> Cause:
    """Move a cause (with its sub-causes) onto another bone, at the end of its causes."""
    fishbone = _fishbone(doc, fishbone_id)
    bone, holder, cause, level = _locate(fishbone, cause_id)
    target = _bone(fishbone, bone_id)
    if target.id == bone.id and level == 1:
        return cause
    if len(target.causes) >= MAX_CAUSES:
        raise EditError(t("gaps.edit.too_many_causes", max=MAX_CAUSES))
    holder.remove(cause)
    target.causes.append(cause)
    return cause


def shift_cause(doc: Workshop, fishbone_id: str, cause_id: str, delta: int) -> Cause:
    """Move a cause up (-1) or down (+1) among its siblings."""
    _, holder, cause, _ = _locate(_fishbone(doc, fishbone_id), cause_id)
    index = holder.index(cause)
    target = max(0, min(len(holder) - 1, index + delta))
    holder.insert(target, holder.pop(index))
    return cause


def _parent(fishbone: Fishbone, cause_id: str) -> Cause | None:
    for bone in fishbone.bones:
        for cause, _ in ranking.walk_causes(bone.causes):
            if any(child.id == cause_id for child in cause.children):
                return cause
    return None


def promote_cause(doc: Workshop, fishbone_id: str, cause_id: str) -> Cause:
    """Make a sub-cause a cause of its parent's level, placed just after its parent."""
    fishbone = _fishbone(doc, fishbone_id)
    _, holder, cause, _ = _locate(fishbone, cause_id)
    parent = _parent(fishbone, cause_id)
    if parent is None:
        raise EditError(t("gaps.edit.already_top"))
    _, parent_holder, _, _ = _locate(fishbone, parent.id)
    holder.remove(cause)
    parent_holder.insert(parent_holder.index(parent) + 1, cause)
    return cause


def demote_cause(doc: Workshop, fishbone_id: str, cause_id: str) -> Cause:
    """Make a cause a sub-cause of the sibling just before it."""
    fishbone = _fishbone(doc, fishbone_id)
    _, holder, cause, level = _locate(fishbone, cause_id)
    index = holder.index(cause)
    if index == 0:
        raise EditError(t("gaps.edit.no_sibling_above"))
    if level + _height(cause) > MAX_DEPTH:
        raise EditError(t("gaps.edit.too_deep", max=MAX_DEPTH))
    parent = holder[index - 1]
    if len(parent.children) >= MAX_CHILDREN:
        raise EditError(t("gaps.edit.too_many_children", max=MAX_CHILDREN))
    holder.remove(cause)
    parent.children.append(cause)
    return cause


def set_root(doc: Workshop, fishbone_id: str, cause_id: str, root: bool) -> Cause:
    _, _, cause, _ = _locate(_fishbone(doc, fishbone_id), cause_id)
    cause.root = root
    return cause


# -- 5-Why ---------------------------------------------------------------------------------

def _chain(doc: Workshop, chain_id: str) -> WhyChain:
    found = next((c for c in doc.gaps.whys if c.id == chain_id), None)
    if found is None:
        raise EditError(t("gaps.edit.chain_gone"))
    return found


def find_chain(doc: Workshop, *, gap_id: str | None = None,
               cause_id: str | None = None) -> WhyChain | None:
    """The chain already asked about this gap or cause, if any (read-only helper)."""
    for chain in doc.gaps.whys:
        if cause_id is not None and chain.cause_id == cause_id:
            return chain
        if cause_id is None and gap_id is not None and chain.gap_id == gap_id \
                and chain.cause_id is None:
            return chain
    return None


def start_chain(doc: Workshop, *, gap_id: str | None = None, cause_id: str | None = None,
                problem: str = "", team_id: str | None = None) -> WhyChain:
    """The 5-Why chain about a gap, a fishbone cause, or a problem typed in; the existing
    one when the gap or cause has one already."""
    existing = find_chain(doc, gap_id=gap_id, cause_id=cause_id)
    if existing is not None:
        return existing
    if cause_id is not None:
        fishbone = next((f for f in doc.gaps.fishbones
                         if any(c.id == cause_id for b in f.bones
                                for c, _ in ranking.walk_causes(b.causes))), None)
        if fishbone is None:
            raise EditError(t("gaps.edit.cause_gone"))
        _, _, cause, _ = _locate(fishbone, cause_id)
        problem, gap_id = cause.text, fishbone.gap_id
    elif gap_id is not None:
        problem = _gap(doc, gap_id).text
    chain = WhyChain(problem=_text(problem), gap_id=gap_id, cause_id=cause_id, team_id=team_id)
    doc.gaps.whys.append(chain)
    return chain


def edit_problem(doc: Workshop, chain_id: str, text: str) -> WhyChain:
    chain = _chain(doc, chain_id)
    chain.problem = _text(text)
    return chain


def delete_chain(doc: Workshop, chain_id: str) -> WhyChain:
    chain = _chain(doc, chain_id)
    doc.gaps.whys.remove(chain)
    return chain


def add_why(doc: Workshop, chain_id: str, text: str) -> WhyLink:
    """Answer the next "why?" of a chain."""
    chain = _chain(doc, chain_id)
    if len(chain.links) >= why_rules.MAX_WHYS:
        raise EditError(t("gaps.edit.too_many_whys", max=why_rules.MAX_WHYS))
    link = WhyLink(text=_text(text))
    chain.links.append(link)
    return link


def _link_index(chain: WhyChain, link_id: str) -> int:
    index = next((i for i, link in enumerate(chain.links) if link.id == link_id), None)
    if index is None:
        raise EditError(t("gaps.edit.why_gone"))
    return index


def edit_why(doc: Workshop, chain_id: str, link_id: str, text: str) -> WhyLink:
    chain = _chain(doc, chain_id)
    link = chain.links[_link_index(chain, link_id)]
    link.text = _text(text)
    return link


def delete_why(doc: Workshop, chain_id: str, link_id: str) -> WhyLink:
    """Delete an answer; the root mark stays on the same link (or goes with it)."""
    chain = _chain(doc, chain_id)
    index = _link_index(chain, link_id)
    link = chain.links.pop(index)
    if chain.root_index is not None:
        if chain.root_index == index:
            chain.root_index = None
        elif chain.root_index > index:
            chain.root_index -= 1
    return link


def mark_root(doc: Workshop, chain_id: str, link_id: str | None, reason: str = "") -> WhyChain:
    """Mark the link as the chain's root cause (None clears the mark). Before the third
    why, a reason for stopping there is required."""
    chain = _chain(doc, chain_id)
    if link_id is None:
        chain.root_index = None
        return chain
    index = _link_index(chain, link_id)
    reason = clean(reason, multiline=True)
    if why_rules.reason_required(index) and not (reason or chain.stop_reason):
        raise EditError(t("gaps.edit.reason_needed", depth=index + 1, min=why_rules.MIN_WHYS))
    chain.root_index = index
    if reason:
        chain.stop_reason = reason
    return chain


def set_stop_reason(doc: Workshop, chain_id: str, reason: str) -> WhyChain:
    chain = _chain(doc, chain_id)
    chain.stop_reason = clean(reason, multiline=True)
    return chain
