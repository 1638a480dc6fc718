"""The zh and en catalogs must match key for key and placeholder for placeholder."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from workshop import i18n
from workshop.i18n import catalog, detect, t

SRC = Path(__file__).resolve().parents[2] / "src" / "workshop"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_in_both_languages():
    zh, en = catalog("zh"), catalog("en")
    assert sorted(set(zh) - set(en)) == []
    assert sorted(set(en) - set(zh)) == []


@pytest.mark.parametrize("key", sorted(catalog("zh")))
def test_placeholders_match(key):
    assert placeholders(catalog("zh")[key]) == placeholders(catalog("en")[key]), key


def test_keys_used_in_the_code_exist():
    """Every literal t("…") key in the source is in the catalogs (typos show up here)."""
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[A-Za-z_.]+)+)["']""")
    missing = []
    for path in SRC.rglob("*.py"):
        for key in pattern.findall(path.read_text("utf-8")):
            if key not in catalog("zh"):
                missing.append(f"{path.relative_to(SRC)}: {key}")
    assert missing == []


def test_language_order_cli_then_scenario_then_environment():
    assert detect("en", "zh", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert detect(None, "en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert detect(None, None, {"LANG": "en_US.UTF-8"}) == "en"
    assert detect(None, None, {"LANG": "zh_TW.UTF-8"}) == "zh"
    assert detect(None, None, {"LANG": "C"}) == "zh"
    assert detect(None, None, {"LC_ALL": "en_GB", "LANG": "zh_CN"}) == "en"


def test_translation_falls_back_and_formats():
    i18n.set_language("en")
    assert t("step.gaps") == "Gaps"
    assert t("step.gaps", "zh") == "差距"
    assert t("no.such.key") == "no.such.key"
    assert "3" in t("shell.revealed", count=3)


# -- the catalog cache ----------------------------------------------------------------


@pytest.fixture
def catalog_copy(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "zh"
    folder.mkdir()
    for toml in (SRC / "i18n" / "zh").glob("*.toml"):
        (folder / toml.name).write_bytes(toml.read_bytes())
    return folder, tmp_path / "__pycache__" / "catalog-zh.json"


def test_the_cache_gives_the_same_catalog_without_reading_the_toml(catalog_copy, monkeypatch):
    folder, cache_file = catalog_copy
    read = i18n.load_catalog(folder, cache_file)
    assert read == catalog("zh")
    assert cache_file.exists()
    import tomllib

    def no_toml(*args, **kwargs):
        raise AssertionError("the TOML was read again")

    monkeypatch.setattr(tomllib, "loads", no_toml)
    assert i18n.load_catalog(folder, cache_file) == read


def test_a_changed_toml_file_is_read_again(catalog_copy):
    folder, cache_file = catalog_copy
    i18n.load_catalog(folder, cache_file)
    common = folder / "common.toml"
    common.write_text(common.read_text("utf-8") + '\n[cache_test]\nnew = "刚加的"\n', "utf-8")
    assert i18n.load_catalog(folder, cache_file)["cache_test.new"] == "刚加的"
    (folder / "common.toml").unlink()
    assert "cache_test.new" not in i18n.load_catalog(folder, cache_file)


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"stamp": 1}', b"[]", b"\xff\xfe"])
def test_a_damaged_cache_is_read_past_and_written_again(catalog_copy, damage):
    folder, cache_file = catalog_copy
    cache_file.parent.mkdir()
    cache_file.write_bytes(damage)
    assert i18n.load_catalog(folder, cache_file) == catalog("zh")
    assert json.loads(cache_file.read_bytes())["catalog"] == catalog("zh")


def test_a_folder_that_cannot_be_written_still_gives_the_catalog(catalog_copy):
    folder, cache_file = catalog_copy
    cache_file.parent.write_text("a file where the cache folder would be")
    assert i18n.load_catalog(folder, cache_file) == catalog("zh")
    assert list(cache_file.parent.parent.glob("*.tmp")) == []


# -- a count and its words --------------------------------------------------------------


def test_a_count_agrees_with_its_words_in_english():
    assert t("plan.list.strategy_info", "en", votes=1, count=1) == "1 vote · 1 action"
    assert t("plan.list.strategy_info", "en", votes=0, count=3) == "0 votes · 3 actions"
    assert t("phones.page.others_hidden", "en", count=1) == (
        "1 more card is hidden until revealed")
    assert t("phones.page.others_hidden", "en", count=2) == (
        "2 more cards are hidden until revealed")
    assert t("shell.not_saved", "en", reason="disk full", count=1, folder="/x").startswith(
        "Could not save to disk: disk full. The last 1 change is only in memory and is retried")
    assert t("plan.list.strategy_info", "zh", votes=1, count=1) == (
        t("plan.list.strategy_info", "zh", votes=2, count=2).replace("2", "1"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_entry_reads_whole_with_one_and_with_many(lang):
    """No count spec is left half-read ('{count:=card' or a missing '|'), and no English
    entry still hedges with "(s)"."""
    broken = []
    for key, text in catalog(lang).items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        for number in (1, 2):
            shown = t(key, lang, **dict.fromkeys(names, number))
            if ":=" in shown or ":~" in shown or "(s)" in shown or "(ies)" in shown:
                broken.append(f"{key}: {shown!r}")
        for _, name, spec, _ in string.Formatter().parse(text):
            if spec and spec[0] in "=~" and "|" not in spec:
                broken.append(f"{key}: {{{name}:{spec}}} has no plural")
    assert broken == []


def test_chinese_needs_no_count_specs():
    specs = [key for key, text in catalog("zh").items() if ":=" in text or ":~" in text]
    assert specs == []
