"""Join codes, tokens, rate limits, replays, the stage phones follow, and the QR code."""

from __future__ import annotations

import math
import subprocess

import pytest

from factories import make_doc
from phones_factory import require_tool
from workshop.room import access, qr
from workshop.room.address import lan_address
from workshop.room.stage import stage_for


def test_a_join_code_has_at_least_64_random_bits_and_forgives_typing():
    codes = {access.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert access.CODE_LENGTH * math.log2(len(access.CODE_ALPHABET)) >= 64
    code = "7KQ2M9XD0A1BCDEF"
    assert access.code_matches(" 7kq2-m9xd-oaib-cdef ", code)  # O → 0, I → 1, dashes, case
    assert access.code_matches(access.show_code(code), code)
    assert not access.code_matches("7KQ2M9XD0A1BCDEE", code)
    assert not access.code_matches("", "")  # a room never opened lets no one in


def test_tokens_are_kept_only_as_hashes():
    token = access.new_token()
    assert len(token) >= 32 and access.token_hash(token) != token
    assert access.token_hash(token) == access.token_hash(token)


def test_a_bucket_empties_for_one_key_only_and_refills_with_time():
    limiter = access.RateLimiter(rate=2, burst=3)
    assert [limiter.allow("a", 0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", 0)
    assert limiter.retry_after("a") == pytest.approx(0.5)
    assert limiter.allow("a", 0.5) and not limiter.allow("a", 0.5)


def test_a_limiter_forgets_the_least_recent_keys():
    limiter = access.RateLimiter(rate=1, burst=1, keys=2)
    for key in "abc":
        limiter.allow(key, 0)
    assert limiter.allow("a", 0)  # forgotten: a full bucket again


def test_a_nonce_counts_once_per_device_unless_its_change_was_refused():
    nonces = access.Nonces(keep=2)
    assert nonces.fresh("d1", "n1") and not nonces.fresh("d1", "n1")
    assert nonces.fresh("d2", "n1")
    nonces.forget("n1", "d1")
    assert nonces.fresh("d1", "n1")


def test_phones_follow_the_view_on_the_projector():
    doc = make_doc()
    doc.room.step = "gaps"
    assert stage_for(doc, "storm").boards == ("storm",)
    assert stage_for(doc, "swot").boards == ("swot.S", "swot.W", "swot.O", "swot.T")
    assert not stage_for(doc, "key").takes_input  # dots on gaps stay at the keyboard
    assert not stage_for(doc, "fishbone").takes_input
    doc.room.step = "cocreate"
    doc.cocreate.phase = "brainstorm"
    assert stage_for(doc, hidden=True).boards == ("idea",) and stage_for(doc, hidden=True).hidden
    doc.cocreate.phase = "vote"
    assert stage_for(doc).ballot == "cocreate"
    doc.cocreate.phase = "cluster"
    assert not stage_for(doc).takes_input
    doc.room.step = "vision"
    assert stage_for(doc, "cards").boards == ("vision",)
    assert not stage_for(doc, "cascade").takes_input
    doc.room.step = "townhall"
    assert stage_for(doc).questions
    for step in ("charter", "plan"):
        doc.room.step = step
        assert not stage_for(doc).takes_input


def test_the_lan_address_is_an_ipv4_address():
    address = lan_address()
    parts = address.split(".")
    assert len(parts) == 4 and all(part.isdigit() for part in parts)


def test_the_qr_code_has_a_quiet_zone_and_scales_to_fit():
    modules = qr.matrix("http://192.168.1.20:8765/#7KQ2M9XD0A1BCDEF")
    size = len(modules)
    assert all(len(row) == size for row in modules)
    for i in range(qr.QUIET_ZONE):
        assert not any(modules[i]) and not any(modules[-1 - i])
        assert not any(row[i] or row[-1 - i] for row in modules)
    pairs = qr.cell_pairs(modules, scale=2)
    assert len(pairs) == size and len(pairs[0]) == size * 2
    assert qr.fitting_scale(size, 200, 60) == min(200 // size, 120 // size)
    assert qr.fitting_scale(size, 10, 5) == 1


def test_the_qr_code_reads_back_as_the_link(tmp_path):
    """Drawn as the terminal draws it (half blocks, dark on light), a QR reader reads the
    link back."""
    zbarimg = require_tool("zbarimg", "zbar-tools")
    link = "http://192.168.1.20:8765/#7KQ2M9XD0A1BCDEF"
    pairs = qr.cell_pairs(qr.matrix(link))
    cell = 8  # pixels of one module's width; a character cell is 8 × 16
    width, height = len(pairs[0]) * cell, len(pairs) * cell * 2
    pixels = bytearray()
    for row in pairs:
        for half in (0, 1):
            line = bytearray()
            for pair in row:
                line += (b"\x00" if pair[half] else b"\xff") * cell
            pixels += bytes(line) * cell
    image = tmp_path / "qr.pgm"
    image.write_bytes(b"P5 %d %d 255\n" % (width, height) + bytes(pixels))
    out = subprocess.run([zbarimg, "--quiet", "--raw", str(image)], capture_output=True,
                         text=True, timeout=30)
    assert out.stdout.strip() == link
