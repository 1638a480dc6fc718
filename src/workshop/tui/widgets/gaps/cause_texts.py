"""What the fishbone and the 5-Why views say, as text and as drawing input: the titles,
the detail under the fishbone, the bones as the drawing takes them, and a chain as the
ladder shows it. Plain functions of the document (no widget, no app)."""

from __future__ import annotations

from rich.text import Text

from workshop.edits import gaps as gap_edits
from workshop.i18n import t
from workshop.methods.gaps import fishbone as fish_rules
from workshop.methods.gaps import ranking
from workshop.methods.gaps import whys as why_rules
from workshop.model import Workshop
from workshop.model.gaps import Bone, Cause, Fishbone, GapCard, WhyChain
from workshop.tui.screens.paned import short
from workshop.tui.widgets.gaps.fishbone_layout import FishBone, FishCause
from workshop.tui.widgets.gaps.why_ladder import Ladder

# -- fishbone ------------------------------------------------------------------------------

def drawn_bones(fish: Fishbone) -> list[FishBone]:
    """The fishbone's bones as the terminal drawing takes them."""
    return [FishBone(bone.id, bone.label, [FishCause(cause.id, cause.text, level, cause.root)
                                           for cause, level in ranking.walk_causes(bone.causes)])
            for bone in fish.bones]


def fish_title(index: int, total: int, card: GapCard) -> Text:
    """``鱼骨图 2/3 ★关键 两家 VIP 客户流失…`` on one line."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(t("gaps.fish.title", n=index + 1, total=total) + " ", style="bold")
    if card.key:
        text.append(t("gaps.badge.key") + " ", style="bold")
    text.append(card.text.replace("\n", " "))
    return text


def bone_detail(bone: Bone | None) -> Text:
    """Under the fishbone while the cursor is on a bone: its label, causes, the keys."""
    text = Text()
    if bone is None:
        text.append(t("gaps.fish.no_bones"))
        return text
    text.append(bone.label, style="bold")
    text.append("  " + t("gaps.fish.bone_detail", count=fish_rules.cause_count(bone)))
    text.append("\n" + t("gaps.fish.keys"), style="italic")
    return text


def cause_detail(doc: Workshop, bone: Bone, cause: Cause, level: int) -> Text:
    """Under the fishbone while the cursor is on a cause: where it hangs, whether it is a
    root, its sub-causes and 5-Why chain, its team, and its whole text."""
    text = Text()
    text.append(f"{bone.label} › {t('gaps.fish.level', level=level)}", style="bold")
    if cause.root:
        text.append("  " + t("gaps.fish.is_root"), style="bold reverse")
    if cause.children:
        text.append("  " + t("gaps.fish.subs", count=len(cause.children)))
    chain = gap_edits.find_chain(doc, cause_id=cause.id)
    if chain is not None:
        text.append("  " + t("gaps.fish.has_chain", depth=len(chain.links)))
    team = doc.team(cause.team_id)
    if team:
        text.append(f"  {team.name}", style=f"bold {team.color}")
    text.append("\n" + cause.text)
    return text


# -- 5 Whys --------------------------------------------------------------------------------

def origin(doc: Workshop, chain: WhyChain) -> str:
    """Where a chain comes from: a fishbone cause (its bone and gap) or a gap."""
    gap = next((c for c in doc.gaps.cards if c.id == chain.gap_id), None)
    if chain.cause_id and chain.gap_id:
        fish = ranking.fishbone_of(doc, chain.gap_id)
        found = fish_rules.locate(fish, chain.cause_id) if fish else None
        if found is not None:
            return t("gaps.why.from_cause", bone=found[0].label,
                     gap=short(gap.text, 30) if gap else "")
    if gap is not None and gap.text != chain.problem:
        return t("gaps.why.from_gap", gap=short(gap.text, 40))
    return ""


def why_title(index: int, total: int, chain: WhyChain) -> Text:
    """``五问链 1/2 追问中``, the state lit when the chain needs a reason."""
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append(t("gaps.why.title", n=index + 1, total=total) + " ", style="bold")
    head.append(t(f"gaps.why.state.{why_rules.state(chain)}"),
                style="bold reverse" if why_rules.needs_reason(chain) else "")
    return head


def ladder(doc: Workshop, chain: WhyChain) -> Ladder:
    """The chain as the ladder draws it: problem, answers, root, depth and what it needs."""
    progress = why_rules.progress(chain)
    meter = "●" * min(progress.depth, progress.target) + "○" * max(
        0, progress.target - progress.depth)
    footer = [(t("gaps.why.depth", meter=meter, depth=progress.depth,
                 target=progress.target), "meter")]
    if progress.past_target:
        footer.append((t("gaps.why.past_five"), "hint"))
    if progress.root is not None:
        footer.append((t("gaps.why.root_at", n=progress.root), "meter"))
    if why_rules.needs_reason(chain):
        footer.append((t("gaps.why.reason_needed", depth=progress.root), "warning"))
    elif chain.stop_reason and why_rules.stopped_early(chain):
        footer.append((t("gaps.why.reason", reason=chain.stop_reason), "hint"))
    footer.append((t("gaps.why.keys"), "hint"))
    links = [(link.id, t("gaps.why.label", n=i), link.text)
             for i, link in enumerate(chain.links, 1)]
    return Ladder(chain_id=chain.id, problem_label=t("gaps.why.problem"), problem=chain.problem,
                  origin=origin(doc, chain), links=links,
                  root_index=chain.root_index if progress.root is not None else None,
                  root_tag=t("gaps.why.root_tag"),
                  next_label=t("gaps.why.label", n=len(chain.links) + 1),
                  next_hint=t("gaps.why.next_hint"), footer=footer)
