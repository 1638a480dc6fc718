"""The actions at a check-in (the C and A of PDCA): overdue ones and ones never checked
first; per action its status, how far it is (a percent, or just done / not done), what was
done against the plan, the next check, and who checked it (the plan's checker unless the
room says otherwise). ``n`` adds a new action (A: adjust), then its PDCA form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.console import Group
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from workshop.edits import checkin as edits
from workshop.edits import plan as plan_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.checkin.actions import Review, reviews
from workshop.methods.numbers import ParseError, parse_date
from workshop.methods.plan import adoption
from workshop.methods.vision.calendar import add_months
from workshop.model import Action, Workshop
from workshop.model.plan import STATUSES
from workshop.report.plan import action_numbers
from workshop.text import cells, flow, pad, truncate
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.checkin.pane import CheckinPane
from workshop.tui.widgets.plan.view import OWNER_CELLS, owner_labels
from workshop.tui.widgets.row_list import Row, RowList

Look = Callable[[str], Style]
NAME = OWNER_CELLS  # owner_labels cuts names to it
STATE = 12


def _status(review: Review) -> tuple[str, str]:
    """The status and percent as the row shows them, and the look."""
    check = review.last
    status = check.status if check else review.action.status
    text = t(f"status.{status}")
    if check and check.percent is not None:
        text += f" {check.percent}%"
    look = {"done": "ok", "blocked": "warn"}.get(status, "strong")
    return text, look


def review_row(doc: Workshop, review: Review, number: int, with_team: bool,
               names: dict[str, str] | None = None) -> Row:
    """`names`: member id → the name cut for its column (``owner_labels``)."""
    action = review.action
    names = names or {}
    team = doc.team(action.team_id) if with_team else None
    mark = ("⚠" if review.overdue else "○" if review.never_checked else
            "✓" if review.check is not None else "·")
    owner = doc.member(action.owner_id)
    owner_name = owner[1].name if owner else t("plan.list.unadopted")
    checker = adoption.checker_label(doc, action) or "—"
    state, state_look = _status(review)
    when = review.last.next_check if review.last and review.last.next_check else action.next_check
    next_text = t("checkin.actions.next", date=when.strftime("%m-%d")) if when else ""
    note = t("checkin.actions.overdue") if review.overdue else (
        t("checkin.actions.never") if review.never_checked else "")

    def layout(width: int, look: Look) -> list[list[Segment]]:
        lead = f" {mark} {number:>2} "
        side = NAME * 2 + STATE + 3 if width >= 70 else 0
        body = min(64, max(8, width - cells(lead) - side - 1))  # who and how near the what
        label = f"{team.name} " if team else ""
        lines = flow(action.what, max(4, body - cells(label)))[:3]
        mark_look = look("warn") if review.overdue else look("accent") if (
            review.never_checked) else look("ok")
        out = []
        for i, line in enumerate(lines):
            if i == 0:
                segments = [Segment(lead[:3], mark_look), Segment(lead[3:], look("muted"))]
                if label:
                    segments.append(Segment(label, Style(color=team.color, bold=True)))
            else:
                segments = [Segment(" " * (cells(lead) + cells(label)))]
            segments.append(Segment(pad(line, body - cells(label)),
                                    look("strong") if i == 0 else Style()))
            if i == 0 and side:
                owner_cut = names.get(action.owner_id or "") or truncate(owner_name, NAME)
                checker_cut = names.get(action.checker_id or "") or truncate(checker, NAME)
                segments += [Segment(" " + pad(owner_cut, NAME)),
                             Segment(" " + pad(checker_cut, NAME), look("muted")),
                             Segment(" " + pad(truncate(state, STATE), STATE), look(state_look))]
            out.append(segments)
        extra = " · ".join(p for p in (note, next_text,
                                        "" if side else f"{owner_name} → {checker} · {state}")
                           if p)
        if extra:
            out.append([Segment(" " * cells(lead)),
                        Segment(truncate(extra, width - cells(lead)), look(
                            "warn" if review.overdue else "muted"))])
        return out

    return Row(key=action.id, kind="action", layout=layout,
               signature=(action.what, mark, owner_name, checker, state, next_text, note,
                          number, label_of(team)))


def label_of(team) -> str:
    return f"{team.name}{team.color}" if team else ""


def review_detail(doc: Workshop, review: Review | None, number: int) -> Group:
    if review is None:
        return Group(Text(t("checkin.actions.pick"), style="dim"))
    action, check = review.action, review.check or review.last
    owner = doc.member(action.owner_id)
    fields = Table.grid(padding=(0, 1))
    fields.add_column(style="dim", max_width=10)
    fields.add_column(ratio=1, overflow="fold")
    state, _look = _status(review)
    checker = doc.member(check.checker_id) if check else None
    checked_by = (checker[1].name if checker else check.checker_role) if check else ""
    for label, value in (
            (t("plan.field.owner_id"), owner[1].name if owner else t("plan.list.unadopted")),
            (t("plan.field.checker_id"), adoption.checker_label(doc, action) or "—"),
            (t("plan.field.due"), action.due.isoformat() if action.due else "—"),
            (t("plan.field.measure"), " → ".join(p for p in (action.measure, action.target)
                                                  if p)),
            (t("plan.field.status"), state),
            (t("checkin.actions.done"), check.done if check else ""),
            (t("checkin.actions.checked_by"), checked_by),
            (t("plan.field.next_check"), (check.next_check if check and check.next_check
                                          else action.next_check or "") and str(
                check.next_check if check and check.next_check else action.next_check))):
        if value:
            fields.add_row(Text(label), Text(value))
    head = Text(t("plan.detail.action_n", number=number), style="bold")
    if review.overdue:
        head.append("  " + t("checkin.actions.overdue"), style="bold red")
    elif review.never_checked:
        head.append("  " + t("checkin.actions.never"), style="bold yellow")
    return Group(head, Text(action.what, style="bold"), Text(""), fields, Text(""),
                 Text(t("checkin.actions.keys"), style="dim"))


class ActionsPane(CheckinPane):
    view = "actions"

    BINDINGS = [
        Binding("s", "status", "Status", id="checkin_status", tooltip="Next status"),
        Binding("d", "done", "Done / not done", id="checkin_done",
                tooltip="Done, or not done yet"),
        Binding("p", "percent", "Percent", id="checkin_percent", tooltip="How far it is, 0–100"),
        Binding("enter,w", "what_done", "What was done", id="checkin_what_done",
                key_display="Enter", tooltip="What was done against the plan"),
        Binding("c", "next_check", "Next check", id="checkin_next_check",
                tooltip="The date of the next check"),
        Binding("k", "checker", "Who checked", id="checkin_checker",
                tooltip="Who checked it (the plan's checker by default)"),
        Binding("n", "new_action", "New action", id="checkin_new_action",
                tooltip="A new action (PDCA: adjust)"),
        Binding("v", "toggle_team", "This team / all", id="checkin_actions_team",
                tooltip="Only the team at the keyboard, or every team"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._reviews: dict[str, Review] = {}
        self._numbers: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="checkin-main"):
            yield RowList(id="review-list", classes="checkin-list",
                          empty_hint=t("checkin.actions.empty"))
            with VerticalScroll(id="review-side", classes="checkin-side"):
                yield Static(id="review-detail")

    @property
    def rows(self) -> RowList:
        return self.query_one("#review-list", RowList)

    def focus_default(self) -> None:
        self.rows.focus()

    def keys_hint(self) -> str:
        return t("checkin.actions.keys_short")

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        checkin = self.checkin(doc)
        if checkin is None:
            self._reviews = {}
            self.rows.empty_hint = t("checkin.grid.none")
            self.rows.show([])
            self._detail()
            return
        self.rows.empty_hint = t("checkin.actions.empty")
        team_id = turns.current_team_id(doc) if self.one_team else None
        found = reviews(doc, checkin, team_id)
        self._numbers = action_numbers(doc)
        self._reviews = {r.action.id: r for r in found}
        names = owner_labels(doc)  # 济南成员1 … 8 cut apart: 济南成…1
        self.rows.show([review_row(doc, r, self._numbers.get(r.action.id, 0), team_id is None,
                                   names) for r in found], select=select)
        self._detail()

    @on(RowList.Highlighted, "#review-list")
    def _moved(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._detail()

    def _selected(self) -> Review | None:
        row = self.rows.selected
        return self._reviews.get(row.key) if row is not None else None

    def _detail(self) -> None:
        review = self._selected()
        number = self._numbers.get(review.action.id, 0) if review else 0
        self.query_one("#review-detail", Static).update(review_detail(self.doc, review, number))

    # -- checking ---------------------------------------------------------------------------
    def _check(self, **changes) -> None:
        review, checkin = self._selected(), self.checkin()
        if review is None or checkin is None:
            self.workbench.bell()
            return
        number = self._numbers.get(review.action.id, 0)
        self.workbench.edit(t("checkin.undo.action", number=number), edits.check_action,
                            checkin.id, review.action.id, **changes)

    def _last_status(self, review: Review) -> str:
        return review.last.status if review.last else review.action.status

    def action_status(self) -> None:
        review = self._selected()
        if review is not None:
            current = self._last_status(review)
            self._check(status=STATUSES[(STATUSES.index(current) + 1) % len(STATUSES)])

    def action_done(self) -> None:
        review = self._selected()
        if review is not None:
            self._check(status="doing" if self._last_status(review) == "done" else "done")

    def action_percent(self) -> None:
        review = self._selected()
        if review is None:
            return
        current = review.last.percent if review.last else None

        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip().rstrip("%").strip()
            if not text:
                self._check(percent=None)
            elif text.isdigit():
                self._check(percent=int(text))
            else:
                self.workbench.notify(t("checkin.error.percent", value=text), severity="warning")

        self.workbench.push_screen(TextPrompt(t("checkin.actions.percent_prompt"),
                                              "" if current is None else str(current),
                                              t("checkin.actions.percent_placeholder")), done)

    def action_what_done(self) -> None:
        review = self._selected()
        if review is None:
            return
        current = review.check.done if review.check else ""

        def done(text: str | None) -> None:
            if text is not None:
                self._check(done=text)

        self.workbench.push_screen(TextPrompt(t("checkin.actions.done_prompt",
                                                what=truncate(review.action.what, 30)),
                                              current), done)

    def _suggested(self, action: Action) -> dt.date:
        """The next check by the action's rhythm, from this check-in's date."""
        checkin = self.checkin()
        day = checkin.date if checkin else self.today()
        if action.cadence == "weekly":
            return day + dt.timedelta(days=7)
        if action.cadence == "biweekly":
            return day + dt.timedelta(days=14)
        return add_months(day, 1)

    def action_next_check(self) -> None:
        review = self._selected()
        if review is None:
            return

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                day = parse_date(text)
            except ParseError as error:
                self.workbench.notify(str(error), severity="warning")
                return
            self._check(next_check=day)

        self.workbench.push_screen(TextPrompt(t("checkin.actions.next_prompt"),
                                              self._suggested(review.action).isoformat(),
                                              "YYYY-MM-DD"), done)

    def action_checker(self) -> None:
        review = self._selected()
        if review is None:
            return
        team = self.doc.team(review.action.team_id)
        members = team.members if team else [m for tm in self.doc.teams for m in tm.members]
        options = [(m.id, f"{m.name}（{m.role}）" if m.role else m.name) for m in members
                   if m.id != review.action.owner_id]
        if review.action.checker_role:
            options.insert(0, ("role", review.action.checker_role))

        def chosen(key: str | None) -> None:
            if key == "role":
                self._check(checker_id=None, checker_role=review.action.checker_role)
            elif key:
                self._check(checker_id=key)

        self.workbench.push_screen(Choice(t("checkin.actions.checker_prompt"), options), chosen)

    def action_new_action(self) -> None:
        review = self._selected()
        doc = self.doc
        team_id = review.action.team_id if review else turns.current_team_id(doc)
        strategy_id = review.action.strategy_id if review else None

        def done(text: str | None) -> None:
            if not text or not text.strip():
                return
            added = self.workbench.edit(t("plan.undo.add", what=truncate(text, 24)),
                                        plan_edits.add_action, text, team_id=team_id,
                                        strategy_id=strategy_id)
            if added is not None:
                self.show(self.doc, select=added.id)
                self._form(added.id)

        self.workbench.push_screen(TextPrompt(t("checkin.actions.new_prompt"),
                                              placeholder=t("plan.prompt.placeholder")), done)

    def _form(self, action_id: str) -> None:
        from workshop.tui.widgets.action_form import open_action_form

        def save(values: dict) -> None:
            action = next((a for a in self.doc.plan.actions if a.id == action_id), None)
            what = truncate(values.get("what") or (action.what if action else ""), 24)
            self.workbench.edit(t("plan.undo.edit", what=what), plan_edits.update_action,
                                action_id, values)

        open_action_form(self.app, action_id, save)
