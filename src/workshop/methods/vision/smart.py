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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from workshop import i18n
from workshop.i18n import t
from workshop.methods.numbers import amount, fmt
from workshop.model import limits
from workshop.text import is_han, truncate

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


# -- reading the words ------------------------------------------------------------------

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

_DATE_PATTERNS = [
    # 2027年12月31日前 / 2027年6月 / 2027年 / 12月31日 (the last two also say "when")
    re.compile(r"(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?"
               r"(?:前|之前|以前|底|末|内|止|起)?"),
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号](?:前|之前|以前|起)?"),
    re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])"),
    # 31 December 2027 / December 31, 2027 / June 2027 / Q3 2027 / H1 2027
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTHS})\.?,?\s+(?P<y>\d{{4}})\b",
               re.I),
    re.compile(rf"\b(?P<mn>{_MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
               re.I),
    re.compile(rf"\b(?P<mn>{_MONTHS})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?:Q[1-4]|H[12]|FY)\s*'?(?P<y>\d{2,4})\b", re.I),
    re.compile(r"\b(?:in|by|for|during|before|until|through|of|from|since)\s+(?P<y>(?:19|20)\d{2})\b",
               re.I),
]
_TIME_WORDS = re.compile(
    r"本月|本周|本季度?|本年度?|今年|明年|年底|年末|年内|年中|月底|月末|季度末|季末|上半年|下半年|"
    r"第[一二三四1-4]季度|[一二三四1-4]季度|全年|每[天日周月年]|每季度?|每个?(?:工作日|星期|月)|当天|当月|"
    r"\d+\s*(?:天|周|个月|日)内|"
    r"\b(?:this|next)\s+(?:week|month|quarter|year)\b|\bby\s+(?:year[- ]end|the\s+end\s+of)\b|"
    r"\bend\s+of\s+(?:the\s+)?(?:week|month|quarter|year)\b|\b(?:each|every|per)\s+(?:working\s+)?"
    r"(?:day|week|month|quarter|year)\b|\b(?:daily|weekly|monthly|quarterly|annually|yearly)\b|"
    r"\bwithin\s+\d+\s+(?:days?|weeks?|months?)\b",
    re.I)

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿半"
_CN_COUNTERS = ("个月|季度|次|场|家|个|名|人|位|件|单|篇|项|条|款|类|台|天|周|倍|成|轮|期|份|套|"
                "辆|户|本|张|所|批|届")
_CN_QUANTITY = re.compile(rf"(?<![第{_CN_DIGITS}])[{_CN_DIGITS}]+\s*(?:{_CN_COUNTERS})")
_UNIT_ZH = (r"(?:[万亿千百]?(?:元|美元|欧元|港元|人民币)|万|亿|%|‰|个月|季度|次|场|家|个|名|人|位|"
            r"件|单|篇|项|条|款|类|台|天|周|小时|分钟|分|倍|成|轮|期|份|套|辆|户|本|张|吨|公斤|千克|"
            r"克|米|公里|平方米|千瓦时|度|箱|瓶|盒|所|批|届|点|级|年)(?:/[\u4e00-\u9fff]{1,2})?")
_NOT_UNITS = (r"(?:to|and|or|of|a|an|per|by|in|on|at|for|from|each|every|the|with|than|"
              r"is|are|was|were)\b")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUANTITY = re.compile(
    rf"(?P<pre>(?:USD|RMB|CNY|EUR|GBP|SGD|HKD|[$¥€£])\s?)?(?P<num>{_NUMBER})"
    rf"(?P<unit>\s?{_UNIT_ZH}|\s?%|\s?[kKmM]\b|\s?(?!{_NOT_UNITS})[A-Za-z][A-Za-z/\-]*)?")

_HARD_SLOGANS = re.compile(
    r"一定要|要让|尽(?:自己|自已|我们|我|全)?(?:的)?最大(?:的)?努力|全力以赴|再创辉煌|力争上游|"
    r"把.{1,10}?(?:建设|做|搞|抓|管|带|弄)好|"
    r"\b(?:do|doing|try)\s+(?:our|my|your|their|the)\s+(?:very\s+)?best\b|\btry\s+to\b|\bstrive\b|"
    r"\bdo\s+everything\b|\bgive\s+it\s+(?:our|my)\s+all\b",
    re.I)
_VAGUE = re.compile(
    r"几个|几家|几次|几位|几名|一些|若干|较大|较多|较好|大幅|显著|明显|更多|更好|更高|积极|尽量|"
    r"尽可能|努力|大力|全力|进一步|有所|一定程度|相当|争取|力争|提高|提升|加强|改善|改进|增加|"
    r"做好|搞好|抓好|优化|完善|一流|领先|优秀|"
    r"\b(?:a\s+few|several|some|many|lots?\s+of|a\s+lot|more|better|significant(?:ly)?|greatly|"
    r"considerabl[ey]|substantial(?:ly)?|leading|best|excellent|world[- ]class|"
    r"as\s+(?:much|soon)\s+as\s+possible|asap|improve[ds]?|"
    r"improving|increase[ds]?|enhance[ds]?|boost|strengthen|optimi[sz]e)\b",
    re.I)
# Case matters only in the English half; a whole-pattern re.I would have the Chinese
# character class folded code point by code point when the pattern compiles.
_SCOPE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{0,6}?(?:事业部|分公司|门店|市场|渠道|车间|部门|团队|公司|集团|中心|客户|"
    r"员工|导购|业务员|会员|顾客|用户|产品|品类|项目|区|省|市|县|店|部|组|队|线)"
    r"|(?i:\b(?:every|each|per|all)\s+[A-Za-z]+|\b(?:[A-Z][A-Za-z]+\s+){0,2}(?:region|regional|"
    r"store|shop|team|department|dept|agency|company|branch|office|plant|channel|product|"
    r"customers?|clients?|members?|agents?|staff|employees?)\b)")
_SCOPE_BREAK = re.compile(r"[的为在对向把给从由达前后和与及让使访到是将]")
_PURPOSE_START = re.compile(
    r"^\s*(?:为了|旨在|目的是|目的在于|以便|以期|使得?|让)|^\s*(?:to|in\s+order\s+to|so\s+that|"
    r"our\s+(?:aim|purpose)|the\s+(?:aim|purpose)|aim(?:s|ing)?\s+to)\b",
    re.I)
_ASPIRATION = re.compile(
    r"成为.{0,10}?(?:一流|领先|最好|第一|标杆|龙头|最强|领导者)|打造.{0,10}?(?:一流|领先|标杆|品牌)|"
    r"(?:提升|提高|增强|培养).{0,8}?(?:能力|意识|水平|素质|凝聚力|形象|文化|士气)|"
    r"\bbecome\s+(?:the\s+)?(?:best|leading|leader|number\s+one|#1|world[- ]class)\b|"
    r"\bbuild\s+a\s+culture\b|\bbe\s+the\s+best\b",
    re.I)
_ELABORATION = re.compile(
    r"^\s*(?:由|从|即|也就是|相当于|其中|约|\(|i\.e\.|that\s+is|from|up\s+from|down\s+from|"
    r"compared|versus|vs)", re.I)
_CHANGE = re.compile(
    rf"(?:从|由)\s*(?P<a>{_NUMBER})\s*(?:{_UNIT_ZH})?\s*(?:提高|提升|增加|增长|降低|下降|减少|降|升)?"
    rf"(?:到|至)\s*(?P<b>{_NUMBER})"
    rf"|(?i:\bfrom\s+(?:USD\s*|\$)?(?P<c>{_NUMBER})\s*(?:%|[A-Za-z]+)?\s+to\s+(?:USD\s*|\$)?"
    rf"(?P<d>{_NUMBER}))")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
_CLAUSES = re.compile(r"[，；;。！!？?]|(?<!\d),|,(?!\d)|并且|并|同时|以及|另外|\band\b|\bplus\b",
                      re.I)
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _normal(text: str) -> str:
    # Full-width digits and percent signs (７００％) read as ASCII; CJK is untouched.
    return unicodedata.normalize("NFKC", text or "").strip()


def _without_dates(text: str) -> tuple[str, list[str]]:
    """`text` with date expressions blanked out, and the dates found."""
    found: list[str] = []

    def blank(match: re.Match[str]) -> str:
        found.append(match.group(0).strip())
        return " " * len(match.group(0))

    for pattern in _DATE_PATTERNS:
        text = pattern.sub(blank, text)
    return text, found


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _quantities(text: str) -> list[tuple[str, str]]:
    """Numbers in `text` (dates removed first): (what was written, its unit or "")."""
    out: list[tuple[int, str, str]] = []
    for match in _QUANTITY.finditer(text):
        unit = (match.group("unit") or "").strip()
        pre = (match.group("pre") or "").strip()
        written = match.group(0).strip()
        value = match.group("num")
        if not unit and not pre and re.fullmatch(r"(?:19|20)\d{2}", value):
            continue  # a bare year
        out.append((match.start(), written, unit or pre))
    out += [(m.start(), m.group(0), m.group(0)[-1]) for m in _CN_QUANTITY.finditer(text)]
    return [(written, unit) for _, written, unit in sorted(out)]


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(_BRACKETS.sub(" ", text)) if c and c.strip()]


def _content_size(text: str) -> int:
    """How much a statement says, dates and numbers aside: CJK characters plus words."""
    return sum(1 for char in text if is_han(char)) + len(_LATIN_WORD.findall(text))


# -- the letters ------------------------------------------------------------------------

def vague_wording(text: str, lang: str | None = None) -> str | None:
    """Why `text` is a slogan or vague ("一定要…", "提高" without a number), or None.

    The part of S that applies to any sentence the room writes, not only goals: the
    plan's readiness check uses it for actions, whose scope comes from their owner.
    """
    undated, _dates = _without_dates(_normal(text))
    slogan = _HARD_SLOGANS.search(undated)
    if slogan:
        return t("smart.S.slogan", lang, words=slogan.group(0).strip())
    vague = _VAGUE.search(undated)
    if vague and not _quantities(undated):
        return t("smart.S.vague", lang, words=vague.group(0).strip())
    return None


def _specific(text: str, undated: str, numbers: list[tuple[str, str]],
              metric: str, lang: str | None) -> Verdict:
    if not text:
        return Verdict("S", False, t("smart.S.empty", lang))
    slogan = _HARD_SLOGANS.search(undated)
    if slogan:
        return Verdict("S", False, t("smart.S.slogan", lang, words=slogan.group(0).strip()))
    vague = _VAGUE.search(undated)
    if vague and not numbers:
        return Verdict("S", False, t("smart.S.vague", lang, words=vague.group(0).strip()))
    if _content_size(undated) < 4:
        return Verdict("S", False, t("smart.S.short", lang))
    scope = _SCOPE.search(undated)
    if scope is None and not numbers and not metric:
        return Verdict("S", False, t("smart.S.no_scope", lang))
    if scope is not None:
        # "拜访每家VIP客户" → "每家VIP客户": the scope starts after the last verb or particle
        words = _SCOPE_BREAK.split(scope.group(0).strip())[-1] or scope.group(0).strip()
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
    vague = _VAGUE.search(undated)
    if vague:
        return Verdict("M", False, t("smart.M.vague", lang, words=vague.group(0).strip()))
    return Verdict("M", False, t("smart.M.none", lang))


def _achievable(undated: str, numbers: list[tuple[str, str]], baseline: float | None,
                target: float | None, unit: str, qualitative: bool,
                lang: str | None) -> Verdict:
    if target is None:
        stated = [written for written, u in numbers if u]
        if len(stated) == 1:  # the one quantity the statement names is its target
            number = re.search(_NUMBER, stated[0])
            target = _number(number.group(0)) if number else None
    change = _CHANGE.search(undated)
    if change is not None:
        a = change.group("a") or change.group("c")
        b = change.group("b") or change.group("d")
        baseline = _number(a) if baseline is None else baseline
        target = _number(b) if target is None else target
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


def _time_bound(text: str, dates: list[str], deadline: dt.date | None,
                lang: str | None) -> Verdict:
    if deadline is not None and not limits.EARLIEST <= deadline <= limits.LATEST:
        return Verdict("T", False, t("limits.date", lang, date=deadline.isoformat(),
                                     earliest=limits.EARLIEST.year, latest=limits.LATEST.year))
    if deadline is not None:
        return Verdict("T", True, t("smart.T.ok", lang, when=deadline.isoformat()))
    if dates:
        return Verdict("T", True, t("smart.T.ok", lang, when=truncate(dates[0], 24)))
    words = _TIME_WORDS.search(text)
    if words:
        return Verdict("T", True, t("smart.T.ok_words", lang, when=words.group(0).strip()))
    return Verdict("T", False, t("smart.T.none", lang))


def _flags(text: str, numbers: list[tuple[str, str]], lang: str | None) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    goals = [c for c in _clauses(text)
             if not _ELABORATION.match(c) and _quantities(_without_dates(c)[0])]
    if len(goals) >= 2:
        flags.append(Flag("multiple", t("smart.flag.multiple", lang, count=len(goals))))
    undated = _without_dates(text)[0]
    if not numbers and (_PURPOSE_START.search(undated) or _ASPIRATION.search(undated)):
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
    raw = _normal(text)
    undated, dates = _without_dates(raw)
    numbers = _quantities(undated)
    metric = _normal(metric or "")
    unit = (unit or "").strip()
    return SmartReport(
        S=_specific(raw, undated, numbers, metric, lang),
        M=_measurable(undated, numbers, target, metric, unit, lang),
        A=_achievable(undated, numbers, baseline, target, unit, bool(metric) and not numbers,
                      lang),
        R=_relevant(parent, lang),
        T=_time_bound(raw, dates, deadline, lang),
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
    for pattern in _DATE_PATTERNS[:6]:
        match = pattern.match(text.lstrip())
        if match:
            rest = _LEADING_PUNCT.sub("", text.lstrip()[match.end():]).strip()
            return rest or statement
    return statement
