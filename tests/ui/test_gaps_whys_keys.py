"""The 5 Whys by keys: answering, editing, deleting, marking the root cause (and saying
why a chain stops early), starting chains from a gap, a cause or a typed problem, moving
between chains and deleting one — the document and the ladder checked after."""

from __future__ import annotations

from gaps_pilot import (
    answer_prompt,
    choices,
    choose,
    entry,
    entry_label,
    gaps_app,
    go_to_view,
    type_entry,
)

from gaps_factory import full_gaps
from uitools import record_notices, rendered_lines
from workshop.methods.gaps import ranking
from workshop.tui.widgets.gaps.why_ladder import WhyLadder

__all__ = ["gaps_app"]  # the fixture, imported for the tests below


def ladder(app) -> WhyLadder:
    return app.screen.query_one(WhyLadder)


def title(app) -> str:
    return str(app.screen.query_one("#why-title").render())


def one_chain(doc):
    """Full gaps with one chain: the first key gap's cause, four whys, root at the third."""
    full_gaps(doc, causes=1, subs=0)
    del doc.gaps.whys[1:]


async def test_a_five_why_chain_by_keys_asks_for_a_reason_when_it_stops_early(gaps_app):
    def prepare(doc):
        full_gaps(doc, causes=1, subs=0)
        doc.gaps.whys.clear()

    app = gaps_app(prepare)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "fishbone")
        cause = app.session.doc.gaps.fishbones[0].bones[0].causes[0]
        await pilot.press("down", "w")  # 5 Whys from this cause
        await pilot.pause()
        (chain,) = app.session.doc.gaps.whys
        assert chain.cause_id == cause.id and chain.problem == cause.text
        await type_entry(pilot, "没有客户拜访计划")
        await type_entry(pilot, "拜访计划没有纳入考核")
        ladder(app).focus()
        await pilot.press("end", "r")  # root at the second why: a reason is asked for
        await answer_prompt(pilot, "")
        assert app.session.doc.gaps.whys[0].root_index is None  # refused without one
        await pilot.press("r")
        await answer_prompt(pilot, "考核制度由总部决定")
        chain = app.session.doc.gaps.whys[0]
        assert chain.root_index == 1 and chain.stop_reason == "考核制度由总部决定"
        assert "停在这里的原因：考核制度由总部决定" in rendered_lines(ladder(app))
        await pilot.press("a")
        await answer_prompt(pilot, "考核只看月度销售额")
        await pilot.press("end", "r")  # the third why: no reason needed
        await pilot.pause()
        chain = app.session.doc.gaps.whys[0]
        assert [link.text for link in chain.links] == ["没有客户拜访计划", "拜访计划没有纳入考核",
                                                       "考核只看月度销售额"]
        assert chain.root_index == 2
        text = rendered_lines(ladder(app))
        assert "深度 ●●●○○ 3 / 5" in text and "根本原因：第 3 问" in text
        roots = [r.text for r in ranking.focus_inputs(app.session.doc).root_causes]
        assert "考核只看月度销售额" in roots
        await pilot.press("r")  # again on the root: unmarked
        await pilot.pause()
        assert app.session.doc.gaps.whys[0].root_index is None
        assert "根本原因：第" not in rendered_lines(ladder(app))


async def test_a_new_chain_from_a_typed_problem(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "whys")
        assert "还没有五问链" in rendered_lines(ladder(app))
        assert "→ 新的五问链" in entry_label(app)
        await type_entry(pilot, "会议太多")
        assert "→ 为什么 1？" in entry_label(app)
        await type_entry(pilot, "没人敢拒绝")
        (chain,) = app.session.doc.gaps.whys
        assert chain.problem == "会议太多" and [w.text for w in chain.links] == ["没人敢拒绝"]
        assert "→ 为什么 2？" in entry_label(app)
        assert "没人敢拒绝" in rendered_lines(ladder(app))


async def test_enter_edits_the_answer_or_the_problem(gaps_app):
    app = gaps_app(one_chain)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "whys")
        assert app.focused is ladder(app)
        await pilot.press("home", "down", "enter")  # the first answer
        await answer_prompt(pilot, "没有拜访计划 [/oops] <b>&")
        chain = app.session.doc.gaps.whys[0]
        assert chain.links[0].text == "没有拜访计划 [/oops] <b>&"
        assert "没有拜访计划 [/oops] <b>&" in rendered_lines(ladder(app))
        await pilot.press("home", "enter")  # the problem
        await answer_prompt(pilot, "客户经理不跟进")
        assert app.session.doc.gaps.whys[0].problem == "客户经理不跟进"
        assert "客户经理不跟进" in rendered_lines(ladder(app))


async def test_delete_removes_an_answer_and_the_root_stays_on_its_link(gaps_app):
    app = gaps_app(one_chain)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app)
        await go_to_view(pilot, "whys")
        before = app.session.doc.gaps.whys[0]
        root_text = before.links[before.root_index].text
        texts = [link.text for link in before.links]
        await pilot.press("home", "down", "delete")  # the first answer
        await pilot.pause()
        chain = app.session.doc.gaps.whys[0]
        assert [link.text for link in chain.links] == texts[1:]
        assert chain.links[chain.root_index].text == root_text
        assert any("Ctrl+Z" in notice for notice in notices)
        assert texts[0] not in rendered_lines(ladder(app))


async def test_x_writes_why_a_chain_stops(gaps_app):
    app = gaps_app(one_chain)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "whys")
        await pilot.press("x")
        await answer_prompt(pilot, "再往下是总部的事")
        assert app.session.doc.gaps.whys[0].stop_reason == "再往下是总部的事"


async def test_n_starts_chains_from_a_key_gap_a_cause_or_a_typed_problem(gaps_app):
    def prepare(doc):
        full_gaps(doc, causes=1, subs=0)
        doc.gaps.whys.clear()

    app = gaps_app(prepare)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app)
        doc = app.session.doc
        key = ranking.key_gaps(doc)[1].card
        cause = doc.gaps.fishbones[0].bones[1].causes[0]
        await go_to_view(pilot, "whys")
        await pilot.press("n")
        await pilot.pause()
        listed = choices(app)
        assert listed[0] == "输入一个新问题…"
        assert any(label.startswith("关键差距：") for label in listed)
        assert any(label.startswith("原因 · ") for label in listed)
        await choose(pilot, f"关键差距：{key.text[:10]}")
        assert app.session.doc.gaps.whys[-1].gap_id == key.id
        assert app.focused is entry(app) and "→ 为什么 1？" in entry_label(app)
        assert key.text in rendered_lines(ladder(app))
        ladder(app).focus()
        await pilot.press("n")
        await choose(pilot, cause.text[:12])
        chain = app.session.doc.gaps.whys[-1]
        assert chain.cause_id == cause.id and chain.problem == cause.text
        assert "来自鱼骨图" in rendered_lines(ladder(app))
        await pilot.press("ctrl+z", "ctrl+y")  # the undo names the cause, not its id
        await pilot.pause()
        assert any(f"已撤销：五问链：{cause.text[:10]}" in notice for notice in notices)
        assert app.session.doc.gaps.whys[-1].cause_id == cause.id
        ladder(app).focus()
        await pilot.press("n")
        await choose(pilot, "输入一个新问题")
        await answer_prompt(pilot, "会议太多")
        assert [c.problem for c in app.session.doc.gaps.whys][-1] == "会议太多"
        assert len(app.session.doc.gaps.whys) == 3
        assert "五问链 3/3" in title(app)


async def test_page_keys_and_l_move_between_chains_and_d_deletes_one(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(100, 30)) as pilot:
        whys = list(app.session.doc.gaps.whys)
        await go_to_view(pilot, "whys")
        assert "五问链 2/2" in title(app)  # the newest chain first
        assert whys[1].problem in rendered_lines(ladder(app))
        await pilot.press("pagedown")  # round to the first
        await pilot.pause()
        assert "五问链 1/2" in title(app) and whys[0].problem[:10] in rendered_lines(ladder(app))
        await pilot.press("pageup")
        await pilot.pause()
        assert "五问链 2/2" in title(app)
        await pilot.press("l")
        await choose(pilot, "1. ")
        assert "五问链 1/2" in title(app)
        first = app.session.doc.gaps.whys[0].id
        await pilot.press("d")
        await pilot.pause()
        assert [c.id for c in app.session.doc.gaps.whys] == [whys[1].id]
        assert first not in {c.id for c in app.session.doc.gaps.whys}
        assert "五问链 1/1" in title(app)
        await pilot.press("home", "delete")  # Delete on the problem deletes the chain too
        await pilot.pause()
        assert app.session.doc.gaps.whys == []
        assert "还没有五问链" in rendered_lines(ladder(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.session.doc.gaps.whys) == 1
