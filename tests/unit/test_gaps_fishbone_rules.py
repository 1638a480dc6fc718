"""The fishbone's one shape rule (the first half of the bones above the spine, rounded up),
and that the terminal drawing, the PDF drawing and the keys that move a cause sideways all
follow it; finding a cause and listing the fishbones the room pages through."""

from __future__ import annotations

import pytest

from factories import make_doc
from gaps_factory import GAPS, add_gaps, fill_fishbone
from pdftools import require_cjk_font
from workshop import i18n
from workshop.edits import gaps as edits
from workshop.methods.gaps import fishbone as rules
from workshop.methods.gaps import ranking
from workshop.tui.widgets.gaps.fishbone_layout import FishBone, FishCause, layout


@pytest.mark.parametrize(("count", "above"), [(0, 0), (1, 1), (2, 1), (3, 2), (5, 3), (6, 3),
                                              (7, 4), (12, 6)])
def test_the_first_half_rounded_up_stands_above_the_spine(count, above):
    assert rules.bones_above(count) == above
    top, bottom = rules.split_bones(list(range(count)))
    assert top == list(range(above)) and bottom == list(range(above, count))


def test_beside_stays_on_its_side_of_the_spine():
    # 5 bones: 0 1 2 above, 3 4 below
    assert rules.beside(5, 0, 1) == 1 and rules.beside(5, 1, -1) == 0
    assert rules.beside(5, 2, 1) is None  # the last above does not jump below
    assert rules.beside(5, 3, -1) is None  # the first below does not jump above
    assert rules.beside(5, 3, 1) == 4 and rules.beside(5, 4, 1) is None
    assert rules.beside(5, 0, -1) is None and rules.beside(1, 0, 1) is None


def five_bones() -> list[FishBone]:
    return [FishBone(f"b{i}", label, [FishCause(f"c{i}", f"原因{i}", 1)])
            for i, label in enumerate("人机料法环")]


def test_the_terminal_drawing_puts_the_same_bones_above():
    drawing = layout("差距", five_bones(), 120)
    label_rows = {bone.label: min(r for r, _, _ in drawing.spans[("bone", bone.id)])
                  for bone in five_bones()}
    above = sorted(label for label, row in label_rows.items() if row < drawing.spine_row)
    assert above == sorted("人机料")


def test_the_pdf_drawing_puts_the_same_bones_above():
    from workshop.export.fonts import register_font
    from workshop.export.pdf.gaps import FISHBONE_ROOM
    from workshop.export.pdf.gaps_fishbone import layout as pdf_layout
    from workshop.export.pdf.styles import FRAME_WIDTH
    from workshop.report import build_report

    font = register_font(require_cjk_font())
    i18n.set_language("zh")
    doc = make_doc()
    (gap_id,) = add_gaps(doc, GAPS[:1])
    edits.set_key(doc, gap_id, True)
    fish = ranking.fishbone_of(doc, gap_id)
    edits.delete_bone(doc, fish.id, fish.bones[-1].id)  # 人 机 料 法 环: five, an odd count
    fill_fishbone(doc, gap_id, causes=1, roots=())
    row = build_report(doc, "zh").step("gaps").fishbones[0]  # type: ignore[attr-defined]
    drawn = pdf_layout(row, font, FRAME_WIDTH, FISHBONE_ROOM)
    (spine,) = [s for s in drawn.strokes if s.kind == "spine"]
    labels = {t.text: t.y for t in drawn.texts if t.kind == "label"}
    assert sorted(labels) == sorted("人机料法环")
    above = sorted(label for label, y in labels.items() if y > spine.y1)  # PDF y runs up
    assert above == sorted("人机料")


def test_locate_finds_a_sub_cause_with_its_bone_and_level():
    doc = make_doc()
    (gap_id,) = add_gaps(doc, GAPS[:1])
    fish = fill_fishbone(doc, gap_id, causes=2, subs=1)
    sub = fish.bones[2].causes[1].children[0]
    bone, cause, level = rules.locate(fish, sub.id)
    assert (bone.label, cause.text, level) == ("料", sub.text, 2)
    assert rules.locate(fish, "nowhere") is None
    assert rules.cause_count(fish.bones[2]) == 4


def test_shown_lists_key_gaps_first_then_others_with_causes_or_just_opened():
    doc = make_doc()
    ids = add_gaps(doc, GAPS[:4])
    for gap_id, cost in zip(ids, (2, 5, 4, 3), strict=True):
        edits.set_score(doc, gap_id, "cost", cost)
        edits.set_score(doc, gap_id, "strategic", 5)
    edits.set_key(doc, ids[2], True)
    fill_fishbone(doc, ids[0], causes=1)  # not key, but has causes
    edits.ensure_fishbone(doc, ids[1])  # not key, empty: shown only when just opened
    rows = ranking.ranking(doc)
    assert [card.id for card, _ in rules.shown(doc, rows)] == [ids[2], ids[0]]
    assert [card.id for card, _ in rules.shown(doc, rows, also=ids[1])] == [ids[2], ids[1],
                                                                           ids[0]]
