"""Sessions on disk for pilot tests of the room at one keyboard: the Shandong plan step,
and eight teams with the names a real room brings (``factories.ODD_TEAM_NAMES``)."""

from __future__ import annotations

from pathlib import Path

from factories import odd_room_doc
from planning import ready_action, shandong, with_strategies
from workshop.model import Workshop
from workshop.store import Session


def saved(doc: Workshop, path: Path, step: str) -> Path:
    """`doc` on `step`, saved as a session at `path` (closed again)."""
    doc.room.step = step  # type: ignore[assignment]
    Session.create(doc, path).close()
    return path


def plan_session(tmp_path: Path, step: str = "plan") -> Path:
    """The Shandong workshop after step 4: three named strategies."""
    return saved(with_strategies(shandong()), tmp_path / f"{step}.workshop.json", step)


def odd_session(tmp_path: Path, step: str, *, plans: bool = False) -> Path:
    """Eight odd-named teams on `step`; with `plans`, every team has a ready action."""
    doc = odd_room_doc()
    if plans:
        doc = with_strategies(doc)
        for index in range(len(doc.teams)):
            ready_action(doc, f"行动 {index + 1}", team_index=index)
    return saved(doc, tmp_path / f"odd-{step}.workshop.json", step)
