"""Reading what a phone sends, strictly: a JSON object of known fields and types, or a
clear 4xx answer (``Refused``) and no change."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from workshop.i18n import t

BODY_LIMIT = 32 * 1024
"""Largest request body, in bytes: a card at the limit in Chinese, escaped, fits; more
is refused before it is read (413)."""


class Refused(Exception):
    """A request answered with a 4xx (or 503) status and a message for the phone."""

    def __init__(self, status: int, error: str, message: str = "",
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}

    def response(self) -> web.Response:
        return web.json_response({"error": self.error, "message": self.message},
                                 status=self.status, headers=self.headers)


def refuse(status: int, error: str, lang: str, **values: Any) -> Refused:
    return Refused(status, error, t(f"phones.error.{error}", lang, **values))


async def body(request: web.Request, lang: str) -> dict[str, Any]:
    """The request's JSON object (a 413 over ``BODY_LIMIT``, a 415 if not JSON, a 400 if
    it is not an object)."""
    if request.content_length is not None and request.content_length > BODY_LIMIT:
        raise refuse(413, "too_big", lang, max=BODY_LIMIT)
    if request.content_type != "application/json":
        raise refuse(415, "not_json", lang)
    try:
        raw = await request.content.read(BODY_LIMIT + 1)
    except (ValueError, ConnectionError) as error:
        raise refuse(400, "bad_request", lang) from error
    if len(raw) > BODY_LIMIT:
        raise refuse(413, "too_big", lang, max=BODY_LIMIT)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise refuse(400, "bad_request", lang) from error
    if not isinstance(data, dict):
        raise refuse(400, "bad_request", lang)
    return data


def text(data: dict[str, Any], key: str, lang: str, *, optional: bool = False,
         limit: int | None = None) -> str:
    """A string field (a 400 if missing or of another type; a 422 over `limit`)."""
    value = data.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise refuse(400, "bad_request", lang)
    if limit is not None and len(value) > limit:
        raise refuse(422, "too_long", lang, max=limit)
    return value


def flag(data: dict[str, Any], key: str, lang: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise refuse(400, "bad_request", lang)
    return value


def ident(data: dict[str, Any], key: str, lang: str, *, optional: bool = False) -> str | None:
    """An id field: a short string of letters, digits and dashes (a 400 otherwise)."""
    value = data.get(key)
    if value is None and optional:
        return None
    if not is_ident(value):
        raise refuse(400, "bad_request", lang)
    return value


def is_ident(value: object) -> bool:
    return (isinstance(value, str) and 0 < len(value) <= 64
            and all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in value))
