"""The sessions service behind ``workshop new/open/demo`` and the home screen."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from factories import SCENARIOS
from workshop import sessions
from workshop.problems import ScenarioError
from workshop.store import Session, SessionCorrupt, SessionExists, backups

EXAMPLE = SCENARIOS / "shandong-sales.toml"
TODAY = "20270309"
"""The day the tests run on, held still (``sessions.today``): a run that crosses
midnight named its files for one day and checked them against the other."""
WORKSHOP_DAY = "20261205"
"""The example scenario's ``date``: a session is named for the day the workshop runs."""


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sessions, "today", lambda: dt.date(2027, 3, 9))


def test_a_new_session_is_named_after_the_scenario_and_day_and_remembered(tmp_path: Path):
    with sessions.new_session(EXAMPLE) as session:
        assert session.path == tmp_path / f"shandong-sales-{WORKSHOP_DAY}.workshop.json"
        assert session.doc.meta.title.startswith("山东区")
    assert [entry.path for entry in sessions.recent()] == [session.path]


def test_a_new_session_into_a_folder_takes_the_default_name_there(tmp_path: Path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    with sessions.new_session(EXAMPLE, folder) as session:
        assert session.path == folder / f"shandong-sales-{WORKSHOP_DAY}.workshop.json"


def test_a_scenario_without_a_date_is_named_for_today(tmp_path: Path):
    undated = tmp_path / "undated.toml"
    undated.write_text("\n".join(line for line in EXAMPLE.read_text("utf-8").splitlines()
                                 if not line.startswith("date =")), "utf-8")
    with sessions.new_session(undated) as session:
        assert session.path == tmp_path / f"undated-{TODAY}.workshop.json"


def test_the_home_screen_takes_the_next_free_name_for_the_workshop_day(tmp_path: Path):
    with sessions.new_session(EXAMPLE, tmp_path, free=True) as first:
        assert first.path.name == f"shandong-sales-{WORKSHOP_DAY}.workshop.json"
    with sessions.new_session(EXAMPLE, tmp_path, free=True) as second:
        assert second.path.name == f"shandong-sales-{WORKSHOP_DAY}-2.workshop.json"


def test_a_new_session_never_overwrites_unless_asked(tmp_path: Path):
    out = tmp_path / "s.workshop.json"
    out.write_text("kept", "utf-8")
    with pytest.raises(SessionExists):
        sessions.new_session(EXAMPLE, out)
    assert out.read_text("utf-8") == "kept"
    assert sessions.recent() == []
    with sessions.new_session(EXAMPLE, out, overwrite=True) as session:
        assert session.doc.teams
    assert backups(out)  # the overwritten file is kept as a backup


def test_a_bad_scenario_makes_no_file(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[workshop\n", "utf-8")
    with pytest.raises(ScenarioError):
        sessions.new_session(bad)
    assert not list(tmp_path.glob("*.workshop.json"))


def test_a_free_name_counts_up_past_the_files_there(tmp_path: Path):
    first = sessions.free_session_path(EXAMPLE, tmp_path)
    assert first.name == f"shandong-sales-{TODAY}.workshop.json"
    first.write_text("x", "utf-8")
    second = sessions.free_session_path(EXAMPLE, tmp_path)
    assert second.name == f"shandong-sales-{TODAY}-2.workshop.json"
    second.write_text("x", "utf-8")
    assert sessions.free_session_path(EXAMPLE, tmp_path).name.endswith(f"{TODAY}-3.workshop.json")


def test_scenario_files_here_and_in_scenarios(tmp_path: Path):
    (tmp_path / "scenarios").mkdir()
    for name in ("b.toml", "a.toml", "scenarios/c.toml", "notes.txt"):
        (tmp_path / name).write_text("", "utf-8")
    found = sessions.scenario_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.toml", "b.toml", "scenarios/c.toml"]


def test_the_demo_is_one_session_reopened_until_asked_fresh(tmp_path: Path):
    with sessions.open_demo() as session:
        path = session.path
        assert path.parent == tmp_path / "data"
        assert session.doc.teams
        session.apply("x", lambda doc: setattr(doc.meta, "facilitator", "李老师"))
    with sessions.open_demo() as again:
        assert again.path == path and again.doc.meta.facilitator == "李老师"
    with sessions.open_demo(fresh=True) as fresh:
        assert fresh.path == path and fresh.doc.meta.facilitator != "李老师"
    assert sessions.demo_scenario().read_text("utf-8").strip()


def test_a_damaged_session_opens_from_its_backup(tmp_path: Path):
    out = tmp_path / "s.workshop.json"
    sessions.new_session(EXAMPLE, out).close()
    with Session.open(out) as session:
        session.apply("x", lambda doc: setattr(doc.meta, "facilitator", "李老师"))
    out.write_bytes(out.read_bytes()[:100])
    with pytest.raises(SessionCorrupt) as caught:
        sessions.open_session(out)
    with sessions.restore_and_open(out, caught.value.backups[0]) as session:
        assert session.doc.meta.title.startswith("山东区")


def test_recent_is_newest_first_and_skips_files_gone(tmp_path: Path):
    paths = [tmp_path / f"{name}.workshop.json" for name in ("a", "b", "c")]
    for path in paths:
        sessions.new_session(EXAMPLE, path).close()
    os.utime(paths[0], (0, 0))
    paths[1].unlink()
    sessions.open_session(paths[0]).close()
    found = sessions.recent()
    assert [entry.path for entry in found] == [paths[0], paths[2]]
    assert found[0].modified == dt.datetime.fromtimestamp(0)
