"""Functions that change the workshop document, one module per step.

Each edit is ``edit(doc, *args) -> result`` and is run through
``Session.apply(label, edit, *args)``, which saves and records undo. An edit that
refuses bad input raises ``EditError`` with a message for the room, and the
document is rolled back.
"""

from __future__ import annotations


class EditError(ValueError):
    """A change the document refuses, with a message fit to show the user."""
