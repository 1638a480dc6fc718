"""What the plan screen draws: rows for strategies and actions (for ``RowList``), the
selected action's details with what it still misses, and who carries how much.

Everything here is built from the document and the readiness check; user text goes into
``rich.text.Text`` or plain segments, never into markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from workshop.i18n import has, t
from workshop.methods.plan import adoption
from workshop.methods.plan.actions import Strategy, format_number
from workshop.methods.plan.readiness import Readiness
from workshop.model import Action, Team, Workshop
from workshop.text import cells, pad, truncate, truncate_apart, wrap
from workshop.tui.widgets.row_list import Row

Look = Callable[[str], Style]

RANKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
OWNER_CELLS = 8
DUE_CELLS = 5


def strategy_info(strategy: Strategy, count: int) -> str:
    """``3 票 · 2 项行动``; no dots while phones' dots are secret."""
    if strategy.secret:
        return t("plan.list.strategy_info_secret", count=count)
    return t("plan.list.strategy_info", votes=strategy.votes, count=count)


def rank_mark(rank: int | None) -> str:
    if rank is None:
        return "·"
    return RANKS[rank - 1] if 0 < rank <= len(RANKS) else f"({rank})"


def team_row(team: Team, count: int, ready: int) -> Row:
    label = f" ■ {team.name} "
    info = t("plan.list.team_info", count=count, ready=ready)

    def layout(width: int, look: Look) -> list[list[Segment]]:
        header = look("header")
        swatch = Style(color=team.color, bold=True)
        name = truncate(label, max(4, width - cells(info) - 2))
        pad_cells = max(0, width - cells(name) - cells(info))
        return [[Segment(name, header + swatch), Segment(" " * pad_cells, header),
                 Segment(info, header)]]

    return Row(key=f"team:{team.id}", kind="team", layout=layout, selectable=False,
               signature=(team.name, team.color, info))


def strategy_row(strategy: Strategy | None, count: int, team_id: str | None) -> Row:
    """A strategy's header line; selectable, so n adds an action right here."""
    name = strategy.name if strategy else t("plan.list.no_strategy")
    mark = rank_mark(strategy.rank if strategy else None)
    info = strategy_info(strategy, count) if strategy else t("plan.list.count", count=count)

    def layout(width: int, look: Look) -> list[list[Segment]]:
        style = look("accent")
        lines = wrap(f"{mark} {name}", max(4, width - cells(info) - 3))
        out = []
        for i, line in enumerate(lines):
            segments = [Segment(" " + line, style)]
            if i == 0:
                gap = max(1, width - 1 - cells(line) - cells(info))
                segments += [Segment(" " * gap), Segment(info, look("muted"))]
            out.append(segments)
        return out

    key = f"strategy:{strategy.id if strategy else ''}:{team_id or ''}"
    return Row(key=key, kind="strategy", layout=layout,
               signature=(name, mark, info))


def hint_row(key: str, text: str) -> Row:
    def layout(width: int, look: Look) -> list[list[Segment]]:
        return [[Segment("     " + line, look("muted"))] for line in wrap(text, width - 6)]

    return Row(key=key, kind="hint", layout=layout, selectable=False, signature=(text,))


def owner_labels(doc: Workshop) -> dict[str, str]:
    """Each member's name as the owner column shows it (member id → label): cut to the
    column, apart, so that 济南成员1 … 济南成员8 stay eight people (济南成…1)."""
    members = [member for team in doc.teams for member in team.members]
    labels = truncate_apart([member.name for member in members], OWNER_CELLS)
    return {member.id: label for member, label in zip(members, labels, strict=True)}


def action_row(owner: str | None, action: Action, number: int, readiness: Readiness,
               team: Team | None = None) -> Row:
    """``⚠2  3 每周拜访VIP客户…   张伟   03-31``: readiness, number, what, owner (None:
    nobody yet), due."""
    owner_name = owner or t("plan.list.unadopted")
    due = action.due.strftime("%m-%d") if action.due else "—"
    flags = len(readiness.flags)
    mark = "✓ " if not flags else f"⚠{flags}" if flags < 10 else "⚠+"
    team_label = f"{team.name} " if team else ""

    def layout(width: int, look: Look) -> list[list[Segment]]:
        narrow = width < 44
        side = 0 if narrow else OWNER_CELLS + DUE_CELLS + 2
        lead = f" {mark} {number:>2} "
        body_width = max(6, width - cells(lead) - side - 1)
        lines = wrap(team_label + action.what, body_width)
        mark_style = look("ok") if not flags else look("warn")
        owner_style = look("warn") if owner is None else Style()
        due_style = look("warn") if action.due is None or "late" in readiness.kinds else look(
            "muted")
        out = []
        for i, line in enumerate(lines):
            if i == 0:
                segments = [Segment(lead[:4], mark_style), Segment(lead[4:], look("muted"))]
            else:
                segments = [Segment(" " * cells(lead))]
            if i == 0 and team_label:
                segments += [Segment(line[:len(team_label)], Style(color=team.color, bold=True)
                                     if team else Style()),
                             Segment(line[len(team_label):], look("strong"))]
            else:
                segments.append(Segment(line, look("strong") if i == 0 else Style()))
            if i == 0 and not narrow:
                segments += [Segment(" " * max(1, body_width - cells(line) + 1)),
                             Segment(pad(truncate(owner_name, OWNER_CELLS), OWNER_CELLS),
                                     owner_style),
                             Segment(" "), Segment(pad(due, DUE_CELLS), due_style)]
            out.append(segments)
        if narrow:
            out.append([Segment(" " * cells(lead)),
                        Segment(truncate(owner_name, 10), owner_style), Segment(" · "),
                        Segment(due, due_style)])
        return out

    return Row(key=action.id, kind="action", layout=layout,
               signature=(action.what, owner_name, due, mark, number, team_label,
                          readiness.kinds))


# -- the side panel ------------------------------------------------------------------------------

LABEL_CELLS = 10
"""The widest the labels of the details may be: a long one (需要其他小组或部门的支持)
wraps rather than squeeze the values to a sliver in a narrow panel."""


def _fields(pairs: list[tuple[str, str]], muted: str = "dim") -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style=muted, max_width=LABEL_CELLS, overflow="fold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in pairs:
        if value:
            grid.add_row(Text(label), Text(value))
    return grid


def action_detail(doc: Workshop, action: Action, number: int, readiness: Readiness,
                  strategy: Strategy | None) -> RenderableType:
    """Everything about one action, what it still misses first."""
    parts: list[RenderableType] = []
    head = Text()
    head.append(t("plan.detail.action_n", number=number), style="bold")
    if strategy:
        head.append(f"  {rank_mark(strategy.rank)} {strategy.name}", style="dim")
    parts.append(head)
    parts.append(Text(action.what, style="bold"))
    parts.append(Text(""))
    if readiness.flags:
        parts.append(Text(t("plan.detail.missing"), style="bold yellow"))
        for flag in readiness.flags:
            line = Text("  ⚠ ", style="yellow")
            line.append(flag.message)
            fix_key = f"plan.fix.{flag.kind}"
            if has(fix_key):
                line.append(f"  ({t(fix_key)})", style="dim")
            parts.append(line)
        parts.append(Text(""))
    else:
        parts.append(Text(t("plan.detail.ready"), style="bold green"))
        parts.append(Text(""))
    owner = doc.member(action.owner_id)
    owner_text = ""
    if owner:
        owner_text = owner[1].name + (f"（{owner[1].role}）" if owner[1].role else "")
    dates = " → ".join(d.isoformat() for d in (action.start, action.due) if d)
    rhythm = t(f"cadence.{action.cadence}")
    if action.next_check:
        rhythm += " · " + t("plan.detail.next_check", date=action.next_check.isoformat())
    goal = doc.goal(action.goal_id)
    gap = next((c for c in doc.gaps.cards if c.id == action.gap_id), None)
    milestones = "\n".join(
        "  ".join(p for p in (m.month, format_number(m.target) if m.target is not None else "",
                              m.note) if p) for m in action.milestones)
    pdca = "\n".join(f"{letter} {text}" for letter, text in (
        ("P", action.pdca.plan), ("D", action.pdca.do), ("C", action.pdca.check),
        ("A", action.pdca.act)) if text)
    parts.append(_fields([
        (t("plan.field.owner_id"), owner_text or t("plan.list.unadopted")),
        (t("plan.field.checker_id"),
         adoption.checker_label(doc, action) or t("plan.detail.no_checker")),
        (t("plan.detail.dates"), dates),
        (t("plan.field.measure"), action.measure),
        (t("plan.field.target"), action.target),
        (t("plan.detail.rhythm"), rhythm),
        (t("plan.field.status"), t(f"status.{action.status}")),
        (t("plan.field.milestones"), milestones),
        (t("plan.field.goal_id"), goal.statement if goal else ""),
        (t("plan.field.gap_id"), gap.text if gap else ""),
        (t("plan.field.resources"), action.resources),
        (t("plan.field.support"), action.support),
        (t("plan.field.obstacles"), action.obstacles),
        (t("plan.field.skills"), action.skills),
        (t("plan.field.reward"), action.reward),
        (t("plan.field.penalty"), action.penalty),
        (t("plan.detail.pdca"), pdca),
    ]))
    return Group(*parts)


def strategy_detail(strategy: Strategy | None, count: int) -> RenderableType:
    if strategy is None:
        return Group(Text(t("plan.list.no_strategy"), style="bold"), Text(""),
                     Text(t("plan.detail.strategy_hint")))
    parts: list[RenderableType] = [
        Text(f"{rank_mark(strategy.rank)} {strategy.name}", style="bold"),
        Text(strategy_info(strategy, count), style="dim"),
        Text(""),
    ]
    if strategy.card_texts:
        parts.append(Text(t("plan.detail.ideas"), style="bold"))
        ideas = Table.grid(padding=(0, 1))
        ideas.add_column(width=3, no_wrap=True)
        ideas.add_column(ratio=1, overflow="fold")
        for text in strategy.card_texts:
            ideas.add_row(Text("  •"), Text(text))
        parts += [ideas, Text("")]
    parts.append(Text(t("plan.detail.strategy_hint"), style="dim"))
    return Group(*parts)


def load_panel(doc: Workshop, team: Team | None) -> RenderableType:
    """Who owns how many of the team's actions; the unadopted count first."""
    if team is None:
        return Text("")
    heading = Text(t("plan.load.title", team=team.name), style="bold")
    loads = adoption.loads(doc, team.id)
    waiting = len(adoption.unadopted(doc, team.id))
    parts: list[RenderableType] = [heading]
    if waiting:
        parts.append(Text(t("plan.load.waiting", count=waiting), style="bold yellow"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    for load in loads:
        bar = "█" * min(load.count, 12) or "·"
        style = "bold red" if load.heavy else ("dim" if not load.count else "")
        note = t("plan.load.heavy") if load.heavy else ""
        grid.add_row(Text(truncate(load.name, 10)), Text(f"{bar} {load.count}", style=style),
                     Text(note, style="red"))
    parts.append(grid)
    if not loads:
        parts.append(Text(t("pdf.teams.no_members"), style="dim"))
    return Group(*parts)
