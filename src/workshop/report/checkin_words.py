"""The method's progress rule in words, for the screen, the board and the Markdown.

持平 → 保持稳定增长; 落后 → 需要高于平均水平的业绩才能追上 (what each remaining period and
working day must now bring); 超前 → 重新设定更高的目标. Numbers as the room reads them:
what remains split the way the cascade splits (3,857 or 3,858 a day, as 3,571/3,572),
with the exact average beside it.
"""

from __future__ import annotations

from fractions import Fraction

from workshop.i18n import t
from workshop.methods.checkin.progress import Progress
from workshop.methods.numbers import amount, fmt


def number(value: Fraction | float | None, p: Progress, lang: str) -> str:
    """`value` in the goal's unit (a level with up to three decimals)."""
    places = 3 if p.subject.kind == "level" else 2
    return amount(value, p.subject.unit, lang, places=places)


def verdict_label(verdict: str, lang: str) -> str:
    return t(f"checkin.verdict.{verdict}", lang)


def _gap(p: Progress, lang: str) -> str:
    gap = p.gap
    return number(abs(gap), p, lang) if gap is not None else ""


def _values(p: Progress, lang: str) -> str:
    """The proposal period by period: 第3周 27,000元、第4周 27,000元."""
    sep = t("word.list_sep", lang)
    return sep.join(t("checkin.rule.period_value", lang, period=p.rows[i].label,
                      value=number(value, p, lang))
                    for i, value in zip(p.remaining, p.proposal, strict=True))


def _days(p: Progress, lang: str) -> str:
    """剩下 14 个营业日：12 天 3,857元、2 天 3,858元（54,000元 ÷ 14 = 3,857.14元）."""
    left, per_day = p.left, p.per_day
    if not p.days or left is None or per_day is None or left <= 0:
        return ""
    sep = t("word.list_sep", lang)
    split = sep.join(t("checkin.rule.days_of", lang, count=count, value=number(value, p, lang))
                     for value, count in p.day_values)
    return t(f"checkin.rule.days_{p.day_basis or 'weekdays'}", lang, days=p.days, split=split,
             left=number(left, p, lang), exact=number(per_day, p, lang))


def rule(p: Progress, lang: str) -> str:
    """The verdict in the method's words, with the numbers it rests on."""
    if p.verdict == "no_actual":
        return t("checkin.rule.no_actual", lang)
    if p.verdict == "missing":
        sep = t("word.list_sep", lang)
        return t("checkin.rule.missing", lang,
                 periods=sep.join(p.rows[i].label for i in p.missing))
    through = p.rows[p.through].label if p.through is not None else ""
    kind = "level" if p.subject.kind == "level" else "amount"
    text = t(f"checkin.rule.{kind}_{p.verdict}", lang, period=through, gap=_gap(p, lang),
             actual=number(p.actual, p, lang), plan=number(p.plan, p, lang))
    if p.under_way and p.through is not None:
        days = p.rows[p.through].period.days
        text += t("checkin.rule.under_way", lang, period=through,
                  done=round(p.done * days), days=days)
    return text


def need(p: Progress, lang: str) -> str:
    """What the rest of the way must bring, or the higher target proposed."""
    if p.verdict not in ("behind", "ahead", "on_pace") or p.through is None:
        return ""
    if not p.remaining:
        return t(f"checkin.need.over_{p.verdict}", lang, target=number(p.target, p, lang))
    if p.subject.kind == "level":
        if p.verdict == "on_pace":
            return ""
        return t(f"checkin.need.level_{p.verdict}", lang, count=len(p.remaining),
                 actual=number(p.actual, p, lang), target=number(p.proposal_target, p, lang),
                 was=number(p.target, p, lang), values=_values(p, lang))
    days = _days(p, lang)
    if p.verdict == "on_pace":
        return t("checkin.need.on_pace", lang, days=days) if days else ""
    if p.verdict == "behind":
        # the day's plan, even where a re-split accepted here already replaced it
        was = sum((p.rows[i].original for i in p.remaining), Fraction(0)) / len(p.remaining)
        text = t("checkin.need.behind", lang, count=len(p.remaining),
                 left=number(p.left, p, lang), values=_values(p, lang),
                 avg=number(p.per_period, p, lang), was=number(was, p, lang))
    else:
        text = t("checkin.need.ahead", lang, new=number(p.proposal_target, p, lang),
                 target=number(p.target, p, lang), values=_values(p, lang))
    return f"{text} {days}".strip() if days else text


def short(p: Progress, lang: str) -> str:
    """The rule's advice in a few words, for a tile on the wall: 每期 27,000元 · 每天
    3,857–3,858元; 建议目标 109,000元; 保持稳定增长."""
    if p.verdict in ("no_actual", "missing"):
        return t(f"checkin.short.{p.verdict}", lang)
    if not p.remaining:
        return t(f"checkin.short.over_{p.verdict}", lang)
    if p.verdict == "ahead":
        return t("checkin.short.ahead", lang, new=number(p.proposal_target, p, lang))
    if p.verdict == "on_pace":
        return t("checkin.short.on_pace", lang)
    if p.subject.kind == "level":
        return t("checkin.short.level_behind", lang, value=number(p.proposal[0], p, lang),
                 period=p.rows[p.remaining[0]].label)
    text = t("checkin.short.behind", lang, avg=number(p.per_period, p, lang))
    if p.day_values:
        low, high = p.day_values[0][0], p.day_values[-1][0]
        day = number(low, p, lang) if low == high else t(
            "checkin.short.range", lang, low=fmt(low, lang), high=number(high, p, lang))
        text += t("checkin.short.per_day", lang, day=day)
    return text


def accepted(p: Progress, lang: str) -> str:
    if p.accepted is None:
        return ""
    return t("checkin.need.accepted", lang, target=number(p.accepted.target, p, lang))


def exact(value: Fraction | None, lang: str) -> str:
    """An exact average with two decimals (3,857.14), for the record."""
    return fmt(value, lang, places=2)
