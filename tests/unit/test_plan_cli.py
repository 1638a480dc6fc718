"""``workshop export`` without a terminal, for the plan: handouts, the actions CSV and the
Markdown report from one command, and its exit codes."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from factories import REPO
from planning import ready_action, shandong, with_strategies
from workshop import cli
from workshop.store import Session


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    doc = with_strategies(shandong())
    ready_action(doc, "每月拜访每家VIP客户一次", team_index=0)
    ready_action(doc, "参加两次行业展会", team_index=1)
    path = tmp_path / "s.workshop.json"
    Session.create(doc, path).close()
    return path


def test_handouts_csv_and_markdown_in_one_command(session, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(["export", str(session), "--all-teams", "--format", "pdf", "--format",
                     "csv", "--format", "md", "--out", str(out)])
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len([n for n in names if n.endswith("-行动计划.pdf")]) == 3
    assert any(n.endswith("-报告.pdf") for n in names)
    assert any(n.endswith("-行动清单.csv") for n in names)  # the whole workshop's actions
    assert any(n.endswith("-报告.md") for n in names)
    printed = capsys.readouterr().out
    assert printed.count(str(out)) == len(names)  # says where every file is
    csv_path = next(out.glob("*.csv"))
    rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["济南队", "青岛队"]


def test_one_teams_handout(session, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["export", str(session), "--team", "青岛队", "--out", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == [
        "山东区 2027 年度目标分解与计划制定工作坊-青岛队-行动计划.pdf"]


def test_csv_for_one_team_alone_is_refused_with_a_reason(session, tmp_path, capsys):
    code = cli.main(["export", str(session), "--team", "青岛队", "--format", "csv",
                     "--out", str(tmp_path / "out")])
    assert code == 1
    assert "只有 PDF 可以按小组导出" in capsys.readouterr().err


def test_export_runs_without_a_terminal(session, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "workshop", "export", str(session),
                           "--all-teams", "--format", "pdf", "--out", str(out)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=120, env={"PYTHONPATH": str(REPO / "src"), "LANG": "C.UTF-8",
                                            "PATH": "/usr/bin:/bin",
                                            "WORKSHOP_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(list(out.glob("*.pdf"))) == 4
