"""The phone page reads a count and its words as the app does (``workshop.i18n``): every
English string of the page, filled in by the page's own ``s()`` in a real browser (Debian's
Chromium under Playwright), reads as ``t()`` reads it, with one and with many."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from phones_factory import phone_browser
from workshop.i18n import catalog, t

pytestmark = pytest.mark.slow

PAGE = Path(__file__).resolve().parents[2] / "src" / "workshop" / "room" / "page"
PREFIX = "phones.page."


async def test_the_page_reads_counts_as_the_app_does():
    strings = {key[len(PREFIX):]: text for key, text in catalog("en").items()
               if key.startswith(PREFIX)}
    assert any(":=" in text or ":~" in text for text in strings.values())
    async with phone_browser() as browser:
        page = await browser.new_page()
        await page.set_content("<html><body></body></html>")
        # the page's script alone: its start-up asks a server that is not there, harmlessly
        await page.add_script_tag(content=(PAGE / "phone.js").read_text("utf-8"))
        for number in (1, 2, 5):
            for key, text in strings.items():
                names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                values = dict.fromkeys(names, number)
                shown = await page.evaluate(
                    "([all, key, values]) => { strings.en = all; lang = 'en';"
                    " return s(key, values); }", [strings, key, values])
                assert shown == t(PREFIX + key, "en", **values), (key, number)
