"""Core never imports Textual: the model, methods, report, store, scenario and export
must work in a script or a CI job with no terminal.

The import-linter contract (tests/unit/test_layers.py) checks every import statement;
this checks what loading does, which is what start-up pays: loading the command
(``cli``) must not load Textual either (it imports the app only when it runs it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

CORE = [
    "workshop.model",
    "workshop.edits",
    "workshop.methods",
    "workshop.report",
    "workshop.store",
    "workshop.scenario",
    "workshop.sessions",
    "workshop.export",
    "workshop.i18n",
    "workshop.cli",
]


def test_core_does_not_import_textual():
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(module, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_first_frame_of_a_kept_demo_waits_for_no_scenario_or_phone_code(tmp_path):
    """What the start pays before its first frame: reopening the demo kept in the data
    folder reads no scenario schemas (pydantic builds them as they load) and the room
    being closed, none of the phones' edits (which bring every step's edits)."""
    child = (
        "import sys\n"
        "from workshop.launch import load_cli\n"
        "cli = load_cli()\n"
        "run_app = cli.run_app\n"
        "async def first_frame(pilot):\n"
        "    await pilot.pause()\n"
        "    loaded = [m for m in ('workshop.scenario', 'workshop.edits.phones')\n"
        "              if m in sys.modules]\n"
        "    print('loaded:', ','.join(loaded), 'screen:', pilot.app.screen.id)\n"
        "    pilot.app.exit()\n"
        "cli.run_app = lambda session=None, **given: run_app(\n"
        "    session, **given, headless=True, auto_pilot=first_frame)\n"
        "sys.exit(cli.main(['demo']))\n"
    )
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "WORKSHOP_DATA_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                           env=env, timeout=120) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
    made, kept = (run.stdout.splitlines()[-1] for run in runs)
    assert made.startswith("loaded: workshop.scenario screen: step-")  # made from it
    assert kept.startswith("loaded:  screen: step-"), kept
    assert (tmp_path / "demo.workshop.json").exists()
