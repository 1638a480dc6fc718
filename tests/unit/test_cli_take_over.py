"""``workshop open`` on a session a hung program holds: it says how to take it over, and
does when asked (``--take-over``, or yes to its question on a terminal)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import socket
import subprocess
import sys

import pytest

from factories import make_doc
from workshop import cli
from workshop.store import Session

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")

HUNG = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(120)")
"""A program that holds on: it ignores a polite SIGTERM, like an app stuck on a dead
terminal."""


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "run_app", lambda session=None, **_: 0)


@pytest.fixture
def held(tmp_path):
    """A session whose lock a hung program on this machine holds; (path, process)."""
    path = tmp_path / "held.workshop.json"
    Session.create(make_doc(), path).close()
    hung = subprocess.Popen([sys.executable, "-c", HUNG], stdout=subprocess.PIPE, text=True)
    assert hung.stdout.readline().strip() == "ready"
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    lock = path.with_name(path.name + ".lock")
    lock.write_text(json.dumps({"pid": hung.pid, "host": socket.gethostname(),
                                "started": started, "token": "x"}), "utf-8")
    yield path, hung
    hung.kill()
    hung.wait()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_message_says_how_to_take_over_and_nothing_is_ended(held, capsys):
    path, hung = held
    assert cli.main(["open", str(path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"process {hung.pid}" in err
    assert f"workshop open {path} --take-over" in err
    assert "Traceback" not in err
    assert hung.poll() is None  # only when asked
    # One way out, not two: the by-hand advice (kill, delete the lock) is left out.
    assert f"kill {hung.pid}" not in err and ".lock" not in err
    assert err.count(f"process {hung.pid}") == 2  # who holds it, and what --take-over ends


def test_a_holder_on_another_machine_is_not_offered_a_take_over(tmp_path, capsys):
    path = tmp_path / "away.workshop.json"
    Session.create(make_doc(), path).close()
    path.with_name(path.name + ".lock").write_text(json.dumps(
        {"pid": 4242, "host": "facilitator-laptop-2", "started": "?"}), "utf-8")
    assert cli.main(["open", str(path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "--take-over" not in err  # it could not work from here
    assert "end it on that computer (kill 4242)" in err


def test_take_over_ends_the_hung_program_and_opens(held, capsys):
    path, hung = held
    assert cli.main(["open", str(path), "--take-over", "--lang", "en"]) == 0
    assert hung.wait(timeout=5) == -signal.SIGKILL  # it ignored SIGTERM: made to stop
    err = capsys.readouterr().err
    assert f"Process {hung.pid} ended" in err
    with Session.open(path) as session:  # and the session is free again after
        assert session.doc.teams


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("\n", 1), ("n\n", 1)])
def test_on_a_terminal_it_asks(held, monkeypatch, answer, code):
    path, hung = held
    question = Terminal()
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    monkeypatch.setattr(sys, "stderr", question)
    assert cli.main(["open", str(path), "--lang", "zh"]) == code
    said = question.getvalue()
    assert f"结束进程 {hung.pid} 并打开这个会话？" in said
    if code == 0:
        assert hung.wait(timeout=8) is not None
    else:
        assert hung.poll() is None
        assert "--take-over" in said


def test_a_holder_on_another_machine_is_not_ended(tmp_path, capsys):
    path = tmp_path / "away.workshop.json"
    Session.create(make_doc(), path).close()
    path.with_name(path.name + ".lock").write_text(json.dumps(
        {"pid": os.getpid(), "host": "facilitator-laptop-2", "started": "?"}), "utf-8")
    assert cli.main(["open", str(path), "--take-over", "--lang", "en"]) == 1
    assert "cannot be ended from this computer" in capsys.readouterr().err
