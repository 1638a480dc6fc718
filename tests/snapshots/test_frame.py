"""The frame at the sizes the room uses, in both languages. Accept a change only after
looking at the SVG (``pytest --snapshot-update`` then open ``snapshot_report.html``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_frame(snap_compare, snapshot_app, lang, size):
    app = snapshot_app(step="gaps", lang=lang)
    assert snap_compare(app, terminal_size=size)


def test_frame_projector_mode(snap_compare, snapshot_app):
    app = snapshot_app(step="cocreate", lang="zh", projector=True)
    assert snap_compare(app, terminal_size=(160, 45))
