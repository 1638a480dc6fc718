"""Shared fixtures: a small workshop document; the language reset for every test."""

from __future__ import annotations

import pytest

from factories import make_doc
from workshop import i18n
from workshop.model import Workshop


@pytest.fixture
def doc() -> Workshop:
    return make_doc()


@pytest.fixture(autouse=True)
def _language_zh():
    """Every test starts in Chinese, whatever the machine's LANG, and leaves it so."""
    i18n.set_language("zh")
    yield
    i18n.set_language("zh")
