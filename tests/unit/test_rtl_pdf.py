"""Right-to-left text on paper: an Arabic name prints with its letters joined and read from
the right, in the handout, the report and the monthly board; a long Arabic card wraps with
its first words on its first line; Hebrew reads from the right too.

Read back from where the glyphs are (pdfplumber), not from an extractor's idea of reading
order: the characters of a line sorted by their x position must give the name reversed,
each glyph as wide as the joined form the font draws for it, in the font that has Arabic.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from checkin_factory import FEBRUARY, store
from pdftools import Glyph, glyphs, pdf_text, require_cjk_font
from room_factory import TEAMS, hostile_room
from workshop.edits import checkin as checkin_edits
from workshop.export import export, export_checkin
from workshop.export.fonts import fallback_fonts, register_font
from workshop.export.pdf import rtl
from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.styles import Plain, make_styles, para, table
from workshop.model import Action

NAME = "مريم"
"""A member of the hostile room's third team (🚀火箭队)."""

CARD = ("السلام عليكم ورحمة الله وبركاته نحن فريق المبيعات في شنغهاي ونعمل معا "
        "لتحقيق الهدف")


def lines(page: list[Glyph]) -> list[list[Glyph]]:
    """The page's glyphs in lines (fallback fonts sit a little higher or lower), each
    sorted left to right, top line first."""
    out: list[list[Glyph]] = []
    for g in sorted(page, key=lambda g: (g.top, g.x0)):
        if out and abs(out[-1][0].top - g.top) < 3:
            out[-1].append(g)
        else:
            out.append([g])
    return [sorted(line, key=lambda g: g.x0) for line in out]


def letters(glyph: Glyph) -> str:
    """What a glyph stands for (a joined form as its letter, whatever the PDF's map)."""
    return unicodedata.normalize("NFKC", glyph.text)


def drawn_right_to_left(page: list[Glyph], word: str) -> list[list[Glyph]]:
    """Every place on the page where `word` is drawn from the right: its glyphs, left to
    right."""
    found = []
    for line in lines(page):
        shown = [(letters(g), g) for g in line if g.text.strip()]
        text = "".join(t for t, _ in shown)
        at = text.find(word[::-1])
        while at >= 0:
            found.append([g for _, g in shown[at:at + len(word)]])
            at = text.find(word[::-1], at + 1)
    return found


def check_joined(found: list[Glyph], word: str) -> None:
    """The glyphs are the joined forms, from a font that is not the CJK one."""
    expected = rtl.display(rtl.shape(word))
    assert [letters(g) for g in found] == [unicodedata.normalize("NFKC", c) for c in expected]
    font = {g.font for g in found}
    assert len(font) == 1, font
    face = next(iter(fallback_fonts()))  # DejaVu Sans here and in CI
    for glyph, form in zip(found, expected, strict=True):
        assert abs((glyph.x1 - glyph.x0) - stringWidth(form, face, glyph.size)) < 0.05, form


def test_a_line_is_put_in_display_order():
    assert rtl.display("组长 مريم (2027) 负责") == "组长 (2027) ميرم 负责"
    assert rtl.display("שלום עולם (2027)") == "(2027) םלוע םולש"
    assert rtl.display("Plain [/oops] 中文") == "Plain [/oops] 中文"
    assert rtl.shape(NAME) == "\ufee3\ufeae\ufef3\ufee2"  # initial, medial, medial, final
    assert rtl.shape("لا") == "\ufefb"  # lam-alef is one glyph


def test_a_canvas_line_is_shaped_and_reversed():
    stack = stack_for(register_font(require_cjk_font()))
    ((font, run),) = stack.runs(NAME)
    assert font != stack.primary and run == "\ufee2\ufef3\ufeae\ufee3"
    assert stack.width(NAME, 10) == stringWidth(run, font, 10)


def test_an_arabic_name_reads_from_the_right_in_the_handout_and_the_report(tmp_path):
    require_cjk_font()
    doc = hostile_room(tmp_path)
    team = TEAMS.index("🚀火箭队")
    result = export(doc, "pdf", out=tmp_path / "pdf", teams=[doc.teams[team].name])
    (handout,) = result.paths
    (report,) = export(doc, "pdf", out=tmp_path / "pdf").paths
    pages = glyphs(handout)
    plan_page, commitment = (drawn_right_to_left(page, NAME) for page in pages[:2])
    assert len(plan_page) >= 2 and commitment  # the goal's owner, an action's, a signer
    for found in plan_page + commitment:
        check_joined(found, NAME)
    assert any(drawn_right_to_left(page, NAME) for page in glyphs(report))
    assert NAME in pdf_text(handout)  # pypdf reads it back as typed
    assert result.warnings == []


def test_a_long_arabic_card_wraps_in_reading_order(tmp_path):
    styles = make_styles(register_font(require_cjk_font()), "zh")
    path = tmp_path / "card.pdf"
    SimpleDocTemplate(str(path)).build([
        para(CARD, styles.body),
        table(["卡片", "负责人"], [[CARD, Plain(NAME)]], [3, 1], styles, total_width=200)])
    (page,) = glyphs(path)
    cell = [line for line in lines(page) if line[0].x0 < 200 and line[0].top > 120]
    assert len(cell) >= 4  # a narrow cell: the card runs over several lines
    read = ["".join(letters(g) for g in reversed(line) if g.x0 < 200) for line in cell]
    words = CARD.split()
    assert "".join(read).replace(" ", "") == "".join(words)
    assert read[0].split()[0] == words[0]  # its first word starts its first line
    assert any(drawn_right_to_left(page, NAME) for page in [page])


def test_the_monthly_board_prints_arabic_names_from_the_right(tmp_path):
    require_cjk_font()
    doc = store()
    team = doc.teams[1]
    team.name = "فريق الصباح"
    team.members[0].name = NAME
    doc.plan.actions.append(Action(what="每天开店前10分钟晨会", team_id=team.id,
                                   owner_id=team.members[0].id, checker_id=team.members[1].id,
                                   due=dt.date(2027, 3, 10)))
    checkin_edits.new_checkin(doc, FEBRUARY[0], *FEBRUARY)
    (path,) = export_checkin(doc, "pdf", out=tmp_path, teams=[team.name]).paths
    (page,) = glyphs(Path(path))
    assert drawn_right_to_left(page, "الصباح") and drawn_right_to_left(page, "فريق")
    owners = drawn_right_to_left(page, NAME)
    assert owners  # the owner of the action due next month
    for found in owners:
        check_joined(found, NAME)
