"""Markdown building blocks shared by every step's section: escaping, tables, boards.

User text is data: Markdown punctuation in it is backslash-escaped (CommonMark), so a
card ``<b>&[/oops]`` or ``# not a heading`` shows literally once rendered.
"""

from __future__ import annotations

import re

from workshop.export.content import card_count
from workshop.i18n import t
from workshop.report import BoardRow, CardRow, StepReport

_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """`text` escaped for Markdown, one line or several (joined by hard line breaks by
    the caller): inline punctuation, and whatever would start a block at a line start."""
    lines = []
    for line in str(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        match = _LINE_START.match(line)
        if match:
            head, mark = match.group(1), match.group(2)
            if mark[0].isdigit():  # "1." or "1)" starts an ordered list
                rest = line[match.end():]
                line = f"{head}{mark}\\{rest}"
            else:
                line = f"{head}\\{line[len(head):]}"
        lines.append(line)
    return "\n".join(lines)


def unescape(text: str) -> str:
    """The inverse of ``escape`` (for tests and tools reading the Markdown back)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _cell(text: str) -> str:
    return escape(text.replace("\n", " "))


def _block(text: str, indent: str) -> str:
    """Multi-line text inside a list item: hard line breaks, continuation indented."""
    return escape(text).replace("\n", "\\\n" + indent)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _card(number: int, card: CardRow, lang: str, with_team: bool) -> str:
    prefix = f"{number}. "
    text = _block(card.text, " " * len(prefix))
    if card.hidden:
        text += " " + escape(t("word.hidden", lang))
    if with_team and card.team:
        text += f" — *{escape(card.team)}*"
    return prefix + text


def board(board: BoardRow, lang: str, cards: list[CardRow] | None = None,
          with_team: bool = True) -> list[str]:
    rows = board.cards if cards is None else cards
    if not rows:
        return []
    out = [f"### {escape(board.label)} · {escape(card_count(len(rows), lang))}", ""]
    out += [_card(i, c, lang, with_team) for i, c in enumerate(rows, 1)]
    return [*out, ""]


def step(report: StepReport, lang: str) -> list[str]:
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    boards = [line for b in report.boards for line in board(b, lang)]
    return out + (boards or [f"*{escape(t('pdf.empty_step', lang))}*", ""])
