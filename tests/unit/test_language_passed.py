"""Reports and exports are in the language asked for, whatever the process language is.

``i18n.t()`` falls back to a process-wide language (the TUI's); the report, the methods
it calls and the exporters must never lean on it. An English report built while the
room's screen is in Chinese has no Chinese but the workshop's own text, and a Chinese
one built under English has no English word the Chinese catalog does not use itself.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from factories import SCENARIOS
from gaps_factory import full_gaps
from pdftools import pdf_text, require_cjk_font
from planning import ready_action, shandong, with_strategies
from workshop import i18n
from workshop.edits import cards as card_edits
from workshop.edits import charter as charter_edits
from workshop.edits import gaps as gap_edits
from workshop.edits import townhall as townhall_edits
from workshop.export import csv_export, markdown
from workshop.export.pdf import build_handout_pdf, build_report_pdf
from workshop.model import Action, Card, Cluster, Vote, Workshop
from workshop.report import build_report
from workshop.scenario import load_scenario

SRC = Path(__file__).resolve().parents[2] / "src" / "workshop"
CJK = re.compile(r"[\u3001-\u303f\u3400-\u9fff\uff00-\uffef]")
"""Han characters and CJK punctuation (not the ideographic space that indents sub-goals)."""
WORD = re.compile(r"[A-Za-z]{3,}")


def _charter_and_townhall(doc: Workshop, reward: str, question: str, answer: str) -> None:
    team = doc.teams[0]
    charter_edits.ensure(doc, team.id)
    charter_edits.add_item(doc, team.id, "rewards", reward)
    challenge = townhall_edits.add_challenge(doc, team.id, question)
    townhall_edits.update_challenge(doc, challenge.id, {"answer": answer, "outcome": "answered"})


@pytest.fixture(scope="module")
def chinese() -> Workshop:
    """A workshop through every step, its own text all Chinese (the Shandong case)."""
    i18n.set_language("zh")  # the labels the edits write into the document, as the room saw
    doc = full_gaps(with_strategies(shandong(), team_index=0))
    for n, what in enumerate(["VIP客户每月拜访一次", "建立月访客户统计表", "举办技术交流研讨会"]):
        ready_action(doc, what, member_index=n, strategy_index=n % 3).cadence = "weekly"
    _charter_and_townhall(doc, "完成季度目标全队聚餐", "县域市场的人手从哪里来？", "从济南抽调两人")
    return doc


@pytest.fixture(scope="module")
def english() -> Workshop:
    """A workshop through every step, its own text all English (the MDRT agency case)."""
    i18n.set_language("en")
    doc = load_scenario(SCENARIOS / "insurance-mdrt.toml")
    team = doc.teams[0]
    gap_ids = [card_edits.add_card(doc, "gaps", text, team_id=team.id).id for text in (
        "Too few calls a day", "Appointments fall through", "Average premium is low")]
    for gap_id, (cost, strategic) in zip(gap_ids, [(5, 5), (4, 3), (2, 4)], strict=True):
        gap_edits.classify(doc, gap_id, "performance")
        gap_edits.set_score(doc, gap_id, "cost", cost)
        gap_edits.set_score(doc, gap_id, "strategic", strategic)
    gap_edits.confirm_key_gaps(doc, gap_ids[:2])
    fishbone = gap_edits.ensure_fishbone(doc, gap_ids[0])
    for n, bone in enumerate(fishbone.bones):
        cause = gap_edits.add_cause(doc, fishbone.id, bone.id, f"Cause {n + 1}: no call list")
    gap_edits.set_root(doc, fishbone.id, cause.id, True)
    chain = gap_edits.start_chain(doc, gap_id=gap_ids[1])
    link = gap_edits.add_why(doc, chain.id, "Clients are not reminded the day before")
    gap_edits.mark_root(doc, chain.id, link.id, reason="The agency sets the schedule")
    for board, text in [("swot.S", "Strong brand"), ("pest.E", "Rates are rising")]:
        card_edits.add_card(doc, "gaps", text, board=board, team_id=team.id)
    for name, votes in [("Call blocks every morning", 4), ("Referral evenings", 2)]:
        cluster = Cluster(name=name, votes=[Vote(team_id=team.id)] * votes, team_id=team.id)
        doc.cocreate.clusters.append(cluster)
        doc.cocreate.cards.append(Card(text=f"Idea for {name}", step="cocreate", board="idea",
                                       team_id=team.id, cluster_id=cluster.id))
    for n, cluster in enumerate(doc.cocreate.clusters):
        doc.plan.actions.append(Action(
            what=f"Action {n + 1} of {cluster.name}", strategy_id=cluster.id, team_id=team.id,
            goal_id=doc.vision.goals[0].id, owner_id=team.members[n].id,
            start=dt.date(2027, 1, 4), due=dt.date(2027, 3, 31), measure="Calls a day",
            target="50", support="A quiet room", next_check=dt.date(2027, 1, 31),
            cadence="weekly"))
    _charter_and_townhall(doc, "Team dinner", "Who makes the calls on Fridays?", "We take turns")
    return doc


@pytest.fixture(params=["zh", "en"])
def case(request: pytest.FixtureRequest) -> tuple[str, Workshop]:
    """A language, and a workshop whose own text is in it."""
    return request.param, request.getfixturevalue("chinese" if request.param == "zh"
                                                  else "english")


def catalog_words(lang: str) -> set[str]:
    return {w.lower() for value in i18n.catalog(lang).values() for w in WORD.findall(value)}


def foreign_words(text: str, lang: str) -> list[str]:
    """Words in `text` from the language that is not `lang`, with a little context."""
    if lang == "en":
        found = CJK.finditer(text)
    else:
        # Chinese text has the Latin words its own catalog uses (SMART, PDCA, SWOT…);
        # the room's own text may have any (VIP)
        english = catalog_words("en") - catalog_words("zh")
        found = (m for m in WORD.finditer(text) if m.group().lower() in english)
    return sorted({text[max(0, m.start() - 20):m.end() + 20] for m in found})


def outputs(doc: Workshop, lang: str, tmp_path: Path) -> dict[str, str]:
    report = build_report(doc, lang)
    found = {"md": markdown.render(report), "csv": csv_export.render(doc, lang)}
    font = require_cjk_font()
    report_pdf, handout_pdf = tmp_path / f"{lang}-report.pdf", tmp_path / f"{lang}-handout.pdf"
    build_report_pdf(report, report_pdf, font)
    build_handout_pdf(report, doc.teams[0].id, handout_pdf, font)
    found["pdf"] = pdf_text(report_pdf) + pdf_text(handout_pdf)
    return found


def test_report_and_exports_have_no_word_of_the_process_language(
        case: tuple[str, Workshop], tmp_path: Path) -> None:
    lang, doc = case
    i18n.set_language("en" if lang == "zh" else "zh")
    for kind, text in outputs(doc, lang, tmp_path).items():
        assert not foreign_words(markdown.unescape(text), lang), kind


def test_report_and_exports_are_the_same_whatever_the_process_language(
        case: tuple[str, Workshop], tmp_path: Path) -> None:
    lang, doc = case
    seen = []
    for process in ("zh", "en"):
        i18n.set_language(process)
        texts = outputs(doc, lang, tmp_path)
        # the report is stamped when it is made; a minute may turn between the two
        seen.append({k: re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "", v) for k, v in texts.items()})
    assert seen[0] == seen[1]


def test_english_action_rhythm_while_the_room_is_in_chinese(english: Workshop) -> None:
    # The bug that made this test: "Weekly，下次 …" in an English plan.
    i18n.set_language("zh")
    plan = build_report(english, "en").step("plan")
    rhythms = [action.rhythm for action in plan.actions]
    assert rhythms and all(r.startswith("Weekly") and not CJK.search(r) for r in rhythms)


# -- the rule, in the code ------------------------------------------------------------------

CORE = ("report", "export", "methods")


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (func.id if isinstance(func, ast.Name)
                    else func.attr if isinstance(func, ast.Attribute) else "")
            yield name, node


def _names_lang(node: ast.Call, position: int) -> bool:
    return (len(node.args) > position or any(k.arg in ("lang", None) for k in node.keywords)
            or any(isinstance(a, ast.Starred) for a in node.args))


def test_every_catalog_lookup_in_core_names_its_language() -> None:
    unnamed = []
    for package in CORE:
        for path in sorted((SRC / package).rglob("*.py")):
            for name, node in _calls(ast.parse(path.read_text("utf-8"))):
                if name in ("t", "has", "lines") and not _names_lang(node, 1):
                    unnamed.append(f"{path.relative_to(SRC)}:{node.lineno} {name}()")
                if name in ("get_language", "set_language") and package != "methods":
                    unnamed.append(f"{path.relative_to(SRC)}:{node.lineno} {name}()")
    assert not unnamed, "\n".join(unnamed)


WORKSHOP_LANGUAGE = {"export/__init__.py export", "export/__init__.py export_checkin"}
"""Entry points where no language means the workshop's own (``doc.meta.language``)."""


def test_report_and_export_functions_require_a_language() -> None:
    optional = []
    for package in ("report", "export"):
        for path in sorted((SRC / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                args = node.args
                positional = args.posonlyargs + args.args
                with_defaults = positional[len(positional) - len(args.defaults):]
                with_defaults += [a for a, d in zip(args.kwonlyargs, args.kw_defaults,
                                                    strict=True) if d is not None]
                where = f"{path.relative_to(SRC)} {node.name}"
                if any(a.arg == "lang" for a in with_defaults) and where not in WORKSHOP_LANGUAGE:
                    optional.append(f"{where} (line {node.lineno})")
    assert not optional, "\n".join(optional)
