"""The stepper's status after a change to one part of the document: only the steps that
read that part are worked out again (``progress.steps_touched``), and that is right
only if no other step's rule reads it. These tests hold the rules to that."""

from __future__ import annotations

import sys

import pytest

from factories import REPO
from workshop.edits import cards as card_edits
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
        before = session.changes_saved
        session.apply("add", card_edits.add_card, "cocreate", "新卡", board="idea")
        assert session.changes_saved == before + 1
        assert session.last_parts == {"cocreate", "updated_at"}
        session.undo()
        assert session.last_parts == {"cocreate", "updated_at"}
        session.apply("add", card_edits.add_card, "review", "回顾卡")
        assert session.last_parts == {"review", "updated_at"}
