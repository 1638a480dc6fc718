"""A closed terminal, a polite kill, a terminal in GBK, and the network, on the real app.

``python -m workshop open SESSION`` runs in a pseudo-terminal (``ptyapp.PtyApp``):

- closing the terminal (its master side: the kernel sends SIGHUP), SIGHUP alone or
  SIGTERM while a card is half typed ends the app, and the next start puts the text
  back in the entry, on every board that has one;
- the app ends on SIGHUP even when its terminal no longer reads what it writes (its
  writer thread blocked: Textual's exit would wait for it forever), and the session's
  lock never keeps the next start out;
- a form open when the terminal closes is saved;
- a byte that is not UTF-8 (what a GBK terminal sends for 东) is dropped with a notice;
  the app goes on, with what was typed;
- the app listens on no socket.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from cocreate_factory import voted, with_gaps
from ptyapp import PtyApp, app_env, entry_line
from rooms import saved
from workshop.store import load
from workshop.tui.lifecycle import HARD_EXIT_AFTER

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX pty and signals")]

CTRL_N, CTRL_Q, ENTER = "\x0e", "\x11", "\r"
ENDS_WITHIN = HARD_EXIT_AFTER + 4.0
"""Seconds an app told to leave may take to be gone (its hard exit, and a loaded machine)."""


def session_on(tmp_path: Path, step: str) -> Path:
    doc = with_gaps(voted())
    doc.cocreate.phase = "brainstorm"
    return saved(doc, tmp_path / f"{step}.workshop.json", step)


def start(path: Path, tmp_path: Path) -> PtyApp:
    app = PtyApp(["open", str(path)], app_env(tmp_path / "data"), cwd=tmp_path)
    app.wait_for(lambda s: "Ctrl+Q" in s and entry_line(s) is not None, 40)
    app.settle(0.2, timeout=3)
    return app


def leave(app: PtyApp, how: str) -> None:
    if how == "close":
        app.close_terminal()  # what closing the window does: the kernel sends SIGHUP
    else:
        app.kill(signal.SIGHUP if how == "SIGHUP" else signal.SIGTERM)


BOARDS = [  # (step, Ctrl+N presses to reach the view, how the terminal goes)
    ("review", 0, "close"),
    ("vision", 0, "SIGHUP"),
    ("gaps", 0, "close"),  # the storm
    ("gaps", 2, "SIGTERM"),  # the fishbone
    ("gaps", 3, "close"),  # the five whys
    ("gaps", 4, "SIGHUP"),  # PEST
    ("gaps", 5, "close"),  # SWOT
    ("gaps", 6, "SIGTERM"),  # TOWS
    ("cocreate", 0, "close"),  # the brainstorm
    ("summary", 0, "SIGHUP"),
]


@pytest.mark.parametrize(("step", "views", "how"), BOARDS,
                         ids=[f"{s}-{v}-{h}" for s, v, h in BOARDS])
def test_a_half_typed_card_comes_back_after_the_terminal_goes(tmp_path, step, views, how):
    path = session_on(tmp_path, step)
    # CJK only: on the fishbone and the 5 whys, letters are the board's keys
    typed = "终端关掉前半截的卡片：甲乙丙" if step == "gaps" and views in (2, 3) else \
        "终端关掉前半截的卡片 [/b] <i>&"
    with start(path, tmp_path) as app:
        for _ in range(views):
            app.send(CTRL_N)
            app.settle(0.2, timeout=3)
        if step == "gaps" and views in (2, 3):
            app.send("\t")  # the fishbone and the 5 whys focus their diagram: Tab to type
            app.settle(0.2, timeout=3)
        app.type(typed)
        app.wait_for(lambda s: entry_line(s) == typed, 10)
        leave(app, how)
        assert app.wait(ENDS_WITHIN) is not None, f"still running after {how}"
    assert load(path).room.draft == typed
    with start(path, tmp_path) as again:  # the lock is no obstacle, and the text is back
        again.wait_for(lambda s: entry_line(s) == typed, 10)


def test_the_terminal_going_right_after_enter_never_leaves_a_hung_program(tmp_path):
    """Twenty times: a card, Enter, and the terminal stops reading at once (its output
    fills up and the app's writer blocks), then SIGHUP, or the window closes. The app is
    gone within seconds each time, with the card (or, when it went before reading the
    Enter, with the text as the draft), and the next start is not refused."""
    path = session_on(tmp_path, "cocreate")
    rng = random.Random(7)
    hung = []
    for round_ in range(20):
        text = f"回车后马上关终端的卡片{round_}"
        app = start(path, tmp_path)
        try:
            if entry_line(app.text()).startswith("回车后"):  # came back as the draft: add it
                app.send(ENTER)
                app.wait_for(lambda s: not entry_line(s).startswith("回车后"), 10)
            app.type(text)
            app.wait_for(lambda s, text=text: entry_line(s) == text, 10)
            app.stop_reading()
            app.send(ENTER)
            for _ in range(rng.randint(0, 6)):  # keys that keep it drawing (the clock)
                app.send(rng.choice(["\x1b[15~", "\x1b[D", "\x1b[C"]))
            time.sleep(rng.uniform(0, 0.3))
            leave(app, "close" if round_ % 2 else "SIGHUP")
            began = time.monotonic()
            if app.wait(ENDS_WITHIN) is None:
                hung.append(round_)
                continue
            assert time.monotonic() - began < ENDS_WITHIN
        finally:
            app.close()
        doc = load(path)
        # a card, or (Enter not read before the terminal went) the draft it came back as
        kept = text in [card.text for card in doc.cocreate.cards] or doc.room.draft == text
        assert kept, f"round {round_}: the card was lost (draft {doc.room.draft!r})"
    print(f"\nterminal gone right after Enter: 20 tries, {len(hung)} hung")
    assert hung == []


def test_a_form_open_when_the_terminal_closes_is_saved(tmp_path):
    path = session_on(tmp_path, "plan")
    app = PtyApp(["open", str(path)], app_env(tmp_path / "data"), cwd=tmp_path)
    with app:
        app.wait_for("Ctrl+Q", 40)
        app.settle(0.2, timeout=3)
        app.send("n")  # a new action: its title is asked in a form
        app.wait_for("要做什么", 10)
        app.type("终端关掉时正在写的行动")
        app.wait_for("终端关掉时正在写的行动", 10)
        app.close_terminal()
        assert app.wait(ENDS_WITHIN) is not None
    titles = [action.what for action in load(path).plan.actions]
    assert "终端关掉时正在写的行动" in titles


def test_a_byte_that_is_not_utf8_is_dropped_with_a_notice(tmp_path):
    path = session_on(tmp_path, "cocreate")
    with start(path, tmp_path) as app:
        app.type("东")
        app.send(b"\xb6\xab")  # 东 from a terminal set to GBK
        app.type("ab")
        app.wait_for("不是 UTF-8", 10)
        assert app.wait_for(lambda s: entry_line(s) == "东ab", 10)
        assert app.poll() is None  # still running
        app.send(ENTER)
        app.wait_for(lambda s: entry_line(s) != "东ab", 10)
        app.send(CTRL_Q)
        assert app.wait(ENDS_WITHIN) == 0
        assert "Traceback" not in app.output.decode("utf-8", "replace")
    assert "东ab" in [card.text for card in load(path).cocreate.cards]


def listening_sockets(pid: int) -> list[str]:
    """The sockets process `pid` listens on (TCP, UDP, Unix), from ``/proc``."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            listening = fields[3] == "0A" if table.startswith("tcp") else fields[3] == "07"
            if fields[9] in inodes and listening:
                found.append(f"{table} {fields[1]}")
    for line in Path(f"/proc/{pid}/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[6] in inodes and int(fields[3], 16) & 0x10000:  # __SO_ACCEPTCON
            found.append(f"unix {fields[7] if len(fields) > 7 else '(unnamed)'}")
    return found


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="reads /proc/PID/net")
def test_nothing_listens_while_the_app_runs(tmp_path):
    path = session_on(tmp_path, "cocreate")
    with start(path, tmp_path) as app:
        app.type("一张卡片")
        app.send(ENTER)
        app.settle(0.3, timeout=3)
        assert listening_sockets(app.pid) == []
        assert os.readlink(f"/proc/{app.pid}/exe")  # the right process, still running
        assert app.poll() is None


def test_the_socket_listing_sees_a_listening_socket(tmp_path):
    """The check above can fail: it sees a socket this test process listens on."""
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert any(entry.startswith("tcp ") for entry in listening_sockets(os.getpid()))
