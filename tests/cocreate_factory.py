"""Co-creation test data: a workshop with brainstorm cards, clusters, names and dots.

A module of its own (not conftest) so unit, pilot, snapshot and PDF tests share it.
"""

from __future__ import annotations

from factories import make_doc, odd_room_doc
from workshop.edits import cocreate as edits
from workshop.edits.cards import add_card
from workshop.model import Bone, Cause, Fishbone, GapCard, WhyChain, WhyLink, Workshop

IDEAS = [
    "每月拜访每家VIP客户一次",
    "建立客户分级档案",
    "举办VIP客户技术交流会",
    "参加两次行业展会",
    "展会期间办联谊座谈会",
    "新品上市前培训销售",
    "竞品降价时快速报价机制",
    "老客户转介绍奖励 [/oops] <b>&",
    "每周复盘拜访转化率",
    "售后服务48小时响应",
]

NAMES = ["建立VIP客户分级拜访制度", "办好技术交流会和行业展会", "提升销售团队的产品能力"]


def brainstormed(teams: int = 2, members: int = 3) -> Workshop:
    """Ten idea cards typed by the teams in turn, none clustered yet."""
    doc = make_doc(teams=teams, members=members)
    doc.cocreate.focus_question = "为了实现700万元的销售目标，我们要做的关键行动是什么？"
    ids = [team.id for team in doc.teams]
    for i, text in enumerate(IDEAS):
        add_card(doc, "cocreate", text, team_id=ids[i % len(ids)])
    doc.cocreate.phase = "brainstorm"
    return doc


def clustered(teams: int = 2, members: int = 3, *, named: bool = True) -> Workshop:
    """Three clusters (cards 0 1 8 · 2 3 4 · 5 9), cards 6 and 7 loose; named."""
    doc = brainstormed(teams, members)
    cards = [card.id for card in doc.cocreate.cards]
    edits.new_cluster(doc, [cards[0], cards[1], cards[8]])
    edits.new_cluster(doc, [cards[2], cards[3], cards[4]])
    edits.new_cluster(doc, [cards[5], cards[9]])
    if named:
        for cluster, name in zip(doc.cocreate.clusters, NAMES, strict=True):
            edits.name_cluster(doc, cluster.id, name)
    doc.cocreate.phase = "name" if named else "cluster"
    return doc


def voted(teams: int = 2, members: int = 3) -> Workshop:
    """The named clusters with dots: 展会 3, 拜访 2, 培训 1 (three dots per team)."""
    doc = clustered(teams, members)
    visits, shows, training = (k.id for k in doc.cocreate.clusters)
    first, second = doc.teams[0].id, doc.teams[1].id
    for cluster, team in [(shows, first), (shows, first), (visits, first),
                          (shows, second), (visits, second), (training, second)]:
        edits.vote(doc, cluster, team)
    doc.cocreate.phase = "vote"
    return doc


def with_gaps(doc: Workshop) -> Workshop:
    """Step 2's findings to pull in: a key gap with root causes, a 5-Why chain, TOWS
    ideas (one still hidden), and what is not to be pulled."""
    gap = GapCard(text="两家VIP客户流失，原因没有复盘", step="gaps", board="storm", key=True)
    doc.gaps.cards += [gap, GapCard(text="不是关键的差距", step="gaps", board="storm")]
    root = Cause(text="拜访计划靠个人习惯", root=True, team_id=doc.teams[0].id)
    nested = Cause(text="没有客户分级", children=[Cause(text="没人负责客户档案", root=True)])
    doc.gaps.fishbones.append(Fishbone(gap_id=gap.id, bones=[
        Bone(label="方法", causes=[root, Cause(text="不是根因")]),
        Bone(label="人员", causes=[nested])]))
    doc.gaps.whys.append(WhyChain(problem="新品推迟", links=[WhyLink(text="研发延期"),
                                                         WhyLink(text="需求变更没有评审")],
                                  root_index=1))
    add_card(doc, "gaps", "抓住新区域市场扩张机会", board="swot.SO", team_id=doc.teams[1].id)
    add_card(doc, "gaps", "优势 S 不是策略", board="swot.S")
    add_card(doc, "gaps", "用技术服务抵御低价竞争", board="swot.ST")
    add_card(doc, "gaps", "还没揭示的想法", board="swot.WO", hidden=True)
    return doc


def room(*, clusters: int = 11, named: bool = False, loose: int = 6,
         cards: int = 66) -> Workshop:
    """A real room: the eight odd-named teams of ``odd_room_doc`` (猛虎队 and 雄鹰队 at the
    keyboard first), 45 people (five teams of 6, three of 5), each team in its own colour,
    and 66 (`cards`) cards typed in turn; all but `loose` of them sorted round-robin into `clusters`
    clusters (card i into cluster i mod `clusters`), named ``策略1…`` when `named`."""
    from workshop.model import Cluster, Member

    doc = odd_room_doc()
    first = [team for team in doc.teams if team.name in ("猛虎队", "雄鹰队")]
    doc.teams = sorted(first, key=lambda team: team.name != "猛虎队") + [
        team for team in doc.teams if team not in first]
    colors = ["#e4572e", "#29335c", "#f3a712", "#669bbc", "#a8c686", "#8d5a97", "#00a6a6",
              "#c1292e"]
    for i, team in enumerate(doc.teams):
        team.color = colors[i]
        if i < 5:
            team.members.append(Member(name=f"{team.name[:2]}成员6"))
    doc.cocreate.focus_question = "为了实现700万元的销售目标，我们要做的关键行动是什么？"
    ids = [team.id for team in doc.teams]
    for i in range(cards):
        add_card(doc, "cocreate", f"{IDEAS[i % len(IDEAS)]}（{i + 1}）", team_id=ids[i % 8])
    doc.cocreate.clusters = [Cluster(name=f"策略{k + 1}" if named else "")
                             for k in range(clusters)]
    for i, card in enumerate(doc.cocreate.cards[:cards - loose]):
        if clusters:
            card.cluster_id = doc.cocreate.clusters[i % clusters].id
    doc.cocreate.phase = "name" if named else ("cluster" if clusters else "brainstorm")
    return doc
