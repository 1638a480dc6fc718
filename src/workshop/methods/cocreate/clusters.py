"""Clustering the brainstorm cards (ToP consensus workshop, step 3) and naming the
clusters (step 4).

The method clusters **pairs first**: the facilitator asks the room which two cards
say the same thing, and a new cluster starts as such a pair; once a few pairs stand,
the other cards join them (or form new pairs). So a new cluster needs two cards;
splitting one may leave a single card on either side.

These functions change a ``CocreateSection`` in memory and expect ids that exist
(``workshop.edits.cocreate`` checks them and says what is wrong in the room's
language). A cluster left without cards disappears, unless it already has a name:
a name is work the room did, removed only on purpose (``remove``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from workshop.model import Card, Cluster, CocreateSection
from workshop.text import is_han

PAIR = 2
"""Cards a new cluster starts with: pairs first."""


@dataclass(frozen=True)
class Progress:
    """How far clustering and naming have come."""

    cards: int
    loose: int
    """Cards not in any cluster yet."""
    clusters: int
    unnamed: int
    """Clusters still without a name."""


def cards_of(section: CocreateSection, cluster_id: str | None) -> list[Card]:
    """The cards in `cluster_id` (None: the cards in no cluster), in the order typed."""
    return [card for card in section.cards if card.cluster_id == cluster_id]


def loose(section: CocreateSection) -> list[Card]:
    return cards_of(section, None)


def progress(section: CocreateSection) -> Progress:
    # read with every card typed, moved or dotted: the cards' clusters gathered once, at
    # C speed, for both counts
    homes = list(map(attrgetter("cluster_id"), section.cards))
    return Progress(cards=len(homes), loose=homes.count(None),
                    clusters=len(section.clusters), unnamed=_nameless_held(section, homes))


def unnamed(section: CocreateSection) -> int:
    """Clusters that hold cards but have no name yet (the step's to-do, worked out with
    every card typed): no card is looked at while every cluster has a name."""
    return _nameless_held(section, map(attrgetter("cluster_id"), section.cards))


def _nameless_held(section: CocreateSection, homes: Iterable[str | None]) -> int:
    """How many clusters without a name are among `homes` (read only if there are)."""
    nameless = {k.id for k in section.clusters if not k.name}
    return len(nameless.intersection(homes)) if nameless else 0


def _cards(section: CocreateSection, card_ids: Iterable[str]) -> list[Card]:
    wanted = set(card_ids)
    return [card for card in section.cards if card.id in wanted]


def prune(section: CocreateSection) -> list[Cluster]:
    """Remove clusters left without cards (unless named); returns those removed."""
    used = {card.cluster_id for card in section.cards}
    gone = [k for k in section.clusters if k.id not in used and not k.name]
    if gone:
        section.clusters = [k for k in section.clusters if k.id in used or k.name]
    return gone


def new_cluster(section: CocreateSection, card_ids: Iterable[str], *,
                after: str | None = None) -> Cluster:
    """A new cluster holding `card_ids` (taken from wherever they were), placed after the
    cluster `after` on the board, or last."""
    cluster = Cluster()
    index = next((i + 1 for i, k in enumerate(section.clusters) if k.id == after),
                 len(section.clusters))
    section.clusters.insert(index, cluster)
    for card in _cards(section, card_ids):
        card.cluster_id = cluster.id
    prune(section)
    return cluster


def pair(section: CocreateSection, first: str, second: str) -> Cluster:
    """Pairs first: a new cluster of two cards that say the same thing."""
    return new_cluster(section, [first, second])


def move(section: CocreateSection, card_ids: Iterable[str], cluster_id: str) -> list[Card]:
    """Put `card_ids` into the cluster `cluster_id`; returns the cards that moved."""
    moved = [card for card in _cards(section, card_ids) if card.cluster_id != cluster_id]
    for card in moved:
        card.cluster_id = cluster_id
    prune(section)
    return moved


def move_back(section: CocreateSection, card_ids: Iterable[str]) -> list[Card]:
    """Take `card_ids` out of their clusters, back to the loose cards."""
    moved = [card for card in _cards(section, card_ids) if card.cluster_id is not None]
    for card in moved:
        card.cluster_id = None
    prune(section)
    return moved


def merge(section: CocreateSection, source_id: str, target_id: str) -> Cluster:
    """Fold the cluster `source_id` into `target_id`: its cards and dots join the target;
    the target keeps its name (or takes the source's if it had none) and its team."""
    source = section.cluster(source_id)
    target = section.cluster(target_id)
    assert source is not None and target is not None and source is not target
    for card in section.cards:
        if card.cluster_id == source.id:
            card.cluster_id = target.id
    target.votes = [*target.votes, *source.votes]
    if not target.name:
        target.name = source.name
    if target.team_id is None:
        target.team_id = source.team_id
    section.clusters = [k for k in section.clusters if k.id != source.id]
    return target


def split(section: CocreateSection, cluster_id: str, card_ids: Iterable[str]) -> Cluster:
    """Split the cards `card_ids` off the cluster `cluster_id` into a new cluster, placed
    right after it. The dots and the name stay with the original cluster."""
    taken = [card.id for card in _cards(section, card_ids) if card.cluster_id == cluster_id]
    return new_cluster(section, taken, after=cluster_id)


def remove(section: CocreateSection, cluster_id: str) -> list[Card]:
    """Dissolve a cluster: its cards go back to the loose cards, its dots are dropped."""
    moved = cards_of(section, cluster_id)
    for card in moved:
        card.cluster_id = None
    section.clusters = [k for k in section.clusters if k.id != cluster_id]
    return moved


# -- naming (中心词) ----------------------------------------------------------------------

NAME_WORDS = (3, 7)
"""ToP: a cluster's name is 3 to 7 words, an action answering the focus question."""
NAME_HAN = (4, 12)
"""The same for Chinese, counted in characters (a Chinese word is one to four of them)."""

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")

ZH_ACTION_VERBS = (
    "建立", "建设", "提升", "提高", "加强", "强化", "开发", "开拓", "拓展", "扩大", "打造",
    "推动", "推进", "推广", "优化", "完善", "改进", "改善", "落实", "实施", "执行", "开展",
    "举办", "组织", "培养", "培训", "激励", "降低", "减少", "控制", "增加", "增强", "深耕",
    "聚焦", "整合", "规范", "制定", "梳理", "设立", "引入", "引进", "搭建", "创新", "抓",
    "做", "搞", "用", "让", "把", "定期", "每月", "每周", "每天", "持续", "精准", "分级",
    "拜访", "跟进", "维护", "参加", "邀请", "签约", "招聘", "复盘", "考核", "稳定", "挖掘",
    "争取", "突破", "巩固", "丰富", "调整", "缩短", "加快", "保障", "确保", "共享", "联合",
)
"""Common verbs that start an action in Chinese (a name without one reads as a noun)."""

EN_ACTION_HINTS = (
    "build", "grow", "raise", "improve", "create", "develop", "launch", "run", "hold",
    "train", "hire", "cut", "reduce", "lower", "increase", "expand", "open", "win", "keep",
    "visit", "serve", "set", "make", "share", "focus", "deepen", "strengthen", "streamline",
    "standardise", "standardize", "automate", "partner", "attend", "invite", "coach",
    "reward", "measure", "track", "review", "close", "sell", "upsell", "retain", "target",
    "introduce", "establish", "organise", "organize", "simplify", "speed", "secure",
)


@dataclass(frozen=True)
class NameAdvice:
    """What the room might reconsider about a cluster's name (advice, never a refusal)."""

    too_long: bool = False
    too_short: bool = False
    noun: bool = False
    """It reads as a thing, not an action (the answer to "what will we do?")."""
    length: int = 0
    """Words, or Chinese characters for a Chinese name."""
    han: bool = False
    """The length is counted in Chinese characters."""

    @property
    def ok(self) -> bool:
        return not (self.too_long or self.too_short or self.noun)


def name_advice(name: str) -> NameAdvice:
    """Advice on a cluster name: 3–7 words (4–12 Chinese characters), an action."""
    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        return NameAdvice()
    han = sum(1 for char in text if is_han(char))
    words = _WORD.findall(text)
    if han >= len(words):  # mostly Chinese: count characters (and a Latin word as one)
        length = han + len(words)
        low, high = NAME_HAN
        noun = not any(verb in text for verb in ZH_ACTION_VERBS)
        return NameAdvice(too_long=length > high, too_short=length < low, noun=noun,
                          length=length, han=True)
    length = len(words)
    low, high = NAME_WORDS
    if length == 1:  # a lone word is a topic ("Pricing"), unless it is a plain verb
        noun = words[0].lower() not in EN_ACTION_HINTS
    else:  # an action starts with a verb ("Build…", "Running…") within its first words
        noun = not any(w.lower() in EN_ACTION_HINTS or w.lower().endswith("ing")
                       for w in words[:2])
    return NameAdvice(too_long=length > high, too_short=length < low, noun=noun,
                      length=length)
