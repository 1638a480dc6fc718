"""Fixtures of the store's tests: a session file's path, and a session on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.model import Workshop
from workshop.store import SESSION_SUFFIX, Session


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where a session file goes (a Chinese name, as a facilitator's would be)."""
    return tmp_path / f"山东区{SESSION_SUFFIX}"


@pytest.fixture
def session(doc: Workshop, path: Path):
    """A session on `path`, made from the shared small workshop; closed afterwards."""
    with Session.create(doc, path) as s:
        yield s
