"""The room server's API on 127.0.0.1, as phones use it: joining, cards on two boards,
secret dots, town-hall questions; and every bad request answered with a 4xx that
changes nothing (neither the document nor the file on disk)."""

from __future__ import annotations

import json

import pytest

from phones_factory import Phone, SessionHost, device_of, room_session, running_room, vote_doc
from workshop.edits import phones as phone_edits
from workshop.methods import dots as dot_method
from workshop.room.server import Limits


def snapshot(host: SessionHost) -> tuple[str, bytes]:
    return host.doc.model_dump_json(), host.session.path.read_bytes()


async def joined(http, server, host, team: int = 0, member: int | None = None) -> Phone:
    phone = Phone(http, server.base_url.rstrip("/"))
    team_obj = host.doc.teams[team]
    await phone.join(host.doc.room.phones.code, team_obj.id,
                     team_obj.members[member].id if member is not None else None)
    return phone


def board(view: dict, key: str) -> dict:
    return next(b for b in view["boards"] if b["key"] == key)


async def test_cards_on_two_boards_go_through_the_edits_and_show_without_their_author(tmp_path):
    host = SessionHost(room_session(tmp_path, step="review"))
    async with running_room(host) as (server, http):
        alice = await joined(http, server, host, team=0, member=0)
        bob = await joined(http, server, host, team=1)
        status, answer = await alice.post("/api/cards", {"step": "review", "board": "highlight",
                                                         "text": "回款快 <b>&[/oops]"})
        assert status == 200, answer
        status, answer = await alice.post("/api/cards", {"step": "review", "board": "lesson",
                                                         "text": "早立项"})
        assert status == 200, answer
        cards = host.doc.cards("review")
        assert [(c.board, c.text) for c in cards] == [("highlight", "回款快 <b>&[/oops]"),
                                                      ("lesson", "早立项")]
        team = host.doc.teams[0]
        assert {c.team_id for c in cards} == {team.id}
        assert {c.member_id for c in cards} == {team.members[0].id}
        assert host.session.undo_label is not None  # undoable from the keyboard
        mine = board(answer["view"], "highlight")["mine"]
        assert [c["text"] for c in mine] == ["回款快 <b>&[/oops]"]

        status, seen = await bob.get("/api/state")
        assert status == 200
        highlight = board(seen["view"], "highlight")
        assert highlight["mine"] == [] and highlight["others"] == ["回款快 <b>&[/oops]"]
        assert "member" not in json.dumps(highlight) and team.members[0].name not in json.dumps(
            seen["view"]["boards"])

        card_id = cards[0].id
        status, _ = await alice.post(f"/api/cards/{card_id}/edit", {"text": "回款更快"})
        assert status == 200 and host.doc.find_card(card_id).text == "回款更快"
        status, _ = await alice.post(f"/api/cards/{card_id}/withdraw", {})
        assert status == 200 and host.doc.find_card(card_id) is None
        host.undo()  # the facilitator brings it back: it is still the phone's
        status, again = await alice.get("/api/state")
        assert [c["id"] for c in board(again["view"], "highlight")["mine"]] == [card_id]


async def test_hidden_cards_show_only_on_their_own_phone(tmp_path):
    host = SessionHost(room_session(tmp_path, step="summary"), hidden=True)
    async with running_room(host) as (server, http):
        alice = await joined(http, server, host, team=0)
        bob = await joined(http, server, host, team=1)
        status, answer = await alice.post("/api/cards", {"step": "summary", "board": "takeaway",
                                                         "text": "秘密想法"})
        assert status == 200
        assert host.doc.cards("summary")[0].hidden
        assert board(answer["view"], "takeaway")["mine"][0]["hidden"] is True
        _, seen = await bob.get("/api/state")
        takeaway = board(seen["view"], "takeaway")
        assert takeaway["others"] == [] and takeaway["hidden_others"] == 1
        assert "秘密想法" not in json.dumps(seen, ensure_ascii=False)


def vote_session(tmp_path, per: str = "member", dots: int = 2):
    doc, first, second = vote_doc(per=per, dots=dots)
    return room_session(tmp_path, doc, step="cocreate"), first, second


async def test_dots_are_secret_until_the_facilitator_shows_the_tally(tmp_path):
    session, first, second = vote_session(tmp_path)
    host = SessionHost(session)
    async with running_room(host) as (server, http):
        alice = await joined(http, server, host, team=0, member=0)
        bob = await joined(http, server, host, team=1, member=1)
        nameless = await joined(http, server, host, team=2)
        status, answer = await alice.post("/api/dots", {"ballot": "cocreate", "item": first})
        assert status == 200 and answer["left"] == 1
        status, answer = await alice.post("/api/dots", {"ballot": "cocreate", "item": first})
        assert status == 200 and answer["left"] == 0
        ballot = answer["view"]["ballot"]
        assert ballot["shown"] is False and all("tally" not in item for item in ballot["items"])
        assert [item["mine"] for item in ballot["items"]] == [2, 0]
        assert dot_method.tally_hidden(host.doc, "cocreate")

        _, seen = await bob.get("/api/state")
        assert [item["mine"] for item in seen["view"]["ballot"]["items"]] == [0, 0]
        assert seen["view"]["ballot"]["left"] == 2
        status, _ = await bob.post("/api/dots", {"ballot": "cocreate", "item": second})
        assert status == 200
        status, answer = await nameless.post("/api/dots", {"ballot": "cocreate", "item": second})
        assert status == 422 and answer["message"]  # per member: a name is needed

        host.apply_room(phone_edits.show_tally, "cocreate", True)
        _, seen = await bob.get("/api/state")
        assert [item["tally"] for item in seen["view"]["ballot"]["items"]] == [2, 1]
        cluster = host.doc.cocreate.cluster(first)
        assert {v.member_id for v in cluster.votes} == {host.doc.teams[0].members[0].id}
        # moved: a dot taken back and placed elsewhere
        status, _ = await alice.post("/api/dots", {"ballot": "cocreate", "item": first,
                                                   "take_back": True})
        assert status == 200
        status, _ = await alice.post("/api/dots", {"ballot": "cocreate", "item": second})
        assert status == 200
        assert [len(k.votes) for k in host.doc.cocreate.clusters] == [1, 2]


async def test_questions_are_asked_upvoted_and_picked(tmp_path):
    host = SessionHost(room_session(tmp_path, step="townhall"))
    async with running_room(host) as (server, http):
        asker = await joined(http, server, host, team=1)
        peer = await joined(http, server, host, team=2)
        status, answer = await asker.post("/api/questions", {"text": "预算从哪里来？"})
        assert status == 200
        question_id = answer["id"]
        status, answer = await asker.post(f"/api/questions/{question_id}/upvote", {"on": True})
        assert status == 422  # not one's own
        status, answer = await peer.post(f"/api/questions/{question_id}/upvote", {"on": True})
        assert status == 200
        assert answer["view"]["questions"]["items"][0]["upvotes"] == 1
        status, answer = await peer.post(f"/api/questions/{question_id}/upvote", {"on": True})
        assert status == 422  # once each
        challenge = host.apply("pick", phone_edits.pick_question, question_id)
        assert challenge.team_id == host.doc.teams[0].id  # the team presenting
        assert challenge.asker_team_id == host.doc.teams[1].id
        assert host.doc.townhall.challenges[-1].question == "预算从哪里来？"
        _, seen = await peer.get("/api/state")
        assert seen["view"]["questions"]["items"] == []
        assert seen["view"]["questions"]["asked"] == ["预算从哪里来？"]


# -- bad input: a 4xx, and nothing changes ---------------------------------------------------

BAD_CARDS = [
    pytest.param({"step": "review", "board": "highlight", "text": "长" * 5001}, 422,
                 id="over the card limit"),
    pytest.param({"step": "review", "board": "highlight", "text": "\x1b[31m\x00\x07\u200b"[:-1]},
                 422, id="control characters only"),
    pytest.param({"step": "review", "board": "highlight", "text": "   "}, 422, id="blank"),
    pytest.param({"step": "review", "board": "highlight", "text": 42}, 400, id="not a string"),
    pytest.param({"step": "review", "board": "nowhere", "text": "x"}, 409, id="unknown board"),
    pytest.param({"step": "vision", "board": "vision", "text": "x"}, 409,
                 id="a step the projector is not on"),
    pytest.param({"step": "review", "board": "highlight"}, 400, id="no text"),
]


@pytest.mark.parametrize(("body", "status"), BAD_CARDS)
async def test_bad_cards_are_refused_and_change_nothing(tmp_path, body, status):
    host = SessionHost(room_session(tmp_path, step="review"))
    async with running_room(host) as (server, http):
        phone = await joined(http, server, host)
        before = snapshot(host)
        got, answer = await phone.post("/api/cards", body)
        assert got == status, answer
        assert answer["message"]
        assert snapshot(host) == before


async def test_bad_requests_are_refused_and_change_nothing(tmp_path):
    host = SessionHost(room_session(tmp_path, step="review"))
    async with running_room(host) as (server, http):
        phone = await joined(http, server, host)
        other = await joined(http, server, host, team=1)
        status, answer = await other.post("/api/cards", {"step": "review", "board": "highlight",
                                                         "text": "别人的卡片"})
        assert status == 200
        theirs = answer["id"]
        code = host.doc.room.phones.code
        before = snapshot(host)
        card = {"step": "review", "board": "highlight", "text": "x"}

        async def refused(status: int, *args, **kwargs) -> None:
            got, answer = await phone.post(*args, **kwargs)
            assert got == status, (args, answer)
            assert snapshot(host) == before, args

        await refused(413, "/api/cards", raw=json.dumps({**card, "text": "x" * 40_000,
                                                          "nonce": "n1"}).encode())
        await refused(415, "/api/cards", raw=b"text=x", headers={"Content-Type": "text/plain"})
        await refused(400, "/api/cards", raw=b"{not json")
        await refused(400, "/api/cards", raw=b"[1, 2]")
        await refused(400, "/api/cards", raw=b"\xff\xfe{}")
        await refused(400, "/api/cards", {**card, "nonce": "<script>"})
        await refused(404, f"/api/cards/{theirs}/edit", {"text": "改掉"})
        await refused(404, f"/api/cards/{theirs}/withdraw", {})
        await refused(404, "/api/cards/..%2F..%2Fetc/edit", {"text": "x"})
        await refused(401, "/api/hello", {"code": "WRONG-CODE"}, nonce=False)
        await refused(401, "/api/join", {"code": "0000000000000000",
                                         "team": host.doc.teams[0].id}, nonce=False)
        await refused(422, "/api/join", {"code": code, "team": "t-nobody"}, nonce=False)
        await refused(422, "/api/join", {"code": code, "team": host.doc.teams[0].id,
                                         "member": host.doc.teams[1].members[0].id}, nonce=False)
        await refused(422, "/api/join", {"code": code, "team": host.doc.teams[0].id,
                                         "name": "名" * 61}, nonce=False)
        await refused(409, "/api/dots", {"ballot": "cocreate", "item": "k-none"})
        await refused(409, "/api/questions", {"text": "现在不是城镇会议"})
        forged = Phone(http, phone.base, token="A" * 32)
        got, _ = await forged.post("/api/cards", card)
        assert got == 401 and snapshot(host) == before
        got, _ = await Phone(http, phone.base).post("/api/cards", card)
        assert got == 401 and snapshot(host) == before
        async with http.get(phone.base + "/api/state",
                            headers={**phone.headers(), "Host": "evil.example:80"}) as response:
            assert response.status == 421
        async with http.get(phone.base + "/session.workshop.json") as response:
            assert response.status == 404
        async with http.get(phone.base + "/../" + host.session.path.name) as response:
            assert response.status == 404


async def test_a_replayed_change_is_refused(tmp_path):
    host = SessionHost(room_session(tmp_path, step="review"))
    async with running_room(host) as (server, http):
        phone = await joined(http, server, host)
        body = {"step": "review", "board": "highlight", "text": "一次", "nonce": "abc123"}
        status, _ = await phone.post("/api/cards", body)
        assert status == 200
        before = snapshot(host)
        status, answer = await phone.post("/api/cards", body)
        assert status == 409 and answer["error"] == "replayed"
        assert snapshot(host) == before and len(host.doc.cards("review")) == 1


async def test_tokens_die_with_their_device_and_with_a_new_code(tmp_path):
    host = SessionHost(room_session(tmp_path, step="review"))
    async with running_room(host) as (server, http):
        dropped = await joined(http, server, host)
        kept = await joined(http, server, host, team=1)
        host.apply_room(phone_edits.drop_device, device_of(host, dropped))
        card = {"step": "review", "board": "highlight", "text": "x"}
        before = snapshot(host)
        status, _ = await dropped.post("/api/cards", card)
        assert status == 401 and snapshot(host) == before
        status, _ = await kept.post("/api/cards", card)
        assert status == 200
        host.apply_room(phone_edits.set_code, "NEWCODE000000000")
        before = snapshot(host)
        status, _ = await kept.post("/api/cards", card)
        assert status == 401 and snapshot(host) == before


async def test_locked_boards_and_votes_over_budget_are_refused(tmp_path):
    session, first, _ = vote_session(tmp_path, per="team", dots=1)
    host = SessionHost(session)
    async with running_room(host) as (server, http):
        phone = await joined(http, server, host)
        status, _ = await phone.post("/api/dots", {"ballot": "cocreate", "item": first})
        assert status == 200
        before = snapshot(host)
        status, answer = await phone.post("/api/dots", {"ballot": "cocreate", "item": first})
        assert status == 422 and answer["message"] and snapshot(host) == before
        status, _ = await phone.post("/api/dots", {"ballot": "cocreate", "item": "k-nothing"})
        assert status == 422 and snapshot(host) == before
        host.apply_room(phone_edits.set_locked, [phone_edits.vote_key("cocreate")], True)
        before = snapshot(host)
        status, _ = await phone.post("/api/dots", {"ballot": "cocreate", "item": first,
                                                   "take_back": True})
        assert status == 423 and snapshot(host) == before


async def test_a_flood_from_one_phone_slows_only_that_phone(tmp_path):
    host = SessionHost(room_session(tmp_path, step="review"))
    limits = Limits(changes_per_s=0.01, changes_burst=5)
    async with running_room(host, limits) as (server, http):
        flooder = await joined(http, server, host)
        calm = await joined(http, server, host, team=1)
        card = {"step": "review", "board": "highlight", "text": "刷屏"}
        statuses = [(await flooder.post("/api/cards", card))[0] for _ in range(12)]
        assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
        assert len(host.doc.cards("review")) == 5
        status, _ = await calm.post("/api/cards", {**card, "text": "正常"})
        assert status == 200
        async with http.post(flooder.base + "/api/cards", json={**card, "nonce": "z1"},
                             headers=flooder.headers()) as response:
            assert response.status == 429 and int(response.headers["Retry-After"]) >= 1


async def test_control_characters_are_stripped_and_markup_kept_literally(tmp_path):
    host = SessionHost(room_session(tmp_path, step="review"))
    async with running_room(host) as (server, http):
        phone = await joined(http, server, host)
        text = "a\x00b\x1b[31mc [bold]d[/bold] <img src=x onerror=alert(1)>"
        status, answer = await phone.post("/api/cards", {"step": "review",
                                                         "board": "highlight", "text": text})
        assert status == 200
        expected = "abc [bold]d[/bold] <img src=x onerror=alert(1)>"
        assert host.doc.cards("review")[0].text == expected
        assert board(answer["view"], "highlight")["mine"][0]["text"] == expected


def test_the_page_puts_text_in_as_text_never_as_html():
    from importlib import resources

    script = resources.files("workshop.room").joinpath("page", "phone.js").read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script
    assert "textContent" in script
