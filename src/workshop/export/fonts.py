"""CJK fonts for the PDFs: find one, check it can be embedded, register it once.

Order (``find_cjk_font``):

1. an explicit path (``--font``, config): a bad one is an ``ExportError``, never a silent
   fallback, because the facilitator asked for that font;
2. the environment variable ``WORKSHOP_CJK_FONT`` (same rule);
3. common system fonts: WenQuanYi Zen Hei / Micro Hei, Droid Sans Fallback, AR PL UMing,
   Noto Sans CJK / Source Han Sans when a TrueType build is installed, Microsoft YaHei,
   SimSun, SimHei, STHeiti, Arial Unicode;
4. reportlab's built-in CID font ``STSong-Light``, which needs no file (the PDF viewer
   supplies the glyphs; text still extracts as Chinese).

Only TrueType-outlined fonts (``.ttf``, ``.ttc``, TrueType ``.otf``) can be embedded by
reportlab: fonts with PostScript (CFF) outlines, such as the usual Noto Sans CJK and
Source Han Sans ``.otf``/``.ttc`` and PingFang, are skipped. A ``.ttc`` collection takes
its first face unless the path ends in ``#N`` (``msyh.ttc#1``).

CJK fonts rarely ship a bold face, so the family's bold and italic are the same face:
``<b>`` in our own markup never asks reportlab for a font that does not exist.

A CJK font lacks emoji, Arabic, many accented letters and combining marks. The PDFs fall
back per character to further fonts (``fallback_fonts``): a Latin/Greek/Cyrillic/Arabic
font (DejaVu Sans, Noto Sans, FreeSans; Debian: fonts-dejavu-core) and a monochrome emoji
and symbol font (Symbola; Debian: fonts-symbola), then Windows' and macOS' own. What no
font has is printed as a placeholder and named in a warning (``export.pdf.glyphs``).
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from workshop.export.errors import ExportError
from workshop.i18n import t

ENV_VAR = "WORKSHOP_CJK_FONT"
CID_FONT = "STSong-Light"
CID_FONTS = ("STSong-Light",)
"""Built-in CID fonts that may be named instead of a path (Simplified Chinese)."""

FontKind = Literal["ttf", "cid"]
FontSource = Literal["explicit", "env", "system", "builtin"]

SYSTEM_FONTS: tuple[str, ...] = (
    # Linux (Debian/Ubuntu, then Fedora/Arch layouts)
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid/DroidSansFallback.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf",
    # macOS
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
"""Known locations, tried in order."""

FONT_FILE_NAMES: tuple[str, ...] = (
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "msyh.ttc",
    "msyh.ttf",
    "simsun.ttc",
    "simhei.ttf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NotoSansSC-Regular.ttf",
    "NotoSansCJKsc-Regular.ttf",
    "SourceHanSansSC-Regular.ttf",
    "uming.ttc",
    "Arial Unicode.ttf",
)
"""File names looked for in ``FONT_DIRS`` (Windows fonts, user fonts, other layouts)."""


def _default_font_dirs() -> tuple[Path, ...]:
    dirs = [Path.home() / ".local/share/fonts", Path.home() / ".fonts",
            Path.home() / "Library/Fonts", Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts")]
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        dirs.insert(0, Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.insert(0, Path(local) / "Microsoft/Windows/Fonts")
    return tuple(dirs)


FONT_DIRS: tuple[Path, ...] = _default_font_dirs()
"""Folders searched (recursively) for ``FONT_FILE_NAMES`` when no known path exists."""


@dataclass(frozen=True)
class FontChoice:
    """The font the PDFs use."""

    name: str
    """The family name, e.g. ``WenQuanYi Zen Hei``, or the CID font's name."""
    path: Path | None
    """The font file, or None for a built-in CID font."""
    kind: FontKind
    subfont: int = 0
    """The face within a ``.ttc`` collection."""
    source: FontSource = "system"
    """Where it came from: an explicit path, the environment, the system, or built in."""

    @property
    def pdf_name(self) -> str:
        """The name the font is registered under in reportlab."""
        if self.kind == "cid":
            return self.name
        return _ttf_name(str(self.path), self.subfont)

    def describe(self, lang: str) -> str:
        """One translated line for the user: which font, and from where."""
        if self.kind == "cid":
            key = "export.font.cid_fallback" if self.source == "builtin" else "export.font.cid"
            return t(key, lang, name=self.name)
        return t("export.font.ttf", lang, name=self.name, path=str(self.path))


# -- reading font files -----------------------------------------------------------------

class _Unusable(Exception):
    """A font file that cannot serve: ``key`` is the catalog message, ``values`` its fields."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values


def _outline_tag(path: Path, subfont: int) -> bytes:
    """The sfnt version tag of the face: ``OTTO`` for CFF outlines, ``\\0\\1\\0\\0`` or
    ``true`` for TrueType."""
    with path.open("rb") as fh:
        head = fh.read(12)
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            if not 0 <= subfont < count:
                raise _Unusable("export.font.bad_index", index=subfont, last=count - 1)
            fh.seek(12 + 4 * subfont)
            (offset,) = struct.unpack(">I", fh.read(4))
            fh.seek(offset)
            return fh.read(4)
        return head[:4]


def _ttf_name(path: str, subfont: int, prefix: str = "WorkshopCJK") -> str:
    return f"{prefix}-{hashlib.sha1(f'{path}#{subfont}'.encode()).hexdigest()[:8]}"


def to_unicode_cmap(name: str, codes: list[int]) -> str:
    """A ToUnicode CMap for a font subset: byte ``i`` of the subset is code point
    ``codes[i]``, written as UTF-16BE (a surrogate pair beyond U+FFFF, as the PDF
    reference asks), so text with emoji copies and searches as emoji. An Arabic letter's
    joined form (a presentation form, ``pdf.rtl.shape``) stands for the letter itself, so
    a name copies and searches as it was typed, not as look-alike forms."""

    def utf16(code: int) -> str:
        text = unicodedata.normalize("NFKC", chr(code)) if _is_joined_form(code) else chr(code)
        return text.encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(codes) - 1:02X}>", "endcodespacerange",
        f"{len(codes)} beginbfchar",
        *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(codes)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


def _is_joined_form(code: int) -> bool:
    """An Arabic presentation form (Forms-A or Forms-B)."""
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE


class _TrueType(TTFont):
    """reportlab's TrueType font with ToUnicode maps that hold characters beyond the BMP:
    reportlab writes ``<1F680>`` for 🚀 (odd-length hex, which readers reject, so the
    emoji is lost when the text is copied or extracted); ``to_unicode_cmap`` writes the
    surrogate pair, and the letters behind Arabic joined forms."""

    def addObjects(self, doc: object) -> None:
        state = self.state.get(doc)
        subsets = [list(codes) for codes in state.subsets] if state is not None else []
        super().addObjects(doc)  # forgets the state: its subsets were copied first
        face = self.face
        for n, codes in enumerate(subsets):
            if max(codes, default=0) <= 0xFFFF and not any(map(_is_joined_form, codes)):
                continue
            base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)  # type: ignore[attr-defined]
            if stream is not None:
                stream.content = to_unicode_cmap(base, codes)


@cache
def _load_ttf(path: str, subfont: int, prefix: str = "WorkshopCJK") -> TTFont:
    """Parse a TrueType face once per process (a CJK font takes a fraction of a second)."""
    return _TrueType(_ttf_name(path, subfont, prefix), path, subfontIndex=subfont)


def _check_ttf(path: Path, subfont: int, source: FontSource) -> FontChoice:
    """A FontChoice for the face at `path`, or ``_Unusable`` saying why it cannot serve."""
    if path.is_dir():
        raise _Unusable("export.font.is_folder")
    if not path.is_file():
        raise _Unusable("export.font.not_found")
    try:
        tag = _outline_tag(path, subfont)
    except OSError as error:
        raise _Unusable("export.font.unreadable", error=error.strerror or error) from error
    except struct.error as error:
        raise _Unusable("export.font.not_a_font") from error
    if tag == b"OTTO":
        raise _Unusable("export.font.cff")
    if tag not in (b"\x00\x01\x00\x00", b"true"):
        raise _Unusable("export.font.not_a_font")
    try:
        font = _load_ttf(str(path), subfont)
    except Exception as error:  # reportlab raises TTFError, struct.error, IndexError…
        raise _Unusable("export.font.unreadable", error=error) from error
    if ord("中") not in font.face.charToGlyph:
        raise _Unusable("export.font.no_cjk")
    family = font.face.familyName
    if isinstance(family, bytes):
        family = family.decode("utf-8", "replace")
    return FontChoice(name=str(family or path.stem), path=path, kind="ttf", subfont=subfont,
                      source=source)


def _split_index(spec: str) -> tuple[Path, int]:
    """``"msyh.ttc#1"`` → (``msyh.ttc``, 1), unless a file is really named that."""
    path = Path(spec).expanduser()
    if "#" in spec and not path.exists():
        head, _, index = spec.rpartition("#")
        if index.isdigit():
            return Path(head).expanduser(), int(index)
    return path, 0


def _from_user(spec: str, source: FontSource, lang: str) -> FontChoice:
    if spec.strip() in CID_FONTS:
        return FontChoice(name=spec.strip(), path=None, kind="cid", source=source)
    path, subfont = _split_index(spec)
    path = path.absolute()
    try:
        return _check_ttf(path, subfont, source)
    except _Unusable as problem:
        key = problem.key
        if key == "export.font.not_found" and source == "env":
            key = "export.font.env_not_found"
        raise ExportError(t(key, lang, path=str(path), **problem.values)) from None


def _search_font_dirs(names: tuple[str, ...]) -> list[Path]:
    """The files in ``FONT_DIRS`` (searched recursively) named one of `names` (any case),
    in the order of `names`."""
    wanted = {name.lower(): rank for rank, name in enumerate(names)}
    found: list[tuple[int, Path]] = []
    for folder in FONT_DIRS:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            found += [(wanted[f.lower()], Path(root) / f) for f in files if f.lower() in wanted]
    return [path for _rank, path in sorted(found, key=lambda item: item[0])]


def system_candidates() -> Iterator[Path]:
    """Font files worth trying, best first: known paths, then a search of ``FONT_DIRS``."""
    seen: set[Path] = set()
    for name in SYSTEM_FONTS:
        path = Path(name)
        if path.is_file():
            seen.add(path)
            yield path
    for path in _search_font_dirs(FONT_FILE_NAMES):
        if path not in seen:
            seen.add(path)
            yield path


def find_cjk_font(explicit: str | os.PathLike[str] | None = None, *,
                  lang: str) -> FontChoice:
    """The font the PDFs should use (see the module docstring for the order).

    `explicit` is a font file path (``#N`` picks a face of a collection) or the name of a
    built-in CID font (``STSong-Light``). Raises ``ExportError`` (message in `lang`) when
    `explicit` or ``$WORKSHOP_CJK_FONT`` names a font that cannot be used. Never fails
    otherwise: the built-in CID font is always there.
    """
    if explicit is not None and str(explicit).strip():
        return _from_user(str(explicit), "explicit", lang)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _from_user(env, "env", lang)
    for path in system_candidates():
        try:
            return _check_ttf(path, 0, "system")
        except _Unusable:
            continue
    return FontChoice(name=CID_FONT, path=None, kind="cid", source="builtin")


# -- registering with reportlab ---------------------------------------------------------

_lock = threading.Lock()
_registered: set[str] = set()


def register_font(choice: FontChoice) -> str:
    """Register `choice` with reportlab (once per process) and return its font name.

    The family's bold, italic and bold italic map to the same face.
    """
    name = choice.pdf_name
    with _lock:
        if name in _registered:
            return name
        if choice.kind == "cid":
            pdfmetrics.registerFont(UnicodeCIDFont(choice.name))
        else:
            assert choice.path is not None
            pdfmetrics.registerFont(_load_ttf(str(choice.path), choice.subfont))
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        _registered.add(name)
    return name


# -- fallback fonts: characters the CJK font lacks --------------------------------------------

FALLBACK_FONTS: tuple[str, ...] = (
    # Latin, Greek, Cyrillic, Arabic, Hebrew, combining marks (Debian: fonts-dejavu-core)
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    # monochrome emoji and symbols (Debian: fonts-symbola)
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/gdouros-symbola/Symbola.ttf",
    "/usr/share/fonts/TTF/Symbola.ttf",
    # macOS
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)
"""Known locations of fallback fonts, tried in order; each one found is used."""

FALLBACK_FILE_NAMES: tuple[str, ...] = (
    "DejaVuSans.ttf", "NotoSans-Regular.ttf", "FreeSans.ttf", "Symbola.ttf",
    "Symbola_hint.ttf", "arial.ttf", "seguisym.ttf", "seguiemj.ttf",
)
"""Fallback fonts looked for by name in ``FONT_DIRS`` when none of the known paths exist
(Windows: Arial, Segoe UI Symbol, Segoe UI Emoji)."""

FALLBACK_PREFIX = "WorkshopFallback"


def _fallback_candidates() -> list[Path]:
    found = [Path(p) for p in FALLBACK_FONTS if Path(p).is_file()]
    return found or _search_font_dirs(FALLBACK_FILE_NAMES)


_fallback_cache: dict[tuple[object, ...], tuple[str, ...]] = {}
_last_fallbacks: tuple[tuple[object, ...], tuple[str, ...]] | None = None
"""The settings and the answer of the last call: the report asks ten thousand times."""


def fallback_fonts() -> tuple[str, ...]:
    """The fallback fonts found on this machine, registered with reportlab, best first
    (their registered names). Unusable files (CFF outlines, damaged) are skipped. Looked
    for once per process (again if ``FALLBACK_FONTS`` or ``FONT_DIRS`` change)."""
    global _last_fallbacks
    key = (FALLBACK_FONTS, FALLBACK_FILE_NAMES, FONT_DIRS)
    last = _last_fallbacks
    if last is not None and all(a is b for a, b in zip(last[0], key, strict=True)):
        return last[1]  # the very same settings: no need to hash the folders' paths
    found = _fallback_cache.get(key)
    if found is not None:
        _last_fallbacks = (key, found)
        return found
    names: list[str] = []
    for path in _fallback_candidates():
        try:
            if _outline_tag(path, 0) not in (b"\x00\x01\x00\x00", b"true"):
                continue
            font = _load_ttf(str(path), 0, FALLBACK_PREFIX)
        except Exception:  # a broken fallback font is skipped, never fatal
            continue
        with _lock:
            if font.fontName not in _registered:
                pdfmetrics.registerFont(font)
                for bold in (0, 1):
                    for italic in (0, 1):
                        addMapping(font.fontName, bold, italic, font.fontName)
                _registered.add(font.fontName)
        names.append(font.fontName)
    _fallback_cache[key] = found = tuple(names)
    _last_fallbacks = (key, found)
    return found


def fallback_families() -> list[str]:
    """The family names of the fallback fonts in use, for the user."""
    out = []
    for name in fallback_fonts():
        family = pdfmetrics.getFont(name).face.familyName
        out.append(family.decode("utf-8", "replace") if isinstance(family, bytes) else family)
    return out


def fallback_line(lang: str, families: Sequence[str] | None = None) -> str:
    """One translated line: the fallback fonts in use (`families`, default this
    process's), or that there are none."""
    if families is None:
        families = fallback_families()
    if not families:
        return t("export.font.no_fallback", lang)
    return t("export.font.fallback", lang, names=", ".join(families))
