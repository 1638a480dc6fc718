"""A disk that fills up or is read-only, on a small filesystem mounted for the test.

As root the test mounts a tmpfs of a few hundred kilobytes (``mount -t tmpfs -o
size=…``) and fills it; a second one is mounted read-only. Without root, or where mount is
refused (a container without the capability), the tests are skipped and say why.

- The app says at once, in the room's language, that the disk refused the change; the
  room goes on (the card is on the board, held in memory); the app retries, and says so
  when everything is on disk again; the session file and its backups load all along.
- ``workshop open`` on a read-only folder says so and exits 1, without a traceback.
- Exports to a full or read-only place say so clearly, from the command and from F8.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate_factory import brainstormed
from ptyapp import app_env
from rooms import saved
from uitools import enter_card, record_notices, settle, tick, type_text
from workshop.store import Session, backups, load
from workshop.store import session as store_session
from workshop.tui.app import WorkshopApp


def mount(where: Path, options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root and mount(8)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount refused: {done.stderr.strip()}")


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KB filesystem."""
    where = tmp_path / "disk"
    mount(where, "size=512k")
    yield where
    unmount(where)


@pytest.fixture
def read_only_disk(tmp_path):
    """A filesystem holding a session and an exports folder, then made read-only."""
    where = tmp_path / "ro"
    mount(where, "size=512k")
    saved(brainstormed(), where / "ro.workshop.json", "cocreate")
    (where / "exports").mkdir()
    done = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        unmount(where)
        pytest.skip(f"remount read-only refused: {done.stderr.strip()}")
    yield where
    unmount(where)


def fill(disk: Path) -> Path:
    """Fill `disk` to the last byte; the file that did it (delete it to free the space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as fh, contextlib.suppress(OSError):
        for chunk in (65536, 4096, 1):  # to the last byte
            while fh.write(b"\0" * chunk):
                pass
    return filler


LONG = "磁盘满时写的卡片" + "长" * 2000


@contextlib.asynccontextmanager
async def running(path: Path):
    """The app on the session at `path` (closed after): the app, its pilot, and the
    notices it shows from the first screen on."""
    session = Session.open(path)
    app = WorkshopApp(session=session)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            yield app, pilot, record_notices(app)
    finally:
        session.close()


def texts(doc) -> list[str]:
    return [card.text for card in doc.cocreate.cards]


async def test_a_full_disk_is_said_at_once_the_room_goes_on_and_it_is_retried(
        small_disk, monkeypatch):
    path = saved(brainstormed(), small_disk / "room.workshop.json", "cocreate")
    with Session.open(path) as session:  # a backup to keep intact
        session.apply("x", lambda doc: setattr(doc.meta, "facilitator", "李老师"))
        session.checkpoint(force=True)
    kept = backups(path)
    assert kept
    monkeypatch.setattr(store_session, "UNSAVED_RETRY_SECONDS", 0.0)
    async with running(path) as (app, pilot, notices):
        filler = fill(small_disk)
        # a long card: its record needs a new block (a short one may still fit in the
        # journal's last block, which a full disk still has room in)
        await enter_card(pilot, LONG)
        await settle(pilot)
        assert LONG in texts(app.session.doc)  # on the board, in memory
        said = "\n".join(notices)
        assert "没能保存到磁盘：磁盘已满" in said and str(small_disk) in said
        assert app.session.unsaved >= 1
        assert LONG not in texts(load(path))  # the file as it was, and it loads
        for backup in kept:
            load(backup)
        await type_text(pilot, "又一张")
        await pilot.press("enter")
        await settle(pilot)
        await tick(pilot)  # retried: still full, nothing repeats the warning yet
        assert sum("没能保存到磁盘" in notice for notice in notices) == 1
        filler.unlink()  # space again
        await tick(pilot)
        assert app.session.unsaved == 0
        assert "磁盘恢复正常，所有修改都已保存。" in notices
        assert texts(load(path))[-2:] == [LONG, "又一张"]
    assert texts(load(path))[-2:] == [LONG, "又一张"]


async def test_a_disk_made_read_only_under_the_app_is_said_in_english_too(
        tmp_path, monkeypatch):
    """A disk remounted read-only under a running app (a failing USB stick) refuses the
    journal with EROFS: the room's language, and the room goes on."""
    doc = brainstormed()
    doc.meta.language = "en"
    doc.room.language = "en"
    path = saved(doc, tmp_path / "en.workshop.json", "cocreate")

    def read_only(fd):
        raise OSError(errno.EROFS, "Read-only file system")

    async with running(path) as (app, pilot, notices):
        monkeypatch.setattr(os, "fdatasync", read_only)
        await type_text(pilot, "a card")
        await pilot.press("enter")
        await settle(pilot)
        assert "a card" in texts(app.session.doc)
        assert any("Could not save to disk: the disk or folder is read-only" in notice
                   for notice in notices)
        monkeypatch.undo()  # the disk is back before the app closes
    assert "a card" in texts(load(path))  # written when it closed


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workshop", *args], capture_output=True,
                          text=True, cwd=cwd, env=app_env(cwd / "data"), timeout=120,
                          stdin=subprocess.DEVNULL)


def test_open_on_a_read_only_folder_says_so(read_only_disk, tmp_path):
    done = run_cli("open", str(read_only_disk / "ro.workshop.json"), "--lang", "en",
                   cwd=tmp_path)
    assert done.returncode == 1
    assert "Read-only file system" in done.stderr and "ro.workshop.json" in done.stderr
    assert "Traceback" not in done.stderr


def test_export_to_a_full_disk_says_so_and_leaves_nothing(small_disk, tmp_path):
    path = saved(brainstormed(), tmp_path / "room.workshop.json", "cocreate")
    fill(small_disk)
    done = run_cli("export", str(path), "--out", str(small_disk), "--lang", "zh",
                   cwd=tmp_path)
    assert done.returncode == 1
    assert "磁盘已满" in done.stderr and str(small_disk) in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_export_to_a_read_only_place_says_so(read_only_disk, tmp_path):
    path = saved(brainstormed(), tmp_path / "room.workshop.json", "cocreate")
    for fmt in ("pdf", "csv"):
        done = run_cli("export", str(path), "--format", fmt, "--out",
                       str(read_only_disk / "exports"), "--lang", "en", cwd=tmp_path)
        assert done.returncode == 1
        assert "read-only disk" in done.stderr and "exports" in done.stderr
        assert "Traceback" not in done.stderr


async def test_f8_to_a_full_disk_says_so(small_disk):
    path = saved(brainstormed(), small_disk / "room.workshop.json", "cocreate")
    async with running(path) as (app, pilot, notices):
        fill(small_disk)
        app.exports.start("csv", "CSV")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert any("磁盘已满" in notice and "exports" in notice for notice in notices)
