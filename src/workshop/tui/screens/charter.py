"""Step 3, 承诺与团队公约: each team's charter, filled in at the keyboard member by member.

The sheet lists the team's name and slogan, its members (role, yes/no to the goal,
personal commitment), the rules, rewards, penalties and how the team keeps itself to
it. ↑↓ walk it, Enter edits the line. On a member: Y/N record the answer and go on to
the next member; Enter opens the commitment line at the bottom, where Enter saves and
goes on to the next member, so the facilitator takes the room's commitments in one
run. ←→ switch teams. A charter is signed once every member said yes and wrote a
commitment; the stepper counts the charters still unsigned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workshop.edits import charter as edits
from workshop.i18n import t
from workshop.methods import charter as charter_method
from workshop.methods import turns
from workshop.model import CHARTER_LISTS, Team, Workshop
from workshop.text import MAX_TEXT, truncate
from workshop.tui.lifecycle import FORM_KEPT_MARK
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.widgets.charter.sheet import TeamTabs, rows
from workshop.tui.widgets.fitted import FittedOptionList, WidthChanged
from workshop.tui.widgets.typed_line import TypedLine


class CommitmentInput(TypedLine):
    """The commitment line. What is typed on it and not yet saved is kept as the room's
    draft with every key, before the key shows, as the card entry's text is: a kill
    loses nothing that was on screen (the next start shows it in a notice)."""

    def watch_value(self, value: str) -> None:
        keep = getattr(self.screen, "keep_commitment_draft", None)
        if keep is not None:
            keep(value)


class CharterScreen(StepScreen):
    step = "charter"

    SCOPED_CSS = False
    DEFAULT_CSS = """
    CharterScreen #charter-sheet { height: 1fr; border: none; padding: 0 1; }
    CharterScreen #commit-entry { height: 3; layout: horizontal; }
    CharterScreen #commit-who { width: auto; max-width: 40%; height: 3; padding: 0 1;
                                content-align: left middle; text-style: bold; }
    CharterScreen #commit-input { width: 1fr; }
    CharterScreen #charter-hint { height: 1; padding: 0 1; color: $text-muted; }
    CharterScreen #charter-sheet > .option-list--option-disabled { color: $text; }
    """

    BINDINGS: ClassVar = [
        Binding("left", "team(-1)", "Previous team", id="charter_prev_team", key_display="←"),
        Binding("right", "team(1)", "Next team", id="charter_next_team", key_display="→"),
        Binding("y", "decide(True)", "Yes", id="charter_yes"),
        Binding("n", "decide(False)", "No", id="charter_no"),
        Binding("r", "role", "Role", id="charter_role"),
        Binding("c", "commit", "Commitment", id="charter_commit"),
        Binding("a", "add", "Add", id="charter_add"),
        Binding("delete,backspace", "remove", "Remove", id="charter_remove"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.team_id: str | None = None
        self._rows_key: tuple = ()
        self._writing: str | None = None
        """The member whose commitment the line at the bottom is taking."""

    def compose_body(self) -> ComposeResult:
        yield TeamTabs()
        yield FittedOptionList(id="charter-sheet")
        yield Static(id="charter-hint")
        with Container(id="commit-entry"):
            yield Static(id="commit-who")
            yield CommitmentInput(id="commit-input", entered=self._commitment_typed,
                                  max_length=MAX_TEXT,
                                  placeholder=t("charter.commit_placeholder"))

    @property
    def sheet(self) -> OptionList:
        return self.query_one("#charter-sheet", OptionList)

    @property
    def commit_input(self) -> Input:
        return self.query_one("#commit-input", Input)

    def focus_default(self) -> None:
        self._writing = None
        self.sheet.focus()

    def team(self, doc: Workshop | None = None) -> Team | None:
        doc = doc or self.doc
        team = doc.team(self.team_id)
        if team is None:
            team = doc.team(turns.current_team_id(doc)) or (doc.teams[0] if doc.teams else None)
            self.team_id = team.id if team else None
        return team

    # -- drawing -----------------------------------------------------------------------------
    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        team = self.team(doc)
        self.query_one(TeamTabs).show(doc, self.team_id)
        sheet = self.sheet
        if team is None:
            sheet.clear_options()
            sheet.add_option(Option(Text(t("charter.no_teams"), style="italic"), disabled=True))
            return
        width = max(40, (sheet.content_region.width or self.size.width or 80) - 2)
        lines = rows(doc, team, width)
        key = (team.id, width, tuple((r.key, r.prompt.plain) for r in lines))
        if key != self._rows_key:
            self._rows_key = key
            keep = select or self._highlighted_key()
            sheet.clear_options()
            sheet.add_options([Option(r.prompt, id=r.key, disabled=r.key is None)
                               for r in lines])
            self._highlight(keep or next((r.key for r in lines if r.key and
                                          r.key.startswith("member:")), None))
        self._show_hint()
        self._show_writer(doc)

    def _highlighted_key(self) -> str | None:
        sheet = self.sheet
        if sheet.highlighted is None or sheet.highlighted >= sheet.option_count:
            return None
        return sheet.get_option_at_index(sheet.highlighted).id

    def _highlight(self, key: str | None) -> None:
        if key is None:
            return
        sheet = self.sheet
        try:
            sheet.highlighted = sheet.get_option_index(key)
        except Exception:  # the line is gone (an item removed): stay near it
            return

    def _show_hint(self) -> None:
        key = self._highlighted_key() or ""
        kind = key.split(":", 1)[0]
        hint = t(f"charter.hint.{kind}") if kind in ("member", "name", "slogan",
                                                     "accountability", *CHARTER_LISTS) else ""
        self.query_one("#charter-hint", Static).update(hint)

    def _show_writer(self, doc: Workshop) -> None:
        team = self.team(doc)
        who = self.query_one("#commit-who", Static)
        member = team.member(self._writing or self._member_id() or "") if team else None
        label = Text()
        if member is not None:
            label.append(t("charter.commit_label", name=member.name))
        else:
            label.append(t("charter.commit_pick"), style="dim")
        who.update(label)

    @on(WidthChanged, "#charter-sheet")
    def _sheet_resized(self) -> None:
        self.refresh_body(self.doc)  # its lines are cut to its width

    @on(OptionList.OptionHighlighted, "#charter-sheet")
    def _moved(self) -> None:
        self._show_hint()
        if self._writing is None:
            self._show_writer(self.doc)

    # -- keys --------------------------------------------------------------------------------
    def _member_id(self) -> str | None:
        key = self._highlighted_key() or ""
        return key.removeprefix("member:") if key.startswith("member:") else None

    def _list_item(self) -> tuple[str, int | None] | None:
        """(field, index) of the rule, reward or penalty under the cursor (index None: the
        "add" line)."""
        key = self._highlighted_key() or ""
        field, _, index = key.partition(":")
        if field not in CHARTER_LISTS:
            return None
        return field, None if index == "+" else int(index)

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_sheet = self.focused is self.query("#charter-sheet").first(OptionList) \
            if self.query("#charter-sheet") else False
        if action in ("decide", "role", "commit"):
            return in_sheet and self._member_id() is not None
        if action == "add":
            return in_sheet and self._list_item() is not None
        if action == "remove":
            item = self._list_item()
            return in_sheet and item is not None and item[1] is not None
        if action == "team":
            return in_sheet and len(self.doc.teams) > 1
        return super().allows(action, parameters)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _edit(self, label: str, edit: Callable[..., Any], *args: Any) -> bool:
        def run(doc: Workshop, *a: Any) -> tuple[Any]:
            return (edit(doc, *a),)

        return self.app.edit(label, run, *args) is not None

    def _next_member(self, member_id: str) -> str | None:
        team = self.team()
        if team is None:
            return None
        ids = [m.id for m in team.members]
        index = ids.index(member_id) + 1 if member_id in ids else len(ids)
        return ids[index] if index < len(ids) else None

    def action_team(self, delta: int) -> None:
        doc = self.doc
        ids = [team.id for team in doc.teams]
        if not ids:
            return
        index = ids.index(self.team_id) if self.team_id in ids else 0
        self.team_id = ids[(index + delta) % len(ids)]
        self._rows_key = ()
        self.refresh_from_doc()

    @on(TeamTabs.TeamClicked)
    def _team_clicked(self, event: TeamTabs.TeamClicked) -> None:
        self.team_id = event.team_id
        self._rows_key = ()
        self.refresh_from_doc()

    def action_decide(self, commits: bool) -> None:
        member_id = self._member_id()
        team = self.team()
        if member_id is None or team is None:
            return
        member = team.member(member_id)
        label = t("charter.undo.decision", name=member.name if member else "",
                  answer=t("word.yes" if commits else "word.no"))
        was_signed = self._signed(team.id)
        if self._edit(label, edits.set_decision, team.id, member_id, commits):
            nxt = self._next_member(member_id)
            if nxt:
                self._highlight(f"member:{nxt}")
            self._announce_signed(team.id, was_signed)

    def action_role(self) -> None:
        member_id = self._member_id()
        team = self.team()
        if member_id is None or team is None:
            return
        member = team.member(member_id)
        roles = charter_method.roles(self.doc)
        options = [(f"role:{i}", role) for i, role in enumerate(roles)]
        options += [("other", t("charter.role_other")), ("none", t("charter.role_none"))]

        def set_role(role: str) -> None:
            previous = self.app.edit(t("charter.undo.role", name=member.name if member else "",
                                       role=role or t("charter.role_none")),
                                     edits.set_role, team.id, member_id, role)
            if previous is not None:
                self.notify(t("charter.role_moved", role=role, name=previous.name))

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            if choice == "none":
                set_role("")
            elif choice == "other":
                self.app.push_screen(TextPrompt(t("charter.role_title"),
                                                member.role if member else ""),
                                     lambda text: set_role(text) if text is not None else None)
            else:
                set_role(roles[int(choice.split(":")[1])])

        self.app.push_screen(Choice(t("charter.role_pick", name=member.name if member else ""),
                                    options), chosen)

    def action_commit(self) -> None:
        member_id = self._member_id()
        if member_id is None:
            return
        self._start_writing(member_id)

    def start_typing(self) -> Input | None:
        """Typing on a member's row starts (or goes on with) their commitment."""
        member_id = self._member_id()
        if member_id is None:
            return None
        field = self.commit_input
        if self._writing != member_id:  # a burst of keys comes before the focus moves
            self._start_writing(member_id)
            field.cursor_position = len(field.value)
        return field

    def _saved_commitment(self, member_id: str | None) -> str:
        """The personal commitment `member_id` of the team shown has saved ("" if none)."""
        team = self.team()
        charter = self.doc.charter.charter(team.id) if team else None
        pledge = charter.commitment(member_id) if charter and member_id else None
        return pledge.text if pledge else ""

    def _start_writing(self, member_id: str) -> None:
        self._writing = member_id
        self._highlight(f"member:{member_id}")
        self._show_writer(self.doc)
        field = self.commit_input
        field.value = self._saved_commitment(member_id)
        field.focus()

    def keep_commitment_draft(self, value: str) -> None:
        """`value` on the commitment line: kept as the draft while it differs from the
        member's saved commitment (marked as a form's text); the draft is let go once
        it is saved, unless it is another entry's."""
        drafts = self.app.drafts
        if value.strip() and value != self._saved_commitment(self._writing or self._member_id()):
            drafts.save(value + FORM_KEPT_MARK)
        elif self.doc.room.draft.endswith(FORM_KEPT_MARK):
            drafts.save("")

    def _commitment_typed(self, value: str) -> None:
        team = self.team()
        member_id = self._writing or self._member_id()
        if team is None or member_id is None:
            return
        member = team.member(member_id)
        if value.strip() != self._saved_commitment(member_id):
            label = t("charter.undo.commitment", name=member.name if member else "",
                      text=truncate(value, 20))
            was_signed = self._signed(team.id)
            if not self._edit(label, edits.set_commitment, team.id, member_id, value):
                return
            self._announce_signed(team.id, was_signed)
        nxt = self._next_member(member_id)
        if nxt is None:
            self.commit_input.value = ""
            self.focus_default()
            self._show_writer(self.doc)
        else:
            self._start_writing(nxt)

    def action_focus_entry(self) -> None:
        self.focus_default()
        self._show_writer(self.doc)

    def action_add(self) -> None:
        item = self._list_item()
        if item is not None:
            self._edit_list(item[0], None)

    def action_remove(self) -> None:
        item = self._list_item()
        team = self.team()
        if item is None or item[1] is None or team is None:
            return
        field, index = item
        self._edit(t(f"charter.undo.remove_{field}"), edits.remove_item, team.id, field, index)

    def _edit_list(self, field: str, index: int | None) -> None:
        team = self.team()
        if team is None:
            return
        charter = self.doc.charter.charter(team.id)
        items = getattr(charter, field) if charter else (
            charter_method.default_rules(self.doc) if field == "rules" else [])
        value = items[index] if index is not None and index < len(items) else ""
        title = t(f"charter.sheet.add_{field}") if index is None else t(f"charter.sheet.{field}")

        def done(text: str | None) -> None:
            if text is None or text == value:
                return
            if index is None:
                if self._edit(t(f"charter.undo.add_{field}"), edits.add_item, team.id, field,
                              text):
                    self._highlight(f"{field}:+")
            elif not text.strip():
                self._edit(t(f"charter.undo.remove_{field}"), edits.remove_item, team.id,
                           field, index)
            else:
                self._edit(t(f"charter.undo.edit_{field}"), edits.edit_item, team.id, field,
                           index, text)

        self.app.push_screen(TextPrompt(title, value, t(f"charter.placeholder.{field}")), done)

    @on(OptionList.OptionSelected, "#charter-sheet")
    def _enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        team = self.team()
        if team is None:
            return
        charter = self.doc.charter.charter(team.id)
        if key.startswith("member:"):
            self._start_writing(key.removeprefix("member:"))
        elif key == "name":
            self._prompt(t("charter.sheet.team_name"), team.name, "",
                         lambda text: self._edit(t("charter.undo.team_name"), edits.rename_team,
                                                 team.id, text))
        elif key == "slogan":
            self._prompt(t("charter.sheet.slogan"), charter.slogan if charter else "",
                         t("charter.placeholder.slogan"),
                         lambda text: self._edit(t("charter.undo.slogan"), edits.set_slogan,
                                                 team.id, text))
        elif key == "accountability":
            self._prompt(t("charter.sheet.accountability"),
                         charter.accountability if charter else "",
                         t("charter.placeholder.accountability"),
                         lambda text: self._edit(t("charter.undo.accountability"),
                                                 edits.set_accountability, team.id, text))
        else:
            item = self._list_item()
            if item is not None:
                self._edit_list(*item)

    def _prompt(self, title: str, value: str, placeholder: str,
                save: Callable[[str], object]) -> None:
        def done(text: str | None) -> None:
            if text is not None and text != value:
                save(text)

        self.app.push_screen(TextPrompt(title, value, placeholder), done)

    def _signed(self, team_id: str) -> bool:
        team = self.doc.team(team_id)
        return team is not None and charter_method.is_signed(
            self.doc.charter.charter(team_id), team)

    def _announce_signed(self, team_id: str, was_signed: bool) -> None:
        """Tell the room the moment the last yes or commitment came in."""
        team = self.doc.team(team_id)
        if team is not None and not was_signed and self._signed(team_id):
            self.notify(t("charter.signed_notice", team=team.name), timeout=6)
