"""The check-in step as the room sees it: the store example after two weeks (22,000 and
24,000: behind), its actions, and the room view on the projector. Accept a change only
after looking at the SVG (``pytest --snapshot-update`` then open
``snapshot_report.html``)."""

from __future__ import annotations

import datetime as dt

import pytest

from checkin_factory import FEBRUARY, store
from workshop import i18n
from workshop.edits import checkin as edits
from workshop.model import Action
from workshop.store import Session

TYPED = [*"22000", "enter", *"24000", "enter", "up"]


@pytest.fixture
def checkin_app(tmp_path):
    from uitools import FakeTime
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(lang: str = "zh", **kwargs) -> WorkshopApp:
        i18n.set_language(lang)
        doc = store()
        doc.meta.language = doc.room.language = lang
        early, late = doc.teams[0], doc.teams[1]
        doc.plan.actions.append(Action(
            what="每天开店前10分钟晨会，公布当天目标3571元和时段目标", team_id=early.id,
            owner_id=early.members[0].id, checker_id=early.members[1].id,
            due=dt.date(2027, 2, 28), next_check=dt.date(2027, 2, 7), cadence="weekly"))
        doc.plan.actions.append(Action(
            what="每位顾客主动询问需求 [/oops] <b>&", team_id=late.id,
            owner_id=late.members[1].id, checker_role="店长", due=dt.date(2027, 3, 31)))
        checkin = edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY)
        edits.check_action(doc, checkin.id, doc.plan.actions[1].id, percent=30,
                           done="神秘顾客检查一次：询问率 80%")
        doc.room.step, doc.room.checkin_id = "checkin", checkin.id
        session = Session.create(doc, tmp_path / f"snap-checkin-{lang}-{len(sessions)}"
                                                  ".workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session, time_source=FakeTime(
            dt.datetime(2027, 2, 14, 10).timestamp()), **kwargs)

    yield build
    for session in sessions:
        session.close()


@pytest.mark.parametrize(("lang", "size"), [("zh", (80, 24)), ("zh", (200, 60)),
                                            ("en", (80, 24)), ("en", (200, 60))])
def test_checkin_actuals(snap_compare, checkin_app, lang, size):
    assert snap_compare(checkin_app(lang), terminal_size=size, press=TYPED)


@pytest.mark.parametrize(("lang", "size"), [("zh", (80, 24)), ("en", (200, 60))])
def test_checkin_actions(snap_compare, checkin_app, lang, size):
    assert snap_compare(checkin_app(lang), terminal_size=size, press=["ctrl+n"])


@pytest.mark.parametrize(("lang", "size"), [("zh", (80, 24)), ("zh", (200, 60))])
def test_checkin_room_view_on_the_projector(snap_compare, checkin_app, lang, size):
    assert snap_compare(checkin_app(lang, projector=True), terminal_size=size,
                        press=[*TYPED, "ctrl+n", "ctrl+n"])
