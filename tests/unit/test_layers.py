"""The import-linter contracts in pyproject.toml hold: core never imports Textual, and
each layer (model ← methods ← edits/report ← export/store/scenario ← sessions ← tui ← cli)
imports only the layers below it. A broken contract fails with import-linter's report,
which names each offending import chain and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

LINT = """\
import sys
from importlinter import api  # noqa: F401  (configures import-linter on import)
from importlinter.application.use_cases import lint_imports
kept = lint_imports(config_filename="pyproject.toml", no_logo=True, cache_dir=None)
sys.exit(0 if kept else 1)
"""


def test_the_import_contracts_are_kept() -> None:
    # A process of its own: the graph is of this worktree's src, read from disk, and
    # import-linter's report comes back as text.
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1", "COLUMNS": "120"}
    result = subprocess.run([sys.executable, "-c", LINT], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout
