"""The readiness check of step 5 — "做我所写、写我所做": write what you will do, do what
you wrote. An action is ready when someone owns it, it has a due date within its goal's
deadline, a measure and a target, and says concretely what will be done.

The vague-verb rule reuses the SMART check of step 1 (``methods.smart.check_goal``: an
action whose text is not Specific is vague). Until that module lands, a small list of
vague verbs stands in for it (提高, 加强, 做好…, "improve", "strengthen"…): a text with
one of them and no number is flagged. See ``specific``.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from workshop.i18n import t
from workshop.methods.plan import deadline
from workshop.model import Action, Workshop

FlagKind = Literal["owner", "due", "measure", "target", "late", "vague", "order"]
FLAG_KINDS: tuple[FlagKind, ...] = ("owner", "due", "measure", "target", "late", "vague",
                                    "order")
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

VAGUE_ZH = ("加强", "提高", "提升", "增强", "改善", "改进", "完善", "优化", "做好", "抓好",
            "搞好", "努力", "争取", "尽量", "尽力", "积极", "重视", "关注", "推进", "落实",
            "加大力度", "进一步", "配合", "深化", "强化", "建设好", "有较大")
"""Verbs that say "more of it" without saying what: the seed's list of invalid goals
(一定要提高拜访量, 把团队建设好, 尽自己最大的努力…) and the usual suspects."""
VAGUE_EN = ("improve", "enhance", "strengthen", "optimize", "optimise", "try", "strive",
            "focus on", "work on", "ensure", "boost", "better", "step up", "do our best",
            "as much as possible", "support", "promote", "push")
_CONCRETE = re.compile(r"\d|[一二两三四五六七八九十百千万]+\s*[次个家场位名项份天周月季年元%人条]")
_VAGUE = re.compile("|".join(
    [*(re.escape(w) for w in sorted(VAGUE_ZH, key=len, reverse=True)),
     *(rf"\b{re.escape(w)}\b" for w in sorted(VAGUE_EN, key=len, reverse=True))]),
    re.IGNORECASE)
"""Every vague word in one pattern: the check runs on every action after every change."""


def _vague_words(text: str) -> list[str]:
    """The vague words in `text`, in the order they appear."""
    return [m.group() for m in _VAGUE.finditer(text)]


def _fallback_specific(text: str, lang: str | None) -> tuple[bool, str]:
    if _CONCRETE.search(text):  # a number makes it concrete: no need to look further
        return True, ""
    words = _vague_words(text)
    if not words:
        return True, ""
    return False, t("plan.flag.vague", lang, word=words[0])


def _verdict(report: Any, letter: str) -> Any:
    """The verdict `letter` of a SMART report, however the report holds its verdicts
    (an attribute, a mapping, or a list of verdicts with a ``letter``)."""
    for holder in (report, getattr(report, "verdicts", None)):
        if holder is None:
            continue
        if isinstance(holder, dict) and letter in holder:
            return holder[letter]
        if not isinstance(holder, dict) and hasattr(holder, letter):
            return getattr(holder, letter)
        if isinstance(holder, (list, tuple)):
            for verdict in holder:
                if getattr(verdict, "letter", None) == letter:
                    return verdict
    return None


_SMART = "workshop.methods.smart"
_smart_missing = False


def _smart_checker() -> Callable[..., Any] | None:
    """``methods.smart.check_goal``, or None until that module exists. A failed import is
    remembered: looking for a missing module on every check would cost more than the
    whole check (the stepper runs it after every change)."""
    global _smart_missing
    module = sys.modules.get(_SMART)
    if module is None:
        if _smart_missing:
            return None
        try:
            module = importlib.import_module(_SMART)
        except ImportError:
            _smart_missing = True
            return None
    return getattr(module, "check_goal", None)


def specific(text: str, *, lang: str | None = None, due: Any = None) -> tuple[bool, str]:
    """Whether `text` says concretely what will be done, and if not, why (translated).

    Uses the SMART check's S verdict when ``methods.smart`` is there, else the vague-verb
    list. A SMART check that fails or answers in a shape we do not know counts as no
    answer: the list decides.
    """
    check_goal = _smart_checker()
    if check_goal is not None:
        try:
            verdict = _verdict(check_goal(text, deadline=due, lang=lang), "S")
        except Exception:
            verdict = None
        if verdict is not None and hasattr(verdict, "ok"):
            if verdict.ok:
                return True, ""
            reason = str(getattr(verdict, "reason", "") or "")
            return False, t("plan.flag.not_specific", lang, reason=reason) if reason else \
                t("plan.flag.vague_generic", lang)
    return _fallback_specific(text, lang)


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
