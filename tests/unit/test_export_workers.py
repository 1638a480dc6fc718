"""Exports made by worker processes (``workshop.export.workers``): the same files and
messages as an export in one process, progress per file, a failure or a crash named with
its file, and stopping that leaves no half-written file and no process behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from factories import REPO, SCENARIOS
from pdftools import page_texts
from workshop.export import ExportError, export, fonts
from workshop.export import jobs as jobs_module
from workshop.export.jobs import JOB_KINDS, JobKind, Progress, plan_export
from workshop.export.workers import CAN_FORK, ExportCancelled, WorkerPool, _export
from workshop.model import Workshop
from workshop.scenario import load_scenario

sys.path.insert(0, str(REPO / "bench"))
from realistic import build

needs_fork = pytest.mark.skipif(not CAN_FORK, reason="the helper forks its workers here")


@pytest.fixture(scope="module")
def pool():
    """One helper for the module (starting one takes a second or more)."""
    with WorkerPool() as started:
        yield started


@pytest.fixture
def doc() -> Workshop:
    return load_scenario(SCENARIOS / "shandong-sales.toml")


def _json(doc: Workshop) -> bytes:
    return doc.model_dump_json().encode("utf-8")


def _texts(folder: Path) -> dict[str, list[str]]:
    """Each PDF's pages, the report's "generated at" line aside (it names the minute)."""
    return {path.name: [line for page in page_texts(path) for line in page.splitlines()
                        if not line.startswith("生成于")]
            for path in sorted(folder.glob("*.pdf"))}


def test_workers_write_what_one_process_writes(pool: WorkerPool, doc: Workshop,
                                               tmp_path: Path):
    here = export(doc, "pdf", all_teams=True, out=tmp_path / "here")
    plan = plan_export(doc, "pdf", all_teams=True, out=tmp_path / "there").placed()
    seen: list[Progress] = []
    there = pool.run(plan, _json(doc), on_progress=seen.append)

    assert [p.name for p in there.paths] == [p.name for p in here.paths]  # the plan's order
    assert there.font == here.font and there.warnings == here.warnings
    assert _texts(tmp_path / "there") == _texts(tmp_path / "here")
    written = [p.written.path.name for p in seen if p.written is not None]
    assert sorted(written) == sorted(p.name for p in here.paths)  # each file, once
    assert [p.done for p in seen if p.written is not None] == list(range(1, len(written) + 1))
    assert all(p.total == len(here.paths) for p in seen)
    making = {job.what for p in seen for job in p.making}
    assert "完整报告" in making and "济南队的行动计划" in making  # named as they are made
    assert not list((tmp_path / "there").glob(".*.tmp"))


def test_a_message_from_a_worker_is_the_one_export_gives(pool: WorkerPool, doc: Workshop,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "no-such-font.ttf"))
    with pytest.raises(ExportError) as here:
        export(doc, "pdf", all_teams=True, out=tmp_path / "here")
    plan = plan_export(doc, "pdf", all_teams=True, out=tmp_path / "there").placed()
    with pytest.raises(ExportError) as there:  # the helper started before the variable
        pool.run(plan, _json(doc))
    assert str(there.value) == str(here.value)
    assert "WORKSHOP_CJK_FONT" in str(there.value)
    assert not list((tmp_path / "there").iterdir())  # nothing written


def test_the_pool_works_again_after_a_failure(pool: WorkerPool, doc: Workshop,
                                              tmp_path: Path):
    plan = plan_export(doc, "md", out=tmp_path).placed()
    result = pool.run(plan, _json(doc))
    assert result.paths[0].read_text(encoding="utf-8").startswith("#")


def test_stopping_ends_the_workers_and_leaves_no_half_written_file(tmp_path: Path):
    doc = build(400, gap_cards=60, key_gaps=4, clusters=10, actions=80)  # a report of seconds
    old = tmp_path / "out"
    plan = plan_export(doc, "pdf", all_teams=True, out=old).placed()
    report = plan.jobs[0].path
    assert report is not None
    report.write_bytes(b"the report printed yesterday")
    started: list[Progress] = []

    def stop() -> bool:  # once the report is being made
        return any(job.kind == "report" for p in started for job in p.making)

    with WorkerPool() as pool:
        with pytest.raises(ExportCancelled):
            pool.run(plan, _json(doc), on_progress=started.append, should_stop=stop)
        assert pool._helper is None  # ended, with its workers
    assert not any(p.written and p.written.path == report for p in started)
    assert report.read_bytes() == b"the report printed yesterday"
    assert not list(old.glob(".*.tmp"))


# -- the helper's side, in this process: failures named with their file ------------------

def _boom(_renderer, _job, _path: Path) -> list[str]:
    raise RuntimeError("a bug in the exporter")


def _vanish(_renderer, _job, path: Path) -> list[str]:
    path.write_bytes(b"half a file")
    os._exit(3)  # as if the system ended the process (out of memory)


@pytest.fixture
def kinds(monkeypatch: pytest.MonkeyPatch):
    """Job kinds that go wrong (forked workers inherit them from this process)."""
    for name, write in (("boom", _boom), ("vanish", _vanish)):
        monkeypatch.setitem(JOB_KINDS, name, JobKind(write))


def _plan_of(doc: Workshop, kind: str, folder: Path):
    plan = plan_export(doc, "json", out=folder)
    job = jobs_module.Job(kind, "坏掉的文件.json", "一个会出错的文件")
    return plan.__class__(fmt="json", lang="zh", jobs=(plan.jobs[0], job), out=folder).placed()


@needs_fork
@pytest.mark.parametrize(("kind", "says"), [
    ("boom", "程序错误：RuntimeError: a bug in the exporter"), ("vanish", "意外退出（3）")])
def test_a_crash_or_a_dead_worker_is_named_with_its_file(kinds, doc: Workshop, tmp_path: Path,
                                                         kind: str, says: str):
    from workshop.export.workers import _Broke

    plan = _plan_of(doc, kind, tmp_path)
    with pytest.raises(_Broke) as broke:
        _export(plan, _json(doc), lambda _message: None)
    message = broke.value.message("zh", "")
    assert "坏掉的文件.json" in message and says in message
    assert not (tmp_path / "坏掉的文件.json").exists()  # never half written
    assert not list(tmp_path.glob(".*.tmp"))


# -- the report first: the other files' workers yield to it on a busy machine ------------

def _write_niceness(_renderer, _job, path: Path) -> list[str]:
    path.write_text(str(os.nice(0)))  # the niceness of the worker making this file
    return []


@needs_fork
@pytest.mark.parametrize("with_report", [True, False])
def test_while_the_report_is_made_the_other_files_are_made_at_a_lower_priority(
        doc: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_report: bool):
    from workshop.export.workers import BEHIND_THE_REPORT

    for kind in ("report", "handout"):
        monkeypatch.setitem(JOB_KINDS, kind, JobKind(_write_niceness, pdf=True, report=True))
    teams = [] if with_report else [team.name for team in doc.teams]
    plan = plan_export(doc, "pdf", all_teams=with_report, teams=teams, out=tmp_path).placed()
    assert len(plan.jobs) == len(doc.teams) + (1 if with_report else 0) >= 3
    _export(plan, _json(doc), lambda _message: None)
    base = os.nice(0)
    niceness = {job.kind: set() for job in plan.jobs}
    for job in plan.jobs:
        assert job.path is not None
        niceness[job.kind].add(int(job.path.read_text()))
    if with_report:
        assert niceness == {"report": {base}, "handout": {min(base + BEHIND_THE_REPORT, 19)}}
    else:  # no report to yield to: the handouts go at the export's own priority
        assert niceness == {"handout": {base}}
