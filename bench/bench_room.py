"""The room's phones under load, on the loopback address (127.0.0.1 only).

1. A room of 100 phones (10 teams of 10, each phone one member): within one minute each
   phone joins, adds 10 cards to the co-create brainstorm, then, once the facilitator
   moves on to the vote, places its 3 dots in secret. The phones are another process
   (as phones are other machines); the app is this one, run by Textual's pilot with the
   room open. Meanwhile the facilitator types cards at the keyboard: each key is timed
   from the key event to the frame that shows it, against the same keys in the same
   room idle (no phone sending, the same board), while the phones add their cards (the
   vote that follows takes keys of its own). Checked: exactly 1,000 cards from the
   phones and every dot counted (300, three per member).
2. The same phones against the app in a process of its own (``workshop open --room``,
   headless), killed with SIGKILL when half the cards are in; the session is reopened as
   the next start would, and every card the server acknowledged must be in it.

Run:  .venv/bin/python bench/bench_room.py  [--phones 100] [--cards 10] [--seconds 60]
Prints every figure; not a test (machines here are noisy). Servers listen on 127.0.0.1
only and stop by themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

TEAMS = 10
DOTS = 3


def make_session(path: Path, phones: int) -> Path:
    """A workshop of `phones` members in ``TEAMS`` teams, at step 4's brainstorm, with
    five named strategies ready for the vote (from ten cards typed before)."""
    from workshop.edits import cocreate as cocreate_edits
    from workshop.model import Card, Member, Meta, Team, Workshop
    from workshop.room import access
    from workshop.store import Session

    per_team = -(-phones // TEAMS)
    doc = Workshop(meta=Meta(title="压力测试 100 部手机"),
                   teams=[Team(name=f"第{t + 1}组", members=[Member(name=f"组{t + 1}成员{m + 1}")
                                                             for m in range(per_team)])
                          for t in range(TEAMS)])
    for i in range(10):
        doc.cocreate.cards.append(Card(text=f"预先写好的卡片 {i}", step="cocreate", board="idea"))
    ids = [card.id for card in doc.cocreate.cards]
    for i in range(5):
        cluster = cocreate_edits.new_cluster(doc, ids[2 * i:2 * i + 2])
        cocreate_edits.name_cluster(doc, cluster.id, f"策略 {i + 1}")
    cocreate_edits.set_dots_per(doc, "member")
    cocreate_edits.set_dots(doc, DOTS)
    cocreate_edits.set_phase(doc, "brainstorm")
    doc.room.step = "cocreate"
    doc.room.turn.team_id = doc.teams[0].id
    doc.room.phones.code = access.new_code()
    Session.create(doc, path, overwrite=True).close()
    return path


def seats(path: Path, phones: int) -> list[tuple[str, str]]:
    """(team id, member id) for each phone."""
    from workshop.store import load

    doc = load(path)
    every = [(team.id, member.id) for team in doc.teams for member in team.members]
    return every[:phones]


# -- the phones ---------------------------------------------------------------------------------

class Phones:
    """`count` phones, each an asyncio task with its own token, as the page behaves:
    join, poll the state every 1.2 s, add cards, place dots when a vote is on."""

    def __init__(self, base: str, code: str, seats: list[tuple[str, str]], cards: int,
                 card_window: float, deadline: float, dots: bool) -> None:
        self.base, self.code, self.seats = base, code, seats
        self.cards, self.card_window, self.deadline, self.dots = cards, card_window, deadline, dots
        self.acked: list[str] = []
        self.dots_acked = 0
        self.refused: dict[str, int] = {}
        self.latencies: list[float] = []
        self.stop = asyncio.Event()

    async def run(self) -> None:
        connector = aiohttp.TCPConnector(limit=0)
        timeout = aiohttp.ClientTimeout(total=20)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            await asyncio.gather(*(self.phone(http, seat) for seat in self.seats))

    async def call(self, http, path: str, token: str, body: dict[str, Any] | None = None,
                   retries: int = 8) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for attempt in range(retries):
            try:
                if body is None:
                    async with http.get(self.base + path, headers=headers) as response:
                        return response.status, await response.json(content_type=None)
                started = time.perf_counter()
                async with http.post(self.base + path, json=body, headers=headers) as response:
                    data = await response.json(content_type=None)
                    self.latencies.append(time.perf_counter() - started)
                    if response.status in (429, 503) and attempt < retries - 1:
                        await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
                        continue
                    return response.status, data
            except (TimeoutError, OSError, aiohttp.ClientError):
                if self.stop.is_set() or attempt == retries - 1:
                    return 0, {}
                await asyncio.sleep(0.5)
        return 0, {}

    def note(self, status: int, data: dict[str, Any]) -> None:
        key = f"{status} {data.get('error', '')}".strip()
        self.refused[key] = self.refused.get(key, 0) + 1

    async def phone(self, http, seat: tuple[str, str]) -> None:
        rng = random.Random(seat[1])
        await asyncio.sleep(rng.uniform(0, 3))
        status, data = await self.call(http, "/api/join", "", {
            "code": self.code, "team": seat[0], "member": seat[1]})
        if status != 200:
            self.note(status, data)
            return
        token = data["token"]
        start = time.monotonic()
        moments = sorted(rng.uniform(0.5, self.card_window) for _ in range(self.cards))
        poller = asyncio.create_task(self.poll(http, token))
        try:
            for i, moment in enumerate(moments):
                await asyncio.sleep(max(0.0, start + moment - time.monotonic()))
                if self.stop.is_set():
                    return
                body = {"step": "cocreate", "board": "idea", "nonce": secrets.token_hex(8),
                        "text": f"{seat[1]} 的第 {i + 1} 张卡片：把客户拜访做细"}
                status, data = await self.call(http, "/api/cards", token, body)
                if status == 200:
                    self.acked.append(data["id"])
                else:
                    self.note(status, data)
            if self.dots:
                await self.vote(http, token, rng)
        finally:
            poller.cancel()

    async def poll(self, http, token: str) -> None:
        """What the page does while open: ask every 1.2 s whether anything changed."""
        version = ""
        while not self.stop.is_set():
            await asyncio.sleep(1.2)
            status, data = await self.call(http, f"/api/state?v={version}", token, None,
                                           retries=1)
            if status == 200:
                version = data.get("v", "")

    async def vote(self, http, token: str, rng: random.Random) -> None:
        placed = 0
        while placed < DOTS and time.monotonic() < self.deadline and not self.stop.is_set():
            status, data = await self.call(http, "/api/state", token, None)
            ballot = (data.get("view") or {}).get("ballot") if status == 200 else None
            if not ballot:
                await asyncio.sleep(1.2)
                continue
            await asyncio.sleep(rng.uniform(0, 4))
            item = rng.choice(ballot["items"])["id"]
            status, data = await self.call(http, "/api/dots", token, {
                "ballot": "cocreate", "item": item, "nonce": secrets.token_hex(8)})
            if status == 200:
                placed += 1
                self.dots_acked += 1
            else:
                self.note(status, data)
                await asyncio.sleep(1)


def phones_process(args: argparse.Namespace) -> None:
    """``--phones-only FILE``: the phones of part 1, in their own process."""
    plan = json.loads(Path(args.phones_only).read_text("utf-8"))
    phones = Phones(plan["base"], plan["code"], [tuple(s) for s in plan["seats"]],
                    plan["cards"], plan["card_window"], time.monotonic() + plan["seconds"],
                    dots=True)
    started = time.monotonic()
    asyncio.run(phones.run())
    print(json.dumps({"acked": len(phones.acked), "dots": phones.dots_acked,
                      "refused": phones.refused, "seconds": time.monotonic() - started,
                      "latency_ms": sorted(x * 1000 for x in phones.latencies)}), flush=True)


# -- part 1: the load, and the keys at the projector ---------------------------------------------

async def room_under_load(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    from bench_app import card_times

    from workshop.edits import cocreate as cocreate_edits
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp
    from workshop.tui.phones import RoomOptions

    session = Session.open(path)
    app = WorkshopApp(session=session, room_options=RoomOptions("127.0.0.1", 0))
    out: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        base = app.room_server.base_url.rstrip("/")
        await pilot.press("escape")
        await pilot.pause()
        out["idle_before"] = await card_times(pilot, args.keys)
        plan = path.with_suffix(".plan.json")
        plan.write_text(json.dumps({"base": base, "code": session.doc.room.phones.code,
                                    "seats": seats(path, args.phones), "cards": args.cards,
                                    "card_window": args.seconds * 0.55,
                                    "seconds": args.seconds}), "utf-8")
        started = time.monotonic()
        # --phones-nice: the simulated phones yield the cores to the app, as real phones
        # (their own CPUs) would; 0 lets them compete with it for this machine's two
        child = await asyncio.create_subprocess_exec(
            "nice", "-n", str(args.phones_nice), sys.executable, __file__, "--phones-only",
            str(plan),
            stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        loaded: list[float] = []
        expected = args.phones * args.cards
        owners = session.doc.room.phones.owners
        # the facilitator moves on to the vote once the phones' cards are in (or time is up)
        while (sum(1 for card in session.doc.cocreate.cards if card.id in owners) < expected
               and time.monotonic() - started < args.seconds * 0.8):
            loaded += await card_times(pilot, 1)
        out["cards_in"] = time.monotonic() - started
        app.edit("vote", cocreate_edits.set_phase, "vote")
        with contextlib.suppress(TimeoutError):  # (typed keys place dots now: no typing)
            await asyncio.wait_for(child.wait(), args.seconds + 30)
        stdout, _ = await child.communicate()
        out["phones"] = json.loads(stdout.decode().strip().splitlines()[-1])
        out["wall"] = time.monotonic() - started
        out["loaded"] = loaded
        app.edit("brainstorm", cocreate_edits.set_phase, "brainstorm")
        await pilot.pause()
        out["idle_after"] = await card_times(pilot, args.keys)
        doc = session.doc
        owners = doc.room.phones.owners
        out["phone_cards"] = sum(1 for card in doc.cocreate.cards if card.id in owners)
        out["dots"] = sum(len(cluster.votes) for cluster in doc.cocreate.clusters)
        per_member: dict[str, int] = {}
        for cluster in doc.cocreate.clusters:
            for vote in cluster.votes:
                per_member[vote.member_id or ""] = per_member.get(vote.member_id or "", 0) + 1
        out["per_member"] = sorted(set(per_member.values()))
        out["voters"] = len(per_member)
    session.close()
    return out


# -- part 2: SIGKILL in the middle ------------------------------------------------------------

_APP = r"""
import sys
sys.path.insert(0, {src!r})
from workshop.launch import load_cli
cli = load_cli()
run_app = cli.run_app
cli.run_app = lambda session=None, **given: run_app(session, **given, headless=True,
                                                     size=(120, 40))
cli.main(["open", sys.argv[1], "--room", "--room-host", "127.0.0.1", "--room-port", sys.argv[2]])
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def kill_in_the_middle(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    from workshop.store import Session, load

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"),
           "WORKSHOP_DATA_DIR": str(path.parent / "data")}
    app = subprocess.Popen([sys.executable, "-c", _APP.format(src=str(REPO / "src")),
                            str(path), str(port)], env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_for_port(port, 30)
        code = load(path).room.phones.code
        phones = Phones(base, code, seats(path, args.phones), args.cards, args.seconds * 0.5,
                        time.monotonic() + args.seconds, dots=False)
        target = args.phones * args.cards // 2
        runner = asyncio.create_task(phones.run())
        while len(phones.acked) < target and not runner.done():
            await asyncio.sleep(0.05)
        acked_at_kill = len(phones.acked)
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
        phones.stop.set()
        await asyncio.wait_for(runner, 60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
    acked = set(phones.acked)  # every card the server answered 200 for, even after the kill
    reopened = Session.open(path)
    try:
        kept = {card.id for card in reopened.doc.cocreate.cards}
        stale = reopened.stale_lock_replaced
    finally:
        reopened.close()
    return {"acked_at_kill": acked_at_kill, "acked": len(acked), "lost": len(acked - kept),
            "kept_phone_cards": len(kept & set(load(path).room.phones.owners)),
            "stale_lock_replaced": stale}


async def wait_for_port(port: int, seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise TimeoutError(f"the app never served 127.0.0.1:{port}")


# -- report --------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def per_key_ms(times: list[float]) -> str:
    cards = sorted(times)
    p90 = percentile(cards, 0.9)
    return (f"median {statistics.median(cards) * 1000:6.0f} ms per card "
            f"(16 keys), p90 {p90 * 1000:6.0f} ms, n={len(cards)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--keys", type=int, default=8, help="cards typed when idle")
    parser.add_argument("--phones-nice", type=int, default=0,
                        help="niceness of the simulated phones' process (19: they yield the "
                             "cores to the app, as real phones, which bring their own, do)")
    parser.add_argument("--phones-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phones_only:
        phones_process(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WORKSHOP_DATA_DIR"] = str(folder / "data")
        first = asyncio.run(room_under_load(make_session(folder / "load.workshop.json",
                                                         args.phones), args))
        phones = first["phones"]
        print(f"1. {args.phones} phones × {args.cards} cards + {DOTS} dots each, "
              f"app and phones on 127.0.0.1 (phones' process at nice {args.phones_nice})")
        print(f"   phones done in {phones['seconds']:.1f} s (budget {args.seconds:.0f} s); "
              f"acknowledged {phones['acked']} cards, {phones['dots']} dots; "
              f"refused: {phones['refused'] or 'none'}")
        latency = phones["latency_ms"]
        if latency:
            print(f"   request time: median {statistics.median(latency):.0f} ms, "
                  f"p90 {percentile(latency, 0.9):.0f} ms, max {latency[-1]:.0f} ms")
        print(f"   all cards in after {first['cards_in']:.1f} s (then the vote)")
        expected = args.phones * args.cards
        print(f"   cards from phones in the session: {first['phone_cards']} "
              f"(expected {expected}: {'OK' if first['phone_cards'] == expected else 'WRONG'})")
        print(f"   dots in the session: {first['dots']} from {first['voters']} members, "
              f"each placed {first['per_member']} (expected {args.phones * DOTS}, "
              f"{DOTS} each: "
              f"{'OK' if first['dots'] == args.phones * DOTS == phones['dots'] else 'WRONG'})")
        print("   keystroke to frame at the projector, typing a card:")
        print(f"     idle room (before):  {per_key_ms(first['idle_before'])}")
        print(f"     {args.phones} phones sending:  {per_key_ms(first['loaded'])}")
        print(f"     idle room (after, same board): {per_key_ms(first['idle_after'])}")
        idle = statistics.median(first["idle_after"])
        ratio = statistics.median(first["loaded"]) / idle
        print(f"     ratio loaded / idle (same board): {ratio:.2f}  (target ≤ 1.5)")

        second = asyncio.run(kill_in_the_middle(make_session(folder / "kill.workshop.json",
                                                             args.phones), args))
        print(f"2. SIGKILL of the app process with {second['acked_at_kill']} cards "
              f"acknowledged; {second['acked']} acknowledged in all")
        print(f"   reopened: {second['kept_phone_cards']} phone cards kept, "
              f"{second['lost']} acknowledged cards lost "
              f"({'OK' if second['lost'] == 0 else 'WRONG'}); stale lock replaced: "
              f"{second['stale_lock_replaced']}")


if __name__ == "__main__":
    main()
