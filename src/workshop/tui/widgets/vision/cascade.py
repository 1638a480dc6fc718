"""The cascade editor: the list of cascades (goal by goal, combinations under the part
they split) and a table of the selected cascade's parts with weight, share, exact value
and who owns it. Weights change by keys and the parts are recomputed at once; the total
row shows that the parts add up exactly."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable, Static
from textual.widgets.option_list import Option

from workshop.i18n import t
from workshop.methods.numbers import amount, fmt, percent
from workshop.methods.vision import agreement
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision.cascade import Resolved
from workshop.methods.vision.smart import headline
from workshop.model import Cascade, Workshop
from workshop.report.base import member_name, team_name
from workshop.text import cells, truncate
from workshop.tui.widgets.keyed_list import WrappedKeyedList

MUTED = Style(dim=True)
OK = Style(color="#15803d", bold=True)
BAD = Style(color="#b91c1c", bold=True)
BAR = "█"


def _who(doc: Workshop, member_id: str | None, team_id: str | None, label: str) -> str:
    who = member_name(doc, member_id) or team_name(doc, team_id)
    return "" if who == label else who


def goal_key(goal_id: str) -> str:
    return f"goal:{goal_id}"


class CascadeList(WrappedKeyedList):
    """Goals as headings with their cascades below; a cascade splitting a part sits under
    its parent, indented. Option ids: ``goal:<id>`` or the cascade id. (Its keys belong
    to the cascade panel.)"""

    DEFAULT_CSS = """
    CascadeList, CascadeList:focus {
        width: 32%; min-width: 24; max-width: 48; height: 1fr; border: none; padding: 0;
        background: $surface; border-right: vkey $panel;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._goal_of: dict[str, str] = {}

    def draw(self, doc: Workshop) -> None:
        width = max(10, (self.size.width or 30) - 3)
        self._goal_of = {c.id: c.goal_id for c in doc.vision.cascades}
        by_goal: dict[str, list[Cascade]] = {}
        for c in cascade_math.ordered(doc):
            by_goal.setdefault(c.goal_id, []).append(c)
        options: list[Option] = []
        for goal in doc.vision.goals:
            target = " " + amount(goal.target, goal.unit) if goal.target is not None else ""
            heading = Text(truncate(headline(goal.statement), width - cells(target)),
                           style="bold")
            heading.append(target, MUTED)
            options.append(Option(heading, id=goal_key(goal.id)))
            for c in by_goal.get(goal.id, []):
                depth = cascade_math.depth(doc, c)
                resolved = cascade_math.resolve(doc, c)
                lead = "  " + "  " * depth + ("└ " if depth else "• ")
                label = Text(lead, MUTED)
                label.append(truncate(c.label or t("cascade.unnamed"),
                                      width - cells(lead) - 6))
                label.append(f" ({len(c.parts)})", MUTED)
                if resolved.error:
                    label.append(" !", BAD)
                options.append(Option(label, id=c.id))
        first = next((i for i, o in enumerate(options) if not o.id.startswith("goal:")), 0)
        self.replace_options(options, fallback=first)

    @property
    def cascade_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id is None or option.id.startswith("goal:"):
            return None
        return option.id

    @property
    def goal_id(self) -> str | None:
        """The goal of the highlighted heading or cascade."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        if option.id.startswith("goal:"):
            return option.id.removeprefix("goal:")
        return self._goal_of.get(option.id)

    def select(self, option_id: str) -> None:
        self.select_id(option_id)


class CascadeHeader(Static):
    DEFAULT_CSS = """
    CascadeHeader { height: auto; padding: 0 1; }
    """

    def show(self, doc: Workshop, resolved: Resolved | None) -> None:
        if resolved is None:
            self.update(Text(t("vision.ui.no_cascade"), style="italic"))
            return
        cascade = cascade_math.cascade_by_id(doc, resolved.cascade_id)
        step = t("vision.ui.step", step=fmt(resolved.step))
        if cascade is not None and resolved.total is not None and resolved.step != cascade.step:
            # the whole stopped being a multiple of the step set: say which step is used
            step = t("vision.ui.step_adapted", step=fmt(resolved.step),
                     whole=amount(resolved.total, resolved.unit, places=6),
                     set=fmt(cascade.step))
        title = Text.assemble((resolved.label or t("cascade.unnamed"), "bold"), "  ",
                              (t(f"vision.kind.{resolved.kind}"), MUTED), "  ", (step, MUTED))
        line = Text.assemble((t("vision.ui.splits") + " ", MUTED),
                             truncate(resolved.source, 60))
        if resolved.total is not None:
            line.append("  " + amount(resolved.total, resolved.unit, places=6), "bold")
        lines = [title, line]
        if resolved.error:
            lines.append(Text("! " + resolved.error, BAD))
        elif resolved.adds_up:
            lines.append(Text("✓ " + t("vision.ui.adds_up", total=amount(
                resolved.sum, resolved.unit, places=6)), OK))
        apart = agreement.disagreements(doc, cascade) if cascade is not None else []
        for found in apart:
            lines.append(Text("！" + t("vision.pdf.disagree", part=cascade.parts[found.index].label,
                                       share=amount(found.share, resolved.unit),
                                       target=amount(found.target, resolved.unit),
                                       difference=amount(abs(found.difference),
                                                         resolved.unit)), BAD))
        if apart:
            lines.append(Text(t("vision.ui.follow_keys"), MUTED))
        self.update(Text("\n").join(lines))


class CascadeTable(DataTable):
    """The parts of one cascade, a row each. The cascade panel owns the keys (weights,
    parts); the table keeps ↑↓ and gives ←→ and Enter to the panel."""

    DEFAULT_CSS = """
    CascadeTable { height: 1fr; background: $surface; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._shown: tuple = ()
        self._columns: tuple[str, ...] = ()
        self._last: tuple[Workshop, Resolved | None] | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def _layout(self) -> tuple[tuple[str, ...], int, int]:
        """Columns, label width and bar width for the room there is: at 80 columns the
        number, part, weight, share and value; wider, who owns it and the note too."""
        width = self.size.width or 80
        columns: tuple[str, ...] = ("number", "part", "weight", "share", "value")
        if width >= 64:
            columns += ("who",)
        if width >= 96:
            columns += ("note",)
        label = 24 if width >= 96 else 16 if width >= 64 else 12
        bar = 8 if width >= 96 else 4
        return columns, label, bar

    def show(self, doc: Workshop, resolved: Resolved | None) -> None:
        """Redraw the rows of `resolved`, keeping the cursor row."""
        self._last = (doc, resolved)
        row = self.cursor_row
        columns, label_width, bar_width = self._layout()
        if columns != self._columns:
            self.clear(columns=True)
            self._columns = columns
            self._shown = ()
            names = {"number": t("pdf.board.number"), "part": t("vision.pdf.part"),
                     "weight": t("vision.field.weight"), "share": t("vision.pdf.share"),
                     "value": t("vision.pdf.value"), "who": t("vision.pdf.who"),
                     "note": t("vision.pdf.note")}
            self.add_columns(*(names[c] for c in columns))
        if resolved is None:
            self.clear()
            self._shown = ()
            return
        top_share = max((p.share or 0 for p in resolved.parts), default=0) or 1
        cascade = cascade_math.cascade_by_id(doc, resolved.cascade_id)
        apart = {d.index for d in agreement.disagreements(doc, cascade)} if cascade else set()
        rows = []
        for p in resolved.parts:
            bar = BAR * max(0, round((p.share or 0) / top_share * bar_width))
            cells_by_name = {
                "number": Text(str(p.index + 1), style="dim"),
                "part": Text(truncate(p.label, label_width)
                             + (" ↳" if p.children else "")),
                "weight": Text(fmt(p.weight, places=4, wan=False), justify="right"),
                "share": Text.assemble(
                    f"{percent(p.share) if p.share is not None else '':>6} ",
                    (bar, "#1f5fbf")),
                # no value without a whole: the header says why, once, not "—" on every row
                "value": Text.assemble(
                    (amount(p.value, resolved.unit, places=6) if p.value is not None else "",
                     "bold"), (" ≠" if p.index in apart else "", BAD), justify="right"),
                "who": Text(truncate(_who(doc, p.member_id, p.team_id, p.label), 12)),
                "note": Text(truncate(p.note, 20), style="dim"),
            }
            rows.append(tuple(cells_by_name[c] for c in columns))
        key = (resolved.cascade_id, tuple(tuple(str(c) for c in r) for r in rows))
        if key == self._shown:
            return
        self._shown = key
        self.clear()
        for r in rows:
            self.add_row(*r)
        if rows:
            self.move_cursor(row=max(0, min(row, len(rows) - 1)), animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A row cursor has no columns to move between: ←→ change the weight, Enter types it
        if action in ("cursor_left", "cursor_right", "select_cursor"):
            return False
        return super().check_action(action, parameters)

    @property
    def part_index(self) -> int | None:
        return self.cursor_row if self.row_count else None
