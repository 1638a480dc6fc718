"""The ``workshop`` command without a terminal: the app is replaced by a recorder."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import cli, i18n
from workshop.store import Session, load

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "scenarios" / "shandong-sales.toml"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def launched(monkeypatch):
    """Record what the app would have been started with, instead of starting it."""
    calls: list[dict] = []

    def fake_run_app(session=None, *, projector=False, room=False, room_host=None,
                     room_port=None):
        calls.append({"session": session, "projector": projector,
                      "doc": session.doc if session else None, "room": room,
                      "room_host": room_host, "room_port": room_port})
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    return calls


def test_validate_good_files_exit_0(capsys):
    assert cli.main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "shandong-sales.toml" in out and "3" in out


def test_validate_bad_file_exit_1_names_line_and_field(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[workshop]\ntitle = "x"\ndays = "two"\n\n[[teams]]\nname = "A"\n', "utf-8")
    assert cli.main(["validate", str(bad), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3" in err and "workshop.days" in err and "whole number" in err
    assert "Traceback" not in err


def test_validate_mixed_files_reports_each(tmp_path, capsys):
    bad = tmp_path / "broken.toml"
    bad.write_text("[workshop\n", "utf-8")
    assert cli.main(["validate", str(EXAMPLE), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "shandong-sales.toml" in captured.out
    assert "broken.toml:1" in captured.err


def test_validate_in_a_real_process_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = subprocess.run([sys.executable, "-m", "workshop", "validate", str(bad)],
                            capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(REPO / "src"), "LANG": "C.UTF-8",
                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "bad.toml" in result.stderr


def test_new_creates_a_session_and_opens_the_app(tmp_path, launched, capsys):
    out = tmp_path / "day1.workshop.json"
    assert cli.main(["new", str(EXAMPLE), "--out", str(out)]) == 0
    assert out.exists()
    assert launched[0]["doc"].meta.title.startswith("山东区")
    assert str(out) in capsys.readouterr().out
    assert load(out).teams[0].name == "济南队"


def test_new_refuses_to_overwrite_a_session(tmp_path, launched, capsys):
    out = tmp_path / "day1.workshop.json"
    assert cli.main(["new", str(EXAMPLE), "--out", str(out), "--no-open"]) == 0
    before = out.read_bytes()
    assert cli.main(["new", str(EXAMPLE), "--out", str(out), "--no-open"]) == 1
    assert "workshop open" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert launched == []


def test_new_default_path_is_named_after_the_scenario(tmp_path, launched):
    assert cli.main(["new", str(EXAMPLE), "--no-open"]) == 0
    made = list(tmp_path.glob("shandong-sales-*.workshop.json"))
    assert len(made) == 1


def test_open_passes_the_session_and_projector_flag(tmp_path, launched):
    out = tmp_path / "s.workshop.json"
    cli.main(["new", str(EXAMPLE), "--out", str(out), "--no-open"])
    assert cli.main(["--projector", "open", str(out)]) == 0
    assert launched[0]["session"].path == out
    assert launched[0]["projector"] is True
    assert cli.main(["open", str(out), "--projector"]) == 0
    assert launched[1]["projector"] is True


def test_open_a_session_held_by_another_process(tmp_path, launched, capsys):
    out = tmp_path / "s.workshop.json"
    cli.main(["new", str(EXAMPLE), "--out", str(out), "--no-open"])
    with Session.open(out):
        assert cli.main(["open", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "used by another" in err or "in use" in err
    assert launched == []


def test_open_a_damaged_session_offers_the_backup(tmp_path, launched, capsys):
    out = tmp_path / "s.workshop.json"
    cli.main(["new", str(EXAMPLE), "--out", str(out), "--no-open"])
    with Session.open(out) as session:
        session.apply("x", lambda doc: setattr(doc.meta, "facilitator", "李老师"))
    damaged = out.read_bytes()[:200]
    out.write_bytes(damaged)
    assert cli.main(["open", str(out)]) == 1
    assert "--from-backup" in capsys.readouterr().err
    assert out.read_bytes() == damaged  # never overwritten by a failed open
    assert cli.main(["open", str(out), "--from-backup"]) == 0
    assert launched[0]["doc"].meta.title.startswith("山东区")


def test_open_missing_file(tmp_path, capsys):
    assert cli.main(["open", str(tmp_path / "nope.workshop.json")]) == 1
    assert "nope.workshop.json" in capsys.readouterr().err


def test_demo_starts_the_app_on_the_bundled_scenario(launched):
    assert cli.main(["demo"]) == 0
    assert launched[0]["doc"].teams
    assert cli.main(["demo"]) == 0  # reopens the same demo session
    assert launched[1]["session"].path == launched[0]["session"].path


def test_the_demo_speaks_its_scenarios_language_made_or_kept(launched, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the demo scenario is in Chinese
    for _ in range(2):  # made from the scenario, then kept in the data folder
        i18n.set_language("en")
        assert cli.main(["demo"]) == 0
        assert capsys.readouterr().out.startswith("演示会话：")
        assert i18n.get_language() == "zh"
    i18n.set_language("zh")
    assert cli.main(["demo", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Demo session: ")


def test_no_arguments_opens_the_home_screen(launched):
    assert cli.main([]) == 0
    assert launched == [{"session": None, "projector": False, "doc": None, "room": False,
                         "room_host": None, "room_port": None}]


def test_the_room_options_reach_the_app_before_or_after_the_command(launched):
    assert cli.main(["demo", "--room", "--room-host", "127.0.0.1", "--room-port", "0"]) == 0
    assert cli.main(["--room", "--room-host", "::1", "demo"]) == 0
    assert [(c["room"], c["room_host"], c["room_port"]) for c in launched] == [
        (True, "127.0.0.1", 0), (True, "::1", None)]


@pytest.mark.parametrize("args", [["--room-host", "my laptop"], ["--room-port", "70000"]])
def test_a_bad_room_address_is_refused_with_a_message(launched, capsys, args):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["demo", *args])
    assert exit_.value.code == 2 and not launched
    assert args[1] in capsys.readouterr().err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert "workshop" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["--help", "--lang", "zh"])
    assert "场景" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "--help"])
    assert "scenario" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_export_a_scenario_to_pdf_prints_the_font_and_the_path(tmp_path, capsys):
    from pdftools import pdf_text
    from workshop.scenario import load_scenario

    out = tmp_path / "out"
    assert cli.main(["export", str(EXAMPLE), "--format", "pdf", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    written = sorted(out.glob("*.pdf"))
    assert len(written) == 1 and str(written[0]) in printed
    assert "字体" in printed or "font" in printed.lower()
    text = pdf_text(written[0])
    doc = load_scenario(EXAMPLE)
    assert doc.meta.title in text.replace("\n", "")
    for team in doc.teams:
        assert team.name in text


def test_export_an_unknown_team_says_which_teams_exist(tmp_path, capsys):
    assert cli.main(["export", str(EXAMPLE), "--team", "火星队", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "济南队" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_validate_every_example_scenario():
    files = sorted(str(p) for p in (REPO / "scenarios").glob("*.toml"))
    assert len(files) >= 5
    assert cli.main(["validate", *files]) == 0


_START_AND_QUIT = r"""
import gc, json, sys
from pathlib import Path
from workshop.launch import load_cli

run_app = load_cli().run_app
seen = {"collecting once loaded": gc.isenabled()}
from workshop.store import Session
from workshop.tui.app import WorkshopApp

original_mount = WorkshopApp.on_mount

def on_mount(self):
    seen["collecting while starting"] = gc.isenabled()
    original_mount(self)

WorkshopApp.on_mount = on_mount

async def look_then_quit(pilot):
    await pilot.pause()
    seen["collecting once up"] = gc.isenabled()
    seen["frozen once up"] = gc.get_freeze_count() > 0
    pilot.app.exit()

def fail_to_mount(self):
    raise RuntimeError("the app failed before its first screen")

original_ready = WorkshopApp.on_ready

def on_ready(self):
    seen["screens up"] = seen.get("screens up", 0) + 1
    original_ready(self)

WorkshopApp.on_ready = on_ready

session = Session.open(Path(sys.argv[1]))
try:
    seen["exit code"] = run_app(session, headless=True, auto_pilot=look_then_quit,
                                size=(100, 30))
finally:
    session.close()
WorkshopApp.on_mount = fail_to_mount
try:
    run_app(None, headless=True, size=(100, 30))
except RuntimeError:
    pass
seen["collecting after a failed start"] = gc.isenabled()
print(json.dumps(seen))
"""


def test_the_app_starts_without_collecting_and_collects_once_its_screen_is_up(tmp_path):
    """The command loads its modules, and ``run_app`` starts the app, with Python's cycle
    collector paused (it would walk every new object again and again); it collects again
    once the modules are loaded, and once the first screen is up (with what start-up
    made frozen), and even when the start fails."""
    path = tmp_path / "s.workshop.json"
    assert cli.main(["new", str(EXAMPLE), "--out", str(path), "--no-open"]) == 0
    done = subprocess.run([sys.executable, "-c", _START_AND_QUIT, str(path)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"collecting once loaded": True,
                    "collecting while starting": False, "collecting once up": True,
                    "frozen once up": True, "exit code": 0, "screens up": 1,
                    "collecting after a failed start": True}


def test_loading_the_command_leaves_a_paused_collector_paused():
    from workshop import launch

    gc.disable()
    try:
        assert launch.load_cli() is cli
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert launch.load_cli() is cli
    assert gc.isenabled()


@pytest.mark.parametrize(("argv", "words"), [
    (["frobnicate"], "命令 没有“frobnicate”这一项（可选："),
    (["new"], "workshop new：缺少参数：SCENARIO"),
    (["open", "a.workshop.json", "b"], "不认识这些参数：b"),
    (["export", "x.workshop.json", "--format", "docx"], "--format 没有“docx”这一项"),
    (["export", "x.workshop.json", "--team"], "--team 后面要跟一个值"),
    (["demo", "--room-port", "70000"], "workshop demo：--room-port 需要 0 到 65535"),
])
def test_usage_errors_are_in_the_rooms_language(launched, capsys, argv, words):
    """A Chinese facilitator who mistypes a command reads what went wrong in Chinese,
    usage line included; nothing starts."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--lang", "zh", *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and not launched
    assert words in err and err.startswith("用法：")
    assert not re.search(r"usage:|required|unrecognized|invalid choice|expected one", err)


def test_usage_errors_in_english_stay_argparses(launched, capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "new"])
    err = capsys.readouterr().err
    assert err.startswith("usage: workshop new")
    assert "the following arguments are required: SCENARIO" in err


def test_help_headings_are_in_the_rooms_language(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "zh", "new", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法： workshop new") and "\n参数：\n" in out and "\n选项：\n" in out
    assert "显示这段帮助，然后退出" in out
    assert not re.search(r"usage:|positional arguments|options:|show this help", out)
