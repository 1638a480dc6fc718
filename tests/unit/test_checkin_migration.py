"""A session saved before check-ins existed (schema 1, written by main at e926f3a: the store
example with three actions) opens unchanged, and takes check-ins."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from checkin_factory import FEBRUARY, STORE, WEEKS
from workshop import model
from workshop.edits import checkin as edits
from workshop.methods.checkin import progress
from workshop.store import Session, backups, load

OLD = Path(__file__).resolve().parents[1] / "data" / "store-v1.workshop.json"


def _without(data: dict, *keys: str) -> dict:
    return {k: v for k, v in data.items() if k not in keys}


def holds(new: object, old: object) -> bool:
    """Everything in `old` is in `new` as it was (fields added since, with their
    defaults, may come beside it)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(k in new and holds(new[k], v)
                                             for k, v in old.items())
    if isinstance(old, list):
        return (isinstance(new, list) and len(new) == len(old)
                and all(holds(n, o) for n, o in zip(new, old, strict=True)))
    return new == old


def test_the_old_file_is_of_the_first_version():
    raw = json.loads(OLD.read_text("utf-8"))
    assert raw["schema_version"] == 1 and "checkin" not in raw
    assert model.SCHEMA_VERSION == 2


def test_an_old_session_opens_unchanged_and_gets_check_ins(tmp_path):
    path = tmp_path / OLD.name
    shutil.copyfile(OLD, path)
    original = path.read_bytes()
    raw = json.loads(original)
    with Session.open(path) as session:
        doc = session.doc
        assert doc.schema_version == 2
        assert doc.checkin.checkins == []
        # everything the old file held, as it held it
        now = json.loads(doc.model_dump_json())
        assert holds(now, _without(raw, "schema_version"))
        assert path.read_bytes() == original  # opening alone does not rewrite it
        checkin = session.apply("检查", edits.new_checkin, dt.date(2027, 2, 14), *FEBRUARY)
        session.apply("实际", edits.set_actual, checkin.id, STORE, *WEEKS[0], 22000)
        session.apply("实际", edits.set_actual, checkin.id, STORE, *WEEKS[1], 24000)
        action = session.doc.plan.actions[0]
        session.apply("行动", edits.check_action, checkin.id, action.id, percent=50,
                      done="晨会开了 12 天")
    saved = json.loads(path.read_text("utf-8"))
    assert saved["schema_version"] == 2
    assert original in [b.read_bytes() for b in backups(path)]  # the old file is kept
    doc = load(path)
    found = progress.of_key(doc, STORE, doc.checkin.checkins[0])
    assert found.verdict == "behind" and found.actual == 46000
    check = doc.checkin.checkins[0].actions[0]
    assert (check.percent, check.done, check.checker_id) == (50, "晨会开了 12 天",
                                                              doc.plan.actions[0].checker_id)
