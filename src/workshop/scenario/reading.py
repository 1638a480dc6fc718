"""Reading a scenario file: its bytes as text, or a problem that says what is wrong.

A facilitator's file may be a folder, too large, UTF-16 or GBK from a Windows editor,
or not text at all; each gets its own plain message.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path
from typing import Any

from workshop.i18n import t
from workshop.problems import Problem, ScenarioError

MAX_BYTES = 5 * 1024 * 1024
"""Largest scenario file read: a hand-written scenario is a few kilobytes."""


_BOM = b"\xef\xbb\xbf"


def _kilobytes(size: int) -> str:
    return f"{-(-size // 1024):,}"  # rounded up: 1 byte over the limit shows as over


def read_text(path: Path | str) -> str:
    """The file's text, or a ScenarioError that says plainly what is wrong with the file."""
    path = Path(path)
    name = str(path)

    def fail(message: str, **where: Any) -> ScenarioError:
        return ScenarioError([Problem(name, message, **where)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(t("scenario.is_folder"))
        if not stat.S_ISREG(info.st_mode):
            raise fail(t("scenario.not_a_file"))
        if info.st_size > MAX_BYTES:
            raise fail(t("scenario.too_large", size=_kilobytes(info.st_size),
                         limit=_kilobytes(MAX_BYTES)))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail(t("scenario.not_found")) from None
    except PermissionError:
        raise fail(t("scenario.no_permission")) from None
    except IsADirectoryError:
        raise fail(t("scenario.is_folder")) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise fail(t("scenario.link_loop")) from None
        raise fail(t("scenario.os_error", error=error.strerror or error)) from None
    if len(data) > MAX_BYTES:  # it grew while we looked
        raise fail(t("scenario.too_large", size=_kilobytes(len(data)),
                     limit=_kilobytes(MAX_BYTES)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(t("scenario.utf16"))
    if data.startswith(_BOM):
        data = data[len(_BOM):]  # Notepad writes a BOM; TOML does not want one
    if not data.strip():
        raise fail(t("scenario.empty"))
    if b"\x00" in data:
        raise fail(t("scenario.binary"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start:error.start].decode("utf-8")) + 1
        found = " ".join(f"0x{b:02X}" for b in data[error.start:error.start + 4])
        try:
            data.decode("gb18030")
            message = t("scenario.not_utf8_gbk")
        except UnicodeDecodeError:
            message = t("scenario.not_utf8")
        raise fail(message, line=line, column=column, found=found) from None
