"""The rules of a 5-Why chain (五个为什么).

A chain starts from a problem (a gap or a fishbone cause) and asks "why?" again and
again; each answer is a link. The method asks five times; more are allowed when the
room is not at the root yet. The room marks the link it takes as the root cause. A
chain that stops (its root marked) before the third why must say why it stopped there:
stopping early is how 5-Why goes wrong, so the room writes down its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workshop.model.gaps import WhyChain

TARGET_WHYS = 5
"""How many times the method asks."""
MIN_WHYS = 3
"""A root marked before this many whys needs a written reason."""
MAX_WHYS = 12
"""A chain longer than this is a list, not a chain: the edits refuse more links."""

ChainState = Literal["empty", "asking", "rooted", "needs_reason"]


def depth(chain: WhyChain) -> int:
    """How many whys have been answered."""
    return len(chain.links)


def root_depth(chain: WhyChain) -> int | None:
    """At which why the root was found (1-based), or None when no root is marked."""
    if chain.root_index is None or not 0 <= chain.root_index < len(chain.links):
        return None
    return chain.root_index + 1


def reason_required(index: int) -> bool:
    """Whether marking the link at `index` (0-based) as the root needs a reason."""
    return index + 1 < MIN_WHYS


def stopped_early(chain: WhyChain) -> bool:
    """The root was marked before the third why."""
    found = root_depth(chain)
    return found is not None and found < MIN_WHYS


def needs_reason(chain: WhyChain) -> bool:
    """Stopped before the third why with no reason written down."""
    return stopped_early(chain) and not chain.stop_reason.strip()


def state(chain: WhyChain) -> ChainState:
    if needs_reason(chain):
        return "needs_reason"
    if root_depth(chain) is not None:
        return "rooted"
    return "asking" if chain.links else "empty"


@dataclass(frozen=True)
class Progress:
    """What the room sees about a chain: depth out of five, and where the root is."""

    depth: int
    target: int
    root: int | None
    past_target: bool
    """More whys than the method's five (allowed)."""


def progress(chain: WhyChain) -> Progress:
    d = depth(chain)
    return Progress(depth=d, target=TARGET_WHYS, root=root_depth(chain),
                    past_target=d > TARGET_WHYS)
