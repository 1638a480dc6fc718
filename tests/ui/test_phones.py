"""The room's phones against the real app (pilot), served on 127.0.0.1: Ctrl+F opens the room
and shows a QR code that reads back as the link; a phone's card shows on the projector's
board; closing the room, a new code, locking and quitting do what they say; secret dots
stay off the projector until shown; a phone's question is put to the team with Q."""

from __future__ import annotations

import subprocess

import aiohttp
import pytest

from factories import make_doc
from phones_factory import Phone, require_tool, vote_doc
from uitools import rendered_lines, settle
from workshop.store import Session
from workshop.tui.phones import RoomOptions
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.qr_code import QrCode

LOCAL = RoomOptions(host="127.0.0.1", port=0)


@pytest.fixture
def phone_app(tmp_path):
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(doc=None, step: str = "review", **kwargs) -> WorkshopApp:
        doc = doc or make_doc(teams=3, members=3)
        doc.room.step = step
        doc.room.turn.team_id = doc.teams[0].id
        session = Session.create(doc, tmp_path / f"p{len(sessions)}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session, room_options=kwargs.pop("room_options", LOCAL),
                           **kwargs)

    yield build
    for session in sessions:
        session.close()


async def open_room(pilot) -> str:
    await pilot.press("ctrl+f")
    await settle(pilot)
    assert pilot.app.room_is_open
    return pilot.app.room_server.base_url.rstrip("/")


async def join(http, base: str, app, team: int = 0, member: int | None = None) -> Phone:
    phone = Phone(http, base)
    team_ = app.session.doc.teams[team]
    await phone.join(app.session.doc.room.phones.code, team_.id,
                     team_.members[member].id if member is not None else None)
    return phone


async def within_a_second(pilot, check) -> None:
    """`check()` holds within a second (the projector draws phones' changes together, a
    few times a second)."""
    for _ in range(20):
        await pilot.pause(0.05)
        if check():
            return
    assert check()


def qr_lines(widget: QrCode) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_ctrl_f_opens_the_room_and_its_qr_code_reads_back_as_the_link(phone_app, tmp_path):
    zbarimg = require_tool("zbarimg", "zbar-tools")
    app = phone_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.room_server is None  # nothing listens until the room is opened
        await open_room(pilot)
        link = app.room_server.join_url()
        code = app.session.doc.room.phones.code
        assert link.startswith("http://127.0.0.1:") and link.endswith("#" + code)
        side = app.screen.query_one("#phones-how").render()
        assert app.room_server.base_url in str(side) and code[:4] in str(side)
        lines = [line for line in qr_lines(app.screen.query_one(QrCode)) if line.strip()]
        assert len(lines) <= 22  # the whole code fits 80×24
        # the characters as a picture: each ▀ ▄ █ or space is 8 × 16 pixels
        pixels = bytearray()
        width = max(len(line) for line in lines) * 8
        for line in lines:
            for half in (0, 1):
                row = bytearray()
                for ch in line.ljust(width // 8):
                    dark = ch == "█" or (ch == "▀" and half == 0) or (ch == "▄" and half == 1)
                    row += (b"\x00" if dark else b"\xff") * 8
                pixels += bytes(row) * 8
        image = tmp_path / "qr.pgm"
        image.write_bytes(b"P5 %d %d 255\n" % (width, len(lines) * 16) + bytes(pixels))
        read = subprocess.run([zbarimg, "--quiet", "--raw", str(image)], capture_output=True,
                              text=True, timeout=30)
        assert read.stdout.strip() == link


async def test_a_card_from_a_phone_shows_on_the_projector(phone_app):
    app = phone_app(step="review")
    async with app.run_test(size=(120, 36)) as pilot:
        base = await open_room(pilot)
        await pilot.press("escape")
        async with aiohttp.ClientSession() as http:
            phone = Phone(http, base)
            team = app.session.doc.teams[1]
            await phone.join(app.session.doc.room.phones.code, team.id, team.members[0].id,
                             name="小王")
            status, _ = await phone.post("/api/cards", {"step": "review", "board": "highlight",
                                                        "text": "手机上的 [b]卡片[/b]"})
            assert status == 200
            board = app.screen.query_one(CardBoard)
            await within_a_second(pilot, lambda: "手机上的 [b]卡片[/b]" in rendered_lines(board))
            shown = rendered_lines(board)
            assert team.name in shown  # the team's card: never who wrote it
            assert team.members[0].name not in shown and "小王" not in shown
            await pilot.press("ctrl+z")  # undone from the keyboard like a typed card
            await settle(pilot)
            assert app.session.doc.cards("review") == []


async def test_closing_the_room_stops_listening(phone_app):
    app = phone_app()
    async with app.run_test(size=(80, 24)) as pilot:
        base = await open_room(pilot)
        async with aiohttp.ClientSession() as http:
            phone = await join(http, base, app)
            await pilot.press("x")
            await settle(pilot)
            assert not app.room_is_open
            with pytest.raises(aiohttp.ClientConnectionError):
                await phone.get("/api/state")


async def test_quitting_stops_listening(phone_app):
    app = phone_app()
    async with app.run_test(size=(80, 24)) as pilot:
        base = await open_room(pilot)
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.ClientConnectionError):
            await Phone(http, base).get("/api/state")


async def test_a_new_code_drops_every_phone_and_a_lock_stops_changes(phone_app):
    app = phone_app(step="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        base = await open_room(pilot)
        async with aiohttp.ClientSession() as http:
            phone = await join(http, base, app)
            card = {"step": "summary", "board": "takeaway", "text": "收获"}
            await pilot.press("l")
            await settle(pilot)
            status, _ = await phone.post("/api/cards", card)
            assert status == 423
            await pilot.press("l")
            await settle(pilot)
            status, _ = await phone.post("/api/cards", card)
            assert status == 200
            old = app.session.doc.room.phones.code
            await pilot.press("c", "enter")  # the first choice: a new code
            await settle(pilot)
            assert app.session.doc.room.phones.code != old
            assert app.room_server.join_url().endswith(app.session.doc.room.phones.code)
            status, _ = await phone.post("/api/cards", card)
            assert status == 401
            assert len(app.session.doc.cards("summary")) == 1


async def test_secret_dots_stay_off_the_projector_until_shown(phone_app):
    doc, first, _second = vote_doc(teams=2, members=2)
    app = phone_app(doc, step="cocreate")
    async with app.run_test(size=(120, 36)) as pilot:
        base = await open_room(pilot)
        async with aiohttp.ClientSession() as http:
            phone = await join(http, base, app, team=0, member=1)
            for _ in range(2):
                status, _ = await phone.post("/api/dots", {"ballot": "cocreate", "item": first})
                assert status == 200
            await pilot.press("escape")
            await within_a_second(pilot, lambda: "● ?" in rendered_lines(
                app.screen.query_one("#board-vote", CardBoard)))
            board = rendered_lines(app.screen.query_one("#board-vote", CardBoard))
            assert "● ?" in board and "● 2" not in board
            panel = str(app.screen.query_one("#panel-vote").render())
            assert "匿名投票中：已投 2 点，结果未公布" in panel and "深耕县域渠道" not in panel
            await pilot.press("ctrl+f", "v", "escape")
            await settle(pilot)
            board = rendered_lines(app.screen.query_one("#board-vote", CardBoard))
            assert "●● 2" in board and "● ?" not in board  # a dot a dot, under the name


async def test_a_question_from_a_phone_is_put_to_the_team_with_q(phone_app):
    app = phone_app(step="townhall")
    async with app.run_test(size=(120, 36)) as pilot:
        base = await open_room(pilot)
        await pilot.press("escape")
        async with aiohttp.ClientSession() as http:
            asker = await join(http, base, app, team=1)
            peer = await join(http, base, app, team=2)
            status, answer = await asker.post("/api/questions", {"text": "预算从哪里来？"})
            assert status == 200
            status, _ = await peer.post(f"/api/questions/{answer['id']}/upvote", {"on": True})
            assert status == 200
            await within_a_second(pilot, lambda: "Q" in str(
                app.screen.query_one("#th-log-cap").render()))
            await pilot.press("q")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            log = rendered_lines(app.screen.query_one("#th-log"))
            assert "预算从哪里来？" in log
            challenge = app.session.doc.townhall.challenges[-1]
            assert challenge.asker_team_id == app.session.doc.teams[1].id


async def test_ctrl_o_hides_phones_cards_from_everyone_but_their_phone(phone_app):
    app = phone_app(step="summary")
    async with app.run_test(size=(120, 36)) as pilot:
        base = await open_room(pilot)
        await pilot.press("escape", "ctrl+o")  # new cards stay hidden until revealed
        await settle(pilot)
        async with aiohttp.ClientSession() as http:
            writer = await join(http, base, app, team=0)
            reader = await join(http, base, app, team=1)
            status, answer = await writer.post("/api/cards", {"step": "summary",
                                                              "board": "takeaway",
                                                              "text": "悄悄话"})
            assert status == 200
            assert answer["view"]["boards"][0]["mine"][0]["hidden"] is True
            assert app.session.doc.cards("summary")[0].hidden
            _, seen = await reader.get("/api/state")
            assert "悄悄话" not in str(seen) and seen["view"]["boards"][0]["hidden_others"] == 1
            await pilot.press("ctrl+r")  # revealed: everyone sees it
            await settle(pilot)
            _, seen = await reader.get("/api/state")
            assert seen["view"]["boards"][0]["others"] == ["悄悄话"]
