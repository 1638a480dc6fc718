"""Ctrl+F: the room's phones, large on the projector: the QR code, the address and the join
code; how many phones are in and what they may do now; and the facilitator's keys for
them (a new code, dropping a phone, locking, showing a secret vote's tally, closing)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from workshop.i18n import t
from workshop.methods import dots as dot_method
from workshop.room import access
from workshop.tui.screens.dialogs import Choice
from workshop.tui.widgets.key_bar import key_label
from workshop.tui.widgets.qr_code import QrCode

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class PhonesScreen(Screen[None]):
    """How to join from a phone, for the back of the room."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="phones_back"),
        Binding("c", "new_code", "New code", id="phones_code"),
        Binding("l", "lock", "Lock", id="phones_lock"),
        Binding("v", "tally", "Show the dots", id="phones_tally"),
        Binding("d", "drop", "Drop a phone", id="phones_drop"),
        Binding("x", "close_room", "Close the room", id="phones_close"),
    ]

    DEFAULT_CSS = """
    PhonesScreen { layout: vertical; }
    PhonesScreen #phones-title { height: 1; padding: 0 1; background: $primary;
                                 color: $text; text-style: bold; }
    PhonesScreen #phones-main { height: 1fr; }
    PhonesScreen QrCode { width: 2fr; min-width: 30; }
    PhonesScreen #phones-side { width: 1fr; min-width: 30; padding: 1 2; }
    PhonesScreen #phones-how { height: auto; }
    PhonesScreen #phones-status { height: auto; margin-top: 1; color: $text-muted; }
    PhonesScreen #phones-keys { height: 1; background: $footer-background;
                                color: $footer-foreground; }
    """

    app: WorkshopApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        yield Static(id="phones-title")
        with Horizontal(id="phones-main"):
            yield QrCode(id="phones-qr")
            with Vertical(id="phones-side"):
                yield Static(id="phones-how")
                yield Static(id="phones-status")
        yield Static(id="phones-keys")

    def on_mount(self) -> None:
        self.watch(self.app, "revision", lambda _revision: self.show(), init=False)
        self.show()

    def show(self) -> None:
        """Draw from the document and the server (after every change)."""
        app = self.app
        if app.session is None:
            return
        doc = app.session.doc
        server = app.room_server
        title = Text(t("phones.screen.title"))
        title.append("  " + doc.meta.title, style="not bold")
        self.query_one("#phones-title", Static).update(title)
        how = Text()
        if server is None:
            self.query_one(QrCode).show("")
            how.append(t("phones.screen.closed") + "\n", style="bold")
            how.append(t("phones.screen.reopen"))
        else:
            self.query_one(QrCode).show(server.join_url())
            how.append(t("phones.screen.step_wifi") + "\n\n")
            how.append(t("phones.screen.step_scan") + "\n")
            how.append(server.base_url + "\n\n", style="bold")
            how.append(t("phones.screen.step_code") + "\n")
            how.append(f" {access.show_code(doc.room.phones.code)} ", style="bold reverse")
        self.query_one("#phones-how", Static).update(how)
        self.query_one("#phones-status", Static).update(self.status_text())
        self.query_one("#phones-keys", Static).update(self.keys_text())

    def keys_text(self) -> Text:
        """This screen's own keys (the app's F-keys still work, and F1 lists them)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for binding in self.BINDINGS:
            if not self.applies_now(binding.action):
                continue
            text.append(self.app.get_key_display(binding), style="bold reverse")
            text.append(f" {key_label(binding)} ")
        return text

    def status_text(self) -> Text:
        doc = self.app.session.doc
        phones = doc.room.phones
        text = Text()
        per_team = Counter(d.team_id for d in phones.devices)
        text.append(t("phones.screen.joined", count=len(phones.devices)) + "\n", style="bold")
        for team in doc.teams:
            if per_team[team.id]:
                text.append("■ ", style=team.color)
                text.append(f"{team.name} {per_team[team.id]}\n")
        stage = self.app.stage()
        if stage.boards:
            boards = "、".join(t(f"board.{b}") for b in stage.boards)
            now = t("phones.screen.now_cards", boards=boards)
        elif stage.ballot:
            now = t("phones.screen.now_dots")
        elif stage.questions:
            now = t("phones.screen.now_questions")
        else:
            now = t("phones.screen.now_nothing")
        text.append("\n" + now + "\n")
        keys = self.app.phone_lock_keys()
        if keys and all(key in phones.locked for key in keys):
            text.append(t("phones.screen.locked") + "\n", style="bold")
        ballot = self.app.step_ballot()
        if ballot and dot_method.tally_hidden(doc, ballot):
            text.append(t("phones.screen.tally_hidden") + "\n", style="bold")
        return text

    def applies_now(self, action: str) -> bool:
        """Whether the key does something on this step: showing the dots needs a dot
        vote, locking needs something phones can change (pressed anyway, each says so)."""
        if action == "tally":
            return self.app.step_ballot() is not None
        if action == "lock":
            return bool(self.app.phone_lock_keys())
        return True

    # -- keys -----------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_new_code(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "yes":
                self.app.new_code()

        count = len(self.app.session.doc.room.phones.devices)
        self.app.push_screen(Choice(t("phones.screen.new_code_title", count=count),
                                    [("yes", t("phones.screen.new_code_yes")),
                                     ("no", t("phones.screen.new_code_no"))]), chosen)

    def action_lock(self) -> None:
        self.app.toggle_phone_lock()

    def action_tally(self) -> None:
        self.app.toggle_tally()

    def action_drop(self) -> None:
        doc = self.app.session.doc
        devices = doc.room.phones.devices
        if not devices:
            self.app.bell()
            self.app.notify(t("phones.screen.no_phones"), timeout=3)
            return
        options = []
        for phone in devices:
            team = doc.team(phone.team_id)
            found = doc.member(phone.member_id) if phone.member_id else None
            who = found[1].name if found else phone.name or t("phones.screen.anonymous")
            cards = sum(1 for owner in doc.room.phones.owners.values() if owner == phone.id)
            options.append((phone.id, t("phones.screen.phone_row", team=team.name if team
                                        else "?", who=who, cards=cards)))

        def chosen(device_id: str | None) -> None:
            if device_id:
                self.app.drop_phone(device_id)

        self.app.push_screen(Choice(t("phones.screen.drop_title"), options,
                                    t("phones.screen.drop_hint")), chosen)

    async def action_close_room(self) -> None:
        await self.app.close_room()
        self.dismiss(None)

