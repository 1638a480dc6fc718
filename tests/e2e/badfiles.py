"""A corpus of bad scenario and session files, made by code (nothing binary committed).

Each ``BadFile`` is made in a folder of its own and says what a reader should be told:
``says`` lists catalog keys, one of which the message must contain (for a scenario file
read by ``validate``, ``new`` and ``export``; for a session file read by ``validate``,
``open`` and ``export``); ``new_says`` is what ``new`` must say about a session file
(which it reads as a scenario). ``REPAIRED`` are session files that load once repaired.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.limits import MAX_MEMBERS

BASE = """\
[workshop]
title = "山东区 2027 年度目标分解工作坊"
organization = "示例科技 山东区"
date = 2026-12-05
language = "zh"

[[teams]]
name = "济南队"
members = [{ name = "张伟", role = "组长" }, "李娜"]

[[teams]]
name = "青岛队"
members = ["王强"]

[[goals]]
id = "shandong"
statement = "2027年12月31日前山东区销售额达到700万元"
unit = "万元"
baseline = 560
target = 700
deadline = 2027-12-31
team = "济南队"

[[cascades]]
goal = "shandong"
parts = [{ label = "上半年", weight = 1 }, { label = "下半年", weight = 1 }]

[[cards]]
step = "cocreate"
text = "建立客户分级拜访制度"
team = "青岛队"
"""

BOM = b"\xef\xbb\xbf"
LOOKS_LIKE_SESSION = ("scenario.looks_like_session",)
TOML_SYNTAX = ("scenario.toml_syntax",)
INVALID = ("store.reason.invalid",)

Maker = Callable[[Path], None]
"""Makes the file (or folder, pipe, link) at the path it is given."""


@dataclass
class BadFile:
    name: str
    make: Maker
    says: tuple[str, ...]
    new_says: tuple[str, ...] = LOOKS_LIKE_SESSION
    root_reads_it: bool = False
    """Unreadable only for a user other than root (no read permission)."""
    tags: list[str] = field(default_factory=list)


def data(content: bytes | str) -> Maker:
    def make(path: Path) -> None:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return make


def replaced(old: str, new: str, count: int = 1) -> Maker:
    assert old in BASE, old
    return data(BASE.replace(old, new, count))


def folder(path: Path) -> None:
    path.mkdir()


def link_loop(path: Path) -> None:
    other = path.with_name("other-" + path.name)
    path.symlink_to(other)
    other.symlink_to(path)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def huge(head: bytes) -> Maker:
    """A 100 MB file that starts with `head` (the rest a hole in the file: quick to make)."""

    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(head)
            handle.truncate(100 * 1024 * 1024)

    return make


def unreadable(content: str) -> Maker:
    def make(path: Path) -> None:
        path.write_text(content, "utf-8")
        path.chmod(0)

    return make


def random_bytes(seed: int) -> Maker:
    return data(random.Random(seed).randbytes(4096))


def teams(count: int, name: Callable[[int], str] = lambda i: f"第{i}组") -> str:
    return "".join(f'\n[[teams]]\nname = "{name(i)}"\n' for i in range(count))


HEAD = BASE.split("\n[[teams]]")[0] + "\n"
"""The [workshop] table alone."""

SCENARIOS: list[BadFile] = [
    BadFile("empty", data(b""), ("scenario.empty",)),
    BadFile("blank", data(b"  \n\t\r\n  \n"), ("scenario.empty",)),
    BadFile("bom-only", data(BOM), ("scenario.empty",)),
    BadFile("only-comments", data("# 场景\n# 还没写\n"), ("scenario.no_settings",)),
    BadFile("random-bytes", random_bytes(1),
            ("scenario.binary", "scenario.not_utf8", "scenario.not_utf8_gbk")),
    BadFile("nul-bytes", data(BASE.replace("济南队", "济南\x00队", 1)), ("scenario.binary",)),
    BadFile("gbk", data(BASE.encode("gbk")), ("scenario.not_utf8_gbk",)),
    BadFile("latin-1", data(BASE.replace("山东区 2027", "Café Zürich 2027").replace(
        "示例科技 山东区", "Société Générale").split("\n[[goals]]")[0].encode("latin-1",
                                                                            "replace")),
            ("scenario.not_utf8", "scenario.not_utf8_gbk")),
    BadFile("utf-16", data(BASE.encode("utf-16")), ("scenario.utf16",)),
    BadFile("bom-then-broken", data(BOM + b"[workshop\n"), TOML_SYNTAX),
    BadFile("truncated-in-a-string", data(BASE[:BASE.index("年12月31日前")]), TOML_SYNTAX),
    BadFile("truncated-after-equals", data(BASE[:BASE.index('"青岛队"')]), TOML_SYNTAX),
    BadFile("a-session-named-toml", data('{"schema_version": 1, "meta": {"title": "x"}}'),
            LOOKS_LIKE_SESSION),
    BadFile("deep-arrays", data("x = " + "[" * 10_000 + "]" * 10_000 + "\n"),
            ("scenario.too_deep",)),
    BadFile("deep-tables", data("x = " + "{ a = " * 5_000 + "1" + " }" * 5_000 + "\n"),
            ("scenario.too_deep",)),
    BadFile("duplicate-key", replaced('language = "zh"', 'language = "zh"\ntitle = "又一个"'),
            TOML_SYNTAX),
    BadFile("duplicate-table", data(BASE + '\n[workshop]\ntitle = "再来"\n'), TOML_SYNTAX),
    BadFile("number-as-string", replaced("baseline = 560", 'baseline = "560"'),
            ("scenario.expect.number",)),
    BadFile("days-as-string", replaced('language = "zh"', 'language = "zh"\ndays = "2"'),
            ("scenario.expect.integer",)),
    BadFile("negative-days", replaced('language = "zh"', 'language = "zh"\ndays = -1'),
            ("scenario.expect.ge",)),
    BadFile("negative-weight", replaced("weight = 1 }, {", "weight = -1 }, {"),
            ("scenario.expect.ge",)),
    BadFile("nan-target", replaced("target = 700", "target = nan"),
            ("scenario.expect.finite",)),
    BadFile("inf-target", replaced("target = 700", "target = inf"),
            ("scenario.expect.finite",)),
    BadFile("weights-1e308", replaced("weight = 1 }", "weight = 1e308 }", 2),
            ("limits.weight",)),
    BadFile("target-1e308", replaced("target = 700", "target = 1e308"), ("limits.amount",)),
    BadFile("impossible-date", replaced("deadline = 2027-12-31", "deadline = 2027-02-30"),
            TOML_SYNTAX),
    BadFile("deadline-year-one", replaced("deadline = 2027-12-31", "deadline = 0001-01-01"),
            ("limits.date",)),
    BadFile("workshop-in-9999", replaced("date = 2026-12-05", "date = 9999-12-31"),
            ("limits.date",)),
    BadFile("deadline-before-workshop",
            replaced("deadline = 2027-12-31", "deadline = 2020-06-30"),
            ("scenario.deadline_before_workshop",)),
    BadFile("ten-thousand-teams", data(HEAD + teams(10_000)), ("scenario.expect.at_most",)),
    BadFile("team-name-100000", replaced('name = "济南队"', f'name = "{"济" * 100_000}"'),
            ("limits.name_too_long",)),
    BadFile("title-100000",
            replaced('title = "山东区 2027 年度目标分解工作坊"', f'title = "{"题" * 100_000}"'),
            ("limits.title_too_long",)),
    BadFile("member-name-5000", replaced('"李娜"', f'"{"娜" * 5_000}"'),
            ("limits.name_too_long",)),
    BadFile("too-many-members",
            replaced('members = ["王强"]',
                     "members = [" + ", ".join(f'"成员{i}"' for i in range(MAX_MEMBERS + 1))
                     + "]"), ("scenario.expect.at_most",)),
    BadFile("ten-thousand-and-one-cards", data(BASE + "".join(
        f'\n[[cards]]\nstep = "cocreate"\ntext = "想法{i}"\n' for i in range(10_001))),
            ("scenario.expect.at_most",)),
    BadFile("duplicate-team-names", replaced('name = "青岛队"', 'name = "济南队"'),
            ("scenario.duplicate_team",)),
    BadFile("duplicate-team-names-case", data(HEAD + teams(2, lambda i: ("Team A", "team a")[i])),
            ("scenario.duplicate_team",)),
    BadFile("unknown-key", data(BASE + "\nbudget = 100\n"),
            ("scenario.expect.unknown_key", "scenario.expect.unknown_key_suggest",
             "scenario.expect.unknown_key_elsewhere")),
    BadFile("unknown-team-key", replaced('name = "青岛队"', 'name = "青岛队"\ncolour = "#ffffff"'),
            ("scenario.expect.unknown_key_suggest",)),
    BadFile("schema-version-in-a-scenario", data("schema_version = 1\n" + BASE),
            ("scenario.expect.unknown_key",)),
    BadFile("missing-workshop", data(BASE[BASE.index("[[teams]]"):]),
            ("scenario.expect.missing_table",)),
    BadFile("missing-title", replaced('title = "山东区 2027 年度目标分解工作坊"\n', ""),
            ("scenario.expect.missing",)),
    BadFile("missing-teams", data(HEAD), ("scenario.expect.missing_tables",)),
    BadFile("empty-teams", data("teams = []\n" + HEAD), ("scenario.expect.at_least",)),
    BadFile("teams-as-text", data('teams = "济南队"\n' + HEAD), ("scenario.expect.tables",)),
    BadFile("workshop-as-number", data('workshop = 1\n' + BASE[BASE.index("[[teams]]"):]),
            ("scenario.expect.table",)),
    BadFile("language-fr", replaced('language = "zh"', 'language = "fr"'),
            ("scenario.expect.one_of",)),
    BadFile("unknown-team", replaced('team = "济南队"', 'team = "烟台队"'),
            ("scenario.unknown_team", "scenario.unknown_team_suggest")),
    BadFile("unknown-goal", replaced('goal = "shandong"', 'goal = "shangdong"'),
            ("scenario.unknown_goal_suggest",)),
    BadFile("goal-loop", data(BASE + '\n[[goals]]\nid = "a"\nstatement = "甲"\nparent = "b"\n'
                              '\n[[goals]]\nid = "b"\nstatement = "乙"\nparent = "a"\n'),
            ("scenario.goal_cycle",)),
    BadFile("weights-all-zero", replaced("weight = 1 }", "weight = 0 }", 2),
            ("scenario.weights_zero",)),
    BadFile("colour-by-name", replaced('name = "青岛队"', 'name = "青岛队"\ncolor = "red"'),
            ("scenario.expect.color",)),
    BadFile("agenda-10000-minutes", data(BASE + "\n[agenda]\nvision = 10000\n"),
            ("scenario.minutes_range",)),
    BadFile("full-width-punctuation", replaced('language = "zh"', 'language ＝ “zh”'),
            ("scenario.toml.full_width",)),
    BadFile("100-mb", huge(BASE.encode()), ("scenario.too_large",)),
    BadFile("a-folder", folder, ("scenario.is_folder",)),
    BadFile("a-link-loop", link_loop, ("scenario.link_loop",)),
    BadFile("a-pipe", fifo, ("scenario.not_a_file",)),
    BadFile("no-read-permission", unreadable(BASE), ("scenario.no_permission",),
            root_reads_it=True),
]


def _session_text() -> str:
    import tempfile

    from workshop.scenario import load_scenario
    from workshop.store import dumps

    with tempfile.TemporaryDirectory() as folder_name:
        path = Path(folder_name) / "base.toml"
        path.write_text(BASE, "utf-8")
        return dumps(load_scenario(path))


SESSION = _session_text()
"""A good session file (the scenario above, started)."""


def session(change: Callable[[dict], object]) -> Maker:
    def make(path: Path) -> None:
        content = json.loads(SESSION)
        change(content)
        path.write_text(json.dumps(content, ensure_ascii=False, indent=1), "utf-8")

    return make


def set_at(keys: tuple, value: object) -> Callable[[dict], None]:
    def change(content: dict) -> None:
        target = content
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def text_replaced(old: str, new: str) -> Maker:
    assert old in SESSION, old
    return data(SESSION.replace(old, new, 1))


def _ten_thousand_teams(content: dict) -> None:
    content["teams"] = [{"id": f"t{i}", "name": f"第{i}组"} for i in range(10_000)]


def _duplicate_team_ids(content: dict) -> None:
    content["teams"][1]["id"] = content["teams"][0]["id"]


def _cascade_weights(content: dict) -> None:
    for part in content["vision"]["cascades"][0]["parts"]:
        part["weight"] = 1e308


def _without(key: str, *inside: str) -> Callable[[dict], None]:
    def change(content: dict) -> None:
        target = content
        for part in inside:
            target = target[part]
        del target[key]

    return change


BROKEN_TOML = BASE.replace('language = "zh"', 'language = zh')
SESSIONS: list[BadFile] = [
    BadFile("empty", data(b""), ("store.reason.empty",), ("scenario.empty",)),
    BadFile("blank", data(b" \n\n "), ("store.reason.empty",), ("scenario.empty",)),
    BadFile("truncated-half", data(SESSION[:len(SESSION) // 2]), ("store.reason.json",)),
    BadFile("truncated-last-brace", data(SESSION.rstrip()[:-1]), ("store.reason.json",)),
    BadFile("trailing-garbage", data(SESSION + "xyz"), ("store.reason.json",)),
    BadFile("a-broken-scenario-named-json", data(BROKEN_TOML),
            ("store.reason.looks_like_scenario",), TOML_SYNTAX),
    BadFile("json-array", data("[]"), ("store.reason.not_object",), TOML_SYNTAX),
    BadFile("json-string", data('"workshop"'), ("store.reason.not_object",), TOML_SYNTAX),
    BadFile("json-null", data("null"), ("store.reason.not_object",), TOML_SYNTAX),
    BadFile("no-schema-version", session(_without("schema_version")),
            ("store.reason.no_version",)),
    BadFile("schema-version-string", session(set_at(("schema_version",), "1")),
            ("store.reason.bad_version",)),
    BadFile("schema-version-float", session(set_at(("schema_version",), 1.0)),
            ("store.reason.bad_version",)),
    BadFile("schema-version-true", session(set_at(("schema_version",), True)),
            ("store.reason.bad_version",)),
    BadFile("schema-version-future", session(set_at(("schema_version",), 999)),
            ("store.too_new",)),
    BadFile("schema-version-zero", session(set_at(("schema_version",), 0)),
            ("store.no_migration",)),
    BadFile("schema-version-negative", session(set_at(("schema_version",), -1)),
            ("store.no_migration",)),
    BadFile("deep-arrays", data("[" * 100_000 + "]" * 100_000), ("store.reason.too_deep",),
            TOML_SYNTAX),
    BadFile("deep-in-a-field", text_replaced('"meta": {', '"meta": ' + '{"a": ' * 50_000
                                             + "1" + "}" * 50_000 + ', "x": {'),
            ("store.reason.too_deep",)),
    BadFile("nan-goal", text_replaced('"target": 700.0', '"target": NaN'), INVALID),
    BadFile("infinity-goal", text_replaced('"target": 700.0', '"target": Infinity'), INVALID),
    BadFile("1e999-goal", text_replaced('"target": 700.0', '"target": 1e999'), INVALID),
    BadFile("weights-1e308", session(_cascade_weights), INVALID),
    BadFile("negative-days", session(set_at(("meta", "days"), -1)), INVALID),
    BadFile("number-as-words", session(set_at(("vision", "goals", 0, "target"), "七百")),
            INVALID),
    BadFile("impossible-date", session(set_at(("vision", "goals", 0, "deadline"),
                                              "2027-02-30")), INVALID),
    BadFile("deadline-year-one", session(set_at(("vision", "goals", 0, "deadline"),
                                                "0001-01-01")), INVALID),
    BadFile("workshop-in-9999", session(set_at(("meta", "date"), "9999-12-31")), INVALID),
    BadFile("ten-thousand-teams", session(_ten_thousand_teams), INVALID),
    BadFile("team-name-100000", session(set_at(("teams", 0, "name"), "济" * 100_000)), INVALID),
    BadFile("duplicate-team-ids", session(_duplicate_team_ids),
            ("integrity.duplicate_team_id",)),
    BadFile("duplicate-keys", data(SESSION.rstrip()[:-1] + ', "meta": 5}'),
            ("store.reason.duplicate_key",)),
    BadFile("unknown-key", session(set_at(("budget",), 100)), INVALID),
    BadFile("missing-meta", session(_without("meta")), INVALID),
    BadFile("missing-title", session(_without("title", "meta")), INVALID),
    BadFile("teams-as-object", session(set_at(("teams",), {})), INVALID),
    BadFile("cards-as-text", session(set_at(("cocreate", "cards"), "卡片")), INVALID),
    BadFile("step-nowhere", session(set_at(("room", "step"), "nowhere")), INVALID),
    BadFile("nul-bytes", text_replaced("济南队", "济南\x00队"), ("store.reason.binary",),
            ("scenario.binary",)),
    BadFile("gbk", data(SESSION.encode("gbk")), ("store.reason.encoding_gbk",),
            ("scenario.not_utf8_gbk",)),
    BadFile("latin-1", data(json.dumps({"schema_version": 1, "meta": {"title": "Café"}},
                                       ensure_ascii=False).encode("latin-1")),
            ("store.reason.encoding_at",), ("scenario.not_utf8", "scenario.not_utf8_gbk")),
    BadFile("utf-16", data(SESSION.encode("utf-16")), ("store.reason.utf16",),
            ("scenario.utf16",)),
    BadFile("bom-then-truncated", data(BOM + SESSION[:100].encode()), ("store.reason.json",)),
    BadFile("random-bytes", random_bytes(2),
            ("store.reason.binary", "store.reason.encoding_at", "store.reason.encoding_gbk"),
            ("scenario.binary", "scenario.not_utf8", "scenario.not_utf8_gbk")),
    BadFile("100-mb", huge(SESSION.encode()), ("store.reason.too_large",),
            ("scenario.too_large",)),
    BadFile("a-folder", folder, ("store.file.folder",), ("scenario.is_folder",)),
    BadFile("a-link-loop", link_loop, ("store.file.loop",), ("scenario.link_loop",)),
    BadFile("a-pipe", fifo, ("store.file.not_regular",), ("scenario.not_a_file",)),
    BadFile("no-read-permission", unreadable(SESSION), ("store.file.no_permission",),
            ("scenario.no_permission",), root_reads_it=True),
]


def _duplicate_team_names(content: dict) -> None:
    content["teams"][1]["name"] = content["teams"][0]["name"]


def _turn_of_a_team_that_is_gone(content: dict) -> None:
    content["room"]["turn"]["team_id"] = "t-gone"


def _card_of_a_team_that_is_gone(content: dict) -> None:
    content["cocreate"]["cards"][0]["team_id"] = "t-gone"


def _card_in_a_cluster_that_is_gone(content: dict) -> None:
    content["cocreate"]["cards"][0]["cluster_id"] = "k-gone"


def _gaps_card_in_cocreate(content: dict) -> None:
    content["cocreate"]["cards"][0]["step"] = "gaps"
    content["cocreate"]["cards"][0]["board"] = "storm"


REPAIRED: list[tuple[str, Maker, str]] = [
    ("duplicate-team-names", session(_duplicate_team_names), "integrity.renamed_teams"),
    ("turn-of-a-missing-team", session(_turn_of_a_team_that_is_gone), "integrity.turn"),
    ("card-of-a-missing-team", session(_card_of_a_team_that_is_gone), "integrity.card_team"),
    ("card-in-a-missing-cluster", session(_card_in_a_cluster_that_is_gone),
     "integrity.card_cluster"),
    ("gaps-card-in-cocreate", session(_gaps_card_in_cocreate), "integrity.card_board"),
    ("lone-surrogate", text_replaced("青岛队", "青岛\\ud800队"), ""),
    ("bom", data(BOM + SESSION.encode()), ""),
    ("number-as-string", session(set_at(("vision", "goals", 0, "target"), "700")), ""),
]
"""Session files that load once repaired (or read leniently), and the note validate
gives ("" for none)."""
