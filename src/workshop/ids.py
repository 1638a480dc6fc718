"""Short, stable ids for everything in a workshop document."""

from __future__ import annotations

import secrets

_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids get read aloud


def new_id(prefix: str) -> str:
    """A new id such as ``c-7fk2qm``: a prefix naming the kind, then six random letters."""
    return f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))
