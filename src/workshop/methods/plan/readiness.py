"""The readiness check of step 5 — "做我所写、写我所做": write what you will do, do what
you wrote. An action is ready when someone owns it, someone checks it (a member or a
role: the C of PDCA), it has a due date within its goal's deadline, a measure and a
target, and says concretely what will be done.

The vague-wording rule reuses the SMART check of step 1 (``methods.smart.vague_wording``:
slogans such as 一定要…, and vague verbs such as 提高 or "improve" without a number).
See ``specific``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from workshop.i18n import t
from workshop.methods.plan.actions import deadline
from workshop.methods.vision import smart
from workshop.model import Action, Workshop

FlagKind = Literal["owner", "checker", "due", "measure", "target", "late", "vague", "order"]
FLAG_KINDS: tuple[FlagKind, ...] = ("owner", "checker", "due", "measure", "target", "late",
                                    "vague", "order")
"""In the order they are listed: what to fix first comes first."""


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    message: str
    """What is wrong and how to fix it, in the room's language."""


@dataclass(frozen=True)
class Readiness:
    action_id: str
    flags: tuple[Flag, ...] = field(default_factory=tuple)

    @property
    def ready(self) -> bool:
        return not self.flags

    @property
    def kinds(self) -> tuple[FlagKind, ...]:
        return tuple(f.kind for f in self.flags)


# -- the vague-verb rule ---------------------------------------------------------------------



def specific(text: str, *, lang: str | None = None, due: Any = None) -> tuple[bool, str]:
    """Whether `text` says concretely what will be done, and if not, why (translated).

    Reuses the SMART check's wording rule (``methods.smart.vague_wording``: slogans, and
    vague verbs without a number). Not its whole S verdict: a goal must name its scope,
    an action gets its scope from its owner and strategy.
    """
    del due  # the deadline is checked on its own (``due_after_deadline``)
    reason = smart.vague_wording(text, lang)
    if reason is None:
        return True, ""
    return False, t("plan.flag.not_specific", lang, reason=reason)


# -- the check -------------------------------------------------------------------------------

class _Lookups:
    """What every action's check looks up, indexed once per check of the plan: the
    stepper checks the whole plan after every change in the room."""

    def __init__(self, doc: Workshop) -> None:
        self.doc = doc
        self.members = {m.id for team in doc.teams for m in team.members}
        self._deadlines: dict[tuple[str | None, str | None], Any] = {}

    def deadline(self, action: Action) -> Any:
        key = (action.goal_id, action.team_id)
        if key not in self._deadlines:
            self._deadlines[key] = deadline(self.doc, action)
        return self._deadlines[key]


def check_action(doc: Workshop, action: Action, lang: str | None = None,
                 _lookups: _Lookups | None = None) -> Readiness:
    """Everything that keeps `action` from being ready, most important first."""
    found = _lookups or _Lookups(doc)
    flags: list[Flag] = []
    if action.owner_id not in found.members:
        flags.append(Flag("owner", t("plan.flag.owner", lang)))
    if action.checker_id not in found.members and not action.checker_role.strip():
        flags.append(Flag("checker", t("plan.flag.checker", lang)))
    if action.due is None:
        flags.append(Flag("due", t("plan.flag.due", lang)))
    if not action.measure.strip():
        flags.append(Flag("measure", t("plan.flag.measure", lang)))
    if not action.target.strip():
        flags.append(Flag("target", t("plan.flag.target", lang)))
    limit = found.deadline(action)
    if action.due is not None and limit is not None and action.due > limit:
        flags.append(Flag("late", t("plan.flag.late", lang, due=action.due.isoformat(),
                                     deadline=limit.isoformat())))
    if action.start is not None and action.due is not None and action.start > action.due:
        flags.append(Flag("order", t("plan.flag.order", lang)))
    ok, reason = specific(action.what, lang=lang, due=action.due)
    if not ok:
        flags.append(Flag("vague", reason))
    return Readiness(action.id, tuple(flags))


def check_plan(doc: Workshop, actions: Iterable[Action] | None = None,
               lang: str | None = None) -> dict[str, Readiness]:
    """The readiness of each action (default: every action), by action id."""
    chosen = doc.plan.actions if actions is None else actions
    found = _Lookups(doc)
    return {a.id: check_action(doc, a, lang, found) for a in chosen}


def not_ready(doc: Workshop) -> int:
    """How many actions are not ready: the plan step's badge."""
    return sum(1 for r in check_plan(doc).values() if not r.ready)
