"""Run the real ``workshop`` command many times, fast, each run in a process of its own.

Starting Python and loading the command costs half a second, and a corpus of bad files
needs hundreds of runs. A driver process loads ``workshop.cli`` (and what it loads on
first use) once, then forks a child per run: the child takes the run's folder, its
standard input from ``/dev/null`` (no terminal, as in a script), its output into files,
and calls the command's ``main`` as ``python -m workshop`` would (a traceback printed and
exit status 1 for an uncaught exception, the exit handlers run). With ``fresh=True``
each child execs a new ``python -m workshop`` instead: the same runs, the slow way.

A run that takes longer than its timeout is killed and reported as a hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

DRIVER = r'''
import atexit, json, os, sys, time, signal, traceback
jobs_file, results_file = sys.argv[1], sys.argv[2]
fresh, workers = sys.argv[3] == "1", int(sys.argv[4])
if not fresh:
    from workshop import cli
    import workshop.scenario, workshop.export, workshop.export.pdf  # what runs load on first use
jobs = json.load(open(jobs_file, encoding="utf-8"))

def child(job):
    os.chdir(job["cwd"])
    for fd, path, flags in ((0, os.devnull, os.O_RDONLY),
                            (1, job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                            (2, job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):
        opened = os.open(path, flags, 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    if fresh:
        os.execv(sys.executable, [sys.executable, "-m", "workshop", *job["argv"]])
    code = 0
    try:
        code = cli.main(job["argv"])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code if isinstance(code, int) else 1)

results, waiting, running = [None] * len(jobs), list(range(len(jobs))), {}
while waiting or running:
    while waiting and len(running) < workers:
        index = waiting.pop(0)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            child(jobs[index])
        running[pid] = (index, time.monotonic())
    time.sleep(0.005)
    for pid, (index, started) in list(running.items()):
        done, status = os.waitpid(pid, os.WNOHANG)
        elapsed = time.monotonic() - started
        if done == 0 and elapsed > jobs[index]["timeout"]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            results[index] = {"code": None, "seconds": elapsed, "hung": True}
            del running[pid]
        elif done:
            code = os.waitstatus_to_exitcode(status)
            results[index] = {"code": code, "seconds": elapsed, "hung": False}
            del running[pid]
json.dump(results, open(results_file, "w", encoding="utf-8"))
'''


@dataclass
class Run:
    argv: list[str]
    cwd: Path
    code: int | None = None
    """Exit status; None when the run hung and was killed."""
    out: str = ""
    err: str = ""
    seconds: float = 0.0

    @property
    def hung(self) -> bool:
        return self.code is None


def run_all(argvs: list[list[str]], cwds: list[Path], *, timeout: float = 10.0,
            workers: int = 2, fresh: bool = False, env: dict[str, str] | None = None
            ) -> list[Run]:
    """Run ``workshop ARGV`` in each folder; their exit status, output and time."""
    work = Path(tempfile.mkdtemp(prefix="workshop-runs-"))
    jobs = []
    for i, (argv, cwd) in enumerate(zip(argvs, cwds, strict=True)):
        jobs.append({"argv": argv, "cwd": str(cwd), "timeout": timeout,
                     "stdout": str(work / f"{i}.out"), "stderr": str(work / f"{i}.err")})
    (work / "jobs.json").write_text(json.dumps(jobs), "utf-8")
    process_env = {**os.environ, **(env or {}), "PYTHONPATH": str(REPO / "src"),
                   "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-c", DRIVER, str(work / "jobs.json"),
                    str(work / "results.json"), "1" if fresh else "0", str(workers)],
                   env=process_env, check=True, timeout=timeout * len(jobs) + 120)
    results = json.loads((work / "results.json").read_text("utf-8"))
    runs = []
    for i, (argv, cwd) in enumerate(zip(argvs, cwds, strict=True)):
        result = results[i]
        runs.append(Run(argv, cwd, result["code"],
                        (work / f"{i}.out").read_text("utf-8", "replace"),
                        (work / f"{i}.err").read_text("utf-8", "replace"),
                        result["seconds"]))
    return runs
