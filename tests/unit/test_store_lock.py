"""The session's lock: one program at a time, a dead or hung holder recoverable."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from storetools import dead_pid, write_lock
from workshop import i18n, store
from workshop.store import Session, SessionLocked, load

# -- the lock -------------------------------------------------------------------------


def test_a_second_program_cannot_open_a_session_in_use(session, path):
    with pytest.raises(SessionLocked) as caught:
        Session.open(path)
    err = caught.value
    assert err.pid == os.getpid()
    assert err.host == socket.gethostname()
    assert str(os.getpid()) in err.message
    assert str(path) + ".lock" in err.message
    with pytest.raises(SessionLocked):
        Session.create(session.doc, path, overwrite=True)
    assert load(path).meta.title == session.doc.meta.title  # reading without the lock is fine


def test_closing_releases_the_lock(doc, path):
    s = Session.create(doc, path)
    s.close()
    s.close()  # idempotent
    assert not path.with_name(path.name + ".lock").exists()
    with Session.open(path) as again:
        assert not again.stale_lock_replaced
    assert not path.with_name(path.name + ".lock").exists()


def test_a_lock_left_by_a_dead_program_is_replaced(doc, path):
    with Session.create(doc, path):
        pass
    lock = write_lock(path, json.dumps({"pid": dead_pid(), "host": socket.gethostname(),
                                        "started": "2026-12-05T09:00:00+08:00"}))
    with Session.open(path) as s:
        assert s.stale_lock_replaced
        assert json.loads(lock.read_text())["pid"] == os.getpid()
    assert not lock.exists()


@pytest.mark.parametrize("content", ["", "{\"pid\": 12", "垃圾"])
def test_an_empty_or_unreadable_lock_is_replaced(doc, path, content):
    with Session.create(doc, path):
        pass
    write_lock(path, content)
    with Session.open(path) as s:
        assert s.stale_lock_replaced


def test_a_lock_held_on_another_machine_is_respected(doc, path):
    with Session.create(doc, path):
        pass
    write_lock(path, json.dumps({"pid": 4242, "host": "facilitator-laptop-2", "started": "?"}))
    with pytest.raises(SessionLocked) as caught:
        Session.open(path)
    assert caught.value.pid == 4242
    assert "facilitator-laptop-2" in caught.value.message


def test_a_hung_holder_can_be_ended_from_the_lock_message(doc, path):
    with Session.create(doc, path):
        pass
    hung = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        write_lock(path, json.dumps({"pid": hung.pid, "host": socket.gethostname(),
                                     "started": started}))
        with pytest.raises(SessionLocked) as caught:
            Session.open(path)
        assert f"kill {hung.pid}" in caught.value.message  # says how
        assert store.end_holder(caught.value, timeout=2)  # and does it, when asked
        assert hung.wait(timeout=5) is not None
        with Session.open(path) as s:
            assert s.stale_lock_replaced
    finally:
        hung.kill()
        hung.wait()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_lock_whose_pid_now_belongs_to_a_later_process_is_replaced(doc, path):
    with Session.create(doc, path):
        pass
    newcomer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_lock(path, json.dumps({"pid": newcomer.pid, "host": socket.gethostname(),
                                     "started": "2026-12-05T09:00:00+08:00"}))
        with Session.open(path) as s:
            assert s.stale_lock_replaced
        assert newcomer.poll() is None  # not ours to end
    finally:
        newcomer.kill()
        newcomer.wait()


def test_closing_does_not_remove_a_lock_that_is_no_longer_ours(doc, path):
    s = Session.create(doc, path)
    lock = write_lock(path, json.dumps({"pid": 4242, "host": "elsewhere", "started": "?"}))
    s.close()
    assert lock.exists()


def test_opening_removes_the_temp_file_a_killed_save_left(session, path):
    session.close()
    leftover = path.with_name(f".{path.name}.0123abcd.tmp")
    leftover.write_bytes(b'{"schema_version": 1, "me')
    unrelated = path.with_name(".另一个.workshop.json.0123abcd.tmp")
    unrelated.write_bytes(b"{")
    with Session.open(path):
        pass
    assert not leftover.exists()
    assert unrelated.exists()  # another session's: not ours to touch


def test_messages_follow_the_language(session, path):
    i18n.set_language("en")
    with pytest.raises(SessionLocked) as caught:
        Session.open(path)
    assert caught.value.message.startswith("The session")
    assert str(os.getpid()) in caught.value.message
