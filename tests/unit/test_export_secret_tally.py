"""Exports while phones' dots are secret: the report, the handouts and the Markdown show
what the projector shows (the strategies in the board's order, no dots, and that the
tally is not shown yet), so a page printed or projected before the reveal does not give
the vote away. Once the facilitator shows the tally, the next export has the dots."""

from __future__ import annotations

from pathlib import Path

from pdftools import pdf_text
from phones_factory import vote_doc
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import phones as phone_edits
from workshop.edits import plan as plan_edits
from workshop.export import export
from workshop.report.plan import action_numbers


def squash(text: str) -> str:
    return "".join(text.split())


def secret_workshop():
    """Two strategies, board order 深耕县域渠道 then 攻大客户; three phone dots on the
    second, so the vote's order is the other way round; an action under each."""
    doc, first, second = vote_doc(teams=2, members=3)
    team = doc.teams[0]
    for member in team.members:
        cocreate_edits.vote(doc, second, team.id, member.id)
    phone_edits.show_tally(doc.room, "cocreate", False)
    for strategy, what in ((first, "走访县域经销商"), (second, "拜访大客户")):
        plan_edits.add_action(doc, what, strategy_id=strategy, team_id=team.id)
    return doc


def exported(doc, folder: Path) -> dict[str, str]:
    report = export(doc, "pdf", out=folder, lang="zh").paths[0]
    handouts = export(doc, "pdf", out=folder / "handouts", all_teams=True, lang="zh",
                      appendix=True).paths
    markdown = export(doc, "md", out=folder, lang="zh").paths[0]
    return {"report": squash(pdf_text(report)),
            "handout": squash(pdf_text(next(p for p in handouts
                                            if doc.teams[0].name in p.name))),
            "markdown": markdown.read_text("utf-8")}


def test_a_secret_tally_stays_secret_in_every_export(tmp_path):
    doc = secret_workshop()
    texts = exported(doc, tmp_path / "secret")
    rule = "投票：每人2票。匿名投票中：已投3票，结果未公布。"  # how many, not where
    assert rule in texts["report"]
    for where in ("report", "handout"):
        text = texts[where].replace(rule, "")
        assert "票数未公布" in text, where
        assert "按票数排序" not in text, where  # the plan's strategies say their order
        assert "3票" not in text, where  # the strategy's count
        # the board's order, not the vote's
        assert text.index("深耕县域渠道") < text.index("攻大客户"), where
    markdown = texts["markdown"]
    assert "匿名投票中：已投 3 票，结果未公布。" in markdown
    assert "策略模型（票数未公布，按归类先后）" in markdown
    assert "票数未公布" in markdown and "3 票" not in markdown.replace("已投 3 票", "")
    assert markdown.index("深耕县域渠道") < markdown.index("攻大客户")
    # the plan's numbers follow the projected order too: 1 is the board's first strategy
    numbers = action_numbers(doc)
    by_what = {a.what: numbers[a.id] for a in doc.plan.actions}
    assert by_what == {"走访县域经销商": 1, "拜访大客户": 2}


def test_once_the_tally_is_shown_the_export_has_the_dots_and_their_order(tmp_path):
    doc = secret_workshop()
    phone_edits.show_tally(doc.room, "cocreate", True)
    texts = exported(doc, tmp_path / "shown")
    for where in ("report", "handout"):
        text = texts[where]
        assert "票数未公布" not in text and "3票" in text, where
        assert text.index("攻大客户") < text.index("深耕县域渠道"), where
    assert "按票数排序" in texts["report"]
    assert "3 票" in texts["markdown"]
    numbers = action_numbers(doc)
    assert {a.what: numbers[a.id] for a in doc.plan.actions} == {"拜访大客户": 1,
                                                                 "走访县域经销商": 2}
