"""CJK font discovery: the order, the errors for a bad explicit font, the built-in CID
fallback, and that a TrueType font really ends up embedded in the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from pypdf import PdfReader

from factories import SCENARIOS
from pdftools import pdf_text, require_cjk_font
from workshop.export import ExportError, export, fonts
from workshop.export.fonts import FontChoice, find_cjk_font, register_font
from workshop.scenario import load_scenario

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
"""A Latin-only TrueType font that ships with reportlab."""


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)


@pytest.fixture(autouse=True)
def _no_env_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)


def _page_fonts(path: Path) -> list[dict]:
    out = []
    for page in PdfReader(str(path)).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            out.append(ref.get_object())
    return out


def test_a_system_truetype_font_is_found_and_described():
    choice = require_cjk_font()
    assert choice.kind == "ttf" and choice.source == "system"
    assert choice.path is not None and choice.path.is_file()
    assert choice.describe("zh").startswith("CJK 字体：")
    assert str(choice.path) in choice.describe("zh")
    assert choice.describe("en").startswith("CJK font: ")


def test_the_truetype_font_is_embedded_in_the_pdf(tmp_path: Path):
    choice = require_cjk_font()
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    (path,) = export(doc, "pdf", out=tmp_path).paths
    page_fonts = _page_fonts(path)
    postscript = fonts._load_ttf(str(choice.path), choice.subfont).face.name
    postscript = postscript.decode() if isinstance(postscript, bytes) else postscript
    # reportlab names subsets AAAAAA+<PostScript name>[-<face index>]
    embedded = [f for f in page_fonts if f"+{postscript}" in str(f["/BaseFont"])]
    assert embedded, [str(f["/BaseFont"]) for f in page_fonts]
    for font in embedded:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the TrueType program itself is in the file


def test_the_cid_fallback_is_used_when_no_font_is_found(no_system_fonts, tmp_path: Path):
    choice = find_cjk_font(lang="zh")
    assert choice == FontChoice(name="STSong-Light", path=None, kind="cid", source="builtin")
    assert choice.describe("zh") == "内置 CID 字体 STSong-Light（未找到 TrueType 中文字体）"
    assert choice.describe("en") == "Built-in CID font STSong-Light (no TrueType CJK font found)"
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    (path,) = export(doc, "pdf", out=tmp_path).paths
    names = {str(f["/BaseFont"]) for f in _page_fonts(path)}
    assert any("STSong-Light" in name for name in names), names
    assert "济南队" in pdf_text(path)


def test_the_cid_font_can_be_asked_for_by_name():
    choice = find_cjk_font("STSong-Light", lang="zh")
    assert choice.kind == "cid" and choice.source == "explicit"
    assert "未找到" not in choice.describe("zh")


def test_an_explicit_bad_path_is_an_error_not_a_fallback(tmp_path: Path):
    missing = tmp_path / "no-such-font.ttf"
    with pytest.raises(ExportError) as caught:
        find_cjk_font(str(missing), lang="zh")
    assert str(missing) in caught.value.message
    assert "找不到字体文件" in caught.value.message
    with pytest.raises(ExportError):
        export(load_scenario(SCENARIOS / "shandong-sales.toml"), "pdf", out=tmp_path,
               font=str(missing))
    assert [p.name for p in tmp_path.iterdir()] == []


def test_explicit_font_problems_say_what_is_wrong(tmp_path: Path):
    cases = {
        tmp_path: "文件夹",
        VERA: "不包含中文字形",
    }
    not_font = tmp_path / "notes.ttf"
    not_font.write_text("hello")
    cases[not_font] = "不是 TrueType"
    cff = tmp_path / "SourceHanSans.otf"
    cff.write_bytes(b"OTTO" + bytes(60))
    cases[cff] = "CFF"
    for path, expected in cases.items():
        with pytest.raises(ExportError) as caught:
            find_cjk_font(str(path), lang="zh")
        assert expected in caught.value.message, (path, caught.value.message)


def test_errors_follow_the_language(tmp_path: Path):
    with pytest.raises(ExportError) as caught:
        find_cjk_font(str(tmp_path / "x.ttf"), lang="en")
    assert caught.value.message.startswith("Font file not found")


def test_the_environment_variable_is_used(monkeypatch: pytest.MonkeyPatch):
    system = require_cjk_font()
    monkeypatch.setenv(fonts.ENV_VAR, str(system.path))
    choice = find_cjk_font(lang="zh")
    assert choice.source == "env" and choice.path == system.path


def test_a_bad_environment_variable_is_an_error(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "gone.ttc"))
    with pytest.raises(ExportError) as caught:
        find_cjk_font(lang="zh")
    assert "WORKSHOP_CJK_FONT" in caught.value.message


def test_explicit_beats_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "gone.ttc"))
    assert find_cjk_font("STSong-Light", lang="zh").kind == "cid"


def test_a_face_of_a_collection_can_be_chosen():
    system = require_cjk_font()
    assert system.path is not None
    first = find_cjk_font(f"{system.path}#0", lang="zh")
    assert first.subfont == 0 and first.path == system.path
    if system.path.suffix.lower() == ".ttc":
        with pytest.raises(ExportError) as caught:
            find_cjk_font(f"{system.path}#99", lang="zh")
        assert "99" in caught.value.message


def test_font_folders_are_searched_by_file_name(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path):
    system = require_cjk_font()
    assert system.path is not None
    folder = tmp_path / "fonts" / "deep"
    folder.mkdir(parents=True)
    link = folder / "wqy-zenhei.ttc"
    link.symlink_to(system.path)
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    monkeypatch.setattr(fonts, "FONT_DIRS", (tmp_path / "fonts",))
    choice = find_cjk_font(lang="zh")
    assert choice.kind == "ttf" and choice.path == link


def test_unusable_system_fonts_are_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    cff = tmp_path / "NotoSansCJK-Regular.ttc"
    cff.write_bytes(b"OTTO" + bytes(60))
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", (str(cff), str(VERA)))
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    assert find_cjk_font(lang="zh").kind == "cid"


def test_registration_happens_once_and_maps_bold_to_the_same_face():
    from reportlab.lib.fonts import tt2ps

    choice = find_cjk_font("STSong-Light", lang="zh")
    name = register_font(choice)
    assert register_font(choice) == name
    assert tt2ps(name, 1, 0) == name  # <b> never asks for a font that does not exist
    system = require_cjk_font()
    ttf = register_font(system)
    assert ttf == system.pdf_name and tt2ps(ttf, 1, 1) == ttf


# -- fallback fonts: what the CJK font lacks ------------------------------------------------

def test_an_emoji_copies_and_extracts_as_itself(tmp_path: Path):
    """reportlab writes the ToUnicode entry of a character beyond U+FFFF as odd-length
    hex (<1F680>), which readers reject: the emoji vanished from copied text. The map is
    written as a surrogate pair, so pypdf (like a viewer's copy) reads it back."""
    require_cjk_font()
    if not fonts.fallback_fonts():
        pytest.skip("no fallback fonts (apt-get install fonts-dejavu-core fonts-symbola)")
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    doc.teams[0].members[0].name = "马🚀云"
    (path,) = export(doc, "pdf", out=tmp_path, teams=[doc.teams[0].name]).paths
    assert "马🚀云" in pdf_text(path)


def test_fallback_fonts_are_found_by_name_in_the_font_folders(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    """Where the known paths do not exist (Windows, another layout), the fallback fonts
    are looked for by file name in the font folders."""
    dejavu = next((Path(p) for p in fonts.FALLBACK_FONTS if p.endswith("DejaVuSans.ttf")
                   and Path(p).is_file()), None)
    if dejavu is None:
        pytest.skip("DejaVu Sans not installed (apt-get install fonts-dejavu-core)")
    folder = tmp_path / "Fonts" / "nested"
    folder.mkdir(parents=True)
    (folder / "dejavusans.TTF").write_bytes(dejavu.read_bytes())
    monkeypatch.setattr(fonts, "FALLBACK_FONTS", ())
    monkeypatch.setattr(fonts, "FONT_DIRS", (tmp_path / "Fonts",))
    (found,) = fonts.fallback_fonts()
    assert "DejaVu Sans" in fonts.fallback_families()
    assert fonts.fallback_line("en") == "Fallback fonts (emoji, other scripts): DejaVu Sans"
    assert found.startswith(fonts.FALLBACK_PREFIX)
