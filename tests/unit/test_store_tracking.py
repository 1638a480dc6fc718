"""The change tracker: every way of changing the document is seen, journaled and undone.

Each test makes a change through a session and checks that ``load`` gives the document
in memory, and that undo and redo give back the states before and after.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from factories import REPO, make_doc
from storetools import content, dump
from workshop.edits import cards as card_edits
from workshop.edits import room as room_edits
from workshop.model import Card, Model, Vote
from workshop.model import tracked as tracked_module
from workshop.store import Session, load
from workshop.store.paths import journal_path

sys.path.insert(0, str(REPO / "bench"))
from realistic import build

LIST_CHANGES: dict[str, Callable[[list], Any]] = {
    "append": lambda cards: cards.append(Card(text="新", step="cocreate")),
    "extend": lambda cards: cards.extend([Card(text="新1", step="cocreate"),
                                          Card(text="新2", step="cocreate")]),
    "+=": lambda cards: cards.__iadd__([Card(text="新", step="cocreate")]),
    "insert": lambda cards: cards.insert(1, Card(text="新", step="cocreate")),
    "remove": lambda cards: cards.remove(cards[2]),
    "pop": lambda cards: cards.pop(0),
    "clear": lambda cards: cards.clear(),
    "sort": lambda cards: cards.sort(key=lambda c: c.text, reverse=True),
    "reverse": lambda cards: cards.reverse(),
    "[i] =": lambda cards: cards.__setitem__(-1, Card(text="新", step="cocreate")),
    "[a:b] =": lambda cards: cards.__setitem__(slice(1, 3), [Card(text="新", step="cocreate")]),
    "[::2] =": lambda cards: cards.__setitem__(slice(None, None, 2),
                                               [Card(text=str(i), step="cocreate")
                                                for i in range(3)]),
    "del [i]": lambda cards: cards.__delitem__(1),
    "del [a:b]": lambda cards: cards.__delitem__(slice(0, 2)),
    "*=": lambda cards: cards.__imul__(2),
    "then edit the new card": lambda cards: (cards.append(Card(text="新", step="cocreate")),
                                             setattr(cards[-1], "text", "改")),
}


@pytest.mark.parametrize("change", LIST_CHANGES, ids=list(LIST_CHANGES))
def test_every_way_of_changing_a_list_is_journaled_and_reverted(tmp_path, change):
    doc = make_doc()
    for i in range(5):
        card_edits.add_card(doc, "cocreate", f"卡{i}")
    path = tmp_path / "a.workshop.json"
    with Session.create(doc, path) as session:
        before = dump(session.doc)
        session.apply(change, lambda d: LIST_CHANGES[change](d.cocreate.cards))
        after = dump(session.doc)
        assert after["cocreate"] != before["cocreate"]
        assert dump(load(path)) == after
        session.undo()
        assert content(session.doc) == content_of(before)
        assert dump(load(path)) == dump(session.doc)
        session.redo()
        assert content(session.doc) == content_of(after)
        assert dump(load(path)) == dump(session.doc)


def content_of(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    del data["room"], data["updated_at"]
    return data


@pytest.mark.parametrize("change", [
    lambda d: d.agenda.__setitem__("gaps", 5), lambda d: d.agenda.pop("gaps"),
    lambda d: d.agenda.update({"plan": 1, "vision": 2}), lambda d: d.agenda.clear(),
    lambda d: d.agenda.setdefault("gaps", 7), lambda d: d.agenda.popitem(),
    lambda d: d.cocreate.sources.__setitem__("c-1", "tows:x"),
], ids=["[k] =", "pop", "update", "clear", "setdefault", "popitem", "new key"])
def test_every_way_of_changing_a_dict_is_journaled_and_reverted(tmp_path, change):
    path = tmp_path / "a.workshop.json"
    with Session.create(make_doc(), path) as session:
        before = content(session.doc)
        session.apply("dict", change)
        assert dump(load(path)) == dump(session.doc)
        session.undo()
        assert content(session.doc) == before
        assert dump(load(path)) == dump(session.doc)


def test_every_field_of_the_document_is_one_the_tracker_follows():
    """A set or tuple field would change unseen: the tracker refuses to follow one."""
    classes = set()
    todo = [Model]
    while todo:
        cls = todo.pop()
        classes.add(cls)
        todo.extend(cls.__subclasses__())
    for cls in classes - {Model}:
        if cls.__module__.startswith("workshop.model"):
            tracked_module.container_fields(cls)  # raises for an unsupported field
    with pytest.raises(TypeError):
        tracked_module._holds_mutable(set[str])


def test_copies_of_a_tracked_document_are_plain_and_untracked(tmp_path):
    import copy
    import pickle

    with Session.create(make_doc(), tmp_path / "a.workshop.json") as session:
        for twin in (session.doc.model_copy(deep=True), copy.deepcopy(session.doc),
                     pickle.loads(pickle.dumps(session.doc))):
            assert type(twin.teams) is list and tracked_module.tracker_of(twin) is None
            twin.teams.clear()
            twin.meta.title = "副本"
        assert session.doc.teams and session.doc.meta.title != "副本"
        assert not session._tracker.dirty


def test_a_change_made_outside_any_edit_is_saved_with_the_next_one(tmp_path):
    path = tmp_path / "a.workshop.json"
    with Session.create(make_doc(), path) as session:
        session.doc.meta.title = "直接改的标题"  # not through apply: a bug, but not lost
        session.update_room(room_edits.set_draft, "草稿")
        assert load(path).meta.title == "直接改的标题"


def test_a_room_edit_that_changes_more_than_the_room_is_refused(tmp_path):
    path = tmp_path / "a.workshop.json"
    with Session.create(make_doc(), path) as session:
        doc = session.doc

        def sneaky(room, title):
            room.step = "plan"
            doc.meta.title = title  # a closure over the document: that is an apply

        with pytest.raises(ValueError, match="more than the room"):
            session.update_room(sneaky, "偷偷改")
        assert doc.meta.title != "偷偷改" and doc.room.step == "vision"
        assert dump(load(path)) == dump(doc)


def test_a_failing_room_edit_puts_back_all_it_changed(tmp_path):
    path = tmp_path / "a.workshop.json"
    with Session.create(make_doc(), path) as session:
        before = dump(session.doc)

        def half(room):
            room.turn.passed.append("t1")
            room.clock.running = True
            room.step = "plan"
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            session.update_room(half)
        assert dump(session.doc) == before
        assert dump(load(path)) == before


def test_undo_and_redo_write_only_what_they_change(tmp_path):
    doc = build(400, gap_cards=40, key_gaps=2, clusters=8, actions=20)
    path = tmp_path / "big.workshop.json"
    with Session.create(doc, path) as session:
        journal = journal_path(path)
        session.apply("add", card_edits.add_card, "cocreate", "一张新卡")
        size = journal.stat().st_size
        session.undo()
        undo_record = journal.stat().st_size - size
        session.redo()
        redo_record = journal.stat().st_size - size - undo_record
        assert undo_record < 600 and redo_record < 1000  # the file is ~300 KB
        assert path.stat().st_size > 100_000


@pytest.mark.parametrize("change", [
    lambda d: (setattr(d.cocreate, "cards", []), d.cocreate.cards.append(
        Card(text="新", step="cocreate"))),
    lambda d: (d.cocreate.cards.append(Card(text="新", step="cocreate")),
               setattr(d.cocreate, "cards", d.cocreate.cards[1:])),
    lambda d: (setattr(d, "cocreate", d.cocreate.model_copy(deep=True)),
               d.cocreate.cards[0].votes.append(Vote(team_id="t"))),
], ids=["replaced then grown", "grown then replaced", "section replaced then changed"])
def test_a_list_replaced_and_changed_in_one_edit_is_written_once(tmp_path, change):
    doc = make_doc()
    for i in range(3):
        card_edits.add_card(doc, "cocreate", f"卡{i}")
    path = tmp_path / "a.workshop.json"
    with Session.create(doc, path) as session:
        session.apply("both", change)
        assert dump(load(path)) == dump(session.doc)
        session.undo()
        assert dump(load(path)) == dump(session.doc)


def test_the_town_halls_clocks_kept_per_team_are_journaled(tmp_path):
    """A dict of models (each team's presentation clock) in the room state."""
    from workshop.edits import townhall as townhall_edits

    doc = make_doc()
    first, second = doc.teams[0].id, doc.teams[1].id
    path = tmp_path / "a.workshop.json"
    with Session.create(doc, path) as session:
        session.update_room(townhall_edits.present, first, 8, 1000.0)
        session.update_room(townhall_edits.toggle_presentation, first, 8, 1000.0)
        session.update_room(townhall_edits.present, second, 8, 1200.0)  # first's is kept
        assert set(session.doc.room.presentation_clocks) == {first}
        assert dump(load(path)) == dump(session.doc)
        session.update_room(townhall_edits.present, first, 8, 1300.0)  # and taken out again
        assert set(session.doc.room.presentation_clocks) == {second}
        assert dump(load(path)) == dump(session.doc)
