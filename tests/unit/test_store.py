"""The session store: what a facilitator relies on when the laptop, disk or app misbehaves."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import socket
import string
import subprocess
import sys
from pathlib import Path

import pytest

import workshop.model as model
from workshop import i18n, store
from workshop.edits import EditError
from workshop.edits import room as room_edits
from workshop.model import Card, Workshop
from workshop.store import (
    SESSION_SUFFIX,
    Session,
    SessionCorrupt,
    SessionExists,
    SessionLocked,
    SessionNotFound,
    SessionTooNew,
    StoreError,
    backup,
    backups,
    codec,
    load,
    recent_sessions,
    remember_recent,
    restore_backup,
    write_atomic,
)


def add_card(doc: Workshop, text: str) -> str:
    card = Card(text=text, step="cocreate", board="idea")
    doc.cocreate.cards.append(card)
    return card.id


def texts(doc: Workshop) -> list[str]:
    return [c.text for c in doc.cocreate.cards]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / f"山东区{SESSION_SUFFIX}"


@pytest.fixture
def session(doc: Workshop, path: Path):
    with Session.create(doc, path) as s:
        yield s


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def write_lock(path: Path, content: str) -> Path:
    lock = path.with_name(path.name + ".lock")
    lock.write_text(content, "utf-8")
    return lock


# -- saving and loading ---------------------------------------------------------------


def test_create_then_open_gives_back_the_same_workshop_with_cjk_text(doc, path):
    doc.cocreate.cards.append(Card(text="建立客户分级拜访制度 [/oops] & <b>", step="cocreate",
                                   board="idea"))
    with Session.create(doc, path):
        pass
    on_disk = path.read_text("utf-8")
    assert on_disk == store.dumps(doc)
    assert "山东区 2027 年度目标分解工作坊" in on_disk  # readable, not \u escapes
    assert "建立客户分级拜访制度 [/oops] & <b>" in on_disk
    with Session.open(path) as reopened:
        assert reopened.doc.model_dump() == doc.model_dump()
    assert load(path).model_dump() == doc.model_dump()


def test_apply_is_on_disk_when_it_returns(session, path):
    card_id = session.apply("add card", add_card, "提高客户拜访频次")
    on_disk = load(path)
    assert [c.id for c in on_disk.cocreate.cards] == [card_id]
    assert on_disk.cocreate.cards[0].text == "提高客户拜访频次"


def test_apply_passes_arguments_and_returns_the_edits_result(session):
    def rename(doc: Workshop, title: str, *, suffix: str) -> str:
        doc.meta.title = title + suffix
        return doc.meta.title

    assert session.apply("rename", rename, "新标题", suffix="（草稿）") == "新标题（草稿）"
    assert session.doc.meta.title == "新标题（草稿）"


def test_a_refused_edit_changes_nothing_in_memory_or_on_disk(session, path):
    session.apply("add", add_card, "第一张")
    before = path.read_bytes()
    backups_before = backups(path)

    def add_then_refuse(doc: Workshop) -> None:
        add_card(doc, "半途而废")
        doc.meta.title = "改了一半"
        raise EditError("不行")

    with pytest.raises(EditError):
        session.apply("bad", add_then_refuse)
    assert texts(session.doc) == ["第一张"]
    assert session.doc.meta.title == "山东区 2027 年度目标分解工作坊"
    assert path.read_bytes() == before
    assert backups(path) == backups_before
    assert session.undo_label == "add"  # the refused edit left no undo step
    assert session.undo() == "add"


def test_an_edit_that_would_save_an_unloadable_file_is_rolled_back(session, path):
    before = path.read_bytes()

    def corrupting(doc: Workshop) -> None:
        doc.cocreate.cards.append("not a card")  # type: ignore[arg-type]

    with pytest.raises(Exception, match="Card"):
        session.apply("bad", corrupting)
    assert session.doc.cocreate.cards == []
    assert path.read_bytes() == before
    session.apply("add", add_card, "之后照常")
    assert texts(load(path)) == ["之后照常"]


def test_a_failed_save_raises_a_readable_error_and_keeps_the_previous_state(session, path,
                                                                              monkeypatch):
    session.apply("add", add_card, "保存成功的卡")
    journal = path.with_name("山东区.workshop.journal")
    before = journal.read_bytes()

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", disk_full)  # the record is written, not kept
    with pytest.raises(StoreError) as caught:
        session.apply("add", add_card, "磁盘满时的卡")
    assert "无法保存" in str(caught.value)
    assert "No space left on device" in caught.value.message
    assert texts(session.doc) == ["保存成功的卡"]
    assert journal.read_bytes() == before  # cut back to its last whole record
    assert texts(load(path)) == ["保存成功的卡"]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    session.apply("add", add_card, "恢复后的卡")
    assert texts(load(path)) == ["保存成功的卡", "恢复后的卡"]


def test_create_refuses_to_overwrite_unless_asked(doc, path):
    with Session.create(doc, path):
        pass
    other = doc.model_copy(deep=True)
    other.meta.title = "另一场工作坊"
    with pytest.raises(SessionExists) as caught:
        Session.create(other, path)
    assert isinstance(caught.value, FileExistsError)
    assert str(path) in str(caught.value)
    assert load(path).meta.title == doc.meta.title
    with Session.create(other, path, overwrite=True):
        pass
    assert load(path).meta.title == "另一场工作坊"
    assert load(backups(path)[0]).meta.title == doc.meta.title  # the old one is a backup


def test_open_or_load_of_a_missing_file_says_so(path):
    with pytest.raises(SessionNotFound) as caught:
        Session.open(path)
    assert str(path) in caught.value.message
    with pytest.raises(SessionNotFound):
        load(path)
    assert list(path.parent.iterdir()) == []  # no lock left behind


# -- undo and redo --------------------------------------------------------------------


def test_undo_and_redo_step_through_changes_with_their_labels(session, path):
    session.apply("添加卡片 A", add_card, "A")
    session.apply("添加卡片 B", add_card, "B")
    assert session.can_undo and not session.can_redo

    assert session.undo() == "添加卡片 B"
    assert texts(session.doc) == ["A"]
    assert texts(load(path)) == ["A"]  # undo is saved too
    assert session.can_redo

    assert session.undo() == "添加卡片 A"
    assert texts(session.doc) == []
    assert session.undo() is None
    assert not session.can_undo

    assert session.redo() == "添加卡片 A"
    assert session.redo() == "添加卡片 B"
    assert texts(session.doc) == ["A", "B"]
    assert texts(load(path)) == ["A", "B"]
    assert session.redo() is None


def test_undo_changes_the_document_in_place(session):
    session.apply("add", add_card, "A")
    doc = session.doc
    card = doc.cocreate.cards[0]
    session.apply("edit", lambda d: setattr(d.cocreate.cards[0], "text", "B"))
    session.undo()
    assert session.doc is doc
    assert card.text == "A"  # a reference held across undo sees it
    session.undo()
    assert texts(doc) == []
    session.redo()
    assert doc.cocreate.cards[0] is card


def test_a_new_change_after_undo_clears_redo(session):
    session.apply("A", add_card, "A")
    session.apply("B", add_card, "B")
    session.undo()
    session.apply("C", add_card, "C")
    assert not session.can_redo
    assert session.redo() is None
    assert texts(session.doc) == ["A", "C"]


def test_history_is_bounded(doc, path):
    with Session.create(doc, path, history=3) as s:
        for i in range(5):
            s.apply(f"add {i}", add_card, str(i))
        assert [s.undo() for _ in range(4)] == ["add 4", "add 3", "add 2", None]
        assert texts(s.doc) == ["0", "1"]


def test_undo_never_rewinds_the_room(session, path):
    session.apply("add", add_card, "A")

    def start_gaps(room):
        room.step = "gaps"
        room.clock.running = True
        room.clock.ends_at = 1_900_000_000.0

    session.update_room(start_gaps)
    assert load(path).room.step == "gaps"  # room changes are saved

    assert session.undo() == "add"
    assert texts(session.doc) == []
    assert session.doc.room.step == "gaps"
    assert session.doc.room.clock.running
    assert load(path).room.step == "gaps"

    def to_plan(room):
        room.step = "plan"

    session.update_room(to_plan)
    assert session.can_redo  # a room change does not clear redo
    assert session.redo() == "add"
    assert texts(session.doc) == ["A"]
    assert session.doc.room.step == "plan"


def test_room_changes_are_not_undoable(session):
    def to_charter(room):
        room.step = "charter"

    session.update_room(to_charter)
    assert not session.can_undo
    assert session.undo() is None
    assert session.doc.room.step == "charter"


def test_a_failing_room_change_leaves_the_room_as_it_was(session, path):
    def half_then_fail(room):
        room.step = "plan"
        raise ValueError("boom")

    with pytest.raises(ValueError):
        session.update_room(half_then_fail)
    assert session.doc.room.step == "vision"
    assert load(path).room.step == "vision"


# -- backups --------------------------------------------------------------------------


def test_changes_and_room_changes_write_no_backups_and_lose_nothing(session, path):
    for i in range(30):
        session.apply(f"add {i}", add_card, f"卡{i}")
        session.update_room(room_edits.next_turn, ["t1", "t2"])  # F4
    assert backups(path) == []  # the journal holds them; backups are for versions
    assert len(texts(load(path))) == 30


def test_a_step_change_makes_a_backup_of_the_session_as_it_was_then(session, path):
    make_history(session, 2)
    session.update_room(room_edits.enter_step, "gaps", 45)
    assert session.checkpoint()  # due: the step changed
    assert not session.checkpoint()  # and then no longer
    session.apply("add", add_card, "新步骤的卡")
    session.close()
    kept = backups(path)
    step = [b for b in kept if b.name.endswith("-step.json")]
    assert len(step) == 1
    at_step = load(step[0])
    assert texts(at_step) == ["卡0", "卡1"] and at_step.room.step == "gaps"
    assert texts(load(path)) == ["卡0", "卡1", "新步骤的卡"]


def test_a_new_quarter_hour_asks_for_a_snapshot(session, path, monkeypatch):
    from workshop.store import session as session_module

    session.apply("add", add_card, "A")
    assert not session.checkpoint()
    later = session_module._utcnow() + dt.timedelta(minutes=16)
    monkeypatch.setattr(session_module, "_utcnow", lambda: later)
    session.apply("add", add_card, "B")
    assert session.checkpoint()
    assert texts(load(path)) == ["A", "B"]


def test_the_last_few_backups_are_kept_and_every_one_loads(session, path):
    make_history(session, 8)
    kept = backups(path)
    assert len(kept) == backup.KEEP_RECENT == 5  # all in one quarter hour
    assert all(b.parent == path.with_name("山东区.workshop.backups") for b in kept)
    # newest first: the newest backup is the session as it was before the last change
    assert [len(load(b).cocreate.cards) for b in kept] == [7, 6, 5, 4, 3]


def test_backups_worth_restoring_the_recent_ones_each_step_change_and_each_quarter_hour():
    start = dt.datetime(2026, 12, 5, 1, 0, tzinfo=dt.UTC)
    entries = []
    for n in range(90):  # one every two minutes for three hours; a step change every 20
        written = start + dt.timedelta(minutes=2 * n)
        why = "step" if n % 10 == 9 else "journal"
        entries.append(backup.Backup(n + 1, Path(f"{n + 1}.json"), written, why))
    entries.reverse()  # newest first
    pruned = set(backup._to_prune(entries))
    kept = [e for e in entries if e.path not in pruned]
    assert [e.seq for e in kept[:5]] == [90, 89, 88, 87, 86]
    assert {e.seq for e in entries if e.why == "step"} <= {e.seq for e in kept}
    quarters = {backup._quarter(e.written) for e in entries}
    assert len(quarters) == 12
    assert {backup._quarter(e.written) for e in kept} == quarters
    newest_of_each = {}
    for e in entries:
        newest_of_each.setdefault(backup._quarter(e.written), e.seq)
    assert set(newest_of_each.values()) <= {e.seq for e in kept}
    assert len(kept) == len({*[90, 89, 88, 87, 86], *newest_of_each.values(),
                             *(e.seq for e in entries if e.why == "step")})


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


# -- damaged, newer and older files ---------------------------------------------------


def make_history(session: Session, n: int = 3) -> None:
    """`n` changes, each followed by a new snapshot (so each earlier version is a backup)."""
    for i in range(n):
        session.apply(f"add {i}", add_card, f"卡{i}")
        session.checkpoint(force=True)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "JSON"),
        (lambda data: b"", "空"),
        (lambda data: b"   \n", "空"),
        (lambda data: b"\x80\x81 garbage", "UTF-8"),
        (lambda data: b"[1, 2, 3]", "JSON 对象"),
        (lambda data: data.replace(b'"title"', b'"titel"'), "meta"),
        (lambda data: re.sub(rb'"schema_version": 1,', b"", data), "schema_version"),
    ],
    ids=["truncated", "empty", "blank", "binary", "array", "invalid", "no-version"],
)
def test_a_damaged_file_is_refused_untouched_with_the_backups_that_load(session, path, damage,
                                                                       reason):
    make_history(session)
    session.close()
    path.write_bytes(damage(path.read_bytes()))
    damaged = path.read_bytes()
    kept = backups(path)
    kept[1].write_bytes(b"{")  # one backup is damaged too: it is not offered
    with pytest.raises(SessionCorrupt) as caught:
        Session.open(path)
    err = caught.value
    assert reason in err.reason
    assert err.path == path
    assert err.backups == [kept[0], *kept[2:]]
    assert str(kept[0]) in err.message
    assert path.read_bytes() == damaged
    assert not path.with_name(path.name + ".lock").exists()
    with pytest.raises(SessionCorrupt):
        load(path)


def test_restore_backup_puts_the_backup_in_place_and_keeps_the_damaged_file(session, path):
    make_history(session, 3)
    session.close()
    path.write_bytes(b'{"schema_version": 1, "meta": ')
    with pytest.raises(SessionCorrupt) as caught:
        Session.open(path)
    newest = caught.value.backups[0]
    restore_backup(path, newest)
    with Session.open(path) as s:
        assert texts(s.doc) == ["卡0", "卡1"]
    aside = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".corrupt-")]
    assert len(aside) == 1
    assert aside[0].read_bytes() == b'{"schema_version": 1, "meta": '


def test_restore_backup_refuses_a_backup_that_does_not_load(session, path):
    make_history(session, 2)
    session.close()
    before = path.read_bytes()
    bad = backups(path)[0]
    bad.write_bytes(b"")
    with pytest.raises(SessionCorrupt):
        restore_backup(path, bad)
    assert path.read_bytes() == before


def test_a_file_from_a_newer_program_is_refused(session, path):
    session.close()
    data = json.loads(path.read_text("utf-8"))
    data["schema_version"] = model.SCHEMA_VERSION + 1
    data["new_feature"] = {"something": True}
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    before = path.read_bytes()
    with pytest.raises(SessionTooNew) as caught:
        Session.open(path)
    assert caught.value.found_version == model.SCHEMA_VERSION + 1
    assert caught.value.supported_version == model.SCHEMA_VERSION
    assert "升级" in caught.value.message
    with pytest.raises(SessionTooNew):
        load(path)
    assert path.read_bytes() == before


def test_an_older_file_is_migrated_step_by_step(session, path, monkeypatch):
    session.apply("add", add_card, "旧卡片")
    session.close()
    original = path.read_bytes()  # a version-1 file

    def v1_to_v2(data: dict) -> dict:
        data["meta"]["title"] += "·2"
        return data

    def v2_to_v3(data: dict) -> dict:
        assert data["schema_version"] == 2
        data["meta"]["title"] += "·3"
        return data

    monkeypatch.setattr(model, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(codec, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})

    assert load(path).meta.title.endswith("·2·3")
    with Session.open(path) as s:
        assert s.doc.schema_version == 3
        assert s.doc.meta.title.endswith("·2·3")
        assert texts(s.doc) == ["旧卡片"]
        assert path.read_bytes() == original  # opening alone does not rewrite it
        s.apply("add", add_card, "新卡片")
        assert s.undo() == "add"
        assert s.doc.meta.title.endswith("·2·3")  # undo goes back to the migrated state
    assert json.loads(path.read_text("utf-8"))["schema_version"] == 3
    assert path.read_bytes() != original
    assert original in [b.read_bytes() for b in backups(path)]  # the old file is kept


def test_a_missing_or_failing_migration_is_reported(session, path, monkeypatch):
    session.close()
    before = path.read_bytes()
    monkeypatch.setattr(model, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(codec, "MIGRATIONS", {})
    with pytest.raises(StoreError, match="版本 1"):
        Session.open(path)

    def broken(data: dict) -> dict:
        raise KeyError("meta")

    monkeypatch.setattr(codec, "MIGRATIONS", {1: broken})
    with pytest.raises(StoreError, match="转换失败"):
        Session.open(path)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".lock").exists()


# -- write_atomic ---------------------------------------------------------------------


def test_write_atomic_replaces_the_whole_file(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("旧内容，很长很长" * 100, "utf-8")
    write_atomic(target, "新内容")
    assert target.read_text("utf-8") == "新内容"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_write_atomic_leaves_the_old_file_and_no_temp_file_when_it_fails(tmp_path, monkeypatch):
    target = tmp_path / "notes.txt"
    target.write_text("旧内容", "utf-8")

    def fail(src, dst):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "新内容")
    assert target.read_text("utf-8") == "旧内容"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_write_atomic_removes_the_temp_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "notes.txt"

    def fail(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, "新内容")
    assert list(tmp_path.iterdir()) == []


# -- recent sessions ------------------------------------------------------------------


def test_recent_sessions_lists_existing_files_newest_first(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    files = [tmp_path / f"{name}{SESSION_SUFFIX}" for name in ("济南", "青岛", "烟台")]
    for f in files:
        f.write_text("{}", "utf-8")
    assert recent_sessions() == []
    for f in [files[0], files[1], files[2], files[0]]:
        remember_recent(f)
    assert recent_sessions() == [files[0], files[2], files[1]]
    assert recent_sessions(limit=2) == [files[0], files[2]]
    files[2].unlink()
    assert recent_sessions() == [files[0], files[1]]


def test_a_damaged_recent_list_is_ignored_and_rewritten(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(data))
    (data / "recent.json").write_text("{oops", "utf-8")
    assert recent_sessions() == []
    f = tmp_path / f"a{SESSION_SUFFIX}"
    f.write_text("{}", "utf-8")
    remember_recent(f)
    assert recent_sessions() == [f]


# -- messages -------------------------------------------------------------------------


def test_messages_follow_the_language(session, path):
    i18n.set_language("en")
    with pytest.raises(SessionLocked) as caught:
        Session.open(path)
    assert caught.value.message.startswith("The session")
    assert str(os.getpid()) in caught.value.message


def test_every_store_message_exists_in_both_languages_with_the_same_placeholders():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    zh = {k: v for k, v in i18n.catalog("zh").items() if k.startswith("store.")}
    en = {k: v for k, v in i18n.catalog("en").items() if k.startswith("store.")}
    assert zh.keys() == en.keys()
    assert {k: fields(v) for k, v in zh.items()} == {k: fields(v) for k, v in en.items()}
    package = Path(store.__file__).parent
    used = {key for module in package.glob("*.py")
            for key in re.findall(r'"(store\.[a-z_.]+)"', module.read_text("utf-8"))}
    assert len(used) > 10  # the package's modules were read
    assert used <= zh.keys()
