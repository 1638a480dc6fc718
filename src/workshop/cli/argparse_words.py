"""argparse's own words in the room's language: its headings, the help of ``-h`` and
``--version``, and its usage errors ("the following arguments are required: …").

argparse writes these in English whatever the language; a Chinese facilitator who
mistypes a command should read what went wrong in Chinese. The English ones are
argparse's own and pass through unchanged. Pure text: no I/O.
"""

from __future__ import annotations

import re

from workshop import i18n
from workshop.i18n import t

ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "required"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "unrecognized"),
    (re.compile(r"argument (?P<arg>.+?): invalid choice: '?(?P<value>.*?)'? "
                r"\(choose from (?P<choices>.+)\)"), "invalid_choice"),
    (re.compile(r"argument (?P<arg>.+?): expected one argument"), "expected_one"),
    (re.compile(r"argument (?P<arg>.+?): invalid \w+ value: '?(?P<value>.*?)'?"),
     "invalid_value"),
    (re.compile(r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)"),
     "not_allowed_with"),
    (re.compile(r"argument (?P<arg>.+?): (?P<message>.+)"), "argument"),
)
"""argparse's error messages (Python 3.11–3.13), each with the key of its words; the
last catches our own type checks' messages ("argument --room-port: …")."""

HELP_WORDS = (
    ("positional arguments:", "positionals"),
    ("options:", "options"),
    ("show this help message and exit", "help"),
    ("show program's version number and exit", "version"),
)


def error(message: str) -> str:
    """`message`, one of argparse's usage errors, in the current language."""
    if i18n.get_language() == "en":
        return message
    for pattern, key in ERRORS:
        found = pattern.fullmatch(message)
        if found and key == "argument" and found["arg"] in found["message"]:
            return found["message"]  # our own checks name the option already
        if found:
            return t(f"cli.argparse.{key}", **found.groupdict())
    return message


def help_text(text: str) -> str:
    """argparse's usage or help `text` with its own headings in the current language."""
    if i18n.get_language() == "en":
        return text
    if text.startswith("usage: "):
        text = t("cli.argparse.usage") + text.removeprefix("usage:")
    for english, key in HELP_WORDS:
        text = re.sub(rf"(?m)(?<=\s){re.escape(english)}$|^{re.escape(english)}$",
                      t(f"cli.argparse.{key}"), text)
    return text
