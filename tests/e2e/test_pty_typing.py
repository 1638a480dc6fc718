"""Numbers typed through a real terminal: an input method's 万 and full-width digits.

``python -m workshop open SESSION`` runs in a pseudo-terminal (``ptyapp.PtyApp``) on the
store example's check-in. A Chinese input method commits what was typed at once, so the
terminal sends "2.2万" and Enter as one burst of bytes; the actuals grid takes the keys in
the order typed, whatever Textual's driver names them.
"""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path

import pytest

from checkin_factory import FEBRUARY, STORE, store
from ptyapp import PtyApp, app_env
from rooms import saved
from workshop.edits import checkin as edits
from workshop.methods.checkin import ledger, progress
from workshop.store import load

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX pty")]

CTRL_Q = "\x11"


def checkin_session(tmp_path: Path) -> Path:
    doc = store()
    doc.room.checkin_id = edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY).id
    return saved(doc, tmp_path / "store.workshop.json", "checkin")


@pytest.mark.parametrize("burst", ["2.2万\r2.4万\r", "２２０００\r２．４万\r"],
                         ids=["wan", "full-width"])
def test_an_input_methods_burst_is_typed_in_order(tmp_path, burst):
    path = checkin_session(tmp_path)
    with PtyApp(["open", str(path)], app_env(tmp_path / "data"), cwd=tmp_path) as app:
        app.wait_for(lambda s: "Ctrl+Q" in s and "25,000" in s, 40)
        app.settle(0.2, timeout=3)
        app.send(burst)  # one write: the keys arrive together
        app.wait_for(lambda s: "46,000" in s, 20)  # the running total of both weeks
        app.send(CTRL_Q)
        assert app.wait(20) == 0
    doc = load(path)
    rows = progress.of_key(doc, STORE, ledger.find(doc, doc.room.checkin_id)).rows
    assert [r.actual for r in rows[:2]] == [22000, 24000]
