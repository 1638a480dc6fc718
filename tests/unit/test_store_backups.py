"""Backups worth restoring: versions, not changes; the last few, each step, each quarter hour."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from storetools import add_card, make_history, texts
from workshop.edits import room as room_edits
from workshop.store import backup, backups, load

# -- backups --------------------------------------------------------------------------


def test_changes_and_room_changes_write_no_backups_and_lose_nothing(session, path):
    for i in range(30):
        session.apply(f"add {i}", add_card, f"卡{i}")
        session.update_room(room_edits.next_turn, ["t1", "t2"])  # F4
    assert backups(path) == []  # the journal holds them; backups are for versions
    assert len(texts(load(path))) == 30


def test_a_step_change_makes_a_backup_of_the_session_as_it_was_then(session, path):
    make_history(session, 2)
    session.update_room(room_edits.enter_step, "gaps", 45)
    assert session.checkpoint()  # due: the step changed
    assert not session.checkpoint()  # and then no longer
    session.apply("add", add_card, "新步骤的卡")
    session.close()
    kept = backups(path)
    step = [b for b in kept if b.name.endswith("-step.json")]
    assert len(step) == 1
    at_step = load(step[0])
    assert texts(at_step) == ["卡0", "卡1"] and at_step.room.step == "gaps"
    assert texts(load(path)) == ["卡0", "卡1", "新步骤的卡"]


def test_a_new_quarter_hour_asks_for_a_snapshot(session, path, monkeypatch):
    from workshop.store import session as session_module

    session.apply("add", add_card, "A")
    assert not session.checkpoint()
    later = session_module._utcnow() + dt.timedelta(minutes=16)
    monkeypatch.setattr(session_module, "_utcnow", lambda: later)
    session.apply("add", add_card, "B")
    assert session.checkpoint()
    assert texts(load(path)) == ["A", "B"]


def test_the_last_few_backups_are_kept_and_every_one_loads(session, path):
    make_history(session, 8)
    kept = backups(path)
    assert len(kept) == backup.KEEP_RECENT == 5  # all in one quarter hour
    assert all(b.parent == path.with_name("山东区.workshop.backups") for b in kept)
    # newest first: the newest backup is the session as it was before the last change
    assert [len(load(b).cocreate.cards) for b in kept] == [7, 6, 5, 4, 3]


def test_backups_worth_restoring_the_recent_ones_each_step_change_and_each_quarter_hour():
    start = dt.datetime(2026, 12, 5, 1, 0, tzinfo=dt.UTC)
    entries = []
    for n in range(90):  # one every two minutes for three hours; a step change every 20
        written = start + dt.timedelta(minutes=2 * n)
        why = "step" if n % 10 == 9 else "journal"
        entries.append(backup.Backup(n + 1, Path(f"{n + 1}.json"), written, why))
    entries.reverse()  # newest first
    pruned = set(backup._to_prune(entries))
    kept = [e for e in entries if e.path not in pruned]
    assert [e.seq for e in kept[:5]] == [90, 89, 88, 87, 86]
    assert {e.seq for e in entries if e.why == "step"} <= {e.seq for e in kept}
    quarters = {backup._quarter(e.written) for e in entries}
    assert len(quarters) == 12
    assert {backup._quarter(e.written) for e in kept} == quarters
    newest_of_each = {}
    for e in entries:
        newest_of_each.setdefault(backup._quarter(e.written), e.seq)
    assert set(newest_of_each.values()) <= {e.seq for e in kept}
    assert len(kept) == len({*[90, 89, 88, 87, 86], *newest_of_each.values(),
                             *(e.seq for e in entries if e.why == "step")})
