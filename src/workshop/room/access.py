"""Who gets in, and how often: the join code, device tokens, rate limits, replays.

- The **join code** is 16 characters of Crockford's base32 (80 random bits), shown as
  four groups of four and carried in the QR link. Typed by hand it forgives case,
  spaces, dashes and the letters people confuse (O for 0, I and L for 1).
- A phone that joins gets a **token** (192 random bits); the session keeps only its
  SHA-256, so the file never holds what a phone shows to get in.
- **Rate limits** are token buckets per device (and per address before joining): a
  flood from one phone empties that phone's bucket and no one else's.
- **Replays**: every change a phone sends carries a nonce of its own choosing; a nonce
  seen before from the same device is refused, so a request sent twice (a retry, a
  copy) changes nothing the second time.

Pure: the clock is passed in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U to misread."""
CODE_LENGTH = 16
"""80 bits of entropy."""
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh join code (``CODE_LENGTH`` characters, ``CODE_LENGTH * 5`` random bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(typed: str) -> str:
    """A typed or scanned code as stored: upper case, no separators, typos mapped."""
    kept = "".join(ch for ch in str(typed).upper() if not ch.isspace() and ch not in "-_.")
    return kept.translate(_TYPO)[:64]


def code_matches(typed: str, code: str) -> bool:
    """Whether `typed` is the room's `code` (in constant time; never for an empty code)."""
    return bool(code) and hmac.compare_digest(normalize_code(typed).encode(), code.encode())


def show_code(code: str) -> str:
    """The code as read off the projector: ``7KQ2-M9XD-…``."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class Bucket:
    tokens: float
    at: float


@dataclass
class RateLimiter:
    """Token buckets by key: `burst` requests at once, then `rate` a second.

    Holds at most `keys` buckets (the least recently used are forgotten, which only ever
    gives a forgotten key a full bucket back).
    """

    rate: float
    burst: float
    keys: int = 2048
    _buckets: OrderedDict[str, Bucket] = field(default_factory=OrderedDict)

    def allow(self, key: str, now: float, cost: float = 1.0) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = Bucket(self.burst, now)
            self._buckets[key] = bucket
            while len(self._buckets) > self.keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
        if bucket.tokens < cost:
            return False
        bucket.tokens -= cost
        return True

    def retry_after(self, key: str, cost: float = 1.0) -> float:
        """Seconds until `key` may send again (0 when it may now)."""
        bucket = self._buckets.get(key)
        if bucket is None or bucket.tokens >= cost:
            return 0.0
        return (cost - bucket.tokens) / self.rate


@dataclass
class Nonces:
    """The last `keep` nonces of each device: a nonce seen again is a replay."""

    keep: int = 512
    _seen: dict[str, tuple[set[str], deque[str]]] = field(default_factory=dict)

    def fresh(self, device_id: str, nonce: str) -> bool:
        """Record `nonce` for `device_id`; False when it was seen before."""
        seen, order = self._seen.setdefault(device_id, (set(), deque()))
        if nonce in seen:
            return False
        seen.add(nonce)
        order.append(nonce)
        if len(order) > self.keep:
            seen.discard(order.popleft())
        return True

    def forget(self, nonce: str, device_id: str) -> None:
        """Let `nonce` be used again (its change was refused, so a retry may succeed)."""
        entry = self._seen.get(device_id)
        if entry is not None:
            entry[0].discard(nonce)

    def drop(self, device_id: str) -> None:
        self._seen.pop(device_id, None)
