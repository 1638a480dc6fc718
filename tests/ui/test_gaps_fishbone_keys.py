"""The fishbone by keys: causes and sub-causes added, edited, moved, arranged and marked as
root causes; bones added; fishbones paged through; the entry typing onto the bone the
cursor is on (Ctrl+B: the next bone) — the document and the drawing checked after."""

from __future__ import annotations

from gaps_pilot import (
    answer_prompt,
    choices,
    choose,
    entry,
    entry_label,
    gaps_app,
    go_to_view,
    shown_view,
    type_entry,
)

from gaps_factory import full_gaps
from uitools import record_notices, rendered_lines
from workshop.tui.widgets.gaps.fishbone import FishboneView

__all__ = ["gaps_app"]  # the fixture, imported for the tests below


def scored(doc):
    from gaps_factory import add_gaps, score_gaps

    score_gaps(doc, add_gaps(doc))
    doc.gaps.key_count = 1


def fishbone_causes(doc, index: int = 0):
    fish = doc.gaps.fishbones[index]
    return {bone.label: [(c.text, [s.text for s in c.children], c.root) for c in bone.causes]
            for bone in fish.bones}


def canvas(app) -> FishboneView:
    return app.screen.query_one(FishboneView)


def detail(app) -> str:
    return str(app.screen.query_one("#fish-detail").render())


def title(app) -> str:
    return str(app.screen.query_one("#fish-title").render())


async def test_build_a_fishbone_by_keys(gaps_app):
    app = gaps_app(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "key")
        await pilot.press("c")
        await go_to_view(pilot, "fishbone")
        assert app.focused is canvas(app)
        assert "客户" in detail(app)  # the cursor on the first bone
        # a: a cause on the selected bone (the first: 客户)
        await pilot.press("a")
        await answer_prompt(pilot, "客户经理跟进不及时")
        # s: a sub-cause under it
        await pilot.press("s")
        await answer_prompt(pilot, "新人多，不熟悉客户")
        # r: the cause above is a root cause
        await pilot.press("up", "r")
        # → the next bone; typing in the entry adds a cause there
        await pilot.press("right")
        await pilot.pause()
        assert "→ 鱼骨·产品" in entry_label(app)
        await type_entry(pilot, "新品资料过时 [/oops] <b>&")
        doc = app.session.doc
        assert fishbone_causes(doc)["客户"] == [
            ("客户经理跟进不及时", ["新人多，不熟悉客户"], True)]
        assert fishbone_causes(doc)["产品"] == [("新品资料过时 [/oops] <b>&", [], False)]
        # m: move the cause to another bone, chosen from a list
        await pilot.press("tab")
        assert app.focused is canvas(app)
        await pilot.press("m")
        assert "产品" not in choices(app)
        await choose(pilot, "渠道")
        causes = fishbone_causes(app.session.doc)
        assert causes["产品"] == [] and causes["渠道"][0][0] == "新品资料过时 [/oops] <b>&"
        # the drawing shows it literally
        assert "新品资料过时" in rendered_lines(canvas(app))
        # Delete removes the selected cause; Ctrl+Z brings it back
        await pilot.press("delete")
        await pilot.pause()
        assert fishbone_causes(app.session.doc)["渠道"] == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert fishbone_causes(app.session.doc)["渠道"][0][0] == "新品资料过时 [/oops] <b>&"
        # Enter edits the selected cause
        await pilot.press("down")  # from the bone's label to its cause
        await pilot.pause()
        assert "新品资料过时" in detail(app)
        await pilot.press("enter")
        await answer_prompt(pilot, "新品培训资料过时")
        assert fishbone_causes(app.session.doc)["渠道"][0][0] == "新品培训资料过时"
        assert "新品培训资料过时" in detail(app)


async def test_sub_cause_keys_and_shift_arrows_rearrange(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=2, subs=0))
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "fishbone")
        first, second = app.session.doc.gaps.fishbones[0].bones[0].causes
        await pilot.press("down", "down")  # the bone's label, its first cause, its second
        await pilot.pause()
        assert canvas(app).selected == ("cause", second.id)
        await pilot.press("ctrl+right")  # under the cause above
        await pilot.pause()
        bone = app.session.doc.gaps.fishbones[0].bones[0]
        assert [c.id for c in bone.causes] == [first.id]
        assert [c.id for c in bone.causes[0].children] == [second.id]
        await pilot.press("ctrl+left")  # back up a level
        await pilot.press("shift+up")  # and above its old parent
        await pilot.pause()
        bone = app.session.doc.gaps.fishbones[0].bones[0]
        assert [c.id for c in bone.causes] == [second.id, first.id]
        await pilot.press("shift+down")
        await pilot.pause()
        assert [c.id for c in app.session.doc.gaps.fishbones[0].bones[0].causes] == [
            first.id, second.id]
        await pilot.press("shift+right")  # onto the bone to the right
        await pilot.pause()
        fish = app.session.doc.gaps.fishbones[0]
        assert fish.bones[1].causes[-1].id == second.id
        assert canvas(app).selected == ("cause", second.id)


async def test_shift_arrows_keep_a_cause_on_its_side_of_the_spine(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(160, 40)) as pilot:
        await go_to_view(pilot, "fishbone")
        fish = app.session.doc.gaps.fishbones[0]
        top = (len(fish.bones) + 1) // 2  # bones above the spine
        last_above = fish.bones[top - 1].causes[0]
        for _ in range(top - 1):
            await pilot.press("right")
        await pilot.press("down")
        await pilot.pause()
        assert canvas(app).selected == ("cause", last_above.id)
        await pilot.press("shift+right")  # the next bone is below the spine: refused
        await pilot.pause()
        fish = app.session.doc.gaps.fishbones[0]
        assert [c.id for c in fish.bones[top - 1].causes] == [last_above.id]
        await pilot.press("shift+left")
        await pilot.pause()
        assert app.session.doc.gaps.fishbones[0].bones[top - 2].causes[-1].id == last_above.id


async def test_ctrl_b_types_onto_the_next_bone_and_b_adds_one(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(120, 36)) as pilot:
        await go_to_view(pilot, "fishbone")
        bones = [b.label for b in app.session.doc.gaps.fishbones[0].bones]
        await type_entry(pilot, "第一根骨上的原因")
        assert f"→ 鱼骨·{bones[0]}" in entry_label(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.focused is entry(app) and f"→ 鱼骨·{bones[1]}" in entry_label(app)
        await type_entry(pilot, "第二根骨上的原因")
        fish = app.session.doc.gaps.fishbones[0]
        assert fish.bones[0].causes[-1].text == "第一根骨上的原因"
        assert fish.bones[1].causes[-1].text == "第二根骨上的原因"
        for _ in range(len(bones) - 1):  # round the bones, back to the first
            await pilot.press("ctrl+b")
        await pilot.pause()
        assert f"→ 鱼骨·{bones[0]}" in entry_label(app)
        canvas(app).focus()
        await pilot.press("b")
        await answer_prompt(pilot, "政策")
        fish = app.session.doc.gaps.fishbones[0]
        assert fish.bones[-1].label == "政策"
        assert canvas(app).selected == ("bone", fish.bones[-1].id)
        assert "→ 鱼骨·政策" in entry_label(app)
        await pilot.press("enter")  # on a bone: rename it
        await answer_prompt(pilot, "政策法规")
        assert app.session.doc.gaps.fishbones[0].bones[-1].label == "政策法规"


async def test_page_keys_and_l_go_through_the_key_gaps_fishbones(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(120, 36)) as pilot:
        await go_to_view(pilot, "fishbone")
        from workshop.methods.gaps import ranking

        keys = [row.card.text for row in ranking.key_gaps(app.session.doc)]
        assert "鱼骨图 1/3" in title(app) and keys[0] in title(app)
        await pilot.press("pagedown")
        await pilot.pause()
        assert "鱼骨图 2/3" in title(app) and keys[1] in title(app)
        await pilot.press("pageup", "pageup")  # from the first, round to the last
        await pilot.pause()
        assert "鱼骨图 3/3" in title(app)
        await pilot.press("l")
        await pilot.pause()
        listed = choices(app)
        assert [label[:3] for label in listed] == ["1. ", "2. ", "3. "]
        assert all(text[:8] in label for text, label in zip(keys, listed, strict=True))
        await choose(pilot, "2. ")
        assert "鱼骨图 2/3" in title(app)


async def test_w_on_a_cause_starts_its_5_whys_and_r_needs_a_cause(gaps_app):
    def prepare(doc):
        full_gaps(doc, causes=1, subs=0)
        doc.gaps.whys.clear()

    app = gaps_app(prepare)
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app)
        await go_to_view(pilot, "fishbone")
        def roots():
            return [c.id for b in app.session.doc.gaps.fishbones[0].bones for c in b.causes
                    if c.root]

        before = roots()
        await pilot.press("r")  # on a bone: nothing to mark, and it says so
        await pilot.pause()
        assert roots() == before
        assert any("先选一个原因" in notice for notice in notices)
        cause = app.session.doc.gaps.fishbones[0].bones[0].causes[0]
        await pilot.press("down", "w")
        await pilot.pause()
        assert shown_view(app) == "whys"
        (chain,) = app.session.doc.gaps.whys
        assert chain.cause_id == cause.id and chain.problem == cause.text
        assert app.focused is entry(app) and "→ 为什么 1？" in entry_label(app)
