"""The SMART check of a goal statement, in Chinese or English, as the room types it.

``check_goal(text, ...)`` returns one verdict per letter (``S M A R T``), each with
``ok`` and a one-line ``reason`` in the current language, and flags for two common
mistakes the method names: several goals in one statement (多重目标) and a purpose
written as if it were a goal (目的和目标相混淆).

The letters, as the method defines them:

- **S** specific: names what and where; not a slogan (一定要提高拜访量 is one).
- **M** measurable: a number and a unit, or a stated measure for a qualitative goal
  (不能量化不等于不能衡量).
- **A** achievable: the target against last year (目标是过去平均数 + 潜力); growth far
  beyond the past is flagged.
- **R** relevant: linked to a parent goal (上级措施就是下级目标), or itself the top goal.
- **T** time-bound: a deadline, in the fields or in the words.

It is a heuristic made to start the right conversation in the room, not a judge: it
reads words and numbers, so the reasons say what it found. Pure: no I/O, no Textual.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from workshop import i18n
from workshop.i18n import t
from workshop.methods.numbers import amount, fmt
from workshop.methods.vision import smart_words
from workshop.model import limits
from workshop.text import truncate

if TYPE_CHECKING:
    from workshop.model import Goal, Workshop

Letter = Literal["S", "M", "A", "R", "T"]
LETTERS: tuple[Letter, ...] = ("S", "M", "A", "R", "T")

CHALLENGING_GROWTH = 0.5
"""Above +50 % on last year the target is called challenging (still achievable)."""
FAR_GROWTH = 1.0
"""Above +100 % (more than double last year) the target is far beyond the past: A fails."""
FAR_CUT = 0.5
"""A target below last year by more than half: A fails too (ask what makes it possible)."""


@dataclass(frozen=True)
class Verdict:
    """One letter of the check."""

    letter: Letter
    ok: bool
    reason: str
    """One line, in the language of the check: what was found, or what is missing."""


@dataclass(frozen=True)
class Flag:
    """A warning beside the letters."""

    kind: Literal["multiple", "purpose"]
    message: str


@dataclass(frozen=True)
class SmartReport:
    """The five verdicts and the flags. ``report["S"]``, ``report.S`` and iteration
    (in S M A R T order) all work."""

    S: Verdict
    M: Verdict
    A: Verdict
    R: Verdict
    T: Verdict
    flags: tuple[Flag, ...] = ()

    def __getitem__(self, letter: str) -> Verdict:
        if letter not in LETTERS:
            raise KeyError(letter)
        return getattr(self, letter)

    def __iter__(self) -> Iterator[Verdict]:
        return (getattr(self, letter) for letter in LETTERS)

    @property
    def passed(self) -> bool:
        """Every letter passes (flags aside)."""
        return all(v.ok for v in self)

    @property
    def failed(self) -> tuple[Letter, ...]:
        return tuple(v.letter for v in self if not v.ok)

    @property
    def score(self) -> int:
        """How many letters pass, 0–5."""
        return sum(v.ok for v in self)


# -- the letters ------------------------------------------------------------------------

def vague_wording(text: str, lang: str | None = None) -> str | None:
    """Why `text` is a slogan or vague ("一定要…", "提高" without a number), or None.

    The part of S that applies to any sentence the room writes, not only goals: the
    plan's readiness check uses it for actions, whose scope comes from their owner.
    Remembered per text and language: the stepper checks every action of the plan
    after each change in the room, and the texts rarely change.
    """
    return _vague_wording(text, i18n.normalize(lang) or i18n.get_language())


@functools.lru_cache(maxsize=4096)
def _vague_wording(text: str, lang: str) -> str | None:
    undated, _dates = smart_words.without_dates(smart_words.normal(text))
    slogan = smart_words.HARD_SLOGANS.search(undated)
    if slogan:
        return t("smart.S.slogan", lang, words=slogan.group(0).strip())
    vague = smart_words.VAGUE.search(undated)
    if vague and not smart_words.quantities(undated):
        return t("smart.S.vague", lang, words=vague.group(0).strip())
    return None


def _specific(text: str, undated: str, numbers: list[tuple[str, str]],
              metric: str, lang: str | None) -> Verdict:
    if not text:
        return Verdict("S", False, t("smart.S.empty", lang))
    slogan = smart_words.HARD_SLOGANS.search(undated)
    if slogan:
        return Verdict("S", False, t("smart.S.slogan", lang, words=slogan.group(0).strip()))
    vague = smart_words.VAGUE.search(undated)
    if vague and not numbers:
        return Verdict("S", False, t("smart.S.vague", lang, words=vague.group(0).strip()))
    if smart_words.content_size(undated) < 4:
        return Verdict("S", False, t("smart.S.short", lang))
    scope = smart_words.SCOPE.search(undated)
    if scope is None and not numbers and not metric:
        return Verdict("S", False, t("smart.S.no_scope", lang))
    if scope is not None:
        # "拜访每家VIP客户" → "每家VIP客户": the scope starts after the last verb or particle
        words = smart_words.SCOPE_BREAK.split(scope.group(0).strip())[-1] or scope.group(0).strip()
        return Verdict("S", True, t("smart.S.ok_scope", lang, scope=truncate(words, 16)))
    return Verdict("S", True, t("smart.S.ok", lang))


def _measurable(undated: str, numbers: list[tuple[str, str]], target: float | None,
                metric: str, unit: str, lang: str | None) -> Verdict:
    with_unit = [written for written, u in numbers if u]
    if with_unit:
        return Verdict("M", True, t("smart.M.ok", lang, quantity=truncate(with_unit[-1], 20)))
    if target is not None:
        return Verdict("M", True, t("smart.M.ok_target", lang,
                                    quantity=amount(target, unit, lang)))
    if numbers:
        if unit:
            return Verdict("M", True, t("smart.M.ok", lang,
                                        quantity=f"{numbers[-1][0]} {unit}".strip()))
        return Verdict("M", False, t("smart.M.no_unit", lang, number=numbers[-1][0]))
    if metric:
        return Verdict("M", True, t("smart.M.ok_measure", lang, metric=truncate(metric, 30)))
    vague = smart_words.VAGUE.search(undated)
    if vague:
        return Verdict("M", False, t("smart.M.vague", lang, words=vague.group(0).strip()))
    standard = smart_words.STANDARD.search(undated)
    if standard:  # 不能量化不等于不能衡量: kept or not, each time
        return Verdict("M", True, t("smart.M.ok_standard", lang, words=standard.group(0)))
    return Verdict("M", False, t("smart.M.none", lang))


def _achievable(undated: str, numbers: list[tuple[str, str]], baseline: float | None,
                target: float | None, unit: str, qualitative: bool,
                lang: str | None) -> Verdict:
    if target is None:
        stated = [written for written, u in numbers if u]
        if len(stated) == 1:  # the one quantity the statement names is its target
            number = re.search(smart_words.NUMBER, stated[0])
            target = smart_words.number(number.group(0)) if number else None
    change = smart_words.CHANGE.search(undated)
    points = unit in ("%", "％") or (change is not None and "%" in change.group(0)) or (
        target is not None and any(u == "%" for _w, u in numbers) and not unit)
    if change is not None:
        a = change.group("a") or change.group("c")
        b = change.group("b") or change.group("d")
        baseline = smart_words.number(a) if baseline is None else baseline
        target = smart_words.number(b) if target is None else target
    if target is None:
        if qualitative:
            return Verdict("A", True, t("smart.A.qualitative", lang))
        return Verdict("A", False, t("smart.A.no_target", lang))
    if baseline is None:
        return Verdict("A", False, t("smart.A.no_baseline", lang))
    if baseline == 0:
        return Verdict("A", True, t("smart.A.from_zero", lang,
                                     target=amount(target, unit, lang)))
    ratio = target / baseline - 1
    pct = fmt(abs(ratio) * 100, lang, places=0 if abs(ratio) >= 0.1 else 1, wan=False) + "%"
    past = amount(baseline, unit, lang)
    if points:  # 60 % → 100 % is 40 points more, not 67 % more
        pct = t("smart.A.points", lang, points=fmt(abs(target - baseline), lang, wan=False))
        past = amount(baseline, "%", lang)
    if ratio > FAR_GROWTH:
        return Verdict("A", False, t("smart.A.far", lang, change=pct, baseline=past))
    if ratio > CHALLENGING_GROWTH:
        return Verdict("A", True, t("smart.A.stretch", lang, change=pct, baseline=past))
    if ratio > 0:
        return Verdict("A", True, t("smart.A.growth", lang, change=pct, baseline=past))
    if ratio == 0:
        return Verdict("A", True, t("smart.A.flat", lang, baseline=past))
    if -ratio > FAR_CUT:
        return Verdict("A", False, t("smart.A.far_cut", lang, change=pct, baseline=past))
    return Verdict("A", True, t("smart.A.cut", lang, change=pct, baseline=past))


def _relevant(parent: str | bool | None, lang: str | None) -> Verdict:
    if parent is True:
        return Verdict("R", True, t("smart.R.top", lang))
    if isinstance(parent, str) and parent.strip():
        return Verdict("R", True, t("smart.R.ok", lang, parent=truncate(parent.strip(), 30)))
    return Verdict("R", False, t("smart.R.none", lang))


def _time_bound(text: str, dates: list[str], impossible: list[str],
                deadline: dt.date | None, lang: str | None) -> Verdict:
    if impossible:  # the statement is what people read out: a wrong date there is wrong
        return Verdict("T", False, t("smart.T.impossible", lang, when=impossible[0]))
    if deadline is not None and not limits.EARLIEST <= deadline <= limits.LATEST:
        return Verdict("T", False, t("limits.date", lang, date=deadline.isoformat(),
                                     earliest=limits.EARLIEST.year, latest=limits.LATEST.year))
    if deadline is not None:
        return Verdict("T", True, t("smart.T.ok", lang, when=deadline.isoformat()))
    if dates:
        return Verdict("T", True, t("smart.T.ok", lang, when=truncate(dates[0], 24)))
    words = smart_words.TIME_WORDS.search(text)
    if words:
        return Verdict("T", True, t("smart.T.ok_words", lang, when=words.group(0).strip()))
    return Verdict("T", False, t("smart.T.none", lang))


def _flags(text: str, numbers: list[tuple[str, str]], lang: str | None) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    goals: list[str] = []
    for clause in smart_words.clauses(text):
        if smart_words.ELABORATION.match(clause):
            continue
        found = smart_words.quantities(smart_words.without_dates(clause)[0])
        if not found:
            continue
        if goals and smart_words.RESTATED.match(clause) and "%" in goals[-1]:
            continue  # 降低8%，节约200万元: one goal said two ways
        goals.append(clause)
    if len(goals) >= 2:
        flags.append(Flag("multiple", t("smart.flag.multiple", lang, count=len(goals))))
    undated = smart_words.without_dates(text)[0]
    if not numbers and (smart_words.PURPOSE_START.search(undated)
                        or smart_words.ASPIRATION.search(undated)):
        flags.append(Flag("purpose", t("smart.flag.purpose", lang)))
    return tuple(flags)


def check_goal(text: str, *, baseline: float | None = None, target: float | None = None,
               deadline: dt.date | None = None, parent: str | bool | None = None,
               lang: str | None = None, metric: str | None = None,
               unit: str | None = None) -> SmartReport:
    """Check a goal statement against SMART; reasons in `lang` (default: current).

    `baseline` is last year's actual and `target` the goal's value (both in the goal's
    unit); when missing they are read from words like 从1.4提高到1.8 / from 10 % to 20 %.
    `deadline` is the goal's date; when missing, dates and time words in the text count.
    `parent` is the statement of the goal this one serves; ``True`` when this is itself
    the top (company) goal; None when unknown (R fails). `metric` is how a qualitative
    goal is measured; `unit` the unit of `baseline` and `target`.
    """
    return _check(text, baseline, target, deadline, parent, i18n.normalize(lang)
                  or i18n.get_language(), metric, unit)


@functools.lru_cache(maxsize=2048)
def _check(text: str, baseline: float | None, target: float | None,
           deadline: dt.date | None, parent: str | bool | None, lang: str,
           metric: str | None, unit: str | None) -> SmartReport:
    # Cached: the goal tree, the stepper and the report check the same goals on every
    # redraw; a report is immutable, so sharing one is safe.
    raw = smart_words.normal(text)
    undated, dates, impossible = smart_words.read_dates(raw)
    numbers = smart_words.quantities(undated)
    metric = smart_words.normal(metric or "")
    unit = (unit or "").strip()
    return SmartReport(
        S=_specific(raw, undated, numbers, metric, lang),
        M=_measurable(undated, numbers, target, metric, unit, lang),
        A=_achievable(undated, numbers, baseline, target, unit, bool(metric) and not numbers,
                      lang),
        R=_relevant(parent, lang),
        T=_time_bound(raw, dates, impossible, deadline, lang),
        flags=_flags(raw, numbers, lang) if raw else (),
    )


# -- goals of the document --------------------------------------------------------------

def is_top_goal(doc: Workshop, goal: Goal) -> bool:
    """A goal without a parent that the room treats as the company goal: the first such
    goal, or any that other goals serve."""
    if goal.parent_id is not None:
        return False
    roots = [g for g in doc.vision.goals if g.parent_id is None]
    if roots and roots[0].id == goal.id:
        return True
    return any(g.parent_id == goal.id for g in doc.vision.goals)


def check_doc_goal(doc: Workshop, goal: Goal, lang: str | None = None) -> SmartReport:
    """``check_goal`` with everything the document knows about `goal`."""
    parent_goal = doc.goal(goal.parent_id)
    parent: str | bool | None
    if parent_goal is not None:
        parent = parent_goal.statement
    else:
        parent = True if is_top_goal(doc, goal) else None
    return check_goal(goal.statement, baseline=goal.baseline, target=goal.target,
                      deadline=goal.deadline, parent=parent, lang=lang, metric=goal.metric,
                      unit=goal.unit)


_LEADING_WORD = re.compile(r"^\s*(?:by|from|before|until|in)\s+", re.I)
_LEADING_PUNCT = re.compile(r"^\s*[,，、:：]\s*")


def headline(statement: str) -> str:
    """`statement` without a leading date (``2027年12月31日前``, ``By 31 December 2027,``)
    for a short list where the deadline is shown elsewhere; the statement itself when
    nothing would be left."""
    text = _LEADING_WORD.sub("", statement, count=1)
    for pattern in smart_words.DATE_PATTERNS[:6]:
        match = pattern.match(text.lstrip())
        if match:
            rest = _LEADING_PUNCT.sub("", text.lstrip()[match.end():]).strip()
            return rest or statement
    return statement
