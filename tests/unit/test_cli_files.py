"""The command on files that are not what it expects: each says what the file is and what
to do, quickly, and leaves nothing behind."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop import cli, i18n
from workshop.export import export
from workshop.export.leftovers import STALE_AFTER_S
from workshop.store import Session, dumps

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "scenarios" / "shandong-sales.toml"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def launched(monkeypatch):
    calls: list = []
    monkeypatch.setattr(cli, "run_app", lambda session=None, **_: calls.append(session) or 0)
    return calls


@pytest.fixture
def session_file(tmp_path, doc) -> Path:
    path = tmp_path / "s.workshop.json"
    path.write_text(dumps(doc), "utf-8")
    return path


def run(*args: str, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "WORKSHOP_DATA_DIR": str(cwd / "d")}
    return subprocess.run([sys.executable, "-m", "workshop", *args, "--lang", "en"], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def test_open_on_a_scenario_says_it_is_one_and_how_to_start(launched, capsys):
    assert cli.main(["open", str(EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == i18n.t("store.file.scenario", path=EXAMPLE)
    assert "workshop new" in err
    assert launched == []


def test_validate_checks_a_session_as_a_session(session_file, capsys):
    assert cli.main(["validate", str(session_file)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == i18n.t("cli.session_ok", file=str(session_file), teams=2, goals=1)
    session_file.write_text('{"schema_version": 1, "meta": {"title": 5}}', "utf-8")
    assert cli.main(["validate", str(session_file)]) == 1
    err = capsys.readouterr().err
    assert "meta.title" in err and "TOML" not in err


def test_validate_notes_what_loading_repairs(session_file, capsys):
    data = json.loads(session_file.read_text("utf-8"))
    data["room"]["turn"]["team_id"] = "t-gone"
    session_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    before = session_file.read_bytes()
    assert cli.main(["validate", str(session_file)]) == 0
    err = capsys.readouterr().err
    assert i18n.t("integrity.turn", count=1) in err
    assert session_file.read_bytes() == before


@pytest.mark.parametrize("command", ["open", "export", "validate"])
def test_a_folder_or_a_pipe_is_named_for_what_it_is(tmp_path, launched, capsys, command):
    folder = tmp_path / "f.workshop.json"
    folder.mkdir()
    pipe = tmp_path / "p.workshop.json"
    os.mkfifo(pipe)
    assert cli.main([command, str(folder)]) == 1
    first = capsys.readouterr().err.splitlines()[0]  # validate adds a count of bad files
    assert first == i18n.t("store.file.folder", path=folder)
    assert cli.main([command, str(pipe)]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first == i18n.t("store.file.not_regular", path=pipe)
    assert launched == []


def test_export_of_a_pipe_returns_at_once(tmp_path):
    pipe = tmp_path / "p.workshop.json"
    os.mkfifo(pipe)
    started = time.monotonic()
    done = run("export", str(pipe), cwd=tmp_path)
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    assert "not an ordinary file" in done.stderr and "Traceback" not in done.stderr


def test_open_without_a_terminal_fails_fast_before_the_app(session_file, tmp_path):
    started = time.monotonic()
    done = run("open", str(session_file), cwd=tmp_path)
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    assert done.stderr.strip() == i18n.t("cli.needs_terminal", "en")
    assert not session_file.with_name(session_file.name + ".lock").exists()


def test_a_read_only_session_is_not_opened(session_file, launched, capsys):
    session_file.chmod(0o444)
    before = session_file.read_bytes()
    assert cli.main(["open", str(session_file)]) == 1
    assert capsys.readouterr().err.strip() == i18n.t("store.file.read_only", path=session_file)
    assert launched == []
    assert session_file.read_bytes() == before
    assert cli.main(["export", str(session_file), "--format", "json"]) == 0  # reading is fine


def test_a_killed_exports_temp_files_are_cleared_next_time(tmp_path, doc):
    out = tmp_path / "out"
    first = export(doc, "json", out=out).paths[0]
    stale = out / f".{first.name}.0a1b2c3d.tmp"
    young = out / f".{first.name}.0a1b2c3e.tmp"
    other = out / ".another.json.0a1b2c3d.tmp"
    for leftover in (stale, young, other):
        leftover.write_bytes(b"half a file")
    old = time.time() - STALE_AFTER_S - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    export(doc, "json", out=out)
    assert not stale.exists()
    assert young.exists()  # perhaps another export's work in progress
    assert other.exists()  # not a temp of this file


# -- a full disk (a small tmpfs; needs root) ----------------------------------------------

@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 64 KB file system that is full."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"x" * 4096)
        os.close(fd)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_demo_on_a_full_disk_names_the_file_and_leaves_no_empty_copy(full_disk, monkeypatch,
                                                                     launched, capsys):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(full_disk / "data"))
    os.mkdir(full_disk / "data")  # a folder takes no data blocks on tmpfs
    assert cli.main(["demo"]) == 1
    err = capsys.readouterr().err
    assert str(full_disk / "data" / "demo.toml") in err
    assert os.strerror(errno.ENOSPC) in err
    assert sorted(os.listdir(full_disk / "data")) == []
    assert launched == []


def test_new_on_a_full_disk_leaves_no_lock_temp(full_disk, launched, capsys):
    out = full_disk / "s.workshop.json"
    assert cli.main(["new", str(EXAMPLE), "--out", str(out)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert sorted(os.listdir(full_disk)) == ["filler"]


def test_a_session_cannot_be_created_over_a_full_disk_either(full_disk, doc):
    from workshop.store import StoreError

    with pytest.raises(StoreError):
        Session.create(doc, full_disk / "x.workshop.json")
    assert sorted(os.listdir(full_disk)) == ["filler"]
