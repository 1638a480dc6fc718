"""The real ``workshop`` command in a pseudo-terminal, with what it shows read back.

:class:`PtyApp` starts ``python -m workshop ARGS`` on the slave side of a new
pseudo-terminal (``pty.fork``: the child leads a new session whose controlling terminal
it is, as in a terminal window, so closing the master sends it SIGHUP). A thread reads
everything the app writes and feeds it to a ``pyte`` terminal emulator, so a test reads
the screen as a person would, line by line, after the last byte the app wrote.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyte

SRC = Path(__file__).resolve().parents[1] / "src"


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """An environment for the app: this checkout's code, a UTF-8 xterm, its own data
    folder (recent list, keymap), the room's language from the session."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST", "TEXTUAL", "COLUMNS", "LINES"))}
    env.update(PYTHONPATH=str(SRC), TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               WORKSHOP_DATA_DIR=str(data_dir), COLORTERM="truecolor", **extra)
    return env


def entry_line(screen: str) -> str | None:
    """The card entry's text on `screen` (None: no entry outside a dialog)."""
    for line in screen.splitlines():
        if "▊" in line and "▎" in line and "█" not in line and "▔" not in line \
                and "▁" not in line:
            text = line.rsplit("▊", 1)[1].split("▎", 1)[0]
            return text.split("▌", 1)[0].strip()  # a notice may cover the entry's end
    return None


class PtyApp:
    """``workshop *args`` in a terminal of `size` (columns, rows)."""

    def __init__(self, args: Sequence[str], env: dict[str, str], *,
                 size: tuple[int, int] = (100, 30), cwd: Path | None = None) -> None:
        self.columns, self.rows = size
        argv = [sys.executable, "-m", "workshop", *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the app
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows,
                                                               self.columns, 0, 0))
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = pyte.Screen(self.columns, self.rows)
        self._stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        self.output = bytearray()
        self.returncode: int | None = None
        self._reading = threading.Event()
        self._reading.set()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- reading -------------------------------------------------------------------------
    def _read(self) -> None:
        while True:
            self._reading.wait()
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if not ready:
                    if self.fd < 0:
                        return
                    continue
                data = os.read(self.fd, 65536)
            except (OSError, ValueError):  # EIO: the app and its terminal are gone
                return
            if not data:
                return
            with self._lock:
                self.output += data
                self._stream.feed(data)

    def stop_reading(self) -> None:
        """Read no more of what the app writes, like a terminal that is gone but not yet
        closed: the terminal's buffer fills and the app's writes block."""
        self._reading.clear()

    def text(self) -> str:
        """The screen as it is now, one line per row."""
        with self._lock:  # not pyte's display: it fails on half a wide character
            buffer, columns = self.screen.buffer, self.columns
            return "\n".join("".join(buffer[y][x].data for x in range(columns)).rstrip()
                             for y in range(self.rows))

    def wait_for(self, condition: Callable[[str], bool] | str, timeout: float = 20.0) -> str:
        """Wait until the screen satisfies `condition` (or shows the text); the screen."""
        check = (lambda text: condition in text) if isinstance(condition, str) else condition
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if check(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {condition!r}; screen:\n{text}")
            if self.poll() is not None:
                raise AssertionError(f"the app ended ({self.returncode}); screen:\n{text}")
            time.sleep(0.03)

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until the app has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        seen, since = len(self.output), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if len(self.output) != seen:
                seen, since = len(self.output), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    # -- typing --------------------------------------------------------------------------
    def send(self, data: str | bytes) -> None:
        raw = data.encode() if isinstance(data, str) else data
        while raw:
            raw = raw[os.write(self.fd, raw):]

    def type(self, text: str, delay: float = 0.0) -> None:
        for char in text:
            self.send(char)
            if delay:
                time.sleep(delay)

    # -- ending --------------------------------------------------------------------------
    def poll(self) -> int | None:
        if self.returncode is None:
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid == self.pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float = 20.0) -> int | None:
        """The exit code (negative: the signal that ended it), or None if still running."""
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.returncode

    def kill(self, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, sig)

    def drain(self, timeout: float = 3.0) -> None:
        """Read what the app wrote before it ended (after a kill)."""
        self._reader.join(timeout)

    def close_terminal(self) -> None:
        """Close the master side, as closing a terminal window does (the kernel sends the
        app SIGHUP)."""
        fd, self.fd = self.fd, -1
        with contextlib.suppress(OSError):
            os.close(fd)
        self._reading.set()

    def close(self) -> None:
        """Make sure the app is gone and the terminal closed (a test's clean-up)."""
        if self.poll() is None:
            self.kill(signal.SIGKILL)
            self.wait(5)
        if self.fd >= 0:
            self.close_terminal()
        self._reader.join(1)

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
