"""The address the room is served on: the machine's address on the local network."""

from __future__ import annotations

import contextlib
import socket

DEFAULT_PORT = 8765
"""The port the room asks for first (a short, stable address to read off the projector);
any free port when it is taken."""
_PROBE = ("192.0.2.1", 9)
"""A documentation address (TEST-NET-1): "connecting" a UDP socket to it picks the
interface the default route leaves from, and sends nothing."""


def lan_address() -> str:
    """This machine's address on its local network (where phones on the same Wi-Fi reach
    it), or 127.0.0.1 when it has none."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_PROBE)
        address = probe.getsockname()[0]
        if address and not address.startswith(("0.", "127.")):
            return address
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if not address.startswith("127."):
                return address
    return "127.0.0.1"
