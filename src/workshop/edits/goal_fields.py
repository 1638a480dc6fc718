"""The checks a goal's form shares, last year's (review) and this year's (vision): only
known fields, a statement that is not empty once cleaned, text cleaned, numbers finite
and within the bounds a document keeps."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from workshop.edits import EditError
from workshop.i18n import t
from workshop.model import limits
from workshop.text import clean


def checked(fields: Mapping[str, Any], allowed: Iterable[str], *, empty_key: str,
            lines: Iterable[str] = (), notes: Iterable[str] = (),
            amounts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`fields` cleaned: `lines` on one line, `notes` keep their line breaks, each of
    `amounts` (field → its label key) a finite number in bounds. Raises ``EditError``
    (`empty_key` for a statement that is empty once cleaned)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise EditError(t("vision.edit.unknown_field", field=", ".join(sorted(unknown))))
    out = dict(fields)
    if "statement" in out:
        out["statement"] = clean(out["statement"] or "")
        if not out["statement"]:
            raise EditError(t(empty_key))
    for name in lines:
        if name in out:
            out[name] = clean(out[name] or "")
    for name in notes:
        if name in out:
            out[name] = clean(out[name] or "", multiline=True)
    for name, label_key in (amounts or {}).items():
        value = out.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not math.isfinite(value):
            raise EditError(t("vision.edit.not_number", field=t(label_key)))
        if problem := limits.amount_problem(value):
            raise EditError(f"{t(label_key)}: {problem}")
    return out
