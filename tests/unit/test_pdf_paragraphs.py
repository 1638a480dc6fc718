"""The fast paragraphs (``export.pdf.paragraphs``) and tables (``styles.Table``) print
exactly what reportlab's own print: the same fragments for plain text, the same lines at
every width, the same cell styles, and the same PDF bytes for a whole report and
handout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle
from reportlab.platypus import Table as PlatypusTable
from reportlab.platypus.paragraph import cleanBlockQuotedText

from factories import REPO
from workshop.export.fonts import find_cjk_font, register_font
from workshop.export.pdf import build_handout_pdf, build_report_pdf, styles
from workshop.export.pdf.paragraphs import Para, paragraph, plain_frags
from workshop.report import build_report

sys.path.insert(0, str(REPO / "bench"))
from realistic import build

FONT = find_cjk_font(lang="zh")
STYLES = styles.make_styles(register_font(FONT), "zh")

PLAIN = st.text(st.one_of(
    st.sampled_from(list("济南队客户，。（）！ \t\n\u3000\xa0\r-_.:;'\"/\\[]{}#%=>")),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="<&")), max_size=60)
"""Text with no tag and no entity: CJK, every kind of space, line breaks, punctuation."""


def _frag_dicts(frags: list) -> list[dict]:
    return [dict(vars(f)) for f in frags]


@settings(max_examples=300, deadline=None)
@given(PLAIN, st.sampled_from(["body", "cell", "h1", "header_cell", "cell_right", "purpose"]))
def test_plain_text_gets_the_fragments_the_parser_makes(text: str, style_name: str):
    style = getattr(STYLES, style_name)
    parsed = Paragraph(text, style)
    fast = plain_frags(text, style)
    if not cleanBlockQuotedText(text):
        assert fast is None  # nothing to show: left to the parser, which makes no fragment
        return
    assert fast is not None
    cleaned, frags = fast
    assert cleaned == parsed.text
    assert _frag_dicts(frags) == _frag_dicts(parsed.frags)


@pytest.mark.parametrize("markup", ["a<br/>b", "&lt;b&gt;", '<font color="#112233">■</font>',
                                    "AT&amp;T"])
def test_markup_is_left_to_the_parser(markup: str):
    assert plain_frags(markup, STYLES.body) is None
    ours, theirs = paragraph(markup, STYLES.body), Paragraph(markup, STYLES.body)
    assert _frag_dicts(ours.frags) == _frag_dicts(theirs.frags)


def _lines(p: Paragraph) -> list:
    return [repr(line) for line in p.blPara.lines]


def test_lines_are_kept_per_width_and_recomputed_for_another():
    text = "客户经理跟进不及时导致商机流失，" * 6
    ours = paragraph(text, STYLES.cell)
    assert isinstance(ours, Para)
    for width in (120.0, 300.0, 120.0, 51.5, 300.0):
        fresh = Paragraph(text, STYLES.cell)
        assert ours.wrap(width, 1000) == fresh.wrap(width, 1000)
        assert _lines(ours) == _lines(fresh)
    assert ours.wrap(0.0, 10) == Paragraph(text, STYLES.cell).wrap(0.0, 10)  # no room at all


@pytest.fixture
def invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs without their creation time and random id, so two builds compare byte for byte."""
    monkeypatch.setattr(rl_config, "invariant", 1)


def _reportlab_paragraphs(markup: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup, style)


def test_the_report_and_a_handout_are_the_same_bytes_as_with_reportlabs_own_layout(
        invariant, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    doc = build(80, gap_cards=20, key_gaps=2, clusters=4, actions=24)
    doc.teams[0].name = "🚀火箭队 <b>&"
    doc.cocreate.cards[0].text = "马🚀云  naïve   café\n第二行 a\u0301 ق"
    report = build_report(doc, "zh")
    team = report.teams[0].id

    def both(folder: Path) -> list[bytes]:
        folder.mkdir()
        build_report_pdf(report, folder / "report.pdf", FONT)
        build_handout_pdf(report, team, folder / "handout.pdf", FONT, appendix=True)
        return [(folder / name).read_bytes() for name in ("report.pdf", "handout.pdf")]

    ours = both(tmp_path / "ours")
    monkeypatch.setattr(styles, "paragraph", _reportlab_paragraphs)
    monkeypatch.setattr(styles.Table, "wrap", PlatypusTable.wrap)  # measures at every wrap
    monkeypatch.setattr(styles, "_hoist_cell_styles", lambda _data, _style: None)
    theirs = both(tmp_path / "theirs")
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]


@settings(max_examples=200, deadline=None)
@given(PLAIN, st.floats(min_value=0, max_value=400), st.sampled_from(["cell", "body", "h1"]))
def test_plain_text_breaks_where_reportlab_breaks_it(text: str, width: float, style_name: str):
    style = getattr(STYLES, style_name)
    ours, theirs = paragraph(text, style), Paragraph(text, style)
    assert ours.wrap(width, 1000) == theirs.wrap(width, 1000)
    assert hasattr(ours, "blPara") == hasattr(theirs, "blPara")  # none for empty text
    if hasattr(theirs, "blPara"):  # every line, and the ascent and descent with them
        assert ({k: repr(v) for k, v in vars(ours.blPara).items()}
                == {k: repr(v) for k, v in vars(theirs.blPara).items()})


def _cell_styles(table: PlatypusTable) -> list[list[dict]]:
    return [[dict(vars(cell)) for cell in row] for row in table._cellStyles]


def test_cell_styles_set_once_per_table_end_as_reportlab_sets_them_cell_by_cell():
    whole = ((0, 0), (-1, -1))
    cells = [["序号", "差距", "备注"], ["1", "客户经理", ""], ["2", "跟进", "及时"]]
    commands = [("FONTNAME", *whole, STYLES.font), ("FONTSIZE", *whole, 9),
                ("TEXTCOLOR", *whole, styles.INK), ("LEFTPADDING", *whole, 5),
                ("BACKGROUND", (0, 0), (-1, 0), styles.ACCENT),
                ("TEXTCOLOR", (1, 1), (1, 1), "#b3261e"), ("FONTSIZE", *whole, 8),
                ("SPAN", (0, 2), (1, 2)), ("VALIGN", *whole, "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT)]
    hoisted = styles._hoist_cell_styles(cells, TableStyle(commands))
    assert hoisted is not None and hoisted[1] == commands[4:]  # the leading four, once
    ours = styles.Table(cells, colWidths=[30, 100, 60], style=TableStyle(commands))
    theirs = PlatypusTable(cells, colWidths=[30, 100, 60], style=TableStyle(commands))
    assert _cell_styles(ours) == _cell_styles(theirs)
    for kind in ("_linecmds", "_bkgrndcmds", "_spanCmds"):
        assert getattr(ours, kind) == getattr(theirs, kind)
    assert ours._cellStyles[1][1].color != ours._cellStyles[1][0].color  # one cell's own
    assert ours._cellStyles[0][0].fontsize == 8  # whole-table, after a one-cell command


def test_a_table_measured_in_part_is_measured_again_for_more_room():
    rows = [[styles.Plain(f"{i}"), "客户经理跟进不及时导致商机流失，" * 3] for i in range(80)]

    def make() -> PlatypusTable:  # a cell over two rows
        return styles.table(["序号", "差距"], rows, [1, 6], STYLES,
                            extra=[("SPAN", (0, 1), (0, 2))])

    ours = make()
    # at a page's foot, a table with a cell over rows measures only the rows that fit
    ours.wrap(STYLES.width, 120)
    assert ours.wrap(STYLES.width, 5000) == PlatypusTable.wrap(make(), STYLES.width, 5000)
