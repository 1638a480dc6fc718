"""The room server: a small web app on the host's own event loop, for the room's phones.

Nothing listens until ``start`` (the facilitator opens the room) and nothing after
``stop`` (closing the room, quitting). It serves one page (``page/``: plain HTML, a
little JavaScript, nothing from the internet) and a JSON API. Every change a phone
asks for goes through ``Host.apply`` or ``Host.apply_room``, the paths a keystroke
takes, on the same loop: no thread ever touches the document.

Guards, in the order a request meets them: the ``Host`` header must name the address
served (a web page elsewhere cannot borrow a phone's browser to reach the room); bodies
over ``BODY_LIMIT`` are refused unread; a device's token (or, before joining, its
address) spends from its own rate-limit bucket; a change must carry a fresh nonce; then
the change must fit what the projector shows (``Stage``), and the edit's own checks
follow. Every refusal is a 4xx (or 503 when the disk refused) with a message in the
room's language, and changes nothing.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from aiohttp import web

from workshop.edits import EditError
from workshop.edits import phones as phone_edits
from workshop.i18n import catalog, t
from workshop.model import Device
from workshop.room import access, views
from workshop.room import requests as req
from workshop.room.host import Host
from workshop.room.requests import Refused, refuse
from workshop.store import StoreError
from workshop.text import truncate

logging.getLogger("aiohttp").addHandler(logging.NullHandler())  # never print over the TUI
logging.getLogger("aiohttp").propagate = False

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; "
                                "connect-src 'self'; img-src 'self'; base-uri 'none'; "
                                "form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
PAGE_FILES = {"/": ("index.html", "text/html"), "/phone.js": ("phone.js", "text/javascript"),
              "/phone.css": ("phone.css", "text/css")}


@dataclass(frozen=True)
class Limits:
    """Requests a phone may send: a burst, then so many a second (token buckets)."""

    changes_per_s: float = 4.0
    changes_burst: float = 30.0
    reads_per_s: float = 5.0
    reads_burst: float = 15.0
    address_per_s: float = 5.0
    """Before joining (the page, hello, join, a wrong token), per network address."""
    address_burst: float = 300.0


@dataclass
class RoomServer:
    host: Host
    address: str = "127.0.0.1"
    port: int = 0
    """0: any free port (the one chosen is here once started)."""
    limits: Limits = field(default_factory=Limits)
    monotonic: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._nonces = access.Nonces()
        self._changes = access.RateLimiter(self.limits.changes_per_s, self.limits.changes_burst)
        self._reads = access.RateLimiter(self.limits.reads_per_s, self.limits.reads_burst)
        self._addresses = access.RateLimiter(self.limits.address_per_s,
                                             self.limits.address_burst)
        self._devices: tuple[Any, dict[str, Device]] = (None, {})
        self._view: tuple[Any, views.RoomView | None] = (None, None)
        self._page = {path: resources.files("workshop.room").joinpath("page", name).read_bytes()
                      for path, (name, _) in PAGE_FILES.items()}

    # -- starting and stopping ---------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> None:
        """Listen on ``address:port`` (raises ``OSError`` if it cannot)."""
        if self._runner is not None:
            return
        app = web.Application(client_max_size=req.BODY_LIMIT, middlewares=[self._guard])
        app.router.add_get("/", self._page_file)
        app.router.add_get("/phone.js", self._page_file)
        app.router.add_get("/phone.css", self._page_file)
        app.router.add_get("/strings.json", self._strings)
        app.router.add_post("/api/hello", self._hello)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/api/state", self._state)
        app.router.add_post("/api/leave", self._leave)
        app.router.add_post("/api/cards", self._add_card)
        app.router.add_post("/api/cards/{id}/edit", self._edit_card)
        app.router.add_post("/api/cards/{id}/withdraw", self._withdraw_card)
        app.router.add_post("/api/dots", self._dot)
        app.router.add_post("/api/questions", self._ask)
        app.router.add_post("/api/questions/{id}/upvote", self._upvote)
        app.router.add_post("/api/questions/{id}/withdraw", self._withdraw_question)
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.address, self.port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self.port = runner.addresses[0][1]
        self._runner = runner

    async def stop(self) -> None:
        """Stop listening; open connections are closed."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    @property
    def base_url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}/"

    def join_url(self) -> str:
        """The QR code's link: the page, with the join code after ``#`` (never sent to
        the server in a request line, kept out of logs and the history)."""
        return f"{self.base_url}#{self.host.doc.room.phones.code}"

    def forget_device(self, device_id: str) -> None:
        self._nonces.drop(device_id)

    # -- guards ------------------------------------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        lang = self.host.language
        try:
            if not self._right_host(request.host):
                raise refuse(421, "wrong_host", lang)
            response = await handler(request)
        except Refused as refusal:
            response = refusal.response()
        except web.HTTPRequestEntityTooLarge:
            response = refuse(413, "too_big", lang, max=req.BODY_LIMIT).response()
        except web.HTTPException as error:  # 404, 405 from the router
            response = web.json_response({"error": "http", "message": error.reason},
                                         status=error.status)
        response.headers.update(SECURITY_HEADERS)
        return response

    def _right_host(self, host: str | None) -> bool:
        if not host:
            return False
        name, _, port = host.rpartition(":")
        if not name or name.startswith("[") != host.startswith("["):
            name, port = host, "80"
        name = name.strip("[]")
        if port != str(self.port):
            return False
        if name == self.address:
            return True
        try:  # 127.0.0.1 is also reached as localhost by tests and tools on this machine
            return ipaddress.ip_address(self.address).is_loopback and name == "localhost"
        except ValueError:
            return False

    def _peer(self, request: web.Request) -> str:
        return request.remote or "?"

    def _limit_address(self, request: web.Request) -> None:
        peer = self._peer(request)
        if not self._addresses.allow(peer, self.monotonic()):
            raise self._slow_down(self._addresses, peer)

    def _slow_down(self, limiter: access.RateLimiter, key: str) -> Refused:
        wait = max(1, round(limiter.retry_after(key) + 0.5))
        refusal = refuse(429, "slow_down", self.host.language)
        refusal.headers["Retry-After"] = str(wait)
        return refusal

    def _device(self, request: web.Request, limiter: access.RateLimiter) -> Device:
        """The device whose token the request carries, within its rate limit (a 401 for
        no token, a forged one, a dropped phone's, or one from before a new code)."""
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.startswith("Bearer ") else ""
        found = self._known().get(access.token_hash(token)) if 0 < len(token) <= 128 else None
        if found is None:
            self._limit_address(request)
            raise refuse(401, "not_joined", self.host.language)
        if not limiter.allow(found.id, self.monotonic()):
            raise self._slow_down(limiter, found.id)
        return found

    def _known(self) -> dict[str, Device]:
        version = self.host.version
        if self._devices[0] != version:
            devices = self.host.doc.room.phones.devices
            self._devices = (version, {d.token_hash: d for d in devices})
        return self._devices[1]

    def _fresh(self, phone: Device, data: dict[str, Any]) -> str:
        nonce = req.ident(data, "nonce", self.host.language)
        if not self._nonces.fresh(phone.id, nonce):  # type: ignore[arg-type]
            raise refuse(409, "replayed", self.host.language)
        return nonce  # type: ignore[return-value]

    # -- the page ----------------------------------------------------------------------------
    async def _page_file(self, request: web.Request) -> web.Response:
        self._limit_address(request)
        _, content_type = PAGE_FILES[request.path]
        return web.Response(body=self._page[request.path], content_type=content_type,
                            charset="utf-8")

    async def _strings(self, request: web.Request) -> web.Response:
        self._limit_address(request)
        prefix = "phones.page."
        strings = {lang: {k[len(prefix):]: v for k, v in catalog(lang).items()
                          if k.startswith(prefix)} for lang in ("zh", "en")}
        return web.json_response(strings)

    # -- joining -----------------------------------------------------------------------------
    def _check_code(self, data: dict[str, Any]) -> None:
        lang = self.host.language
        code = req.text(data, "code", lang, limit=64)
        if not access.code_matches(code, self.host.doc.room.phones.code):
            raise refuse(401, "bad_code", lang)

    async def _hello(self, request: web.Request) -> web.Response:
        self._limit_address(request)
        data = await req.body(request, self.host.language)
        self._check_code(data)
        doc = self.host.doc
        return web.json_response({"lang": self.host.language, "title": doc.meta.title,
                                  "teams": views.teams(doc)})

    async def _join(self, request: web.Request) -> web.Response:
        self._limit_address(request)
        lang = self.host.language
        data = await req.body(request, lang)
        self._check_code(data)
        team_id = req.ident(data, "team", lang)
        member_id = req.ident(data, "member", lang, optional=True)
        name = req.text(data, "name", lang, optional=True, limit=phone_edits.NAME_LIMIT)
        token = access.new_token()
        phone = self._change(self.host.apply_room, phone_edits.join, self.host.doc.teams,
                             access.token_hash(token), team_id, member_id, name,
                             self.host.now())
        return self._answer(phone, {"token": token})

    async def _leave(self, request: web.Request) -> web.Response:
        phone = self._device(request, self._changes)
        self._change(self.host.apply_room, phone_edits.drop_device, phone.id)
        self.forget_device(phone.id)
        return web.json_response({"ok": True})

    # -- what the phone sees -----------------------------------------------------------------
    def _room_view(self) -> tuple[str, views.RoomView]:
        """The room as phones see it now (read once per change, shared by every phone),
        and a short name for this version of it."""
        key = (self.host.version, self.host.stage(), self.host.language)
        cached_key, cached = self._view
        if cached is None or cached_key != key:
            cached = views.RoomView(self.host.doc, key[1], key[2])
            self._view = (key, cached)
        return f"{hash(key) & 0xffffffff:x}", cached

    def _version(self, phone: Device) -> str:
        return f"{self._room_view()[0]}.{phone.id}"

    def _answer(self, phone: Device, extra: dict[str, Any] | None = None) -> web.Response:
        version, room = self._room_view()
        return web.json_response({**(extra or {}), "v": f"{version}.{phone.id}",
                                  "view": room.for_device(phone)})

    async def _state(self, request: web.Request) -> web.Response:
        phone = self._device(request, self._reads)
        if request.query.get("v") == self._version(phone):
            return web.json_response({"v": request.query["v"], "same": True})
        return self._answer(phone)

    # -- changes -----------------------------------------------------------------------------
    def _change(self, apply: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a change through the host: its refusal is a 422, a failed save a 503."""
        try:
            return apply(*args, **kwargs)
        except EditError as error:
            raise Refused(422, "refused", str(error)) from error
        except (StoreError, OSError) as error:
            raise refuse(503, "not_saved", self.host.language) from error

    async def _changing(self, request: web.Request) -> tuple[Device, dict[str, Any]]:
        phone = self._device(request, self._changes)
        return phone, await req.body(request, self.host.language)

    def _apply(self, phone: Device, data: dict[str, Any], label: str,
               edit: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Apply a phone's change once its checks passed: the nonce must be new (a replay
        is refused), and a refused change lets the nonce be tried again."""
        nonce = self._fresh(phone, data)
        try:
            return self._change(self.host.apply, label, edit, *args, **kwargs)
        except Refused:
            self._nonces.forget(nonce, phone.id)
            raise

    def _label(self, key: str, text: str = "") -> str:
        return t(f"phones.undo.{key}", self.host.language, text=truncate(text, 24))

    async def _add_card(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        lang = self.host.language
        board = req.text(data, "board", lang, limit=32)
        text = req.text(data, "text", lang, limit=phone_edits.TEXT_LIMIT)
        step = req.text(data, "step", lang, limit=32)
        stage = self.host.stage()
        if step != stage.step or board not in stage.boards:
            raise refuse(409, "moved_on", lang)
        if phone_edits.board_key(step, board) in self.host.doc.room.phones.locked:
            raise refuse(423, "locked", lang)
        card = self._apply(phone, data, self._label("add_card", text), phone_edits.add_card,
                           phone.id, stage.step, board, text, hidden=stage.hidden)
        return self._answer(phone, {"ok": True, "id": card.id})

    def _own_card(self, phone: Device, card_id: str) -> None:
        doc, stage, lang = self.host.doc, self.host.stage(), self.host.language
        card = doc.find_card(card_id) if req.is_ident(card_id) else None
        if card is None or not phone_edits.is_owner(doc, phone.id, card_id):
            raise refuse(404, "not_yours", lang)
        if card.step != stage.step or card.board not in stage.boards:
            raise refuse(409, "moved_on", lang)
        if phone_edits.board_key(card.step, card.board) in doc.room.phones.locked:
            raise refuse(423, "locked", lang)

    async def _edit_card(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        card_id = request.match_info["id"]
        text = req.text(data, "text", self.host.language, limit=phone_edits.TEXT_LIMIT)
        self._own_card(phone, card_id)
        self._apply(phone, data, self._label("edit_card", text), phone_edits.edit_card,
                    phone.id, card_id, text)
        return self._answer(phone, {"ok": True})

    async def _withdraw_card(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        card_id = request.match_info["id"]
        self._own_card(phone, card_id)
        card = self.host.doc.find_card(card_id)
        self._apply(phone, data, self._label("withdraw_card", card.text if card else ""),
                    phone_edits.withdraw_card, phone.id, card_id)
        return self._answer(phone, {"ok": True})

    async def _dot(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        lang = self.host.language
        ballot = req.text(data, "ballot", lang, limit=16)
        item = req.ident(data, "item", lang)
        take_back = req.flag(data, "take_back", lang)
        stage = self.host.stage()
        if ballot != stage.ballot:
            raise refuse(409, "moved_on", lang)
        if phone_edits.vote_key(ballot) in self.host.doc.room.phones.locked:
            raise refuse(423, "locked", lang)
        left = self._apply(phone, data, self._label("unvote" if take_back else "vote"),
                           phone_edits.vote, phone.id, ballot, item, take_back=take_back)
        return self._answer(phone, {"ok": True, "left": left})

    def _questions_open(self) -> None:
        lang = self.host.language
        if not self.host.stage().questions:
            raise refuse(409, "moved_on", lang)
        if phone_edits.QUESTIONS in self.host.doc.room.phones.locked:
            raise refuse(423, "locked", lang)

    async def _ask(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        text = req.text(data, "text", self.host.language, limit=phone_edits.TEXT_LIMIT)
        self._questions_open()
        question = self._apply(phone, data, self._label("ask", text), phone_edits.ask,
                               phone.id, text)
        return self._answer(phone, {"ok": True, "id": question.id})

    async def _upvote(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        on = req.flag(data, "on", self.host.language, default=True)
        question_id = request.match_info["id"]
        self._questions_open()
        self._apply(phone, data, self._label("upvote" if on else "unupvote"),
                    phone_edits.upvote, phone.id, question_id, on)
        return self._answer(phone, {"ok": True})

    async def _withdraw_question(self, request: web.Request) -> web.Response:
        phone, data = await self._changing(request)
        self._questions_open()
        self._apply(phone, data, self._label("withdraw_question"),
                    phone_edits.withdraw_question, phone.id, request.match_info["id"])
        return self._answer(phone, {"ok": True})
