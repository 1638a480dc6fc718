"""Session files that were damaged, edited by hand or are not files at all: each is refused
with a message that says what is wrong, or repaired when it has one sensible meaning.
Never a traceback, never a wait, never a change to the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factories import make_doc
from workshop import i18n
from workshop.edits import EditError
from workshop.edits.cards import add_card
from workshop.model import SCHEMA_VERSION, Card, Cluster, Workshop, integrity
from workshop.model.limits import MAX_CARDS, MAX_NAME, MAX_TEAMS
from workshop.store import Session, SessionCorrupt, StoreError, codec, dumps, load
from workshop.text import clean


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "s.workshop.json"


def session_dict(doc: Workshop | None = None) -> dict:
    return json.loads(dumps(doc or make_doc()))


def write(path: Path, data: dict | bytes | str) -> Path:
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def refused(path: Path) -> StoreError:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(StoreError) as caught:
        load(path)
    with pytest.raises(StoreError):
        Session.open(path).close()
    if before is not None:
        assert path.read_bytes() == before
    assert not path.with_name(path.name + ".lock").exists()
    return caught.value


# -- lone surrogates (item 5) -------------------------------------------------------------

def test_a_lone_surrogate_is_cleaned_like_a_control_character():
    assert clean("a\ud800b") == "ab"
    assert clean("x\udfff\n\ud800y", multiline=True) == "x\ny"
    assert clean("\ud83d\ude00") == "😀"  # a pair written as two halves is its character
    assert Card(text="a\ud800", step="vision").text == "a"


def test_an_edit_with_a_lone_surrogate_is_saved_without_it(doc, path):
    with Session.create(doc, path) as session:
        session.apply("add", add_card, "vision", "卡片\ud800一")
        session.apply("team", lambda d: setattr(d.teams[0], "name", "济南\udfff队"))
    doc = load(path)
    assert [c.text for c in doc.vision.cards] == ["卡片一"]
    assert doc.teams[0].name == "济南队"


def test_a_session_file_with_an_escaped_lone_surrogate_opens_cleaned(path):
    text = dumps(make_doc()).replace('"济南队"', '"济南\\ud800队"')
    write(path, text)
    with Session.open(path) as session:
        assert session.doc.teams[0].name == "济南队"
        session.apply("add", add_card, "vision", "ok")  # and it saves
    assert load(path).teams[0].name == "济南队"


# -- damage that gave tracebacks (item 6) -------------------------------------------------

@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_goal_that_is_not_a_finite_number_is_refused_naming_the_field(path, value):
    text = json.dumps(session_dict()).replace('"target": 700.0', f'"target": {value}')
    assert value in text
    error = refused(write(path, text))
    assert isinstance(error, SessionCorrupt)
    assert "vision.goals.0.target" in error.reason


@pytest.mark.parametrize("depth", [100_000, 3_000])
def test_deep_nesting_is_refused_as_damage(path, depth):
    error = refused(write(path, "[" * depth + "]" * depth))
    assert isinstance(error, SessionCorrupt)
    inner = session_dict()
    text = json.dumps(inner)[:-1] + ', "extra": ' + "{\"a\": " * depth + "1" + "}" * depth + "}"
    error = refused(write(path, text))
    assert isinstance(error, SessionCorrupt)


def test_deep_nesting_says_so(path):
    error = refused(write(path, '{"schema_version": 1, "meta": ' + "[" * 50_000 + "]" * 50_000))
    assert i18n.t("store.reason.too_deep") in error.reason


def test_a_symbolic_link_loop_is_named_as_one(tmp_path):
    a, b = tmp_path / "a.workshop.json", tmp_path / "b.workshop.json"
    a.symlink_to(b)
    b.symlink_to(a)
    error = refused(a)
    assert error.message == i18n.t("store.file.loop", path=a)


def test_a_folder_and_a_pipe_are_named_for_what_they_are(tmp_path):
    folder = tmp_path / "f.workshop.json"
    folder.mkdir()
    assert refused(folder).message == i18n.t("store.file.folder", path=folder)
    pipe = tmp_path / "p.workshop.json"
    os.mkfifo(pipe)
    assert refused(pipe).message == i18n.t("store.file.not_regular", path=pipe)


def test_a_huge_file_is_refused_without_reading_it(path, monkeypatch):
    monkeypatch.setattr(codec, "MAX_BYTES", 1000)
    write(path, dumps(make_doc()) + " " * 2000)
    error = refused(path)
    assert isinstance(error, SessionCorrupt)
    assert "MB" in error.reason


# -- nonsense accepted (item 9) ------------------------------------------------------------

@pytest.mark.parametrize("version", ['"1"', "1.0", "true"])
def test_a_schema_version_that_is_not_a_whole_number_is_refused(path, version):
    current = f'"schema_version": {SCHEMA_VERSION}'
    text = json.dumps(session_dict())
    assert current in text
    text = text.replace(current, f'"schema_version": {version}')
    error = refused(write(path, text))
    assert isinstance(error, SessionCorrupt)
    assert "schema_version" in error.reason


@pytest.mark.parametrize(("where", "value", "field"), [
    (("vision", "goals", 0, "deadline"), "0001-01-01", "vision.goals.0.deadline"),
    (("meta", "date"), "9999-12-31", "meta.date"),
    (("teams", 0, "name"), "队" * 5000, "teams.0.name"),
    (("meta", "title"), "题" * 100_000, "meta.title"),
], ids=["deadline-0001", "workshop-9999", "team-name-5000", "title-100000"])
def test_nonsense_values_are_refused_naming_the_field(path, where, value, field):
    data = session_dict()
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    error = refused(write(path, data))
    assert field in error.reason


def test_a_weight_of_1e308_is_refused(path):
    doc = make_doc()
    data = session_dict(doc)
    data["vision"]["cascades"] = [{"goal_id": "company", "parts": [
        {"label": "上半年", "weight": 1e308}, {"label": "下半年", "weight": 1e308}]}]
    error = refused(write(path, data))
    assert "vision.cascades.0.parts.0.weight" in error.reason


def test_ten_thousand_teams_are_refused_quickly(path):
    import time

    data = session_dict()
    data["teams"] = [{"id": f"t{i}", "name": f"T{i}"} for i in range(10_000)]
    write(path, data)
    started = time.monotonic()
    error = refused(path)
    assert time.monotonic() - started < 5
    assert "teams" in error.reason
    assert str(MAX_TEAMS) in error.reason


def test_two_teams_with_one_id_are_refused(path):
    data = session_dict()
    data["teams"][1]["id"] = data["teams"][0]["id"]
    error = refused(write(path, data))
    assert error.reason == i18n.t("integrity.duplicate_team_id", id=data["teams"][0]["id"],
                                  count=2, names="济南队 / 青岛队")


def test_references_that_lead_nowhere_are_repaired_with_notes(path):
    doc = make_doc()
    jinan = doc.teams[0]
    doc.teams[1].name = "济南队"  # the same name as the first team
    doc.room.turn.team_id = "t-gone"
    doc.cocreate.clusters.append(Cluster(name="客户"))
    doc.cocreate.cards += [
        Card(text="卡一", step="cocreate", board="idea", team_id="t-gone"),
        Card(text="卡二", step="cocreate", board="idea", cluster_id="k-gone"),
        Card(text="走错了", step="gaps", board="storm", team_id=jinan.id),
    ]
    write(path, dumps(doc))
    before = path.read_bytes()
    repaired, notes = codec.inspect(path)
    assert [t.name for t in repaired.teams] == ["济南队", "济南队 (2)"]
    assert repaired.room.turn.team_id == jinan.id
    cards = repaired.cocreate.cards
    assert [c.team_id for c in cards] == [None, None, jinan.id]
    assert cards[1].cluster_id is None
    assert (cards[2].step, cards[2].board) == ("cocreate", "idea")
    assert notes == [i18n.t("integrity.renamed_teams", count=1), i18n.t("integrity.turn", count=1),
                     i18n.t("integrity.card_team", count=1),
                     i18n.t("integrity.card_cluster", count=1),
                     i18n.t("integrity.card_board", count=1)]
    with Session.open(path) as session:  # what the room sees is the repaired document
        assert session.doc.cocreate.cards[2].step == "cocreate"
    assert path.read_bytes() == before  # not rewritten until the first change


def test_a_loop_of_parent_goals_is_cut():
    doc = make_doc()
    doc.vision.goals[0].parent_id = "b"
    doc.vision.goals.extend([doc.vision.goals[0].model_copy(update={"id": "b", "parent_id": "c"}),
                             doc.vision.goals[0].model_copy(update={"id": "c", "parent_id": "b"})])
    notes = integrity.repair(doc)
    assert notes == [i18n.t("integrity.goal_loop", count=1)]
    parents = [g.parent_id for g in doc.vision.goals]
    assert parents == ["b", None, "b"]  # company → b → (none) ← c: no loop left


def test_a_clean_session_needs_no_repair(doc):
    assert integrity.problems(doc) == []
    assert integrity.repair(doc) == []


def test_a_bom_does_not_stop_a_session_from_opening(path):
    write(path, b"\xef\xbb\xbf" + dumps(make_doc()).encode())
    assert load(path).teams[0].name == "济南队"


def test_a_key_given_twice_is_named_when_the_file_does_not_load(path):
    text = json.dumps(session_dict())
    write(path, text[:-1] + ', "meta": 5}')
    error = refused(path)
    assert error.reason == i18n.t("store.reason.duplicate_key", key="meta")


def test_a_scenario_saved_as_a_session_is_recognised(path):
    write(path, '[workshop]\ntitle = "T"\n')
    error = refused(path)
    assert i18n.t("store.reason.looks_like_scenario") in error.reason


def test_gbk_is_recognised(path):
    write(path, '{"schema_version": 1, "meta": {"title": "山东区"}}'.encode("gbk"))
    error = refused(path)
    assert error.reason == i18n.t("store.reason.encoding_gbk", line=1)


# -- edits cannot make what loading refuses -----------------------------------------------

def test_edits_refuse_what_loading_would_refuse(doc):
    from workshop.edits import charter, vision

    goal_id = doc.vision.goals[0].id
    with pytest.raises(EditError):
        vision.update_goal(doc, goal_id, target=1e308)
    import datetime as dt

    with pytest.raises(EditError):
        vision.update_goal(doc, goal_id, deadline=dt.date(1, 1, 1))
    with pytest.raises(EditError):
        charter.rename_team(doc, doc.teams[0].id, "队" * (MAX_NAME + 1))
    cascade = vision.add_cascade(doc, goal_id, "quarters")
    with pytest.raises(EditError):
        vision.set_weight(doc, cascade.id, 0, 1e308)
    doc.summary.cards.extend(Card(text="x", step="summary", board="takeaway")
                             for _ in range(MAX_CARDS))
    with pytest.raises(EditError):
        add_card(doc, "summary", "one more")
    assert Workshop.model_validate_json(dumps(doc))  # everything accepted still loads
