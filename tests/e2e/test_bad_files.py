"""Bad files, measured: every bad scenario and session file in the corpus, through
``validate``, ``new``, ``open`` and ``export`` of the real command, each run in a process
of its own without a terminal. Each run must end within 10 s with a non-zero exit, a
message that names the file and says what is wrong (a catalog text, not a traceback or
a bare OS error), and change nothing: no file is replaced, no session or export made.

Run ``pytest tests/e2e/test_bad_files.py -s`` to see the figures; ``-m slow`` adds the
same runs, each in a freshly started ``python -m workshop``.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from badfiles import REPAIRED, SCENARIOS, SESSIONS, BadFile
from cli_runs import Run, run_all

from workshop.i18n import catalog

pytestmark = pytest.mark.slow
COMMANDS = ("validate", "new", "open", "export")
TIMEOUT = 10.0
AS_ROOT = os.geteuid() == 0


def said(key: str) -> str:
    """The longest fixed part of catalog text `key` in English (placeholders cut out)."""
    pieces = re.split(r"\{[^}]*\}", catalog("en")[key])
    return max((piece.strip() for piece in pieces), key=len)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Everything in `folder`: kind, mode, size and content hash of each entry."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            digest = ""
            if stat.S_ISREG(info.st_mode) and info.st_size < 50_000_000 and (
                    info.st_mode & 0o444):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode),
                                                    stat.S_IMODE(info.st_mode),
                                                    info.st_size, digest)
    return found


@dataclass
class Case:
    kind: str
    """scenario or session"""
    bad: BadFile
    path: Path
    outputs: Path


def make_corpus(root: Path) -> list[Case]:
    cases = []
    for kind, corpus, suffix in (("scenario", SCENARIOS, ".toml"),
                                 ("session", SESSIONS, ".workshop.json")):
        for bad in corpus:
            if bad.root_reads_it and AS_ROOT:
                continue  # root reads a file without read permission: nothing to test
            home = root / kind / bad.name
            home.mkdir(parents=True)
            path = home / f"{bad.name}{suffix}"
            bad.make(path)
            cases.append(Case(kind, bad, path, root / "outputs" / kind / bad.name))
    return cases


def argv(command: str, case: Case) -> list[str]:
    out = case.outputs / command
    extra = {"new": ["--out", str(out / "new.workshop.json")], "export": ["--out", str(out)]}
    return [command, str(case.path), *extra.get(command, []), "--lang", "en"]


def expected(command: str, case: Case) -> tuple[str, ...]:
    if command == "open" and case.kind == "scenario":
        return ("store.file.scenario",)
    if command == "new" and case.kind == "session":
        return case.bad.new_says
    return case.bad.says


def problems_of(run: Run, command: str, case: Case) -> list[str]:
    found = []
    text = run.err + run.out
    if run.hung:
        return [f"hung ({run.seconds:.1f} s)"]
    if run.code == 0:
        found.append("exit 0")
    if "Traceback" in text:
        found.append("traceback")
    if str(case.path) not in run.err:
        found.append("file not named")
    keys = expected(command, case)
    if not any(said(key) in run.err for key in keys):
        found.append(f"not said: {' | '.join(keys)}")
    if case.outputs.exists() and any(case.outputs.rglob("*")):
        found.append("made " + ", ".join(p.name for p in case.outputs.rglob("*")))
    return found


def run_corpus(tmp_path: Path, *, fresh: bool) -> None:
    root = tmp_path.resolve()
    cases = make_corpus(root / "corpus")
    before = {case.path.parent: snapshot(case.path.parent) for case in cases}
    jobs = [(command, case) for case in cases for command in COMMANDS]
    runs = run_all([argv(command, case) for command, case in jobs],
                   [root for _ in jobs], timeout=TIMEOUT, fresh=fresh,
                   env={"WORKSHOP_DATA_DIR": str(root / "data"), "LANG": "C.UTF-8"})
    failures = []
    for (command, case), run in zip(jobs, runs, strict=True):
        for problem in problems_of(run, command, case):
            failures.append(f"{case.kind} {case.bad.name} · {command}: {problem}\n"
                            f"    {run.err.strip()[:300]}")
    for case in cases:
        if snapshot(case.path.parent) != before[case.path.parent]:
            failures.append(f"{case.kind} {case.bad.name}: its folder changed")
    scenarios = sum(case.kind == "scenario" for case in cases)
    slowest = max(runs, key=lambda run: run.seconds)
    print(f"\nbad files{' (fresh processes)' if fresh else ''}: {scenarios} scenarios + "
          f"{len(cases) - scenarios} sessions × {len(COMMANDS)} commands = {len(runs)} runs;"
          f" failures {len(failures)}; slowest {slowest.seconds:.2f} s "
          f"({' '.join(slowest.argv[:2])})"
          + ("; as root, the files without read permission were left out" if AS_ROOT else ""))
    assert scenarios >= 40 and len(cases) - scenarios >= 30
    assert not failures, "\n".join(failures)


def test_bad_files_are_refused_clearly_quickly_and_untouched(tmp_path):
    run_corpus(tmp_path, fresh=False)


def test_bad_files_in_fresh_processes(tmp_path, request):
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the same runs, each in a new python -m workshop (minutes): -m slow")
    run_corpus(tmp_path, fresh=True)


def test_repairable_sessions_load_repaired_and_are_left_as_they_are(tmp_path):
    root = tmp_path.resolve()
    paths = []
    for name, make, _ in REPAIRED:
        home = root / "corpus" / name
        home.mkdir(parents=True)
        path = home / f"{name}.workshop.json"
        make(path)
        paths.append(path)
    before = [snapshot(path.parent) for path in paths]
    jobs = [(command, i) for i in range(len(paths)) for command in ("validate", "export",
                                                                     "open")]
    runs = run_all([[command, str(paths[i]), "--lang", "en",
                     *(["--out", str(root / "out" / str(i))] if command == "export" else [])]
                    for command, i in jobs], [root] * len(jobs), timeout=TIMEOUT,
                   env={"WORKSHOP_DATA_DIR": str(root / "data"), "LANG": "C.UTF-8"})
    failures = []
    for (command, i), run in zip(jobs, runs, strict=True):
        name, _, note = REPAIRED[i]
        text = run.err + run.out
        if run.hung or "Traceback" in text:
            failures.append(f"{name} · {command}: {'hung' if run.hung else 'traceback'}")
        elif command == "open":  # loads, then stops: no terminal here
            if run.code != 1 or said("cli.needs_terminal") not in run.err:
                failures.append(f"{name} · open: {run.err.strip()[:200]}")
        elif run.code != 0:
            failures.append(f"{name} · {command}: exit {run.code}: {run.err.strip()[:200]}")
        elif command == "validate" and note and said(note) not in run.err:
            failures.append(f"{name} · validate: no note {note}: {run.err.strip()[:200]}")
    for path, seen in zip(paths, before, strict=True):
        if snapshot(path.parent) != seen:
            failures.append(f"{path.name}: its folder changed")
    print(f"\nrepairable sessions: {len(paths)} × 3 commands = {len(runs)} runs; "
          f"failures {len(failures)}")
    assert not failures, "\n".join(failures)
