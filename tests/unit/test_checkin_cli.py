"""``workshop checkin`` and ``workshop export --checkin`` without a terminal: the app is
replaced by a recorder; imports read real CSV files as Excel saves them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from checkin_factory import STORE
from workshop import cli
from workshop.methods.checkin import ledger, progress
from workshop.store import load

OLD = Path(__file__).resolve().parents[1] / "data" / "store-v1.workshop.json"
HEADER = "目标编号,份额,开始,实际\r\n"
GOOD = HEADER + 'store,,2027-02-01,"22,000"\r\nstore,,2027/2/8,２４０００\r\n' \
    "store,刘芳,2027-02-01,2900\r\nattach,,2027-02-01,1.45\r\nstore,,2027-02-15,\r\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def session_file(tmp_path) -> Path:
    path = tmp_path / "store.workshop.json"
    shutil.copyfile(OLD, path)  # a session from before check-ins
    return path


@pytest.fixture
def launched(monkeypatch):
    calls: list[dict] = []

    def fake_run_app(session=None, *, projector=False, **room_options):
        calls.append({"doc": session.doc, "projector": projector})
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    return calls


def test_checkin_opens_the_app_on_a_new_check_in_of_the_date(session_file, launched, capsys):
    assert cli.main(["checkin", str(session_file), "--date", "2027-02-14"]) == 0
    (call,) = launched
    doc = call["doc"]
    (held,) = doc.checkin.checkins
    assert (held.date, held.start, held.end) == (dt.date(2027, 2, 14), dt.date(2027, 2, 1),
                                                 dt.date(2027, 2, 28))
    assert doc.room.step == "checkin" and doc.room.checkin_id == held.id
    assert "2027-02-01 至 2027-02-28" in capsys.readouterr().out
    # again on the same day: the same check-in, not a second one
    assert cli.main(["checkin", str(session_file), "--date", "2027-02-14"]) == 0
    assert len(launched[1]["doc"].checkin.checkins) == 1


def test_checkin_without_a_date_makes_one_for_today_only_when_there_is_none(
        session_file, launched):
    before = dt.date.today()
    assert cli.main(["checkin", str(session_file)]) == 0
    # the day the command ran (a run may cross midnight)
    assert launched[0]["doc"].checkin.checkins[0].date in (before, dt.date.today())
    assert cli.main(["checkin", str(session_file)]) == 0
    assert len(launched[1]["doc"].checkin.checkins) == 1


def test_import_reads_every_row_and_does_not_open_the_app(session_file, launched, capsys,
                                                          tmp_path):
    csv_file = tmp_path / "实际数.csv"
    csv_file.write_bytes(GOOD.encode("utf-8"))
    assert cli.main(["checkin", str(session_file), "--date", "2027-02-14", "--import",
                     str(csv_file)]) == 0
    assert launched == []
    assert "已导入 4 个实际数" in capsys.readouterr().out
    doc = load(session_file)
    found = progress.of_key(doc, STORE, ledger.latest(doc))
    assert (found.actual, found.verdict) == (46000, "behind")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030"])
def test_import_reads_what_excel_saves(session_file, tmp_path, encoding):
    csv_file = tmp_path / "a.csv"
    csv_file.write_bytes(GOOD.encode(encoding))
    assert cli.main(["checkin", str(session_file), "--date", "2027-02-14", "--import",
                     str(csv_file)]) == 0
    assert ledger.latest(load(session_file)).actuals[0].value == 22000


def test_import_in_english_headers_with_semicolons(session_file, tmp_path):
    csv_file = tmp_path / "a.csv"
    csv_file.write_text("Goal ID;Share;Start;Actual\nstore;;2027-02-01;22000\n", "utf-8")
    assert cli.main(["checkin", str(session_file), "--date", "2027-02-14", "--import",
                     str(csv_file)]) == 0
    assert ledger.latest(load(session_file)).actuals[0].value == 22000


def test_bad_rows_are_named_by_line_and_nothing_is_half_imported(session_file, tmp_path,
                                                                 capsys):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(HEADER + "store,,2027-02-01,22000\n"  # fine, but not imported
                        "store,,2027-02-08,abc\n"
                        "nope,,2027-02-01,1\n"
                        "store,,2027-02-03,1\n"
                        "store,王五,2027-02-01,1\n"
                        "store,,2027-02-01,23000\n", "utf-8")
    before = session_file.read_bytes()
    code = cli.main(["checkin", str(session_file), "--date", "2027-02-14", "--import",
                     str(csv_file)])
    err = capsys.readouterr().err
    assert code == 1
    assert "没有导入任何数据：5 行有问题" in err
    for line in ("第 3 行", "第 4 行", "第 5 行", "第 6 行", "第 7 行"):
        assert line in err
    assert "“abc”不是数字" in err and "没有目标“nope”" in err and "2027-02-03" in err
    assert "王五" in err and "与第 2 行是同一目标同一期间" in err
    assert "Traceback" not in err
    doc = load(session_file)
    assert all(c.actuals == [] for c in doc.checkin.checkins)  # the check-in, no actual
    assert session_file.read_bytes() != before  # (the check-in itself was made)


def test_import_of_a_file_that_is_not_a_csv_of_actuals(session_file, tmp_path, capsys):
    csv_file = tmp_path / "x.csv"
    csv_file.write_text("姓名,年龄\n张三,30\n", "utf-8")
    assert cli.main(["checkin", str(session_file), "--import", str(csv_file)]) == 1
    assert "缺少这些列：目标编号、开始、实际" in capsys.readouterr().err
    missing = tmp_path / "none.csv"
    assert cli.main(["checkin", str(session_file), "--import", str(missing)]) == 1


def test_export_checkin_writes_boards_markdown_and_csv(session_file, tmp_path, capsys):
    from pdftools import require_cjk_font

    require_cjk_font()
    csv_file = tmp_path / "a.csv"
    csv_file.write_bytes(GOOD.encode("utf-8"))
    cli.main(["checkin", str(session_file), "--date", "2027-02-14", "--import", str(csv_file)])
    capsys.readouterr()
    assert cli.main(["export", str(session_file), "--checkin", "--format", "pdf", "--format",
                     "md", "--format", "csv", "--out", str(tmp_path / "out")]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert sum(name.endswith("业绩板-2027-02-14.pdf") for name in written) == 4
    assert any(name.endswith("月度检查-2027-02-14.md") for name in written)
    assert any(name.endswith("实际数-2027-02-14.csv") for name in written)
    assert cli.main(["export", str(session_file), "--checkin", "2027-03-01"]) == 1
    assert "2027-03-01 没有检查" in capsys.readouterr().err
