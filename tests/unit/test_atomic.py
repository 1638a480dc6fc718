"""One atomic write for every file workshop replaces: the session, the exports, caches."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from factories import make_doc
from workshop import atomic
from workshop.export import ExportError, export
from workshop.store import write_atomic


@pytest.fixture
def fsynced(monkeypatch):
    """What was fsync'd, as "file" or "folder", in order."""
    seen: list[str] = []
    real = os.fsync

    def record(fd: int) -> None:
        seen.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    return seen


def test_an_export_is_fsynced_and_so_is_its_folder(tmp_path, fsynced):
    result = export(make_doc(), "json", out=tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == [result.paths[0].name]
    assert fsynced == ["file", "folder"]  # the rename survives a power cut too


def test_write_with_keeps_the_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def half_then_fail(path):
        path.write_bytes(b"half")
        raise ValueError("reportlab gave up")

    with pytest.raises(ValueError):
        atomic.write_with(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_an_export_to_a_folder_it_may_not_write_names_the_folder(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as caught:
            export(make_doc(), "json", out=folder)
    finally:
        folder.chmod(0o755)
    assert str(folder) in str(caught.value)
    assert list(folder.iterdir()) == []


def test_remove_leftovers_clears_only_this_files_temp_files(tmp_path):
    target = tmp_path / "a.json"
    mine = tmp_path / ".a.json.0123abcd.tmp"
    other = tmp_path / ".b.json.0123abcd.tmp"
    for path in (target, mine, other):
        path.write_bytes(b"x")
    atomic.remove_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".b.json.0123abcd.tmp", "a.json"]


# -- the store's write_atomic (text) ---------------------------------------------------


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
