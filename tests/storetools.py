"""Shared by the store's test modules: a small change, its cards, a history of versions,
and locks as another program would leave them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from workshop.model import Card, Workshop
from workshop.store import Session


def add_card(doc: Workshop, text: str) -> str:
    card = Card(text=text, step="cocreate", board="idea")
    doc.cocreate.cards.append(card)
    return card.id


def texts(doc: Workshop) -> list[str]:
    return [c.text for c in doc.cocreate.cards]


def make_history(session: Session, n: int = 3) -> None:
    """`n` changes, each followed by a new snapshot (so each earlier version is a backup)."""
    for i in range(n):
        session.apply(f"add {i}", add_card, f"卡{i}")
        session.checkpoint(force=True)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def write_lock(path: Path, content: str) -> Path:
    lock = path.with_name(path.name + ".lock")
    lock.write_text(content, "utf-8")
    return lock


def dump(doc: Workshop) -> dict[str, Any]:
    return doc.model_dump(mode="json")


def content(doc: Workshop) -> dict[str, Any]:
    """The document as undo restores it: the room and the time of the last change aside."""
    data = dump(doc)
    del data["room"], data["updated_at"]
    return data
