"""The gaps step's part of the report: the ranked gap table, the key gaps with their
fishbones and root causes, the 5-Why chains, PEST, SWOT and the TOWS cross."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods.gaps import ranking, whys
from workshop.model import Workshop
from workshop.model.gaps import PEST_BOARDS, SWOT_BOARDS, TOWS_BOARDS, Cause
from workshop.report.base import BoardRow, StepReport, boards, step_report


@dataclass(frozen=True)
class GapRow:
    id: str
    rank: int
    text: str
    merged_texts: list[str]
    teams: list[str]
    """The author teams' names (the card's and those of merged duplicates)."""
    color: str
    """The first author team's colour, or empty."""
    kind: str | None
    kind_label: str
    cost: int | None
    strategic: int | None
    urgency: int | None
    score: int | None
    votes: int
    key: bool
    suggested: bool
    tied: bool
    hidden: bool


@dataclass(frozen=True)
class CauseRow:
    id: str
    text: str
    root: bool
    level: int
    """1 for a cause on the bone, 2 for a sub-cause, 3 below that."""
    number: str
    """Its place, e.g. ``2.3`` (bone 2, cause 3) or ``2.3.1``: tables and diagrams agree."""
    children: list[CauseRow] = field(default_factory=list)


@dataclass(frozen=True)
class BoneRow:
    label: str
    causes: list[CauseRow]


@dataclass(frozen=True)
class FishboneRow:
    gap_id: str
    gap: str
    """The head: the gap's text."""
    key: bool
    rank: int | None
    bones: list[BoneRow]

    @property
    def cause_count(self) -> int:
        return sum(1 for bone in self.bones for _ in _walk(bone.causes))

    @property
    def roots(self) -> list[CauseRow]:
        return [c for bone in self.bones for c in _walk(bone.causes) if c.root]


def _walk(causes: list[CauseRow]):
    for cause in causes:
        yield cause
        yield from _walk(cause.children)


@dataclass(frozen=True)
class WhyRow:
    id: str
    problem: str
    gap: str
    """The gap it explains, where known (empty for a free problem)."""
    links: list[str]
    root_index: int | None
    depth: int
    stopped_early: bool
    stop_reason: str
    needs_reason: bool
    team: str


@dataclass(frozen=True)
class RootRow:
    text: str
    gap_id: str
    gap: str
    source: str
    """Translated: 鱼骨图 · 人 / 五个为什么."""


@dataclass
class GapsReport(StepReport):
    gaps: list[GapRow] = field(default_factory=list)
    """Every gap in ranking order."""
    method: str = ""
    """The ranking method, in words."""
    key_count: int = 3
    tie_at_cut: bool = False
    fishbones: list[FishboneRow] = field(default_factory=list)
    """Key gaps' fishbones (in ranking order), then any other fishbone that has causes."""
    whys: list[WhyRow] = field(default_factory=list)
    roots: list[RootRow] = field(default_factory=list)
    pest: list[BoardRow] = field(default_factory=list)
    swot: list[BoardRow] = field(default_factory=list)
    tows: list[BoardRow] = field(default_factory=list)

    @property
    def key_gaps(self) -> list[GapRow]:
        return [row for row in self.gaps if row.key]

    @property
    def has_content(self) -> bool:
        return bool(self.gaps or self.fishbones or self.whys
                    or any(b.cards for b in self.pest + self.swot + self.tows))


def _causes(causes: list[Cause], prefix: str, level: int) -> list[CauseRow]:
    return [CauseRow(id=c.id, text=c.text, root=c.root, level=level, number=f"{prefix}.{i}",
                     children=_causes(c.children, f"{prefix}.{i}", level + 1))
            for i, c in enumerate(causes, 1)]


def build(doc: Workshop, lang: str) -> GapsReport:
    base = step_report(doc, "gaps", lang)
    rows = ranking.ranking(doc)
    gap_rows = []
    for row in rows:
        card = row.card
        team = doc.team(card.team_id)
        gap_rows.append(GapRow(
            id=card.id, rank=row.rank, text=card.text, merged_texts=list(card.merged_texts),
            teams=ranking.authors(doc, card), color=team.color if team else "",
            kind=card.kind, kind_label=t(f"gap_kind.{card.kind}", lang) if card.kind else "",
            cost=card.cost, strategic=card.strategic, urgency=card.urgency, score=row.score,
            votes=row.votes, key=card.key, suggested=row.suggested, tied=row.tied,
            hidden=card.hidden))
    rank_of = {row.id: row.rank for row in rows}
    text_of = {row.id: row.card.text for row in rows}
    key_of = {row.id: row.card.key for row in rows}

    order = {row.id: i for i, row in enumerate(rows)}
    fishbones = []
    for fishbone in sorted(doc.gaps.fishbones,
                           key=lambda f: (not key_of.get(f.gap_id, False),
                                          order.get(f.gap_id, len(order)))):
        has_causes = any(bone.causes for bone in fishbone.bones)
        if not key_of.get(fishbone.gap_id) and not has_causes:
            continue
        fishbones.append(FishboneRow(
            gap_id=fishbone.gap_id, gap=text_of.get(fishbone.gap_id, t("gaps.gone_gap", lang)),
            key=key_of.get(fishbone.gap_id, False), rank=rank_of.get(fishbone.gap_id),
            bones=[BoneRow(label=bone.label, causes=_causes(bone.causes, str(i), 1))
                   for i, bone in enumerate(fishbone.bones, 1)]))

    why_rows = []
    for chain in doc.gaps.whys:
        why_rows.append(WhyRow(
            id=chain.id, problem=chain.problem, gap=text_of.get(chain.gap_id or "", ""),
            links=[link.text for link in chain.links], root_index=chain.root_index
            if whys.root_depth(chain) is not None else None,
            depth=whys.depth(chain), stopped_early=whys.stopped_early(chain),
            stop_reason=chain.stop_reason, needs_reason=whys.needs_reason(chain),
            team=doc.team(chain.team_id).name if doc.team(chain.team_id) else ""))

    roots = []
    focus = ranking.focus_inputs(doc)
    for root in focus.root_causes:
        source = (t("gaps.pdf.source_fishbone", lang, bone=root.bone) if root.source == "fishbone"
                  else t("gaps.pdf.source_why", lang))
        roots.append(RootRow(text=root.text, gap_id=root.gap_id or "",
                             gap=text_of.get(root.gap_id or "", ""),
                             source=source))

    by_board = {b.board: b for b in boards(doc, "gaps", lang)}
    return GapsReport(
        step=base.step, title=base.title, purpose=base.purpose, boards=base.boards,
        gaps=gap_rows, method=t(f"gaps.method.{doc.gaps.ranking}", lang),
        key_count=doc.gaps.key_count, tie_at_cut=ranking.tie_at_cut(rows),
        fishbones=fishbones, whys=why_rows, roots=roots,
        pest=[by_board[f"pest.{b}"] for b in PEST_BOARDS],
        swot=[by_board[f"swot.{b}"] for b in SWOT_BOARDS],
        tows=[by_board[f"swot.{b}"] for b in TOWS_BOARDS],
    )
