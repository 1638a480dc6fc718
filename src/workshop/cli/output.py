"""What the command prints, and the error a user's mistake on the command line raises."""

from __future__ import annotations

import sys


class CliError(Exception):
    """A user mistake on the command line: printed, exit code 1."""


def say(text: str = "", *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        print(text, file=stream, flush=True)
    except UnicodeEncodeError:  # a terminal that cannot show Chinese still gets the gist
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "replace").decode(encoding), file=stream, flush=True)
