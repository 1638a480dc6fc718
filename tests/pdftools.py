"""Helpers for testing PDFs the way a reader meets them: the text pypdf extracts, and
pages rendered by poppler's ``pdftoppm`` and decoded here (no Pillow: it is not a
dependency; a tiny PNG decoder on ``zlib`` is enough for pdftoppm's output).

Tests that need ``pdftoppm`` or a TrueType CJK font skip with a reason when they are
missing, except in CI (``CI`` set), where a missing tool is a failure: CI never skips.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.export.fonts import FontChoice, find_cjk_font

PDFTOPPM_HINT = "pdftoppm not installed (apt-get install poppler-utils)"
CJK_FONT_HINT = ("no TrueType CJK font found (apt-get install fonts-wqy-zenhei, or set "
                 "WORKSHOP_CJK_FONT)")


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} — CI must not skip this test")
    pytest.skip(reason)


def require_pdftoppm() -> str:
    """The path of ``pdftoppm``; skips the test when missing (fails in CI)."""
    found = shutil.which("pdftoppm")
    if not found:
        _skip_or_fail(PDFTOPPM_HINT)
    return str(found)


def require_cjk_font() -> FontChoice:
    """The system's TrueType CJK font; skips the test when there is none (fails in CI)."""
    choice = find_cjk_font(lang="zh")
    if choice.kind != "ttf":
        _skip_or_fail(CJK_FONT_HINT)
    return choice


# -- text -------------------------------------------------------------------------------

def page_texts(path: Path) -> list[str]:
    """The extracted text of each page."""
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    """The extracted text of the whole PDF, pages separated by form feeds."""
    return "\f".join(page_texts(path))


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


# -- pixels -----------------------------------------------------------------------------

def render_page(path: Path, page: int = 1, *, dpi: int = 50,
                out_dir: Path | None = None) -> Path | None:
    """Render `page` (1-based) of `path` to a PNG with pdftoppm; None if it is missing."""
    exe = shutil.which("pdftoppm")
    if not exe:
        return None
    folder = Path(out_dir or tempfile.mkdtemp(prefix="pdfpage-"))
    prefix = folder / f"{path.stem[:40]}-p{page}"
    subprocess.run([exe, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(path), str(prefix)], check=True, capture_output=True)
    return prefix.with_suffix(".png")


def render_gray(path: Path, page: int = 1, *, dpi: int = 40) -> Image | None:
    """Render `page` to an 8-bit grayscale image (pdftoppm's PGM, decoded here); None if
    pdftoppm is missing. Faster to check pixel by pixel than a PNG."""
    exe = shutil.which("pdftoppm")
    if not exe:
        return None
    with tempfile.TemporaryDirectory(prefix="pdfgray-") as folder:
        prefix = Path(folder) / "page"
        subprocess.run([exe, "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-singlefile", str(path), str(prefix)], check=True, capture_output=True)
        return read_pgm(prefix.with_suffix(".pgm"))


def read_pgm(path: Path) -> Image:
    """Decode a binary (P5) 8-bit PGM."""
    raw = path.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while raw[pos:pos + 1].isspace():
            pos += 1
        if raw[pos:pos + 1] == b"#":
            pos = raw.index(b"\n", pos)
            continue
        end = pos
        while not raw[end:end + 1].isspace():
            end += 1
        fields.append(raw[pos:end])
        pos = end
    magic, width, height, maxval = fields[0], int(fields[1]), int(fields[2]), int(fields[3])
    if magic != b"P5" or maxval != 255:
        raise ValueError(f"unsupported PGM: {magic!r}, maxval {maxval}")
    data = raw[pos + 1:pos + 1 + width * height]
    return Image(width, height, 1, data)


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    data: bytes
    """Rows of ``width * channels`` bytes, top to bottom."""

    def gray(self, x: int, y: int) -> int:
        i = (y * self.width + x) * self.channels
        if self.channels < 3:
            return self.data[i]
        return (self.data[i] + self.data[i + 1] + self.data[i + 2]) // 3

    def ink(self, box: tuple[int, int, int, int] | None = None, threshold: int = 240) -> int:
        """How many pixels in `box` (x0, y0, x1, y1; default all) are darker than
        `threshold`: 0 means blank."""
        x0, y0, x1, y1 = box or (0, 0, self.width, self.height)
        return sum(1 for y in range(y0, y1) for x in range(x0, x1)
                   if self.gray(x, y) < threshold)


def read_png(path: Path) -> Image:
    """Decode an 8-bit, non-interlaced PNG (what pdftoppm writes) with zlib alone."""
    raw = path.read_bytes()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat = 8, bytearray()
    width = height = depth = color = interlace = 0
    while pos < len(raw):
        (length,) = struct.unpack(">I", raw[pos:pos + 4])
        kind = raw[pos + 4:pos + 8]
        body = raw[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(color)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {color}")
    data = zlib.decompress(bytes(idat))
    stride = width * channels
    out = bytearray()
    prev = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = data[start], bytearray(data[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            corner = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        out += line
        prev = line
    return Image(width, height, channels, bytes(out))


# -- where the glyphs are (pdfplumber) and which fonts are embedded (pypdf) --------------------

@dataclass(frozen=True)
class Glyph:
    """One character drawn on a page, in points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str


def glyphs(path: Path) -> list[list[Glyph]]:
    """Every character drawn, page by page (pdfplumber)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [[Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"],
                       c["fontname"]) for c in page.chars] for page in pdf.pages]


def plumber_text(path: Path) -> str:
    """The text of every page as pdfplumber lays it out (characters left to right as
    drawn, so a right-to-left name comes out reversed: ``pdf_text`` reads it as typed),
    pages separated by form feeds."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def outside(page: list[Glyph], left: float, right: float, top: float,
            bottom: float) -> list[Glyph]:
    """The glyphs whose box is not inside the rectangle (page coordinates, points)."""
    slack = 0.5
    return [g for g in page if g.text.strip() and (
        g.x0 < left - slack or g.x1 > right + slack or g.top < top - slack
        or g.bottom > bottom + slack)]


def overlapping(page: list[Glyph], tolerance: float = 1.0) -> list[tuple[Glyph, Glyph]]:
    """Pairs of visible glyphs whose boxes overlap by more than `tolerance` points both
    ways: two lines of text drawn over each other (a glyph of no width, such as a
    combining mark, sits on its letter by design and is left out)."""
    shown = [g for g in page if g.text.strip() and g.x1 - g.x0 > 1]
    cells: dict[tuple[int, int], list[Glyph]] = {}
    found = []
    for g in shown:
        keys = {(int(x // 20), int(y // 20)) for x in (g.x0, g.x1) for y in (g.top, g.bottom)}
        near = {id(o): o for key in keys for o in cells.get(key, [])}
        for other in near.values():
            dx = min(g.x1, other.x1) - max(g.x0, other.x0)
            dy = min(g.bottom, other.bottom) - max(g.top, other.top)
            if dx > tolerance and dy > tolerance:
                found.append((other, g))
        for key in keys:
            cells.setdefault(key, []).append(g)
    return found


def unembedded_fonts(path: Path) -> list[str]:
    """The names of the fonts a PDF uses without embedding them (a print shop's
    preflight check; ``pdffonts`` says "no" in its ``emb`` column)."""
    missing = set()
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return sorted(missing)
