"""The session document as JSON: the store's canonical form, Chinese kept readable."""

from __future__ import annotations

from workshop.model import Workshop


def render(doc: Workshop) -> str:
    """``doc`` as indented JSON; non-ASCII text stays as it is (not ``\\uXXXX``). The
    room's phones (join code, device tokens' hashes) stay out: an export travels."""
    return doc.model_dump_json(indent=2, exclude={"room": {"phones"}}) + "\n"


def to_bytes(doc: Workshop) -> bytes:
    return render(doc).encode("utf-8")
