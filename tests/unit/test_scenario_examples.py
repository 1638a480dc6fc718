"""The example scenarios: each loads, is complete enough to run a whole day, and says
what the method's worked case says."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from workshop import i18n
from workshop.model import Workshop
from workshop.scenario import load_scenario, load_spec

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLES = ("shandong-sales", "store-monthly", "brand-operations", "insurance-mdrt",
            "cost-reduction")
DAY_MINUTES = 390
"""9:00–12:00 and 13:30–17:00, as the method schedules a day."""


def load(name: str) -> Workshop:
    return load_scenario(SCENARIOS / f"{name}.toml")


def test_the_examples_are_all_there() -> None:
    assert sorted(p.stem for p in SCENARIOS.glob("*.toml")) == sorted(EXAMPLES)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_is_complete(name: str, lang: str) -> None:
    i18n.set_language(lang)  # loading does not depend on the message language
    path = SCENARIOS / f"{name}.toml"
    spec, source = load_spec(path)
    doc = load_scenario(path)

    assert source.startswith("#"), "a comment header says which case it comes from"
    header = source.split("\n\n", 1)[0]
    assert "取自" in header or "From the method" in header

    assert 3 <= len(doc.teams) <= 5
    for team in doc.teams:
        assert 4 <= len(team.members) <= 6, team.name
        assert all(m.name for m in team.members)
        assert sum(1 for m in team.members if m.role) >= 4, team.name

    assert spec.agenda, "an agenda"
    assert sum(doc.agenda.values()) <= doc.meta.days * DAY_MINUTES
    assert doc.meta.title and doc.meta.date and doc.meta.facilitator

    goals = doc.vision.goals
    assert len(goals) >= 3
    assert any(g.parent_id for g in goals), "parent links"
    root = goals[0]
    assert root.parent_id is None
    assert root.baseline is not None and root.target is not None and root.deadline
    assert all(g.deadline for g in goals)
    assert any(g.team_id for g in goals), "teams own goals"

    assert doc.vision.cascades
    assert {c.goal_id for c in doc.vision.cascades} <= {g.id for g in goals}
    assert len(doc.review.goals) >= 3
    assert {g.outcome for g in doc.review.goals} >= {"missed", "exceeded", "lost"}
    assert doc.gaps.bone_labels
    assert doc.cocreate.focus_question


def test_shandong_case() -> None:
    doc = load("shandong-sales")
    shandong = doc.goal("shandong")
    assert (shandong.floor, shandong.target, shandong.unit) == (560, 700, "万元")
    # the planning formula gives the target: 560 × (1 + 15 %) × 1.087 ≈ 700
    assert shandong.baseline * (1 + shandong.growth) * shandong.factors == pytest.approx(700, 0.01)
    children = [g for g in doc.vision.goals if g.parent_id == "shandong" and g.unit == "万元"]
    assert sum(g.target for g in children) == 700


def weights(doc: Workshop, goal: str, label: str) -> list[float]:
    cascade = next(c for c in doc.vision.cascades if c.goal_id == goal and c.label == label)
    return [p.weight for p in cascade.parts]


def test_store_monthly_case() -> None:
    doc = load("store-monthly")
    assert doc.meta.language == "zh"
    assert doc.goal("store").target == 100000
    week = weights(doc, "store", "按周")
    day = weights(doc, "store", "按天")
    assert len(week) == 4 and len(set(week)) == 1  # 25,000 a week
    assert len(day) == 28 and len(set(day)) == 1  # 3,571 a day
    assert doc.goal("day").target == pytest.approx(100000 / 28, abs=1)
    person = next(c for c in doc.vision.cascades if c.goal_id == "store" and c.kind == "person")
    assert len({p.weight for p in person.parts}) > 1, "by capability, not equal"
    assert sum(p.weight for p in person.parts) == 100000
    assert all(p.member_id for p in person.parts)
    assert len(weights(doc, "day", "按时段")) >= 4  # the day split into time slots


def test_brand_operations_case() -> None:
    doc = load("brand-operations")
    assert [t.name for t in doc.teams] == ["品牌组", "媒体营运组", "产品营运组"]
    targets = {g.id: g.target for g in doc.vision.goals}
    assert (targets["franchise"], targets["self-built"], targets["media"]) == (270, 240, 252)
    for goal in ("franchise", "self-built", "media"):
        monthly = next(c for c in doc.vision.cascades if c.goal_id == goal and c.kind == "time")
        assert len(monthly.parts) == 12
        assert len({p.weight for p in monthly.parts}) > 1, "seasonal weights"
    owners = {doc.team(g.team_id).name for g in doc.vision.goals if g.team_id}
    assert owners == {"品牌组", "媒体营运组", "产品营运组"}, "every group has management goals"


def test_insurance_mdrt_case() -> None:
    doc = load("insurance-mdrt")
    assert doc.meta.language == "en"
    funnel = doc.vision.funnels[0]
    assert (funnel.target_value, funnel.average_value) == (1_000_000, 2000)
    assert funnel.stages == ["calls", "appointments", "meetings", "signings"]
    assert funnel.rates == [0.1, 0.5, 0.1]
    assert (funnel.weeks_per_year, funnel.days_per_week) == (50, 5)
    # the seed's arithmetic: 500 signings, 2 a day, 400 calls a day
    per_day = funnel.target_value / funnel.average_value / 50 / 5
    calls = per_day / funnel.rates[2] / funnel.rates[1] / funnel.rates[0]
    assert (per_day, calls) == (2, pytest.approx(400))
    feasible = doc.vision.funnels[-1]
    calls = (feasible.target_value / feasible.average_value / 50 / 5
             / feasible.rates[2] / feasible.rates[1] / feasible.rates[0])
    assert calls == pytest.approx(50)
    assert all(f.goal_id == "mdrt" for f in doc.vision.funnels)


def test_cost_reduction_case() -> None:
    doc = load("cost-reduction")
    company = doc.goal("company")
    assert (company.baseline - company.target) / company.baseline == pytest.approx(0.06)
    departments = {"采购部", "生产部", "物流部", "行政部"}
    assert {t.name for t in doc.teams} == departments
    by_department = next(c for c in doc.vision.cascades if c.kind == "unit")
    assert {doc.team(p.team_id).name for p in by_department.parts} == departments
    assert sum(p.weight for p in by_department.parts) == doc.goal("savings").target == 300

    def depth(goal_id: str | None) -> int:
        return 0 if goal_id is None else 1 + depth(doc.goal(goal_id).parent_id)

    assert max(depth(g.id) for g in doc.vision.goals) >= 4  # company → … → person
    assert any(p.member_id for c in doc.vision.cascades for p in c.parts), "down to people"


def test_demo_is_the_shandong_example() -> None:
    bundled = resources.files("workshop").joinpath("data/demo.toml").read_bytes()
    assert bundled == (SCENARIOS / "shandong-sales.toml").read_bytes(), (
        "src/workshop/data/demo.toml must be a copy of scenarios/shandong-sales.toml")
