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
