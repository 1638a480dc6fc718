"""An OptionList redrawn from the document that keeps its cursor on the same item."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

if TYPE_CHECKING:
    from workshop.model import Workshop


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


class WrappedKeyedList(KeyedOptionList):
    """A keyed list whose lines are wrapped to its width: ``show`` remembers the document
    and draws it with ``draw``; a change of width draws it again."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._doc: Workshop | None = None
        self._width = 0

    def on_resize(self) -> None:
        if self._doc is not None and self.size.width != self._width:
            self.show(self._doc)

    def show(self, doc: Workshop) -> None:
        self._doc = doc
        self._width = self.size.width
        self.draw(doc)

    def draw(self, doc: Workshop) -> None:
        raise NotImplementedError
