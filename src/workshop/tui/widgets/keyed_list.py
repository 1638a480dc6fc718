"""An OptionList redrawn from the document that keeps its cursor on the same item."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


class KeyedOptionList(OptionList):
    """Options carry document ids; a redraw puts the cursor back on the same id."""

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def replace_options(self, options: Sequence[Option | None], *,
                        keep: str | None = None, fallback: int = 0) -> None:
        """Show `options`, highlighting `keep` (default: what is highlighted now), else the
        option at `fallback`."""
        keep = keep if keep is not None else self.highlighted_id
        self.set_options(options)
        ids = [o.id if o is not None else None for o in options]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        elif options:
            self.highlighted = fallback

    def select_id(self, option_id: str) -> None:
        """Move the cursor to `option_id`; an id that is gone leaves it where it is."""
        with contextlib.suppress(OptionDoesNotExist):
            self.highlighted = self.get_option_index(option_id)
