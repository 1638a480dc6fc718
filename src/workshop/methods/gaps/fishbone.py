"""The fishbone's shape, as the screen and the PDF both draw it, and finding things on it.

The gap is the head at the right end of the spine; the bones slant off the spine, the
first half of them (rounded up) above it and the rest below, one column each, left to
right. The terminal drawing, the PDF drawing and the keys that move a cause to the bone
beside it all follow this one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from workshop.methods.gaps.ranking import RankedGap, fishbone_of, walk_causes
from workshop.model import Workshop
from workshop.model.gaps import Bone, Cause, Fishbone, GapCard

T = TypeVar("T")


def bones_above(count: int) -> int:
    """How many of `count` bones stand above the spine: the first half, rounded up."""
    return (count + 1) // 2


def split_bones(bones: Sequence[T]) -> tuple[list[T], list[T]]:
    """The bones above the spine and the bones below it, each left to right."""
    top = bones_above(len(bones))
    return list(bones[:top]), list(bones[top:])


def beside(count: int, index: int, delta: int) -> int | None:
    """The bone `delta` columns from bone `index` on the same side of the spine (-1: to
    the left), or None where that side ends."""
    top = bones_above(count)
    target = index + delta
    if not 0 <= target < count or (index < top) != (target < top):
        return None
    return target


def locate(fishbone: Fishbone, cause_id: str) -> tuple[Bone, Cause, int] | None:
    """The bone a cause hangs on, the cause, and its level (1 = on the bone)."""
    for bone in fishbone.bones:
        for cause, level in walk_causes(bone.causes):
            if cause.id == cause_id:
                return bone, cause, level
    return None


def cause_count(bone: Bone) -> int:
    """Causes and sub-causes on a bone."""
    return sum(1 for _ in walk_causes(bone.causes))


def shown(doc: Workshop, rows: Sequence[RankedGap],
          also: str | None = None) -> list[tuple[GapCard, Fishbone]]:
    """The fishbones the room pages through: the key gaps' in ranking order, then the other
    gaps' that have causes (and the one of gap `also`, just opened), in ranking order."""
    key, other = [], []
    for row in rows:
        fish = fishbone_of(doc, row.id)
        if fish is None:
            continue
        if row.card.key:
            key.append((row.card, fish))
        elif row.id == also or any(bone.causes for bone in fish.bones):
            other.append((row.card, fish))
    return key + other
