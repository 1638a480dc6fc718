"""The full report and every team's handout of the realistic workshop (``realistic.py``:
10 teams × 8 members, 2,000 co-create cards in 40 clusters, 400 gap cards with
fishbones and 5-Why, 300 actions), exported as the facilitator does it, against fair
baselines measured in the same run.

Each round starts every variant as a new Python process (nothing warm from an earlier
run: imports, fonts, the document, the report all count), in an order that rotates from
round to round, and takes its wall time (start to exit) and its CPU time (the process
and its worker processes):

- ``workers``: ``workshop export SESSION --all-teams``, the command as shipped (worker
  processes on every core, a line per file);
- ``one process``: the same files made in one process by ``workshop.export.export``, as
  the command did before (what a thread in the app did too);
- ``plain reportlab``: reportlab alone setting the same text, in the same font: one
  Paragraph per block of text the export draws (paragraphs and table cells), in one
  document, no tables, no layout of ours. The cost of the text itself.

With ``--before SRC`` (another checkout's ``src``, e.g. ``git worktree add /tmp/before
main``), a fourth variant, ``workers before``, runs the same command with that code in
the same rounds: the change measured against the code before it, interleaved.

Prints the median and the spread (min–max over the rounds), the ratios of the medians,
when the first and the last file of the ``workers`` export were written, the machine's
load, and checks that ``workers`` and ``one process`` (and ``workers before``) wrote the
same files (pages and text). Not a test; run it by hand:

    .venv/bin/python bench/bench_pdf.py [--rounds 5] [--cards 2000] [--before SRC]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

ENV = {**os.environ, "PYTHONPATH": str(REPO / "src"), "LANG": "C.UTF-8"}

ONE_PROCESS = r"""
import sys
from pathlib import Path
from workshop.export import export
from workshop.store import load
result = export(load(Path(sys.argv[1])), "pdf", all_teams=True, out=Path(sys.argv[2]))
print(len(result.paths), "files")
"""

PLAIN_REPORTLAB = r"""
import json, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from xml.sax.saxutils import escape
spec = json.loads(open(sys.argv[1], encoding="utf-8").read())
pdfmetrics.registerFont(TTFont("CJK", spec["font"], subfontIndex=spec["subfont"]))
style = ParagraphStyle("p", fontName="CJK", fontSize=9, leading=13, wordWrap="CJK")
story = [Paragraph(escape(text), style) for text in spec["texts"]]
SimpleDocTemplate(sys.argv[2], pagesize=A4).build(story)
print(len(story), "paragraphs")
"""


def make_session(folder: Path, cards: int) -> Path:
    from realistic import build

    from workshop.store import Session

    path = folder / "realistic.workshop.json"
    Session.create(build(cards), path, overwrite=True).close()
    return path


def texts_of(flowables: list) -> list[str]:
    """Every block of text in `flowables`: paragraphs, and table cells (strings or
    flowables), in order."""
    from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

    out: list[str] = []
    for flow in flowables:
        if isinstance(flow, Paragraph):
            out.append(flow.getPlainText())
        elif isinstance(flow, KeepTogether):
            out += texts_of(flow._content)
        elif isinstance(flow, Table):
            for row in flow._cellvalues:
                for cell in row:
                    if isinstance(cell, str):
                        out += [cell] if cell.strip() else []
                    else:
                        items = cell if isinstance(cell, (list, tuple)) else [cell]
                        out += texts_of([c for c in items if isinstance(c, Flowable)])
    return [text for text in out if text.strip()]


def plain_spec(session: Path, folder: Path) -> Path:
    """The baseline's input: the font and every text block of the report and handouts."""
    from workshop.export.fonts import find_cjk_font, register_font
    from workshop.export.pdf import handout, report_story
    from workshop.export.pdf.styles import HANDOUT_MARGINS, make_styles
    from workshop.report import build_report
    from workshop.store import load

    report = build_report(load(session), "zh")
    font = find_cjk_font(lang="zh")
    if font.kind != "ttf":
        sys.exit("plain reportlab baseline needs a TrueType CJK font (fonts-wqy-zenhei)")
    name = register_font(font)
    cover, body = report_story(report, make_styles(name, "zh"))
    texts = texts_of(cover + body)
    styles = make_styles(name, "zh", width=HANDOUT_MARGINS.width)
    for team in report.teams:
        texts += texts_of(handout.story(report, team, styles))
    spec = folder / "plain.json"
    spec.write_text(json.dumps({"font": str(font.path), "subfont": font.subfont,
                                "texts": texts}, ensure_ascii=False), encoding="utf-8")
    return spec


def timed(args: list[str], env: dict[str, str] | None = None
          ) -> tuple[float, float, list[float]]:
    """Run `args`; its wall time, its CPU time (with its children), and when each line
    saying a file was written came (seconds from the start)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env or ENV, cwd=REPO, text=True)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        if ".pdf" in line:
            lines.append(time.perf_counter() - start)
    errors = process.stderr.read() if process.stderr else ""
    code = process.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        sys.exit(f"{args[:4]} failed ({code}):\n{errors}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, lines


def same_files(left: Path, right: Path) -> str:
    """"same" when both folders hold the same PDFs with the same pages and text (the
    report's "generated at" line aside), else what differs."""
    from pypdf import PdfReader

    names = sorted(p.name for p in left.glob("*.pdf"))
    if names != sorted(p.name for p in right.glob("*.pdf")):
        return "different files"
    for name in names:
        texts = []
        for folder in (left, right):
            pages = [page.extract_text() for page in PdfReader(folder / name).pages]
            texts.append([line for page in pages for line in page.splitlines()
                          if not line.startswith(("生成于", "Generated"))])
        if texts[0] != texts[1]:
            return f"{name} differs"
    return f"same ({len(names)} PDFs, pages and text)"


def spread(values: list[float]) -> str:
    return (f"{statistics.median(values):6.2f} s "
            f"({min(values):.2f}–{max(values):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--before", metavar="SRC",
                        help="another checkout's src: its export measured alongside")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        session = make_session(folder, args.cards)
        spec = plain_spec(session, folder)
        texts = len(json.loads(spec.read_text(encoding="utf-8"))["texts"])
        python = sys.executable
        variants = {
            "workers": lambda out: [python, "-m", "workshop", "export", str(session),
                                    "--all-teams", "--out", str(out)],
            "one process": lambda out: [python, "-c", ONE_PROCESS, str(session), str(out)],
            "plain reportlab": lambda out: [python, "-c", PLAIN_REPORTLAB, str(spec),
                                            str(out / "plain.pdf")],
        }
        envs: dict[str, dict[str, str]] = {}
        if args.before:
            variants["workers before"] = variants["workers"]
            envs["workers before"] = {**ENV, "PYTHONPATH": str(Path(args.before).resolve())}
        names = list(variants)
        walls: dict[str, list[float]] = {name: [] for name in names}
        cpus: dict[str, list[float]] = {name: [] for name in names}
        first: dict[str, list[float]] = {"workers": [], "workers before": []}
        last: dict[str, list[float]] = {"workers": [], "workers before": []}
        loads = [os.getloadavg()[0]]
        check = ""
        for round_ in range(args.rounds):
            order = names[round_ % len(names):] + names[:round_ % len(names)]
            for name in order:
                out = folder / f"out-{name.replace(' ', '-')}"
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir()
                wall, cpu, written = timed(variants[name](out), envs.get(name))
                walls[name].append(wall)
                cpus[name].append(cpu)
                if name in first and written:
                    first[name].append(written[0])
                    last[name].append(written[-1])
            if round_ == 0:
                check = same_files(folder / "out-workers", folder / "out-one-process")
                if args.before:
                    check += "; before: " + same_files(folder / "out-workers",
                                                       folder / "out-workers-before")
            loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    from realistic import TEAMS

    print(f"realistic workshop, {args.cards} co-create cards: report + "
          f"{len(TEAMS)} handouts; {args.rounds} rounds, fresh processes, {cores} cores, "
          f"load average {min(loads):.1f}–{max(loads):.1f}")
    print(f"  {'':18} {'wall: median (min–max)':>26}   {'CPU: median (min–max)':>26}")
    for name in names:
        print(f"  {name:18} {spread(walls[name]):>26}   {spread(cpus[name]):>26}")
    med = {name: statistics.median(walls[name]) for name in names}
    print(f"  workers / one process: {med['workers'] / med['one process']:.2f}× wall, "
          f"{statistics.median(cpus['workers']) / statistics.median(cpus['one process']):.2f}×"
          " CPU")
    if args.before:
        cpu = {name: statistics.median(cpus[name]) for name in names}
        print(f"  workers / workers before: {med['workers'] / med['workers before']:.2f}× wall, "
              f"{cpu['workers'] / cpu['workers before']:.2f}× CPU")
    print(f"  workers / plain reportlab ({texts} text blocks): "
          f"{med['workers'] / med['plain reportlab']:.2f}× wall")
    for name in (n for n in first if first[n]):
        print(f"  {name}: first file written after {statistics.median(first[name]):.2f} s, "
              f"the last after {statistics.median(last[name]):.2f} s (medians)")
    print(f"  files: {check}   (target: ≤ 4 s wall, a line per file)")


if __name__ == "__main__":
    main()
