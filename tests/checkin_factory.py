"""Test data for check-ins: the store example of the method text, and a level goal.

- The store (``scenarios/store-monthly.toml``): 100,000 in February 2027, 4 weeks of
  25,000, 28 days of 3,571/3,572, a split by person.
- Unit energy 120 → 114 千瓦时/台 over the twelve months of 2027: a level, lower is better.
"""

from __future__ import annotations

import datetime as dt

from factories import SCENARIOS, make_doc
from workshop.edits import checkin as edits
from workshop.edits import vision as vision_edits
from workshop.model import Goal, Workshop
from workshop.scenario import load_scenario

WEEKS = [(dt.date(2027, 2, 1), dt.date(2027, 2, 7)), (dt.date(2027, 2, 8), dt.date(2027, 2, 14)),
         (dt.date(2027, 2, 15), dt.date(2027, 2, 21)), (dt.date(2027, 2, 22), dt.date(2027, 2, 28))]
FEBRUARY = (dt.date(2027, 2, 1), dt.date(2027, 2, 28))
STORE = ("store", None, None)
ENERGY = ("energy", None, None)


def store() -> Workshop:
    return load_scenario(SCENARIOS / "store-monthly.toml")


def store_with_weeks(*actuals: float, day: dt.date = dt.date(2027, 2, 14)) -> tuple[Workshop, str]:
    """The store with a check-in of February held on `day` and the first weeks' actuals."""
    doc = store()
    checkin = edits.new_checkin(doc, day, *FEBRUARY)
    for (start, end), value in zip(WEEKS, actuals, strict=False):
        edits.set_actual(doc, checkin.id, STORE, start, end, value)
    return doc, checkin.id


def energy() -> Workshop:
    """A workshop whose goal is unit energy 120 → 114 千瓦时/台 in 2027, split by month."""
    doc = make_doc()
    doc.vision.goals.append(Goal(
        id="energy", statement="2027年单位产品电耗由每台120千瓦时降至114千瓦时",
        metric="单位产品电耗", unit="千瓦时/台", baseline=120, target=114,
        deadline=dt.date(2027, 12, 31), team_id=doc.teams[0].id))
    vision_edits.add_cascade(doc, "energy", "months")
    return doc


def month(n: int) -> tuple[dt.date, dt.date]:
    from workshop.methods.vision.calendar import month_end

    return dt.date(2027, n, 1), month_end(2027, n)
