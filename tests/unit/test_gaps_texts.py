"""What the gaps views say, as plain functions of the document: a gap's badge and card,
the scoring line and the detail panel (the score the digits set, lit), the ranking's
summary, the fishbone's title and details, a 5-Why chain's title, origin and ladder."""

from __future__ import annotations

from factories import make_doc
from gaps_factory import add_gaps, fill_fishbone, full_gaps
from workshop.edits import gaps as edits
from workshop.methods.gaps import ranking
from workshop.model.gaps import GapCard
from workshop.tui.widgets.gaps import cause_texts, gap_texts


def lit(text, part: str) -> bool:
    """Whether `part` of the rich text is drawn reversed (lit)."""
    start = text.plain.index(part)
    return any(span.start <= start < span.end and "reverse" in str(span.style)
               for span in text.spans)


def test_a_badge_says_kind_scores_urgency_dots_key_and_merging():
    words = gap_texts.badge_words()
    card = GapCard(text="x", step="gaps", board="storm", kind="performance", cost=4,
                   strategic=5, urgency=3, key=True)
    assert gap_texts.badge(words, card, 20) == "业绩 · 4×5=20 · 急3 · ★关键"
    blank = GapCard(text="x", step="gaps", board="storm")
    assert gap_texts.badge(words, blank, None, suggested=True, merging=True) == \
        "未分类 · ?×? · ☆建议 · ⇢合并中"


def test_a_merged_gap_shows_every_text_and_every_team():
    doc = make_doc(teams=3)
    first, second = add_gaps(doc, ["拜访频次太低", "客户拜访不够"])
    edits.merge_gaps(doc, first, second)
    (card,) = doc.gaps.cards
    view = gap_texts.gap_card({t.id: t for t in doc.teams}, card, "b", prefix="1. ")
    assert view.text == "1. 拜访频次太低\n＋ 客户拜访不够"
    assert view.team == "济南队+青岛队" and view.badge == "b" and view.group == "storm"


def test_the_score_the_digits_set_is_lit_in_the_line_and_the_detail():
    line = gap_texts.scoring_line("strategic")
    assert lit(line, " 战略 ") and not lit(line, " 成本 ")
    assert "给「战略」打分" in line.plain
    doc = full_gaps(make_doc(teams=3), causes=1, subs=0)
    card = doc.gaps.cards[0]
    row = next(r for r in ranking.ranking(doc) if r.id == card.id)
    detail = gap_texts.gap_detail(doc, card, row, "urgency")
    assert "紧迫：4 ◀ 数字键给它打分" in detail.plain and lit(detail, "◀ 数字键")
    assert "成本：5\n" in detail.plain and "排名：第 1 名（得分 25）" in detail.plain
    assert "鱼骨图：6 个原因" in detail.plain
    assert gap_texts.gap_detail(doc, None, None, "cost").plain.startswith("选一张卡片")


def test_the_ranking_summary_warns_of_a_tie_at_the_cut():
    doc = make_doc(teams=2)
    ids = add_gaps(doc, ["a", "b", "c", "d"])
    for gap_id in ids:
        edits.set_score(doc, gap_id, "cost", 3)
        edits.set_score(doc, gap_id, "strategic", 3)
    doc.room.turn.team_id = doc.teams[1].id
    text = gap_texts.key_summary(doc, ranking.ranking(doc)).plain
    assert "青岛队 还剩 3 点" in text and "⚠" in text


def test_fishbone_title_and_details():
    doc = make_doc(teams=2)
    (gap_id,) = add_gaps(doc, ["两家 VIP 客户流失\n原因没有复盘"])
    edits.set_key(doc, gap_id, True)
    fish = fill_fishbone(doc, gap_id, causes=2, subs=1, roots=((0, 0),))
    card = doc.gaps.cards[0]
    title = cause_texts.fish_title(1, 3, card).plain
    assert title == "鱼骨图 2/3 ★关键 两家 VIP 客户流失 原因没有复盘"
    bone = fish.bones[0]
    assert cause_texts.bone_detail(bone).plain.startswith(f"{bone.label}  4 个原因")
    cause = bone.causes[0]
    cause.team_id = doc.teams[1].id
    edits.start_chain(doc, cause_id=cause.id)
    text = cause_texts.cause_detail(doc, bone, cause, 1)
    assert text.plain.startswith(f"{bone.label} › 第 1 层原因")
    assert "根本原因" in text.plain and "1 个子原因" in text.plain
    assert "五问链：问了 0 次" in text.plain and "青岛队" in text.plain
    assert text.plain.endswith(cause.text)
    drawn = cause_texts.drawn_bones(fish)
    assert [(c.text, c.level, c.root) for c in drawn[0].causes][:2] == [
        (cause.text, 1, True), (cause.children[0].text, 2, False)]


def test_a_chain_says_where_it_comes_from_and_what_it_still_needs():
    doc = make_doc(teams=2)
    (gap_id,) = add_gaps(doc, ["新品推迟上市三个月"])
    fish = fill_fishbone(doc, gap_id, causes=1, roots=())
    cause = fish.bones[1].causes[0]
    chain = edits.start_chain(doc, cause_id=cause.id)
    origin = cause_texts.origin(doc, chain)
    assert origin == f"来自鱼骨图 · {fish.bones[1].label} · 新品推迟上市三个月"
    link = edits.add_why(doc, chain.id, "研发排期被占用")
    edits.mark_root(doc, chain.id, link.id, reason="总部的事")
    chain.stop_reason = ""  # a root before the third why, with no reason: flagged
    title = cause_texts.why_title(0, 2, chain)
    assert title.plain == "五问链 1/2 未满三问：请说明原因" and lit(title, "未满三问")
    ladder = cause_texts.ladder(doc, chain)
    assert ladder.links == [(link.id, "为什么 1", "研发排期被占用")]
    assert ladder.root_index == 0 and ladder.next_label == "为什么 2"
    footer = [text for text, _style in ladder.footer]
    assert footer[0] == "深度 ●○○○○ 1 / 5"
    assert any("请按 x 写下为什么停在这里" in text for text in footer)
    free = edits.start_chain(doc, problem="会议太多")
    assert cause_texts.origin(doc, free) == ""
