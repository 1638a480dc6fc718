"""The session store: what a facilitator relies on when the laptop, disk or app misbehaves."""

from __future__ import annotations

import errno
import json
import os
import re
import string
from pathlib import Path

import pytest

import workshop.model as model
from storetools import add_card, make_history, texts
from workshop import i18n, store
from workshop.edits import EditError
from workshop.model import Card, Workshop
from workshop.store import (
    SESSION_SUFFIX,
    Session,
    SessionCorrupt,
    SessionExists,
    SessionNotFound,
    SessionTooNew,
    StoreError,
    backups,
    codec,
    load,
    recent_sessions,
    remember_recent,
    restore_backup,
)

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


# -- damaged, newer and older files ---------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "JSON"),
        (lambda data: b"", "空"),
        (lambda data: b"   \n", "空"),
        (lambda data: b"\x80\x81 garbage", "UTF-8"),
        (lambda data: b"[1, 2, 3]", "JSON 对象"),
        (lambda data: data.replace(b'"title"', b'"titel"'), "meta"),
        (lambda data: re.sub(rb'"schema_version": \d+,', b"", data), "schema_version"),
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


def as_version_1(path: Path) -> None:
    """Rewrite the session at `path` as the first version wrote it (no check-ins yet)."""
    data = json.loads(path.read_text("utf-8"))
    data["schema_version"] = 1
    data.pop("checkin", None)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def test_an_older_file_is_migrated_step_by_step(session, path, monkeypatch):
    session.apply("add", add_card, "旧卡片")
    session.close()
    as_version_1(path)
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
    as_version_1(path)
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
