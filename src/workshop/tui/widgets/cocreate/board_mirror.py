"""What the co-creation board shows, as sections of cards, and how that changes when the
room adds a card, moves cards between clusters or places a dot.

``build`` makes the sections from the document: 2,000 cards looked at one by one. A
keystroke must not cost that, so after an accepted change the board is told only what
changed (``add``, ``move``, ``recount``): the same sections as ``build`` would make from
the changed document, made by touching the one or two sections involved. A section
that is left as it was is the same object, so the board keeps its laid-out lines.
Where the change reaches further (an emptied unnamed cluster is pruned, renumbering
the ones after it) the mirror builds again from the document.

Pure: a document in, sections out; the board widget draws them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from workshop.i18n import t
from workshop.methods.cocreate import votes as vote_method
from workshop.methods.dots import tally_hidden
from workshop.model import Card, Phase, Workshop
from workshop.model.tracking import ChangeSet
from workshop.tui.widgets.card_board import CardView, Section

LOOSE = "~loose"
"""The section of cards in no cluster."""


def cluster_title(number: int, name: str, team: str, secret: bool = False) -> str:
    """``2. 办好技术交流会  → 济南队``: its number on the board, its name (``● ?`` while
    phones vote in secret: the dots stay off the wall), the team that took the strategy."""
    title = f"{number}. {name or t('cocreate.unnamed')}"
    if secret:
        title += "  ● ?"
    if team:
        title += f"  → {team}"
    return title


def tallies(doc: Workshop) -> dict[str, tuple[int, int]] | None:
    """Each cluster's dots and the most on any, while voting (or once there are some):
    the wall draws them under the titles, to scale. None: no dots to show (or phones
    voted in secret and the facilitator has not shown the tally yet)."""
    if tally_hidden(doc, "cocreate"):
        return None
    on = vote_method.tally(doc)
    if doc.cocreate.phase != "vote" and not any(on.values()):
        return None
    scale = max(on.values(), default=0)
    return {key: (dots, scale) for key, dots in on.items()}


class BoardMirror:
    """The board's sections, kept in step with the document change by change."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.phase: Phase = "focus"
        self.marked: set[str] = set()
        """Cards picked out to move together (view state: not in the document)."""
        self._group_of: dict[str, str] = {}
        """Card id → the key of the section it is shown in."""
        self._order: dict[str, int] = {}
        """Card id → its place in the document (the order typed)."""
        self._clusters: list[str] = []
        self._next = 0
        """The place the next card added gets in ``_order``."""

    # -- reading ----------------------------------------------------------------------
    def group_of(self, card_id: str) -> str | None:
        return self._group_of.get(card_id)

    def cluster_ids(self) -> list[str]:
        """The clusters in board order."""
        return list(self._clusters)

    def keys(self) -> list[str]:
        """Every section on the board, in order."""
        return [section.key for section in self.sections]

    def in_order(self, card_ids: Iterable[str]) -> list[str]:
        """`card_ids` in the order they were typed."""
        return sorted(card_ids, key=lambda card_id: self._order.get(card_id, -1))

    def marked_in_order(self) -> list[str]:
        return self.in_order(self.marked & self._order.keys())

    def successor(self, card_id: str, leaving: Iterable[str]) -> str | None:
        """The card that takes `card_id`'s place when the cards `leaving` (it among them)
        leave its section: the next one staying, else the one before."""
        key = self._group_of.get(card_id)
        section = next((s for s in self.sections if s.key == key), None)
        if section is None:
            return None
        gone = set(leaving)
        ids = [card.id for card in section.cards]
        if card_id not in ids:
            return None
        at = ids.index(card_id)
        after = [i for i in ids[at + 1:] if i not in gone]
        before = [i for i in ids[:at] if i not in gone]
        return after[0] if after else (before[-1] if before else None)

    # -- the whole board --------------------------------------------------------------
    def build(self, doc: Workshop) -> list[Section]:
        """The sections from the document: in brainstorm and cluster the loose cards come
        first (they are what is left to sort), later they wait below the clusters."""
        section = doc.cocreate
        teams = {team.id: team for team in doc.teams}
        phase = section.phase
        self.phase = phase
        groups: dict[str, list[CardView]] = {LOOSE: []}
        for cluster in section.clusters:
            groups[cluster.id] = []
        sources = section.sources
        known: set[str] = set()
        group_of: dict[str, str] = {}
        order: dict[str, int] = {}
        marked = self.marked
        for i, card in enumerate(section.cards):
            key = card.cluster_id if card.cluster_id in groups else LOOSE
            source = sources.get(card.id)
            badge = t(f"cocreate.source.badge.{source.split(':', 1)[0]}") if source else ""
            team = teams.get(card.team_id or "")
            groups[key].append(CardView(card.id, card.text, team.name if team else "",
                                        team.color if team else "", card.hidden, badge, key,
                                        card.id in marked))
            group_of[card.id] = key
            order[card.id] = i
            known.add(card.id)
        self.marked &= known
        self._group_of, self._order, self._next = group_of, order, len(order)
        self._clusters = [cluster.id for cluster in section.clusters]
        if not section.cards and not section.clusters:
            self.sections = []  # nothing yet: the board says what to do in this phase
            return []
        titled = bool(section.clusters) or phase != "brainstorm"
        out = []
        loose = None
        if groups[LOOSE] or phase in ("brainstorm", "cluster"):
            hint = t("cocreate.loose_empty") if phase == "cluster" else ""
            loose = Section(LOOSE, t("cocreate.loose") if titled else "", groups[LOOSE], hint)
        if loose is not None and phase in ("brainstorm", "cluster"):
            out.append(loose)
            loose = None
        dots = tallies(doc)
        secret = tally_hidden(doc, "cocreate") and (phase == "vote" or vote_method.total(doc))
        for number, cluster in enumerate(section.clusters, 1):
            team = teams.get(cluster.team_id or "")
            out.append(Section(cluster.id,
                               cluster_title(number, cluster.name, team.name if team else "",
                                             bool(secret)),
                               groups[cluster.id], t("cocreate.cluster_empty"),
                               dots[cluster.id] if dots else None))
        if loose is not None:
            out.append(loose)
        self.sections = out
        return out

    def _same_clusters(self, doc: Workshop) -> bool:
        clusters = doc.cocreate.clusters
        return (doc.cocreate.phase == self.phase and len(clusters) == len(self._clusters)
                and all(k.id == key for k, key in zip(clusters, self._clusters, strict=True)))

    # -- one change at a time ---------------------------------------------------------
    def add(self, doc: Workshop, card: Card) -> list[Section]:
        """`card` was just added to the document (at the end, in no cluster)."""
        keys = self.keys()
        if (card.cluster_id is not None or LOOSE not in keys or not self._same_clusters(doc)
                or doc.cocreate.sources.get(card.id)):
            return self.build(doc)
        team = doc.team(card.team_id)
        view = CardView(card.id, card.text, team.name if team else "",
                        team.color if team else "", card.hidden, "", LOOSE)
        self._group_of[card.id] = LOOSE
        self._order[card.id] = self._next
        self._next += 1
        at = keys.index(LOOSE)
        loose = self.sections[at]
        self.sections = [*self.sections[:at], loose._replace(cards=[*loose.cards, view]),
                         *self.sections[at + 1:]]
        return self.sections

    def follow(self, doc: Workshop, change: ChangeSet) -> list[Section]:
        """The sections after `change`, the one change to the document since the mirror
        was last in step with it (an undo or a redo, a phone's card): the quick way when
        it only added a card at the end of the co-create list or took cards out of it (a
        card typed, its undo and redo), else ``build``."""
        added: list[Card] = []
        removed: list[Card] = []
        for entry in change.entries:
            if entry.room or (entry.path == [] and entry.name == "updated_at"):
                continue
            if entry.kind != "splice" or entry.path != ["cocreate"] or entry.name != "cards":
                return self.build(doc)
            added += entry.new
            removed += entry.old
        if added and removed:
            return self.build(doc)
        if removed:
            return self.remove(doc, {card.id for card in removed})
        if len(added) == 1 and doc.cocreate.cards and doc.cocreate.cards[-1] is added[0]:
            return self.add(doc, added[0])
        return self.build(doc) if added else self.sections

    def remove(self, doc: Workshop, card_ids: set[str]) -> list[Section]:
        """The cards `card_ids` were just taken out of the document."""
        keys = {self._group_of.get(card_id) for card_id in card_ids}
        if (None in keys or not self._same_clusters(doc) or not doc.cocreate.cards
                or (LOOSE in keys and self.phase not in ("brainstorm", "cluster"))):
            return self.build(doc)  # the board's empty, or its loose cards may go
        self.sections = [
            s._replace(cards=[card for card in s.cards if card.id not in card_ids])
            if s.key in keys else s for s in self.sections]
        for card_id in card_ids:
            del self._group_of[card_id], self._order[card_id]
        self.marked -= card_ids
        return self.sections

    def move(self, doc: Workshop, card_ids: Sequence[str], target: str) -> list[Section]:
        """The cards `card_ids` were just moved into the section `target` (a cluster, or
        ``LOOSE``): they leave their sections and join it in the order typed."""
        if not self._same_clusters(doc) or target not in self.keys():
            return self.build(doc)  # a cluster emptied and pruned: the numbers change
        moving = {card_id for card_id in card_ids
                  if card_id in self._group_of and self._group_of[card_id] != target}
        if not moving:
            return self.sections
        sources = {self._group_of[card_id] for card_id in moving}
        taken: list[CardView] = []
        sections = []
        for section in self.sections:
            if section.key in sources:
                kept = []
                for card in section.cards:
                    (taken if card.id in moving else kept).append(card)
                section = section._replace(cards=kept)
            sections.append(section)
        order = self._order
        for i, section in enumerate(sections):
            if section.key == target:
                cards = list(section.cards)
                places = [order[card.id] for card in cards]
                for card in taken:
                    at = bisect.bisect(places, order[card.id])
                    places.insert(at, order[card.id])
                    cards.insert(at, card._replace(group=target, marked=False))
                sections[i] = section._replace(cards=cards)
        for card_id in moving:
            self._group_of[card_id] = target
        self.marked -= moving
        self.sections = sections
        return sections

    def recount(self, doc: Workshop, cluster_id: str) -> list[Section]:
        """The dots on `cluster_id` changed: its bar says how many it has now (and every
        bar is drawn to the new scale when the most dots on one cluster changed)."""
        if not self._same_clusters(doc) or doc.cocreate.cluster(cluster_id) is None:
            return self.build(doc)
        dots = tallies(doc)
        if dots is None:
            return self.build(doc)
        self.sections = [s._replace(tally=dots[s.key])
                         if s.key in dots and s.tally != dots[s.key] else s
                         for s in self.sections]
        return self.sections

    def toggle_mark(self, card_id: str) -> list[Section]:
        """Mark the card, or unmark it (nothing in the document changes)."""
        key = self._group_of.get(card_id)
        if key is None:
            return self.sections
        self.marked ^= {card_id}
        marked = card_id in self.marked
        self.sections = [
            s._replace(cards=[c._replace(marked=marked) if c.id == card_id else c
                              for c in s.cards]) if s.key == key else s
            for s in self.sections]
        return self.sections

    def clear_marks(self) -> list[Section]:
        if not self.marked:
            return self.sections
        keys = {self._group_of.get(card_id) for card_id in self.marked}
        self.marked = set()
        self.sections = [
            s._replace(cards=[c._replace(marked=False) if c.marked else c for c in s.cards])
            if s.key in keys else s for s in self.sections]
        return self.sections
