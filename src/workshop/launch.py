"""Where the ``workshop`` command starts: its modules load with collection paused.

Loading the command (Textual's companions, pydantic and the document model) makes tens
of thousands of objects that live as long as the process, and Python's cycle collector
would walk them again and again while they are made. It is paused while they load and
resumed at once after; ``cli.run_app`` pauses it again while the app starts.
"""

from __future__ import annotations

import gc
import sys
from types import ModuleType


def load_cli() -> ModuleType:
    """``workshop.cli``, imported with the cycle collector paused."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from workshop import cli
    finally:
        if was_enabled:
            gc.enable()
    return cli


def main() -> int:
    from workshop import early_export

    early_export.start(sys.argv[1:])  # the export's helper loads while the command does
    return load_cli().main()
