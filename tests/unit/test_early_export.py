"""``workshop export`` of several PDFs starts its helper process before the command loads
(``workshop.early_export``), and the command makes the files with that helper; a helper
started on a wrong guess is ended unused."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import SCENARIOS
from workshop import cli, early_export
from workshop.export import workers
from workshop.scenario import load_scenario
from workshop.store import Session


@pytest.mark.parametrize(("argv", "several"), [
    (["export", "s.json", "--all-teams"], True),
    (["export", "s.json", "--team", "济南队", "--team", "青岛队"], True),
    (["export", "s.json", "--team=济南队", "--team", "青岛队", "--out", "x"], True),
    (["export", "s.json", "--all-teams", "--format", "md", "--format", "pdf"], True),
    (["export", "s.json", "--team", "济南队"], False),
    (["export", "s.json", "--all-teams", "--format", "md"], False),
    (["export", "s.json", "--all-teams", "--format=csv"], False),
    (["export", "s.json", "--all-teams", "--checkin"], False),
    (["export", "s.json", "--all-teams", "--checkin=2027-01-31"], False),
    (["open", "s.json", "--all-teams"], False),
    ([], False),
])
def test_the_guess_from_the_arguments_is_the_commands_decision(argv, several):
    assert early_export.wants_workers(argv) is several


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "s.workshop.json"
    Session.create(load_scenario(SCENARIOS / "shandong-sales.toml"), path).close()
    return path


@pytest.fixture
def adopted(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The helper process id each pool the command makes ends up with."""
    pids: list[int | None] = []
    adopt = workers.WorkerPool.adopt

    def recording(self, started):
        pool = adopt(self, started)
        pids.append(pool.pid)
        return pool

    monkeypatch.setattr(workers.WorkerPool, "adopt", recording)
    return pids


def test_the_command_makes_the_files_with_the_helper_started_early(session, tmp_path,
                                                                  adopted):
    argv = ["export", str(session), "--all-teams", "--out", str(tmp_path / "out")]
    early_export.start(argv)
    started = early_export._started
    assert started is not None
    process = started[0]
    assert cli.main(argv) == 0
    assert adopted == [process.pid]  # no second helper
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 4  # the report, three handouts
    assert not process.is_alive()  # closed with the command
    assert early_export.take() is None


def test_a_helper_started_on_a_wrong_guess_is_ended_unused(session, tmp_path, adopted):
    early_export.start(["export", str(session), "--all-teams"])
    started = early_export._started
    assert started is not None
    out = tmp_path / "out"
    assert cli.main(["export", str(session), "--team", "青岛队", "--out", str(out)]) == 0
    assert adopted == []  # one handout: made here, no pool
    assert len(list(out.glob("*.pdf"))) == 1
    assert not started[0].is_alive()
