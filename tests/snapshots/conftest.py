"""Snapshot fixtures: fixed scenario, a session in tmp_path, a fixed room."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from workshop import i18n
from workshop.edits.cards import add_card
from workshop.scenario import load_scenario
from workshop.store import Session

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch):
    """A focused input's cursor does not blink in a snapshot: a screenshot taken more than
    half a second after the last key (a busy machine) would catch it off."""
    from workshop.tui.app import WorkshopApp

    def focused(app, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    monkeypatch.setattr(WorkshopApp, "on_descendant_focus", focused, raising=False)


@pytest.fixture
def snapshot_app(tmp_path):
    """An app on the Shandong scenario at `step`, in `lang`, with a few cards."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(step: str = "gaps", lang: str = "zh", cards: bool = True, **kwargs) -> WorkshopApp:
        i18n.set_language(lang)
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = step
        doc.room.language = lang
        doc.meta.language = lang
        if cards:
            teams = [team.id for team in doc.teams]
            for i, text in enumerate(["两家 VIP 客户流失，原因没有复盘", "新品推迟上市三个月",
                                      "拜访计划靠个人习惯，没有标准 [/oops] <b>&",
                                      "竞品降价 10%，我们没有应对方案"]):
                add_card(doc, step, text, team_id=teams[i % len(teams)])
        path = tmp_path / f"snap-{step}-{lang}.workshop.json"
        session = Session.create(doc, path)
        sessions.append(session)
        return WorkshopApp(session=session, **kwargs)

    yield build
    for session in sessions:
        session.close()
