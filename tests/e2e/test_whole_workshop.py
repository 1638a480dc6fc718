"""One whole workshop, from the Shandong scenario to the printed handouts, driven only by
what a facilitator does at the keyboard.

The journey runs once per module (``day``): the app is opened on a session made from
``scenarios/shandong-sales.toml`` and every step is worked through with key presses
(and, for longer lines, a paste, as a terminal delivers pasted text). Nothing calls an
edit or a screen's method to make progress; the document and what widgets render are
only read, to check. Along the way the journey keeps what the screens showed at the
moments that matter (``day.seen``). Then the handouts are exported twice: from the app
(F8) and with ``workshop export SESSION --all-teams``; the tests read the PDFs with
pypdf, and reopen the session file to find everything still there.
"""

from __future__ import annotations

import asyncio
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.widgets import OptionList, Static

from pdftools import page_texts as read_pages
from uitools import settle
from workshop import cli, i18n
from workshop.methods import charter as charter_method
from workshop.methods.gaps import ranking
from workshop.methods.plan.readiness import check_plan
from workshop.scenario import load_scenario
from workshop.store import Session, load

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "shandong-sales.toml"
SIZE = (120, 40)

# What the room types, step by step (short, as cards are; CJK keys are typed one by one).
REVIEW_GOAL = "2026年新品上市2款"
REVIEW_CARDS = {"highlight": "展会签约8家", "improve": "拜访不规律", "success": "老客户信任",
                "failure": "新品推迟", "lesson": "事事有人负责"}
VISION_CARDS = ("每家VIP客户每月见到我们", "新品进入青岛十家客户")
VAGUE_GOAL = "提高烟台销售额"
GOAL = "2027年12月31日前烟台市场新客户销售额达到30万元"
VISION = "山东区每家VIP客户都把我们当作首选伙伴"
GAPS = ("VIP拜访不规律", "新品上市推迟", "渠道覆盖不足", "展会没有跟进")
CAUSE = "拜访计划没人检查"
WHYS = ("主管不看拜访记录", "没有拜访记录表", "没人规定要填", "流程只管销售额", "考核只看结果")
SLOGAN = "烟台必胜"
COMMITMENTS = ("每周拜访5家VIP", "每天开早会", "记录当天录入", "每月一场活动", "每周开发2家新客")
REWARD = "全员达成去海边"
PENALTY = "迟到发红包"
FOCUS = "为了实现700万元我们明年要做的关键行动是什么"
IDEAS = ("VIP客户拜访日", "拜访记录APP", "新品体验会", "新品样品进店", "开发县级经销商",
         "线上旗舰店")
STRATEGIES = ("每月拜访VIP客户", "推动新品进店", "拓展新的渠道")
JINAN_ACTION = "每周两次县级经销商走访"
QINGDAO_ACTION = "青岛新品体验会每季一场"
QUESTIONS = ("拜访记录APP谁来开发", "新品进店需要多少预算")
ANSWER = "冯雪牵头外包开发"
CLOSING = "今年我们一起把700万元拿下"
TAKEAWAYS = ("目标要分解到每一天", "做我所写写我所做")


# -- reading what the screen shows --------------------------------------------------------

def text_of(widget) -> str:
    """What a widget shows, as plain text: an option list's options, a Static's content,
    else the lines the widget renders on screen."""
    if isinstance(widget, OptionList):
        console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
        for option in widget.options:
            console.print(option.prompt)
        return console.export_text()
    if isinstance(widget, Static) and widget.size.height == 0:
        return ""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


@functools.cache
def page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF (read once: several tests look at each file)."""
    return read_pages(path)


def squeeze(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines and spaces CJK freely."""
    return re.sub(r"\s+", "", text)


# -- the facilitator's hands --------------------------------------------------------------

async def type_keys(pilot, text: str) -> None:
    """Type `text` key by key into whatever has the focus."""
    await pilot.press(*text)


async def paste(pilot, text: str) -> None:
    """Paste `text`, as a terminal delivers it (one bracketed paste, to the focus)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


@dataclass
class Day:
    """What the journey leaves behind for the tests."""

    folder: Path
    session_path: Path
    app_exports: list[Path] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)


async def review(pilot, day: Day) -> None:
    app = pilot.app
    assert app.screen.step == "review"
    # Tab to last year's goals: add one by the form, then set its outcome by one key
    await pilot.press("tab", "a")
    await paste(pilot, REVIEW_GOAL)
    await pilot.press("tab")
    await paste(pilot, "新品推迟到2027年")  # the note
    await pilot.press("tab")
    await type_keys(pilot, "款")  # unit
    await pilot.press("tab", "tab", "2", "tab", "1", "enter")  # (outcome later) target, actual
    await pilot.press("3")  # missed
    day.seen["review.goals"] = text_of(app.screen.query_one("#review-goal-list"))
    # back to typing: a card on each of the five boards, ctrl+b moves on
    await pilot.press("escape")
    for text in REVIEW_CARDS.values():
        await paste(pilot, text)
        await pilot.press("enter", "ctrl+b")
    day.seen["review.board"] = text_of(app.screen.query_one("#board"))


async def vision(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "vision"
    # vision cards, two teams in turn
    await type_keys(pilot, VISION_CARDS[0])
    await pilot.press("enter", "f4")
    await paste(pilot, VISION_CARDS[1])
    await pilot.press("enter")
    # the goals panel: a sub-goal of the company goal, checked by SMART as it is typed
    await pilot.press("ctrl+n", "c")
    await type_keys(pilot, VAGUE_GOAL)
    day.seen["vision.smart_vague"] = text_of(app.screen.query_one("#smart-live"))
    await pilot.press("ctrl+u")
    await paste(pilot, GOAL)
    for value in ("新客户销售额", "万元", "24", "", "30", "", "2027-12-31"):
        await pilot.press("tab")
        if value:
            await paste(pilot, value)
    await pilot.press("tab", "tab", "enter", "down", "down", "down", "enter")  # team: 烟台队
    day.seen["vision.smart_good"] = text_of(app.screen.query_one("#smart-live"))
    await pilot.press("tab", "enter")  # Enter in a text field saves the form
    day.seen["vision.goal_tree"] = text_of(app.screen.query_one("#goal-tree"))
    # the shared vision: drafted from the cards, then the room agrees
    await pilot.press("1", "tab", "tab", "s")
    await paste(pilot, VISION)
    await pilot.press("ctrl+j", "g")
    day.seen["vision.statement"] = text_of(app.screen.query_one("#statement"))
    # the cascade: the first quarter's weight up one step; the parts still add up
    await pilot.press("3", "+")
    day.seen["vision.cascade"] = text_of(app.screen.query_one("#cascade-table"))
    day.seen["vision.cascade_header"] = text_of(app.screen.query_one("#cascade-header"))
    # undo and redo the weight: the notice names it, the document follows
    await pilot.press("ctrl+z")
    day.seen["vision.cascade_undone"] = text_of(app.screen.query_one("#cascade-table"))
    await pilot.press("ctrl+y")


async def gaps(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "gaps"
    # the card storm, in turn: 青岛队, 烟台队, 济南队, 青岛队
    for text in GAPS:
        await paste(pilot, text)
        await pilot.press("enter", "f4")
    # classify on the board, then score down the column: every cost, then (s) every
    # strategic impact; each score moves the cursor on
    await pilot.press("tab", "home")
    await pilot.press("p", "down", "o", "down", "p", "down", "o", "home")
    await pilot.press("4", "3", "5", "2", "s", "home", "5", "4", "5", "2")
    day.seen["gaps.storm"] = text_of(app.screen.query_one("#storm-board"))
    # the key gaps: confirm the suggested top three
    await pilot.press("ctrl+n", "c")
    day.seen["gaps.key"] = text_of(app.screen.query_one("#key-board"))
    # the fishbone of the top gap: a cause on the first bone, marked as a root cause
    await pilot.press("home", "f", "a")
    await paste(pilot, CAUSE)
    await pilot.press("enter", "r")
    day.seen["gaps.fishbone"] = text_of(app.screen.query_one("#fishbone"))
    # five whys from that cause, typed in the entry; the last answer is the root
    await pilot.press("w")
    for text in WHYS:
        await paste(pilot, text)
        await pilot.press("enter")
    await pilot.press("tab", "end", "r")
    day.seen["gaps.whys"] = text_of(app.screen.query_one("#why-ladder"))


async def charter(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "charter"
    day.seen["charter.tabs_before"] = text_of(app.screen.query_one("TeamTabs"))
    # the team whose turn it is (烟台队): five yeses, one key each
    await pilot.press(*"yyyyy")
    # the slogan (second line of the sheet)
    await pilot.press("home", "down", "enter")
    await type_keys(pilot, SLOGAN)
    await pilot.press("enter")
    # the commitments, member after member on the line at the bottom
    await pilot.press("down", "c")
    for text in COMMITMENTS:
        await paste(pilot, text)
        await pilot.press("enter")
    # a penalty and a reward (the lines above the last one)
    await pilot.press("end", "up", "a")
    await paste(pilot, PENALTY)
    await pilot.press("enter", "up", "up", "a")
    await paste(pilot, REWARD)
    await pilot.press("enter")
    day.seen["charter.sheet"] = text_of(app.screen.query_one("#charter-sheet"))
    day.seen["charter.tabs_after"] = text_of(app.screen.query_one("TeamTabs"))


async def cocreate(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "cocreate"
    # 1 the focus question, rewritten
    await pilot.press("e", "ctrl+u")
    await paste(pilot, FOCUS)
    await pilot.press("enter")
    day.seen["cocreate.focus"] = text_of(app.screen.query_one("#focus-question"))
    # 2 brainstorm in turn: two cards a team
    await pilot.press("ctrl+n")
    for i, idea in enumerate(IDEAS):
        await (type_keys if i == 0 else paste)(pilot, idea)
        await pilot.press("enter")
        if i % 2:
            await pilot.press("f4")
    # 3 cluster, pairs first: mark the first loose card, pair it with the next
    await pilot.press("ctrl+n")
    await settle(pilot, 2)
    for _ in range(3):
        await pilot.press("home", "space", "p")
        await settle(pilot, 2)
    day.seen["cocreate.clusters"] = text_of(app.screen.query_one("#board-cluster"))
    # 4 name each cluster, from the first; Enter names and goes on to the next
    await pilot.press("ctrl+n")
    await settle(pilot, 2)
    await pilot.press("home")
    for name in STRATEGIES:
        await pilot.press("enter")
        await paste(pilot, name)
        await pilot.press("enter")
        await settle(pilot, 2)
    # the first strategy is taken by 烟台队
    await pilot.press("home", "a", "down", "down", "enter")
    await settle(pilot, 2)
    # 5 vote: three dots a team, the turn hands itself on when a team's dots are used
    await pilot.press("ctrl+n")
    await settle(pilot, 2)
    await pilot.press("home", "+", "+", "shift+down", "+")  # 烟台队: 2 + 1
    await settle(pilot, 2)
    await pilot.press("home", "+", "shift+down", "+", "shift+down", "+")  # 济南队
    await settle(pilot, 2)
    await pilot.press("home", "shift+down", "+", "+", "+")  # 青岛队: all on the second
    await settle(pilot, 2)
    day.seen["cocreate.votes"] = text_of(app.screen.query_one("#board-vote"))
    # 6 the strategy model
    await pilot.press("ctrl+n")
    await settle(pilot, 2)
    day.seen["cocreate.model"] = text_of(app.screen.query_one("StrategyModel"))


async def plan(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "plan"
    # the plan of the team whose turn it is: F4 until 烟台队
    for _ in range(3):
        if "烟台队" in text_of(app.screen.query_one("#plan-summary")):
            break
        await pilot.press("f4")
    # actions from the first strategy's cards; the first is adopted by its second member
    await pilot.press("home", "down", "c", "a", "down", "enter")
    day.seen["plan.before"] = text_of(app.screen.query_one("#actions"))
    # readiness: the form gets a due date, a measure and a target (F10 saves); and who
    # checks it: the team's first member (strategy, owner, who checks, role, start, due)
    await pilot.press("enter", "tab", "tab", "tab", "right", "tab", "tab", "tab")
    await paste(pilot, "2027-06-30")
    await pilot.press("enter")
    await paste(pilot, "VIP月度拜访率")
    await pilot.press("enter")
    await type_keys(pilot, "100%")
    await pilot.press("f10")
    day.seen["plan.after"] = text_of(app.screen.query_one("#actions"))
    day.seen["plan.detail"] = text_of(app.screen.query_one("#plan-detail"))
    # the other teams write one action each and adopt it
    for action in (JINAN_ACTION, QINGDAO_ACTION):
        await pilot.press("f4", "home", "n")
        await paste(pilot, action)
        await pilot.press("enter", "a", "enter")
    await pilot.press("v")  # every team's plan
    day.seen["plan.all"] = text_of(app.screen.query_one("#actions"))


async def townhall(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "townhall"
    # 烟台队 presents (→ moves on to the next team)
    for _ in range(3):
        if "烟台队" in text_of(app.screen.query_one("#th-title")):
            break
        await pilot.press("right")
    await pilot.press("p")  # presentation mode
    day.seen["townhall.presenting"] = text_of(app.screen.query_one("#th-plan"))
    # an expert asks (named), an executive asks
    await pilot.press("1")
    await paste(pilot, QUESTIONS[0])
    await pilot.press("tab", "tab")
    await type_keys(pilot, "李教授")
    await pilot.press("enter", "2")
    await paste(pilot, QUESTIONS[1])
    await pilot.press("enter")
    # the first question answered, and the plan changed in answer: action 2 gets an owner
    await pilot.press("tab", "home", "a")
    await paste(pilot, ANSWER)
    await pilot.press("enter", "c", "down", "enter", "tab", "tab", "right", "f10")
    day.seen["townhall.log"] = text_of(app.screen.query_one("#th-log"))
    # the leader signs off, with a note and a name
    await pilot.press("s", "tab")
    await paste(pilot, "同意按计划执行")
    await pilot.press("tab")
    await type_keys(pilot, "刘总")
    await pilot.press("enter")
    # the other two teams: 济南队 asked to revise, 青岛队 approved
    await pilot.press("p", "right", "s", "right", "tab")
    await paste(pilot, "补上预算")
    await pilot.press("enter", "right", "s", "f10")
    # the closing statement (总结陈词)
    await pilot.press("w")
    await paste(pilot, CLOSING)
    await pilot.press("f10")
    day.seen["townhall.status"] = text_of(app.screen.query_one("#th-status"))


async def summary(pilot, day: Day) -> None:
    app = pilot.app
    await pilot.press("f3")
    assert app.screen.step == "summary"
    for text in TAKEAWAYS:
        await paste(pilot, text)
        await pilot.press("enter", "f4")
    day.seen["summary.board"] = text_of(app.screen.query_one("#board"))
    day.seen["summary.results"] = text_of(app.screen.query_one("#summary-results"))


async def export_from_the_app(pilot, day: Day) -> None:
    """F8, then 'every team's handout' (the report comes with them)."""
    app = pilot.app
    await pilot.press("f8", "down", "enter")
    await app.workers.wait_for_complete()
    await settle(pilot, 2)
    folder = day.session_path.parent / "exports"
    day.app_exports = sorted(folder.glob("*.pdf"))


async def run_the_day(day: Day) -> None:
    from workshop.tui.app import WorkshopApp

    session = Session.open(day.session_path)
    try:
        app = WorkshopApp(session=session)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, 2)
            for step in (review, vision, gaps, charter, cocreate, plan, townhall, summary,
                         export_from_the_app):
                await step(pilot, day)
                await settle(pilot, 2)
            await pilot.press("ctrl+q")
    finally:
        session.close()


@pytest.fixture(scope="module")
def day(tmp_path_factory) -> Day:
    folder = tmp_path_factory.mktemp("workshop")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSHOP_DATA_DIR", str(folder / "data"))
        i18n.set_language("zh")
        path = folder / "shandong.workshop.json"
        Session.create(load_scenario(SCENARIO), path).close()
        day = Day(folder=folder, session_path=path)
        asyncio.run(run_the_day(day))
    return day


@pytest.fixture(scope="module")
def doc(day):
    return load(day.session_path)


def team_named(doc, name: str):
    team = doc.team_named(name)
    assert team is not None, name
    return team


# -- the steps, as the document and the screens have them ---------------------------------

def test_review(day, doc):
    goal = doc.review.goals[-1]
    assert (goal.statement, goal.note, goal.unit, goal.target, goal.actual, goal.outcome) == (
        REVIEW_GOAL, "新品推迟到2027年", "款", 2, 1, "missed")
    assert "没完成" in day.seen["review.goals"] and "50%" in day.seen["review.goals"]
    typed = {c.board: c.text for c in doc.review.cards if c.text in REVIEW_CARDS.values()}
    assert typed == REVIEW_CARDS
    for text in REVIEW_CARDS.values():
        assert text in day.seen["review.board"]


def test_vision(day, doc):
    jinan, qingdao, yantai = (team_named(doc, n) for n in ("济南队", "青岛队", "烟台队"))
    assert [(c.text, c.team_id) for c in doc.vision.cards] == [
        (VISION_CARDS[0], jinan.id), (VISION_CARDS[1], qingdao.id)]
    # the vague goal failed S and M while typed; the finished one passes all five
    vague = day.seen["vision.smart_vague"]
    assert "S ✗" in vague and "M ✗" in vague
    good = day.seen["vision.smart_good"]
    for letter in "SMART":
        assert f"{letter} ✓" in good, good
    goal = doc.vision.goals[-1]
    assert (goal.statement, goal.metric, goal.unit, goal.baseline, goal.target,
            str(goal.deadline), goal.parent_id, goal.team_id) == (
        GOAL, "新客户销售额", "万元", 24, 30, "2027-12-31", "shandong", yantai.id)
    assert "30万元" in day.seen["vision.goal_tree"]
    assert doc.vision.statement == VISION and doc.vision.agreed
    assert VISION in day.seen["vision.statement"]
    quarters = next(c for c in doc.vision.cascades if c.label == "按季度")
    assert [p.weight for p in quarters.parts] == [21, 25, 25, 30]  # redone after undo
    assert "146万元" in day.seen["vision.cascade"] and "208万元" in day.seen["vision.cascade"]
    assert "140万元" in day.seen["vision.cascade_undone"]
    assert "正好等于总数" in day.seen["vision.cascade_header"]


def test_gaps(day, doc):
    cards = {c.text: c for c in doc.gaps.cards}
    assert list(cards) == list(GAPS)
    assert [(cards[g].kind, cards[g].cost, cards[g].strategic) for g in GAPS] == [
        ("performance", 4, 5), ("opportunity", 3, 4), ("performance", 5, 5),
        ("opportunity", 2, 2)]
    assert "5×5=25" in day.seen["gaps.storm"]
    keys = [row.card.text for row in ranking.key_gaps(doc)]
    assert keys == ["渠道覆盖不足", "VIP拜访不规律", "新品上市推迟"]
    assert "★关键" in day.seen["gaps.key"]
    fish = ranking.fishbone_of(doc, cards["渠道覆盖不足"].id)
    assert fish is not None
    cause = fish.bones[0].causes[0]
    assert (cause.text, cause.root) == (CAUSE, True)
    assert CAUSE in day.seen["gaps.fishbone"]
    chain = doc.gaps.whys[-1]
    assert chain.cause_id == cause.id and chain.problem == CAUSE
    assert [link.text for link in chain.links] == list(WHYS)
    assert chain.root_index == 4
    assert "根本原因" in day.seen["gaps.whys"] and WHYS[-1] in day.seen["gaps.whys"]


def test_charter(day, doc):
    yantai = team_named(doc, "烟台队")
    charter = doc.charter.charter(yantai.id)
    assert charter is not None and charter_method.is_signed(charter, yantai)
    assert charter.slogan == SLOGAN
    assert [c.text for c in charter.commitments] == list(COMMITMENTS)
    assert all(c.commits for c in charter.commitments)
    assert (charter.rewards, charter.penalties) == ([REWARD], [PENALTY])
    assert "已签署" in day.seen["charter.sheet"]
    assert "烟台队 0/5" in day.seen["charter.tabs_before"]
    assert "烟台队 ✓" in day.seen["charter.tabs_after"]


def test_cocreate(day, doc):
    section = doc.cocreate
    assert section.focus_question == FOCUS
    assert FOCUS in squeeze(day.seen["cocreate.focus"])
    assert [c.text for c in section.cards] == list(IDEAS)
    by_cluster = {k.name: [c.text for c in section.cards if c.cluster_id == k.id]
                  for k in section.clusters}
    assert by_cluster == {STRATEGIES[0]: list(IDEAS[0:2]), STRATEGIES[1]: list(IDEAS[2:4]),
                          STRATEGIES[2]: list(IDEAS[4:6])}
    votes = {k.name: len(k.votes) for k in section.clusters}
    assert votes == {STRATEGIES[0]: 3, STRATEGIES[1]: 5, STRATEGIES[2]: 1}
    assert section.clusters[0].team_id == team_named(doc, "烟台队").id
    # the model: pillars in priority order, most dots first
    model = day.seen["cocreate.model"]
    order = [model.index(name) for name in (STRATEGIES[1], STRATEGIES[0], STRATEGIES[2])]
    assert order == sorted(order), model


def test_plan(day, doc):
    yantai, jinan, qingdao = (team_named(doc, n) for n in ("烟台队", "济南队", "青岛队"))
    actions = {a.what: a for a in doc.plan.actions}
    first, second = actions[IDEAS[0]], actions[IDEAS[1]]
    assert first.team_id == second.team_id == yantai.id
    assert doc.member(first.owner_id)[1].name == "冯雪"
    assert doc.member(first.checker_id)[1].name == "郑浩"
    assert (str(first.due), first.measure, first.target) == ("2027-06-30", "VIP月度拜访率",
                                                             "100%")
    readiness = check_plan(doc)
    assert readiness[first.id].ready
    assert "⚠" in day.seen["plan.before"] and "✓" in day.seen["plan.after"]
    assert "冯雪" in day.seen["plan.detail"] and "郑浩" in day.seen["plan.detail"]
    assert actions[JINAN_ACTION].team_id == jinan.id
    assert actions[QINGDAO_ACTION].team_id == qingdao.id
    assert doc.member(actions[JINAN_ACTION].owner_id)[1].name == "张伟"
    assert doc.member(actions[QINGDAO_ACTION].owner_id)[1].name == "赵磊"
    for what in (IDEAS[0], JINAN_ACTION, QINGDAO_ACTION):
        assert what in day.seen["plan.all"]


def test_townhall(day, doc):
    yantai, jinan, qingdao = (team_named(doc, n) for n in ("烟台队", "济南队", "青岛队"))
    asked = [(c.team_id, c.asker_kind, c.asker, c.question, c.answer, c.outcome)
             for c in doc.townhall.challenges]
    second = next(a for a in doc.plan.actions if a.what == IDEAS[1])
    assert asked == [
        (yantai.id, "expert", "李教授", QUESTIONS[0], ANSWER, "changed"),
        (yantai.id, "executive", "", QUESTIONS[1], "", "open")]
    assert doc.townhall.challenges[0].action_ids == [second.id]
    assert doc.member(second.owner_id)[1].name == "郑浩"  # changed in answer
    signed = {s.team_id: (s.decision, s.note, s.by) for s in doc.townhall.signoffs}
    assert signed == {yantai.id: ("approved", "同意按计划执行", "刘总"),
                      jinan.id: ("revise", "补上预算", "刘总"),
                      qingdao.id: ("approved", "", "刘总")}
    assert (doc.townhall.closing_statement, doc.townhall.closing_by) == (CLOSING, "刘总")
    assert QUESTIONS[0] in day.seen["townhall.log"] and ANSWER in day.seen["townhall.log"]
    assert IDEAS[0] in day.seen["townhall.presenting"]


def test_summary(day, doc):
    assert [c.text for c in doc.summary.cards] == list(TAKEAWAYS)
    for text in TAKEAWAYS:
        assert text in day.seen["summary.board"]
    assert CLOSING in day.seen["summary.results"]


# -- the printed pages ---------------------------------------------------------------------

def handout_of(paths: list[Path], team: str) -> Path:
    found = [p for p in paths if team in p.name]
    assert len(found) == 1, (team, [p.name for p in paths])
    return found[0]


def report_of(paths: list[Path]) -> Path:
    teams = ("济南队", "青岛队", "烟台队")
    found = [p for p in paths if not any(team in p.name for team in teams)]
    assert len(found) == 1, [p.name for p in paths]
    return found[0]


@pytest.fixture(scope="module")
def cli_exports(day) -> list[Path]:
    out = day.folder / "cli-exports"
    assert cli.main(["export", str(day.session_path), "--all-teams", "--out", str(out)]) == 0
    return sorted(out.glob("*.pdf"))


@pytest.fixture(scope="module", params=["app", "cli"])
def exported(request, day) -> list[Path]:
    if request.param == "app":
        return day.app_exports
    return request.getfixturevalue("cli_exports")


def check_handouts(doc, paths: list[Path]) -> None:
    assert len(paths) == 1 + len(doc.teams)  # the report and a handout per team
    for team in doc.teams:
        text = squeeze("\n".join(page_texts(handout_of(paths, team.name))))
        assert team.name in text
        for member in team.members:
            assert member.name in text, (team.name, member.name)
        for action in doc.plan.actions:
            owner = doc.member(action.owner_id)
            if action.team_id == team.id:
                assert squeeze(action.what) in text, (team.name, action.what)
                assert owner is not None and owner[1].name in text
                checker = doc.member(action.checker_id)
                assert checker is None or checker[1].name in text
            else:
                assert squeeze(action.what) not in text, (team.name, action.what)
        charter = doc.charter.charter(team.id)
        for pledge in charter.commitments if charter else []:
            assert squeeze(pledge.text) in text, (team.name, pledge.text)
        if team.name != "烟台队":
            for pledge in COMMITMENTS:
                assert squeeze(pledge) not in text
        signoff = next(s for s in doc.townhall.signoffs if s.team_id == team.id)
        decision = i18n.t(f"decision.{signoff.decision}", "zh")
        assert squeeze(i18n.t("pdf.handout.decision_by", "zh", decision=decision,
                              by=signoff.by)) in text, (team.name, signoff)
        if signoff.note:
            assert squeeze(signoff.note) in text


def test_handouts(doc, exported):
    check_handouts(doc, exported)


def test_the_app_and_the_cli_print_the_same_pages(day, cli_exports):
    """Same files, same pages, same words (but for the minute each was made)."""
    def pages(paths: list[Path]) -> dict[str, list[str]]:
        stamp = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
        return {p.name: [stamp.sub("<time>", text) for text in page_texts(p)] for p in paths}

    assert pages(day.app_exports) == pages(cli_exports)


def test_the_full_report_has_every_step(exported):
    text = squeeze("\n".join(page_texts(report_of(exported))))
    headlines = [
        REVIEW_GOAL, REVIEW_CARDS["lesson"],                         # review
        VISION, VISION_CARDS[0], GOAL, "146",                         # vision and cascade
        *GAPS[:3], CAUSE, WHYS[-1],                                   # gaps
        SLOGAN, *COMMITMENTS, REWARD, PENALTY,                        # charter
        FOCUS, *STRATEGIES, *IDEAS,                                   # co-create
        IDEAS[0], JINAN_ACTION, QINGDAO_ACTION, "冯雪", "VIP月度拜访率",  # plan
        *QUESTIONS, ANSWER, CLOSING, "补上预算",                       # town hall
        *TAKEAWAYS,                                                   # summary
    ]
    missing = [h for h in headlines if squeeze(h) not in text]
    assert not missing


def test_reopened_the_session_holds_everything(day, doc):
    """The session file, opened again as the next run of the app would, is the document
    the journey left; its backups are there too."""
    session = Session.open(day.session_path)
    try:
        again = session.doc
        assert again.model_dump(exclude={"room"}) == doc.model_dump(exclude={"room"})
        assert again.room.step == "summary"
        assert again.plan.actions and again.townhall.signoffs and again.summary.cards
    finally:
        session.close()
