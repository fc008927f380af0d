"""Progress bars for the long stages (extraction, rendering): rich on a terminal, silent otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable


class progress:  # noqa: N801 - used as a context manager, like open()
    """A rich progress bar labelled `label` on a terminal (or when `show` is True), nothing otherwise;
    entering returns `advance(n)`."""

    def __init__(self, total: int, show: bool | None, label: str):
        self.total, self.label = total, label
        self.show = sys.stderr.isatty() if show is None else show
        self.bar = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.show or self.total < 2:
            return lambda n: None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=Console(stderr=True))
        self.bar.start()
        task = self.bar.add_task(self.label, total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
