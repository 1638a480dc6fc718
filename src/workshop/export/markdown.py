"""The workshop report as Markdown: the same ``Report`` and the same content as the PDF
(cover facts, teams, agenda, every step's boards), for email and wikis.

User text is data: Markdown punctuation in it is backslash-escaped (CommonMark), so a
card ``<b>&[/oops]`` or ``# not a heading`` shows literally once rendered.
"""

from __future__ import annotations

import re

from workshop.export.content import card_count, member_list, report_steps
from workshop.i18n import t
from workshop.report import BoardRow, CardRow, Report, StepReport

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


def render(report: Report) -> str:
    """The whole report as a Markdown document."""
    lang = report.lang
    out = [f"# {escape(report.title)}", "",
           f"{escape(t('app.name', lang))} · {escape(t('pdf.report_title', lang))} — "
           f"{escape(t('app.tagline', lang))}", ""]
    facts = [(t("pdf.cover.organization", lang), report.organization),
             (t("pdf.cover.date", lang), report.date),
             (t("pdf.cover.location", lang), report.location),
             (t("pdf.cover.facilitator", lang), report.facilitator)]
    out += ["- " + t("pdf.label_value", lang, label=f"**{escape(label)}**", value=escape(value))
            for label, value in facts if value]
    out += ["", f"*{escape(t('pdf.generated', lang, time=report.generated_at))}*", ""]

    members = sum(len(team.members) for team in report.teams)
    out += [f"## {escape(t('pdf.cover.teams', lang))}", "",
            escape(t("pdf.cover.people", lang, teams=len(report.teams), members=members)), ""]
    if report.teams:
        out += _table([t("pdf.teams.team", lang), t("pdf.teams.members", lang)],
                      [[team.name, member_list(team, lang)] for team in report.teams])
    else:
        out.append(escape(t("pdf.teams.no_teams", lang)))
    out.append("")

    if report.agenda:
        days = len({row.day for row in report.agenda}) > 1
        header = ([t("pdf.agenda.day", lang)] if days else []) + [
            t("pdf.agenda.start", lang), t("pdf.agenda.step", lang),
            t("pdf.agenda.minutes", lang)]
        rows = [([t("pdf.agenda.day_n", lang, day=row.day)] if days else [])
                + [row.start, row.title, t("pdf.agenda.minutes_n", lang, minutes=row.minutes)]
                for row in report.agenda]
        total = sum(row.minutes for row in report.agenda)
        out += [f"## {escape(t('pdf.agenda.title', lang))}", "", *_table(header, rows), "",
                escape(t("pdf.agenda.total", lang, minutes=total)), ""]

    for step_id in report_steps(report):
        out += step(report.steps[step_id], lang)
    return "\n".join(out).rstrip("\n") + "\n"
