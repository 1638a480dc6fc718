"""Step 2 test data: a gap storm, key gaps, full fishbones, 5-Why chains, PEST and SWOT.

The fishbone texts are 40-character Chinese causes (the issue's limit), each one
different so a test can find every one of them in a PDF or on the screen.
"""

from __future__ import annotations

from workshop.edits import cards as card_edits
from workshop.edits import gaps as edits
from workshop.methods.gaps import ranking
from workshop.model import Workshop

GAPS = ["两家 VIP 客户流失，原因没有复盘", "新品推迟上市三个月", "拜访计划靠个人习惯，没有标准",
        "竞品降价 10%，我们没有应对方案", "经销商库存积压", "客户投诉响应慢",
        "新人培训不足 [/oops] <b>&"]

_SUBJECTS = ["客户经理", "区域主管", "销售助理", "经销商", "物流部门", "市场部", "财务审批", "新人"]
_PROBLEMS = ["跟进不及时导致商机流失", "没有统一标准造成执行走样", "信息不透明使得决策拖延",
             "考核只看结果缺少过程管理", "资源分配不均拖慢了重点项目"]


def cause_text(bone: int, cause: int, length: int = 40) -> str:
    """A distinct Chinese cause of exactly `length` characters."""
    head = f"{_SUBJECTS[(bone + cause) % len(_SUBJECTS)]}{bone + 1}{cause + 1}号"
    body = head + _PROBLEMS[cause % len(_PROBLEMS)] + "，" + _PROBLEMS[(bone + cause + 2)
                                                                     % len(_PROBLEMS)]
    while len(body) < length:
        body += "并且" + _PROBLEMS[(bone * 3 + cause) % len(_PROBLEMS)]
    return body[:length]


def sub_text(bone: int, cause: int, sub: int) -> str:
    return f"子因{bone + 1}.{cause + 1}.{sub + 1}：{_SUBJECTS[sub % len(_SUBJECTS)]}人手不够"


def add_gaps(doc: Workshop, texts: list[str] = GAPS) -> list[str]:
    ids = []
    for i, text in enumerate(texts):
        team = doc.teams[i % len(doc.teams)].id if doc.teams else None
        ids.append(card_edits.add_card(doc, "gaps", text, team_id=team).id)
    return ids


def score_gaps(doc: Workshop, ids: list[str]) -> None:
    scores = [(5, 5, 4), (4, 5, None), (3, 4, 2), (4, 3, None), (2, 2, None), (3, 2, 1)]
    for gap_id, (cost, strategic, urgency) in zip(ids, scores, strict=False):
        edits.classify(doc, gap_id, "performance" if cost > 3 else "opportunity")
        edits.set_score(doc, gap_id, "cost", cost)
        edits.set_score(doc, gap_id, "strategic", strategic)
        if urgency:
            edits.set_score(doc, gap_id, "urgency", urgency)


def fill_fishbone(doc: Workshop, gap_id: str, causes: int = 5, subs: int = 0,
                  length: int = 40, roots: tuple[tuple[int, int], ...] = ((0, 1), (3, 0))):
    """Give the gap's fishbone `causes` causes of `length` characters on every bone, each
    with `subs` sub-causes; mark the (bone, cause) pairs in `roots` as root causes."""
    fishbone = edits.ensure_fishbone(doc, gap_id)
    for b, bone in enumerate(fishbone.bones):
        for c in range(causes):
            cause = edits.add_cause(doc, fishbone.id, bone.id, cause_text(b, c, length))
            for s in range(subs):
                edits.add_cause(doc, fishbone.id, bone.id, sub_text(b, c, s), parent_id=cause.id)
            if (b, c) in roots:
                edits.set_root(doc, fishbone.id, cause.id, True)
    return fishbone


def full_gaps(doc: Workshop, *, causes: int = 5, subs: int = 1) -> Workshop:
    """A gaps step as a room leaves it: scored gaps, three key gaps, a full fishbone for
    the first, a 5-Why chain to a root, one stopped early with a reason, PEST and SWOT."""
    ids = add_gaps(doc)
    score_gaps(doc, ids)
    edits.confirm_key_gaps(doc, ranking.suggested_key_ids(doc))
    first = ranking.key_gaps(doc)[0].id
    fishbone = fill_fishbone(doc, first, causes=causes, subs=subs)
    cause = fishbone.bones[0].causes[min(1, causes - 1)]
    chain = edits.start_chain(doc, cause_id=cause.id)
    for text in ("没有客户拜访计划", "拜访计划没有纳入考核", "考核只看月度销售额",
                 "年度目标没有分解到过程指标"):
        link = edits.add_why(doc, chain.id, text)
    edits.mark_root(doc, chain.id, chain.links[2].id)
    short = edits.start_chain(doc, gap_id=ids[1])
    link = edits.add_why(doc, short.id, "研发排期被总部项目占用")
    edits.mark_root(doc, short.id, link.id, reason="总部排期我们无法再追问")
    team = doc.teams[0].id if doc.teams else None
    for board, text in [("pest.P", "环保政策趋严"), ("pest.E", "区域经济增速放缓"),
                        ("pest.S", "客户更看重服务体验"), ("pest.T", "线上订货平台普及"),
                        ("swot.S", "品牌在山东认知度高"), ("swot.W", "新人比例高"),
                        ("swot.O", "县域市场空白"), ("swot.T", "竞品降价 10%"),
                        ("swot.SO", "借品牌优势开拓县域市场"), ("swot.ST", "用服务对冲降价"),
                        ("swot.WO", "县域市场用老带新培养新人"), ("swot.WT", "收缩低毛利渠道")]:
        card_edits.add_card(doc, "gaps", text, board=board, team_id=team)
    return doc
