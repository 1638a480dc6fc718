"""Hostile text, measured: Hypothesis texts (markup, escapes, control characters, RTL and
combining marks, emoji, CJK, up to 10,000 characters) through the edit function of every
board of every step, and through every exporter. Nothing crashes; what is kept is the
text cleaned (never interpreted); the JSON gives it back, the CSV cell holds it, the
Markdown shows it once rendered, the PDF's text layer has it (on the characters the
font has; control and format characters are not printed).

The default tests take a few hundred texts; ``pytest -m slow -s`` runs 10,000 through
each and prints the figures.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factories import make_doc
from hostile import hostile_texts, put_everywhere, visible
from pdftools import page_texts, require_cjk_font
from workshop.edits import (
    EditError,
    plan,
)
from workshop.edits import cards as card_edits
from workshop.export import export
from workshop.export.csv_export import safe_cell
from workshop.export.fonts import register_font
from workshop.export.pdf.glyphs import stack_for
from workshop.i18n import t
from workshop.model import Workshop
from workshop.store import dumps

THOROUGH = 10_000
"""Texts in the slow run (``-m slow``)."""
QUICK_EDITS, QUICK_EXPORTS = 200, 40
"""Texts in the default run: through the edits, and through the exporters."""
BATCH = 10
"""Texts in one exported document."""
PLACEHOLDER = "□"
"""What a PDF may print for a character no font has."""


def only_when_asked(request: pytest.FixtureRequest) -> None:
    """The 10,000-text runs take minutes: only with ``-m slow``."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("10,000 texts take minutes: run with -m slow")


def _settings(examples: int):
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def through_every_edit(texts: int) -> Counter:
    counts: Counter = Counter()

    @_settings(texts)
    @given(hostile_texts)
    def check(text: str) -> None:
        doc = make_doc()
        outcome = put_everywhere(doc, text)  # raises on anything but a refusal
        again = Workshop.model_validate_json(dumps(doc))
        for stored in outcome.stored:
            assert stored.read(doc) == stored.expected, stored.where
            assert stored.read(again) == stored.expected, stored.where
        counts["texts"] += 1
        counts["characters"] += len(text)
        counts["edits"] += outcome.edits
        counts["refused"] += len(outcome.refused)
        counts["kept"] += len(outcome.stored)

    check()
    return counts


def edits_measured(texts: int) -> None:
    counts = through_every_edit(texts)
    print(f"\nhostile text through the edits: {counts['texts']:,} texts "
          f"({counts['characters']:,} characters), {counts['edits']:,} edits: "
          f"{counts['kept']:,} kept as cleaned and read back the same after a JSON round "
          f"trip, {counts['refused']:,} refused (empty once cleaned, a name too long), "
          f"0 crashes")
    assert counts["texts"] >= texts * 0.9


def test_hostile_text_through_every_edit_of_every_board():
    edits_measured(QUICK_EDITS)


@pytest.mark.slow
def test_10000_hostile_texts_through_every_edit_of_every_board(request):
    only_when_asked(request)
    edits_measured(THOROUGH)


# -- the exporters ---------------------------------------------------------------------------

def font_has():
    font = register_font(require_cjk_font())
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font).face
    covered = frozenset(face.charToGlyph)
    return lambda char: ord(char) in covered


def no_font_has():
    """Whether no font of the PDF's stack (the CJK font and this machine's fallbacks)
    draws a character: the PDF prints the placeholder there."""
    stack = stack_for(register_font(require_cjk_font()))
    return lambda char: stack.font_for(char) is None


def printable(text: str, has) -> str:
    """The characters of `text` a PDF prints as themselves with the font: no spaces, no
    format characters, no placeholders."""
    return "".join(c for c in visible(text) if has(c) and c != PLACEHOLDER)


_RTL = {"R", "AL", "AN"}
_NEUTRAL = {"ON", "ES", "ET", "CS", "NSM", "BN", "WS", "S", "B"}


def left_to_right_runs(text: str, drawn_as_placeholder=lambda char: False) -> list[str]:
    """`text` without its right-to-left runs: the pieces a text extractor gives back in
    the order they were written. (pypdf reads a right-to-left run, with the neutral
    characters around it, in visual order: ``مرحبا&#0`` comes back as ``ابحرم#&0``.)

    A character no font has is put in order as what the PDF draws in its place, the
    placeholder, a neutral: in ``שלום#𠀀6`` the 6 follows the Hebrew, not the letter
    𠀀 (found by Hypothesis)."""
    classes = [unicodedata.bidirectional(PLACEHOLDER if drawn_as_placeholder(c) else c)
               for c in text]
    inside = [cls in _RTL for cls in classes]
    # after an explicit right-to-left embedding or override (RLE, RLO, RLI) up to its end
    # (PDF, PDI, the end of the line) even Latin letters go right to left: ``‮[bold]``
    # comes back as ``[dlob]`` (found by Hypothesis)
    opened: list[bool] = []
    for i, cls in enumerate(classes):
        if cls in {"RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI"}:
            opened.append(cls.startswith("R"))
        elif cls in {"PDF", "PDI"}:
            if opened:
                opened.pop()
        elif text[i] == "\n":  # a new line ends them all (the PDF sets the text a line at
            opened.clear()  # a time; U+2029 does not end them there: found by Hypothesis)
        if opened and opened[-1]:
            inside[i] = True
    for order in (range(len(text)), reversed(range(len(text)))):
        previous = False
        for i in order:  # a run takes the neutral characters next to it
            if inside[i]:
                previous = True
            elif previous and (classes[i] in _NEUTRAL or classes[i] == "EN"):
                # a number next to it is drawn inside it too: ``שלום&#0;`` comes back
                # as ``0#&םולש;`` (found by Hypothesis)
                inside[i] = True
            else:
                previous = False
    runs = "".join("\0" if inside[i] else c for i, c in enumerate(text)).split("\0")
    return [run for run in runs if run]


def text_layer(pdf: Path, doc: Workshop) -> str:
    """The PDF's text, page after page, without what every page repeats (the header's
    title and organisation, the footer's page number and date, a table's header row), so
    a text cut across pages reads as one."""
    furniture = {doc.meta.title, doc.meta.organization, doc.meta.date.isoformat(),
                 *(t(f"pdf.board.{key}", "zh") for key in ("number", "card", "team"))}
    page_number = re.compile(re.escape(t("pdf.page", "zh")).replace(
        re.escape("{page}"), r"\d+").replace(re.escape("{pages}"), r"\d+"))
    return "\n".join(line for page in page_texts(pdf) for line in page.splitlines()
                     if line.strip() not in furniture and not page_number.fullmatch(line.strip()))


def markdown_shown(markdown: str) -> str:
    """What a CommonMark viewer shows of `markdown`: rendered, tags dropped."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def through_every_exporter(texts: int, folder: Path) -> Counter:
    counts: Counter = Counter()
    has, missing = font_has(), no_font_has()
    number = iter(range(10**9))

    @_settings(max(1, texts // BATCH))
    @given(st.lists(hostile_texts, min_size=BATCH, max_size=BATCH))
    @example(["", ("**" * 1450)[:10000], "", ("[bold]" * 4741)[:10000], ("[bold]" * 65)[:10000],
              ("&#0;" * 106)[:10000], ("[bold]" * 733)[:10000],
              "[bold]שלום{0}[bold]\u202e[bold][bold][bold][bold][bold][bold]",  # an RLO
              "%s亇任~\t\x1a\x92\U000f8ea8a", "\x7f倖丌湜<b>仵仐乱丙"])
    @example(["שלום&#0;", *[""] * (BATCH - 1)])  # a number after a right-to-left run
    @example(["שלום\u202e\u2029[@click=app.quit]", *[""] * (BATCH - 1)])
    @example(["שלום#\U000200006+-H=B", *[""] * (BATCH - 1)])  # a letter no font has
    def check(batch: list[str]) -> None:
        doc = make_doc()
        cards, actions = [], []
        for text in batch:
            for add, kept in ((lambda t: card_edits.add_card(doc, "summary", t), cards),
                              (lambda t: plan.add_action(doc, t, team_id=doc.teams[0].id),
                               actions)):
                try:
                    kept.append(add(text))
                except EditError:
                    counts["refused"] += 1
        out = folder / str(next(number))
        written = {fmt: export(doc, fmt, out=out, lang="zh").paths[0]
                   for fmt in ("json", "csv", "md")}
        # the PDF of the cards alone: the same texts, printed once (reportlab takes about
        # 0.1 ms a character)
        cards_only = doc.model_copy(deep=True)
        cards_only.plan.actions.clear()
        written["pdf"] = export(cards_only, "pdf", out=out, lang="zh").paths[0]
        # JSON: every text back as kept
        again = Workshop.model_validate_json(written["json"].read_bytes())
        assert [c.text for c in again.summary.cards] == [c.text for c in cards]
        assert [a.what for a in again.plan.actions] == [a.what for a in actions]
        # CSV: the cell holds the text (a formula-looking one behind Excel's apostrophe)
        rows = list(csv.reader(io.StringIO(written["csv"].read_text("utf-8-sig"))))
        assert [row[3] for row in rows[1:]] == [safe_cell(a.what) for a in actions]
        # Markdown: a viewer shows the text
        shown = visible(markdown_shown(written["md"].read_text("utf-8")))
        for card in cards:
            assert visible(card.text) in shown, card.text[:80]
        # PDF: the text layer has it
        layer = printable(text_layer(written["pdf"], doc), has)
        for card in cards:
            # the runs of the text as stored: its direction controls still in it
            for run in left_to_right_runs(card.text, missing):
                assert printable(run, has) in layer, card.text[:80]
        counts["texts"] += len(batch)
        counts["characters"] += sum(len(t) for t in batch)
        counts["documents"] += 1
        counts["kept"] += len(cards) + len(actions)

    check()
    return counts


def exporters_measured(texts: int, folder: Path) -> None:
    counts = through_every_exporter(texts, folder)
    print(f"\nhostile text through the exporters: {counts['texts']:,} texts "
          f"({counts['characters']:,} characters) in {counts['documents']:,} documents × "
          f"JSON, CSV, Markdown, PDF: {counts['kept']:,} cards and actions shown literally, "
          f"{counts['refused']:,} refused (empty once cleaned), 0 crashes")
    assert counts["texts"] >= texts * 0.9


def test_hostile_text_through_every_exporter(tmp_path):
    exporters_measured(QUICK_EXPORTS, tmp_path)


@pytest.mark.slow
def test_10000_hostile_texts_through_every_exporter(request, tmp_path):
    only_when_asked(request)
    exporters_measured(THOROUGH, tmp_path)
