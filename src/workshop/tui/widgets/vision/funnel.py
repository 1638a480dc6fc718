"""The key value chain: deals from a value target, activity per year, week and day along
the chain, and a what-if — change a rate or the average value by keys and see the
daily activity change beside the saved numbers. The what-if stays on screen until it is
kept (written into the funnel, undoable) or saved as a new assumption."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets.option_list import Option

from workshop.i18n import t
from workshop.methods.numbers import ParseError, fmt, parse_rate, percent, signed
from workshop.methods.vision import funnel as funnel_math
from workshop.model import Funnel, Workshop
from workshop.text import truncate
from workshop.tui.widgets.forms import Field, FormDialog
from workshop.tui.widgets.keyed_list import KeyedOptionList

MUTED = Style(dim=True)
CURSOR = Style(reverse=True, bold=True)
WHAT_IF = Style(color="#b45309", bold=True)
BETTER = Style(color="#15803d", bold=True)
WORSE = Style(color="#b91c1c", bold=True)
MIN_RATE = 0.01


def rate_step(rate: float, up: bool) -> float:
    """±5 points, or ±1 point below 5 %, staying within 1 %–100 %."""
    small = rate < 0.05 or (not up and rate <= 0.05)
    value = rate + (0.01 if small else 0.05) * (1 if up else -1)
    return round(min(1.0, max(MIN_RATE, value)), 4)


def average_step(average: float) -> float:
    """A round step of about a quarter of the saved average (2,000 → 500)."""
    raw = max(average / 4, 1e-9)
    power = 10 ** math.floor(math.log10(raw))
    for nice in (1, 2, 5, 10):
        if raw <= nice * power:
            return float(nice * power)
    return float(10 * power)


@dataclass
class WhatIf:
    average: float
    rates: list[float] = field(default_factory=list)


class FunnelList(KeyedOptionList):
    DEFAULT_CSS = """
    FunnelList, FunnelList:focus {
        width: 30%; min-width: 22; max-width: 44; height: 1fr; border: none; padding: 0;
        background: $surface; border-right: vkey $panel;
    }
    """

    def show(self, doc: Workshop) -> None:
        options = []
        for f in doc.vision.funnels:
            prompt = Text(f.label or t("vision.pdf.funnel"), style="bold")
            try:
                first = funnel_math.of_funnel(f).stages[0]
                prompt.append(f"\n{t('vision.ui.per_day')} {fmt(first.needed_per_day)} "
                              f"{first.stage}", MUTED)
            except funnel_math.FunnelError:
                pass
            options.append(Option(prompt, id=f.id))
        self.replace_options(options)

    @property
    def funnel_id(self) -> str | None:
        return self.highlighted_id


class FunnelView(Widget, can_focus=True):
    """One funnel with its what-if. ↑↓ pick the average or a rate, +/− change it, 0 resets;
    the value-chain panel types, keeps or copies it."""

    BINDINGS = [
        Binding("up", "param(-1)", "Previous", id="vision_funnel_up", show=False,
                tooltip="The average or the rate above"),
        Binding("down", "param(1)", "Next", id="vision_funnel_down", show=False,
                tooltip="The rate below"),
        Binding("plus,right", "nudge(1)", "More", id="vision_funnel_more", key_display="+",
                tooltip="What if it were higher"),
        Binding("minus,left", "nudge(-1)", "Less", id="vision_funnel_less", key_display="−",
                tooltip="What if it were lower"),
        Binding("0,backspace", "reset", "Reset", id="vision_funnel_reset", key_display="0",
                tooltip="Back to the saved numbers"),
    ]

    DEFAULT_CSS = """
    FunnelView { height: auto; padding: 0 1; }
    FunnelView:focus { background: $boost; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.funnel: Funnel | None = None
        self.goal = ""
        self.param = 0
        """0: the average value; i + 1: rates[i]."""
        self.what_ifs: dict[str, WhatIf] = {}

    def show(self, doc: Workshop, funnel_id: str | None) -> None:
        found = next((f for f in doc.vision.funnels if f.id == funnel_id), None)
        # a copy: the document may be replaced by undo while this is shown
        self.funnel = found.model_copy(deep=True) if found else None
        goal = doc.goal(found.goal_id) if found else None
        self.goal = goal.statement if goal else ""
        if self.funnel is not None:
            self.param = min(self.param, len(self.funnel.rates))
            current = self.what_ifs.get(self.funnel.id)
            if current is not None and len(current.rates) != len(self.funnel.rates):
                del self.what_ifs[self.funnel.id]
        self.refresh(layout=True)

    def on_focus(self) -> None:
        self.refresh(layout=True)  # the what-if's key line shows while the focus is here

    def on_blur(self) -> None:
        self.refresh(layout=True)

    # -- the what-if ---------------------------------------------------------------------
    def current(self) -> WhatIf | None:
        if self.funnel is None:
            return None
        return self.what_ifs.get(self.funnel.id) or WhatIf(self.funnel.average_value,
                                                            list(self.funnel.rates))

    def changed(self) -> bool:
        f = self.funnel
        w = self.what_ifs.get(f.id) if f else None
        return bool(f and w and (w.average != f.average_value or w.rates != list(f.rates)))

    def set_value(self, value: float) -> None:
        """Set the selected parameter of the what-if to `value`."""
        what = self.current()
        if what is None or self.funnel is None:
            return
        if self.param == 0:
            what.average = value
        else:
            what.rates[self.param - 1] = value
        self.what_ifs[self.funnel.id] = what
        self.refresh(layout=True)

    def action_param(self, delta: int) -> None:
        if self.funnel is not None:
            self.param = max(0, min(len(self.funnel.rates), self.param + delta))
            self.refresh()

    def action_nudge(self, direction: int) -> None:
        what = self.current()
        if what is None or self.funnel is None:
            return
        if self.param == 0:
            step = average_step(self.funnel.average_value)
            value = max(step, round(what.average + direction * step, 6))
        else:
            value = rate_step(what.rates[self.param - 1], direction > 0)
        self.set_value(value)

    def action_reset(self) -> None:
        if self.funnel is not None:
            self.what_ifs.pop(self.funnel.id, None)
            self.refresh(layout=True)

    def forget(self, funnel_id: str) -> None:
        self.what_ifs.pop(funnel_id, None)

    # -- drawing -------------------------------------------------------------------------
    def render(self) -> RenderableType:
        f = self.funnel
        if f is None:
            return Text(t("vision.ui.no_funnel"), style="italic")
        try:
            base = funnel_math.of_funnel(f)
        except funnel_math.FunnelError as error:
            return Text(str(error), style="italic")
        what = self.current()
        assert what is not None
        alt = None
        if self.changed():
            try:
                alt = funnel_math.of_funnel(f, average_value=what.average, rates=what.rates)
            except funnel_math.FunnelError:
                alt = None
        head = Text(f.label or t("vision.pdf.funnel"), style="bold")
        lines: list[RenderableType] = [head]
        if self.goal:
            lines.append(Text(truncate(self.goal, 80), style="dim"))
        # activities are whole: every count rounded up (and the note below says so)
        whole = funnel_math.needed
        lines.append(Text(t("vision.pdf.funnel_line", target=fmt(f.target_value),
                            average=fmt(f.average_value), deals=fmt(whole(base.deals)),
                            calendar=t("vision.funnel.calendar", weeks=f.weeks_per_year,
                                       days=f.days_per_week))))
        # at 80 columns a what-if leaves out the year and week: the day is what changes
        narrow = alt is not None and (self.size.width or 80) < 76
        grid = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False,
                     header_style="bold")
        grid.add_column("", no_wrap=True)
        grid.add_column(t("vision.pdf.stage"), no_wrap=True)
        grid.add_column(t("vision.ui.rate_short"), justify="right", no_wrap=True)
        if not narrow:
            grid.add_column(t("vision.pdf.per_year"), justify="right", no_wrap=True)
            grid.add_column(t("vision.pdf.per_week"), justify="right", no_wrap=True)
        grid.add_column(t("vision.pdf.per_day"), justify="right", style="bold", no_wrap=True)
        if alt is not None:
            grid.add_column(t("vision.ui.what_if_day"), justify="right", style=WHAT_IF,
                            no_wrap=True)
            grid.add_column(t("vision.ui.change"), justify="right", no_wrap=True)
        blanks = 1 if narrow else 3
        average_row: list[RenderableType] = [
            Text("▸" if self.param == 0 else " "), Text(t("vision.ui.average"), "bold"),
            Text(fmt(what.average), CURSOR if self.param == 0 and self.has_focus else
                 (WHAT_IF if what.average != f.average_value else "bold")),
            *(Text("") for _ in range(blanks))]
        if alt is not None:
            average_row += [Text(""), Text("")]
        grid.add_row(*average_row)
        for i, stage in enumerate(base.stages):
            selected = self.param == i + 1
            rate = what.rates[i] if i < len(what.rates) else None
            if rate is None:
                rate_text = Text("")
            else:
                style = (CURSOR if selected and self.has_focus
                         else WHAT_IF if rate != f.rates[i] else "")
                rate_text = Text(percent(rate), style)
            row: list[RenderableType] = [Text("▸" if selected else " "), Text(stage.stage),
                                         rate_text]
            if not narrow:
                row += [Text(fmt(whole(stage.year))), Text(fmt(whole(stage.week)))]
            row.append(Text(fmt(whole(stage.day))))
            if alt is not None:
                new = whole(alt.stages[i].day)
                delta = new - whole(stage.day)
                style = BETTER if delta < 0 else WORSE if delta > 0 else MUTED
                row += [Text(fmt(new)), Text(signed(delta), style)]
            grid.add_row(*row)
        if alt is not None:
            lines.append(Text(t("vision.ui.what_if_deals", average=fmt(what.average),
                                deals=fmt(whole(alt.deals)),
                                day=fmt(whole(alt.per_day))), style=WHAT_IF))
        lines += [Text(""), grid]
        up = funnel_math.rounded_up(alt if alt is not None else base)
        if up is not None:
            lines.append(Text(t("vision.funnel.rounded_up", stage=up[0],
                                exact=fmt(up[1], places=1), whole=fmt(up[2])), style=MUTED))
        if alt is not None and self.has_focus:  # its keys work here only
            lines.append(Text(t("vision.ui.what_if_note"), style=WHAT_IF))
        return Group(*lines)


# -- the funnel form --------------------------------------------------------------------------

_SPLIT = re.compile(r"\s*[,，、;；→>]+\s*")


def split_list(text: str) -> list[str]:
    return [part for part in _SPLIT.split(text.strip()) if part]


class FunnelDialog(FormDialog):
    """Add or edit a value chain: stages and rates as comma-separated lists."""

    def __init__(self, title: str, doc: Workshop, funnel: Funnel | None = None, *,
                 goal_id: str | None = None) -> None:
        goal = doc.goal(funnel.goal_id if funnel else goal_id)
        goals = [(truncate(g.statement, 40), g.id) for g in doc.vision.goals]
        self.units = {g.id: g.unit for g in doc.vision.goals}
        stages = list(funnel.stages) if funnel else t("vision.ui.default_stages").split(",")
        rates = list(funnel.rates) if funnel else [0.1, 0.5, 0.1]
        fields = [
            Field("label", t("vision.ui.funnel_label"), value=funnel.label if funnel else None,
                  wide=True, placeholder=t("vision.ui.funnel_label_placeholder")),
            Field("goal_id", t("vision.ui.funnel_goal"), "choice",
                  goal.id if goal else None, options=goals),
            Field("target_value", t("funnel.what.target"), "number",
                  funnel.target_value if funnel else (goal.target if goal else None),
                  required=True),
            Field("average_value", t("funnel.what.average"), "number",
                  funnel.average_value if funnel else None, required=True),
            Field("stages", t("vision.ui.stages"), value=", ".join(stages), required=True,
                  placeholder=t("vision.ui.default_stages")),
            Field("rates", t("vision.ui.rates"),
                  value=", ".join(percent(r, places=2) for r in rates),
                  placeholder="10%, 50%, 10%"),
            Field("weeks_per_year", t("vision.ui.weeks"), "int",
                  funnel.weeks_per_year if funnel else 50),
            Field("days_per_week", t("vision.ui.days"), "int",
                  funnel.days_per_week if funnel else 5),
        ]
        super().__init__(title, fields)

    def unit_for(self, f: Field) -> str | None:
        """The funnel's goal's unit: its target and average value count in it."""
        if f.key in ("target_value", "average_value"):
            return self.units.get(self.choice("goal_id"))
        return None

    def values(self) -> dict[str, Any]:
        out = super().values()
        out["stages"] = split_list(out["stages"])
        rates = []
        for part in split_list(out["rates"]):
            try:
                rates.append(parse_rate(part, allow_empty=False))
            except ParseError as error:
                raise ParseError(f"{t('vision.ui.rates')}: {error}", "rates") from None
        out["rates"] = rates
        out["weeks_per_year"] = out["weeks_per_year"] or 50
        out["days_per_week"] = out["days_per_week"] or 5
        return out

    def check(self, values: dict[str, Any]) -> str:
        try:
            funnel_math.plan(values["target_value"], values["average_value"], values["stages"],
                             values["rates"], weeks_per_year=values["weeks_per_year"],
                             days_per_week=values["days_per_week"])
        except funnel_math.FunnelError as error:
            return str(error)
        return ""
