"""A room server on 127.0.0.1 without a terminal: a host over a real session on disk (the
same ``Session.apply`` the app uses), and a small phone client."""

from __future__ import annotations

import contextlib
import secrets
import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

from factories import make_doc
from pdftools import _skip_or_fail
from workshop.edits import phones as phone_edits
from workshop.model import Workshop
from workshop.room import access
from workshop.room.server import Limits, RoomServer
from workshop.room.stage import Stage, stage_for
from workshop.store import Session

T = TypeVar("T")


@dataclass
class SessionHost:
    """The app's part, for tests: changes go through the session, the version counts."""

    session: Session
    view: str | None = None
    hidden: bool = False
    language: str = "zh"
    version: int = 0
    clock: float = 1_800_000_000.0

    @property
    def doc(self) -> Workshop:
        return self.session.doc

    def stage(self) -> Stage:
        return stage_for(self.doc, self.view, hidden=self.hidden)

    def apply(self, label: str, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        result = self.session.apply(label, edit, *args, **kwargs)
        self.version += 1
        return result

    def apply_room(self, edit: Callable[..., T], *args: Any) -> T:
        result = self.session.update_room(edit, *args)
        self.version += 1
        return result

    def now(self) -> float:
        return self.clock

    def undo(self) -> str | None:
        """Ctrl+Z at the keyboard."""
        label = self.session.undo()
        self.version += 1
        return label


def vote_doc(teams: int = 3, members: int = 3, *, per: str = "member", dots: int = 2
             ) -> tuple[Workshop, str, str]:
    """Step 4 at the vote: two named strategies of two cards each; returns the document
    and the two strategies' ids."""
    from workshop.edits import cocreate as cocreate_edits
    from workshop.model import Card

    doc = make_doc(teams=teams, members=members)
    for text in ("渠道下沉", "县域经销", "大客户", "技术交流会"):
        doc.cocreate.cards.append(Card(text=text, step="cocreate", board="idea"))
    ids = [card.id for card in doc.cocreate.cards]
    first = cocreate_edits.new_cluster(doc, ids[:2])
    second = cocreate_edits.new_cluster(doc, ids[2:])
    cocreate_edits.name_cluster(doc, first.id, "深耕县域渠道")
    cocreate_edits.name_cluster(doc, second.id, "攻大客户")
    cocreate_edits.set_dots_per(doc, per)
    cocreate_edits.set_dots(doc, dots)
    cocreate_edits.set_phase(doc, "vote")
    return doc, first.id, second.id


def room_session(tmp_path: Path, doc: Workshop | None = None, *, step: str = "review",
                 code: str | None = None) -> Session:
    doc = doc or make_doc(teams=3, members=3)
    doc.room.step = step  # type: ignore[assignment]
    doc.room.turn.team_id = doc.teams[0].id
    doc.room.phones.code = code or access.new_code()
    return Session.create(doc, tmp_path / f"room-{secrets.token_hex(3)}.workshop.json")


@dataclass
class Phone:
    """One phone talking to the room server."""

    http: aiohttp.ClientSession
    base: str
    token: str = ""
    answers: list[dict[str, Any]] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def post(self, path: str, body: Any = None, *, nonce: bool = True,
                   raw: bytes | None = None, headers: dict[str, str] | None = None
                   ) -> tuple[int, dict[str, Any]]:
        if isinstance(body, dict) and nonce and "nonce" not in body:
            body = {**body, "nonce": secrets.token_hex(8)}
        all_headers = {**self.headers(), **(headers or {})}
        if raw is not None:
            all_headers.setdefault("Content-Type", "application/json")
            response = await self.http.post(self.base + path, data=raw, headers=all_headers)
        else:
            response = await self.http.post(self.base + path, json=body, headers=all_headers)
        async with response:
            data = await response.json(content_type=None)
            return response.status, data

    async def get(self, path: str) -> tuple[int, dict[str, Any]]:
        async with self.http.get(self.base + path, headers=self.headers()) as response:
            return response.status, await response.json(content_type=None)

    async def join(self, code: str, team: str, member: str | None = None,
                   name: str = "") -> dict[str, Any]:
        body: dict[str, Any] = {"code": code, "team": team}
        if member:
            body["member"] = member
        if name:
            body["name"] = name
        status, data = await self.post("/api/join", body, nonce=False)
        assert status == 200, data
        self.token = data["token"]
        return data


@contextlib.asynccontextmanager
async def running_room(host: SessionHost, limits: Limits | None = None
                       ) -> AsyncIterator[tuple[RoomServer, aiohttp.ClientSession]]:
    """A room server on 127.0.0.1 and a client session; both stop on leaving."""
    server = RoomServer(host, address="127.0.0.1", port=0, limits=limits or Limits())
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield server, http
    finally:
        await server.stop()


def require_tool(name: str, package: str) -> str:
    """The path of the program `name`; skips the test when it is missing (fails in CI)."""
    found = shutil.which(name)
    if not found:
        _skip_or_fail(f"{name} not installed (apt-get install {package})")
    return str(found)


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
"""Debian's Chromium, quiet: no first-run pages, no updates, nothing fetched in the
background (the phone page loads nothing from the internet, and neither does the
browser)."""
PHONE = {"width": 360, "height": 800}
"""A phone in portrait."""


@contextlib.asynccontextmanager
async def phone_browser() -> AsyncIterator[Any]:
    """Debian's Chromium under Playwright (never a browser Playwright downloads), with a
    fresh profile; yields the browser, each ``new_context`` a phone of its own."""
    chromium = require_tool("chromium", "chromium")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True,
                                                   args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


def device_of(host: SessionHost, phone: Phone) -> str:
    hashed = access.token_hash(phone.token)
    return next(d.id for d in host.doc.room.phones.devices if d.token_hash == hashed)


__all__ = [
    "PHONE",
    "Phone",
    "SessionHost",
    "device_of",
    "phone_browser",
    "phone_edits",
    "require_tool",
    "room_session",
    "running_room",
    "vote_doc",
]
