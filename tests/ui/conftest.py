"""Fixtures for pilot tests: a session on disk and the app around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.scenario import load_scenario
from workshop.store import Session

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def session_path(tmp_path) -> Path:
    doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
    doc.room.step = "vision"
    path = tmp_path / "s.workshop.json"
    Session.create(doc, path).close()
    return path


@pytest.fixture
def make_app(session_path):
    """Build the app on a freshly opened session; closes the session afterwards."""
    from workshop.tui.app import WorkshopApp

    opened: list[Session] = []

    def build(**kwargs) -> WorkshopApp:
        session = Session.open(session_path)
        opened.append(session)
        return WorkshopApp(session=session, **kwargs)

    yield build
    for session in opened:
        session.close()


@pytest.fixture
def cocreate_app(tmp_path):
    """The app on a session made from `doc`, at step 4, the first team at the keyboard."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(doc, **kwargs) -> WorkshopApp:
        doc.room.step = "cocreate"
        doc.room.turn.team_id = doc.teams[0].id
        session = Session.create(doc, tmp_path / f"s{len(sessions)}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session, **kwargs)

    yield build
    for session in sessions:
        session.close()
