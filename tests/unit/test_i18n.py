"""The zh and en catalogs must match key for key and placeholder for placeholder."""

from __future__ import annotations

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
