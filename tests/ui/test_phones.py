"""The room's phones against the real app (pilot), served on 127.0.0.1: Ctrl+F opens the room
and shows a QR code that reads back as the link; a phone's card shows on the projector's
board; closing the room, a new code, locking and quitting do what they say; secret dots
stay off the projector until shown (on the wall, the strategy model and the plan, neither
counts nor order); a phone's question is put to the team with Q; the QR screen never stays
behind on a step's screens."""

from __future__ import annotations

import subprocess

import aiohttp
import pytest

from factories import make_doc
from phones_factory import Phone, require_tool, vote_doc
from uitools import rendered_lines, settle, shown
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import phones as phone_edits
from workshop.edits import plan as plan_edits
from workshop.store import Session
from workshop.tui.phones import RoomOptions
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.phones import PhonesScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.cocreate.model_view import StrategyModel
from workshop.tui.widgets.qr_code import QrCode
from workshop.tui.widgets.row_list import RowList

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


async def test_the_qr_screen_lists_the_dots_key_only_where_there_is_a_vote(phone_app):
    doc, _first, _second = vote_doc(teams=2, members=2)
    doc.cocreate.phase = "vote"
    app = phone_app(doc, step="review")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_room(pilot)
        keys = str(app.screen.query_one("#phones-keys").render())
        assert "公布投票" not in keys and "新加入码" in keys  # review has no dot vote
        await pilot.press("escape", "f3", "f3", "f3", "f3", "ctrl+f")  # on to co-create
        await settle(pilot)
        assert app.session.doc.room.step == "cocreate"
        keys = str(app.screen.query_one("#phones-keys").render())
        assert "公布投票" in keys


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


async def test_a_step_change_or_closing_leaves_no_qr_screen_on_the_steps(phone_app):
    app = phone_app(step="review")

    def clean(step: str) -> None:
        assert app.session.doc.room.step == step
        assert len(app.screen_stack) == 1 and isinstance(app.screen, StepScreen)

    async with app.run_test(size=(80, 24)) as pilot:
        await open_room(pilot)
        assert isinstance(app.screen, PhonesScreen)
        await pilot.press("f3")  # on to the next step, from the QR screen
        await settle(pilot)
        clean("vision")
        assert app.room_is_open  # the room stays open
        await pilot.press("f2")  # back: the step shows itself, not the old QR screen
        await settle(pilot)
        clean("review")
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, PhonesScreen)
        await pilot.press("f3", "f3")
        await settle(pilot)
        clean("gaps")
        await pilot.press("f2")
        await settle(pilot)
        clean("vision")
        await pilot.press("ctrl+f", "x")  # closing the room from it
        await settle(pilot)
        assert not app.room_is_open
        clean("vision")


def secret_vote(doc) -> tuple[str, str]:
    """Two dots from phones on the second strategy, the tally not shown: the vote's order
    (攻大客户 first) is not the board's (深耕县域渠道 first)."""
    first, second = (k.id for k in doc.cocreate.clusters)
    team = doc.teams[0]
    for member in team.members[:2]:
        cocreate_edits.vote(doc, second, team.id, member.id)
    phone_edits.show_tally(doc.room, "cocreate", False)
    return first, second


async def test_the_strategy_model_keeps_a_secret_tally_and_its_order(phone_app):
    doc, _first, _second = vote_doc(teams=2, members=2)
    secret_vote(doc)
    cocreate_edits.set_phase(doc, "model")
    app = phone_app(doc, step="cocreate")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        model = app.screen.query_one(StrategyModel)
        drawn = str(model.render())
        assert drawn.index("深耕县域渠道") < drawn.index("攻大客户")  # the board's order
        assert "● ?" in drawn and "● 2 票" not in drawn and "● 0 票" not in drawn
        notes = str(app.screen.query_one("#model-notes").render())
        assert "匿名投票中：已投 2 点，结果未公布" in notes
        await pilot.press("ctrl+f", "v", "escape")  # the facilitator shows the tally
        await settle(pilot)
        drawn = str(model.render())
        assert drawn.index("攻大客户") < drawn.index("深耕县域渠道")  # the vote's order
        assert "● 2 票" in drawn and "● ?" not in drawn


async def test_the_plan_and_the_town_hall_keep_a_secret_tallys_order(phone_app):
    doc, first, second = vote_doc(teams=2, members=2)
    secret_vote(doc)
    for strategy in (first, second):
        plan_edits.add_action(doc, f"行动 {strategy}", strategy_id=strategy,
                              team_id=doc.teams[0].id)
    app = phone_app(doc, step="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rows = rendered_lines(app.screen.query_one("#actions", RowList))
        assert rows.index("深耕县域渠道") < rows.index("攻大客户")
        assert "票数未公布" in rows and "2 票" not in rows and "0 票" not in rows
        detail = shown(app.screen.query_one("#plan-detail"))
        assert "票数未公布" in detail and "2 票" not in detail and "0 票" not in detail
        await pilot.press("f3")  # the town hall: the plan in the board's order too
        await settle(pilot)
        presented = rendered_lines(app.screen.query_one("#th-plan", RowList))
        assert presented.index("深耕县域渠道") < presented.index("攻大客户")
        await pilot.press("f2")
        await settle(pilot)
        app.room(phone_edits.show_tally, "cocreate", True)
        await settle(pilot)
        rows = rendered_lines(app.screen.query_one("#actions", RowList))
        assert rows.index("攻大客户") < rows.index("深耕县域渠道")
        assert "2 票" in rows and "票数未公布" not in rows


async def test_the_phones_page_follows_the_rooms_language(phone_app):
    app = phone_app(step="review")
    async with app.run_test(size=(80, 24)) as pilot:
        base = await open_room(pilot)
        async with aiohttp.ClientSession() as http:
            phone = await join(http, base, app)
            _, seen = await phone.get("/api/state")
            assert seen["view"]["lang"] == "zh" and seen["view"]["boards"][0]["title"] == "亮点"
            await app.set_language("en")
            await settle(pilot)
            _, seen = await phone.get("/api/state")
            assert seen["view"]["lang"] == "en"
            assert seen["view"]["boards"][0]["title"] == "Highlights"
            await app.set_language("zh")
