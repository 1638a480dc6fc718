"""The stepper's status after a change to one part of the document: only the steps that
read that part are worked out again (``progress.steps_touched``), and that is right
only if no other step's rule reads it. These tests hold the rules to that."""

from __future__ import annotations

import sys

import pytest

from factories import REPO
from workshop.edits import cards as card_edits
from workshop.edits import room as room_edits
from workshop.methods import progress
from workshop.model import STEPS
from workshop.store import Session

sys.path.insert(0, str(REPO / "bench"))
from realistic import build


class Untouchable:
    """Stands in for a part of the document a rule must not read."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __getattr__(self, name: str):
        raise AssertionError(f"read {self.part}.{name}")

    def __iter__(self):
        raise AssertionError(f"read {self.part}")


@pytest.mark.parametrize("part", sorted({*progress.READ_BY_ONE, *progress.UNREAD}))
def test_no_other_step_reads_a_part_said_to_be_read_by_one(part: str) -> None:
    doc = build(cards=60, gap_cards=12, key_gaps=3, clusters=4, actions=12)
    doc.__dict__[part] = Untouchable(part)  # around the model's own __setattr__
    owner = progress.READ_BY_ONE.get(part)
    for step in STEPS:
        if step == owner or (part == "room" and step in progress.ROOM_DEPENDENT):
            continue
        progress.status_of(doc, step)  # raises if it reads the part


def test_steps_touched() -> None:
    assert progress.steps_touched(frozenset({"cocreate", "updated_at"})) == {"cocreate"}
    assert progress.steps_touched(frozenset({"room"})) == frozenset()
    assert progress.steps_touched(frozenset({"cocreate", "plan"})) is None
    assert progress.steps_touched(frozenset({"teams"})) is None


def test_a_session_says_which_parts_its_last_change_touched(tmp_path) -> None:
    path = tmp_path / "s.workshop.json"
    Session.create(build(cards=20, gap_cards=4, key_gaps=1, clusters=2, actions=4), path).close()
    with Session.open(path) as session:
        before = session.content_changes
        session.apply("add", card_edits.add_card, "cocreate", "新卡", board="idea")
        assert session.content_changes == before + 1
        assert session.last_content_change.parts() == {"cocreate", "updated_at"}
        session.update_room(room_edits.set_draft, "草稿")  # the room alone
        assert session.content_changes == before + 1
        session.undo()
        assert session.content_changes == before + 2
        assert session.last_content_change.parts() == {"cocreate", "updated_at"}
        session.apply("add", card_edits.add_card, "review", "回顾卡")
        assert session.last_content_change.parts() == {"review", "updated_at"}


class FakeApp:
    """What ``redraw.step_status`` reads of the app: its session and revision."""

    revision = 0


def test_the_stepper_after_each_change_is_what_working_everything_out_gives(
        tmp_path, monkeypatch) -> None:
    from workshop.edits import cocreate as cocreate_edits
    from workshop.tui import redraw

    path = tmp_path / "s.workshop.json"
    Session.create(build(cards=40, gap_cards=6, key_gaps=2, clusters=3, actions=6), path).close()
    whole = []
    monkeypatch.setattr(redraw, "work_out_status",
                        lambda doc: whole.append(1) or progress.step_status(doc))
    with Session.open(path) as session:
        app = FakeApp()
        app.session = session
        doc = session.doc
        cluster = doc.cocreate.clusters[0]
        changes = [
            lambda: session.apply("add", card_edits.add_card, "cocreate", "新卡", board="idea"),
            lambda: session.update_room(room_edits.set_draft, "草稿"),
            lambda: session.apply("rename", cocreate_edits.name_cluster, cluster.id, ""),
            lambda: session.undo(),
            lambda: session.apply("card", card_edits.add_card, "review", "回顾卡"),
            lambda: session.apply("move", cocreate_edits.move,
                                  [doc.cocreate.cards[-1].id], cluster.id),
        ]
        assert redraw.step_status(app, doc) == progress.step_status(doc)
        for change in changes:
            change()
            app.revision += 1
            assert redraw.step_status(app, doc) == progress.step_status(doc)
    # worked out whole: at first, after the draft (a room change: the count does not
    # move, so nothing says what changed) and after the review card; else cocreate's alone
    assert len(whole) == 3
