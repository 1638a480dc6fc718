"""What the co-creation board shows after a card is added, cards are moved or a dot is
placed: the mirror's quick answer must be exactly what a fresh build from the changed
document shows, touching only the sections involved."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate_factory import brainstormed, clustered, voted
from workshop import i18n
from workshop.edits import EditError
from workshop.edits import cocreate as edits
from workshop.edits.cards import add_card
from workshop.model import Workshop
from workshop.tui.widgets.cocreate.board_mirror import LOOSE, BoardMirror


def fresh(doc: Workshop, marked: set[str] | None = None) -> list:
    mirror = BoardMirror()
    mirror.marked = set(marked or ())
    return mirror.build(doc)


def texts(sections, key: str) -> list[str]:
    return next([c.text for c in s.cards] for s in sections if s.key == key)


def setup_function() -> None:
    i18n.set_language("zh")


def test_sections_after_moving_two_loose_cards_into_the_second_cluster():
    doc = clustered(named=False)
    mirror = BoardMirror()
    before = mirror.build(doc)
    second = doc.cocreate.clusters[1].id
    loose = [c.id for c in doc.cocreate.cards if c.cluster_id is None]
    edits.move(doc, list(reversed(loose)), second)
    after = mirror.move(doc, list(reversed(loose)), second)
    assert after == fresh(doc)
    # in the order typed, after the cluster's own cards: cards 2 3 4, then 6 and 7
    assert texts(after, second) == ["举办VIP客户技术交流会", "参加两次行业展会",
                                    "展会期间办联谊座谈会", "竞品降价时快速报价机制",
                                    "老客户转介绍奖励 [/oops] <b>&"]
    assert texts(after, LOOSE) == []
    # the clusters not involved are the very same sections: the board keeps their lines
    first, third = doc.cocreate.clusters[0].id, doc.cocreate.clusters[2].id
    assert [s for s in after if s.key in (first, third)] == \
        [s for s in before if s.key in (first, third)]
    assert all(a is b for a, b in zip(after, before, strict=True) if a.key in (first, third))


def test_a_card_carried_back_to_the_loose_cards_takes_its_place_in_the_order_typed():
    doc = clustered(named=False)
    mirror = BoardMirror()
    mirror.build(doc)
    card = doc.cocreate.cards[1]  # in the first cluster; typed before the loose cards 6 and 7
    edits.move_back(doc, [card.id])
    after = mirror.move(doc, [card.id], LOOSE)
    assert after == fresh(doc)
    assert texts(after, LOOSE) == ["建立客户分级档案", "竞品降价时快速报价机制",
                                   "老客户转介绍奖励 [/oops] <b>&"]


def test_emptying_an_unnamed_cluster_renumbers_the_ones_after_it():
    doc = clustered(named=False)
    mirror = BoardMirror()
    mirror.build(doc)
    training = doc.cocreate.clusters[2].id  # cards 5 and 9
    second = doc.cocreate.clusters[1]
    ids = [c.id for c in doc.cocreate.cards if c.cluster_id == second.id]
    edits.move(doc, ids, training)  # the second cluster is pruned: the third becomes 2.
    after = mirror.move(doc, ids, training)
    assert after == fresh(doc)
    assert [s.title for s in after if s.key != LOOSE] == ["1. （未命名）", "2. （未命名）"]


def test_a_card_typed_lands_at_the_end_of_the_loose_cards():
    doc = brainstormed()
    mirror = BoardMirror()
    before = mirror.build(doc)
    card = add_card(doc, "cocreate", "新卡片 [b]不是粗体[/b]", team_id=doc.teams[1].id,
                    hidden=True)
    after = mirror.add(doc, card)
    assert after == fresh(doc)
    view = after[0].cards[-1]
    assert (view.id, view.text, view.team, view.hidden) == (
        card.id, "新卡片 [b]不是粗体[/b]", doc.teams[1].name, True)
    assert after[0].cards[:-1] == list(before[0].cards)


def test_a_dot_shows_under_the_cluster_title_to_scale():
    doc = voted()  # 拜访 2, 展会 3, 培训 1
    doc.cocreate.dots = 5
    mirror = BoardMirror()
    before = mirror.build(doc)
    visits, _shows, training = doc.cocreate.clusters
    assert [(s.title, s.tally) for s in before if s.key == training.id] == [
        ("3. 提升销售团队的产品能力", (1, 3))]
    edits.vote(doc, training.id, doc.teams[0].id)
    after = mirror.recount(doc, training.id)
    assert after == fresh(doc)
    assert [s.tally for s in after if s.key == training.id] == [(2, 3)]
    assert next(s for s in after if s.key == visits.id) is next(
        s for s in before if s.key == visits.id)  # the scale stayed: the others stay as drawn
    for _ in range(2):
        edits.vote(doc, training.id, doc.teams[1].id)
    after = mirror.recount(doc, training.id)
    assert after == fresh(doc)  # a new most: every bar to the new scale
    assert [s.tally for s in after if s.tally] == [(2, 4), (3, 4), (4, 4)]
    edits.unvote(doc, training.id, doc.teams[1].id)
    edits.unvote(doc, training.id, doc.teams[1].id)
    assert mirror.recount(doc, training.id) == fresh(doc)


def test_marks_show_until_the_cards_move():
    doc = clustered(named=False)
    mirror = BoardMirror()
    mirror.build(doc)
    loose = [c.id for c in doc.cocreate.cards if c.cluster_id is None]
    marked = mirror.toggle_mark(loose[1])
    assert [c.marked for c in marked[0].cards] == [False, True]
    assert marked == fresh(doc, {loose[1]})
    first = doc.cocreate.clusters[0].id
    edits.move(doc, [loose[1]], first)
    assert mirror.move(doc, [loose[1]], first) == fresh(doc)
    assert mirror.marked == set()


def test_the_card_that_takes_a_moved_cards_place():
    doc = clustered(named=False)
    mirror = BoardMirror()
    mirror.build(doc)
    first = [c.id for c in doc.cocreate.cards if c.cluster_id == doc.cocreate.clusters[0].id]
    assert mirror.successor(first[0], [first[0]]) == first[1]  # the next one staying
    assert mirror.successor(first[1], first[1:]) == first[0]  # else the one before
    assert mirror.successor(first[0], first) is None  # the whole cluster leaves


ACTIONS = st.lists(st.tuples(st.sampled_from(["move", "back", "add", "vote"]),
                             st.integers(0, 30), st.integers(0, 30)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(ACTIONS)
def test_change_after_change_the_mirror_shows_what_a_fresh_build_shows(actions):
    i18n.set_language("zh")
    doc = voted()
    doc.cocreate.dots = 20
    doc.cocreate.clusters[2].name = ""  # emptied, it is pruned: the board renumbers
    doc.cocreate.phase = "cluster"
    mirror = BoardMirror()
    mirror.build(doc)
    for kind, a, b in actions:
        cards = doc.cocreate.cards
        clusters = doc.cocreate.clusters
        picked = [cards[a % len(cards)].id, cards[b % len(cards)].id][: 1 + a % 2]
        if kind == "add":
            card = add_card(doc, "cocreate", f"卡片 {a}", team_id=doc.teams[b % 2].id)
            sections = mirror.add(doc, card)
        elif kind == "move" and clusters:
            target = clusters[b % len(clusters)].id
            if edits.move(doc, picked, target) == 0:
                continue
            sections = mirror.move(doc, picked, target)
        elif kind == "back" and cards[a % len(cards)].cluster_id is not None:
            edits.move_back(doc, picked[:1])
            sections = mirror.move(doc, picked[:1], LOOSE)
        elif kind == "vote" and any(k.name for k in clusters):
            named = [k for k in clusters if k.name]
            target = named[a % len(named)].id
            edits.vote(doc, target, doc.teams[b % 2].id)
            sections = mirror.recount(doc, target)
        else:
            continue
        assert sections == fresh(doc)


SESSION_ACTIONS = st.lists(st.tuples(
    st.sampled_from(["add", "add", "move", "delete", "undo", "undo", "redo", "vote", "hide"]),
    st.integers(0, 30), st.integers(0, 30)), max_size=20)


@contextlib.contextmanager
def voted_session():
    """A session on the voted room, back in the brainstorm, with dots to spare."""
    import tempfile
    from pathlib import Path

    from workshop.store import Session

    start = voted()
    start.cocreate.phase = "brainstorm"
    start.cocreate.dots = 20
    with tempfile.TemporaryDirectory() as folder, \
            Session.create(start, Path(folder) / "s.workshop.json") as session:
        yield session


def changes_made(session, actions):
    """Do `actions` on `session`; yield the change each one made to the document (one
    refused, no dots left, made none)."""
    for kind, a, b in actions:
        before = session.content_changes
        with contextlib.suppress(EditError):
            change(session, session.doc, kind, a, b)
        if session.content_changes != before:
            assert session.content_changes == before + 1
            yield session.last_content_change


@settings(max_examples=40, deadline=None)
@given(SESSION_ACTIONS)
def test_following_a_sessions_changes_shows_what_a_fresh_build_shows(actions):
    """Undo and redo are followed from the change the session saved (``follow``): a card
    typed and taken back again costs a section, not a build of the whole wall."""
    i18n.set_language("zh")
    with voted_session() as session:
        doc = session.doc
        mirror = BoardMirror()
        mirror.build(doc)
        for made in changes_made(session, actions):
            assert mirror.follow(doc, made) == fresh(doc)


@settings(max_examples=40, deadline=None)
@given(SESSION_ACTIONS)
def test_the_brainstorms_counts_follow_a_sessions_changes(actions):
    """The cards per team and the hidden cards, brought up to date change by change
    (``counts.follow``; counted again where it gives up), are what counting says."""
    from workshop.methods.cocreate import counts

    with voted_session() as session:
        section = session.doc.cocreate
        tallied = counts.count(section.cards)
        for made in changes_made(session, actions):
            tallied = counts.follow(tallied, made) or counts.count(section.cards)
            assert tallied == counts.count(section.cards)


def change(session, doc: Workshop, kind: str, a: int, b: int) -> None:
    from workshop.edits.cards import delete_card, set_hidden

    cards = doc.cocreate.cards
    if kind == "add":  # by a team, or with none at the keyboard; hidden now and then
        session.apply("add", add_card, "cocreate", f"卡片 {a}", board="idea",
                      team_id=doc.teams[b % 2].id if b % 5 else None, hidden=a % 3 == 0)
    elif kind == "hide" and cards:  # a card changed in place
        session.apply("hide", set_hidden, cards[a % len(cards)].id, bool(b % 2))
    elif kind == "move" and cards and doc.cocreate.clusters:
        clusters = doc.cocreate.clusters
        session.apply("move", edits.move, [cards[a % len(cards)].id],
                      clusters[b % len(clusters)].id)
    elif kind == "delete" and cards:
        session.apply("delete", delete_card, cards[a % len(cards)].id)
    elif kind == "undo":
        session.undo()
    elif kind == "redo":
        session.redo()
    elif kind == "vote" and any(k.name for k in doc.cocreate.clusters):
        named = [k for k in doc.cocreate.clusters if k.name]
        session.apply("vote", edits.vote, named[a % len(named)].id,
                      doc.teams[b % 2].id)
