"""Progress reports and cancellation for long-running writers (exports).

A writer calls :meth:`Ticker.tick` as it goes; every ``every`` items the ticker reports
``(done, total)`` to ``progress`` and raises :class:`Cancelled` when ``cancelled()`` says so.
Checking only every few hundred items keeps the hot loop cheap.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled; the writer stops and leaves no partial output behind."""


class Ticker:
    """Counts items and reports ``(done, total)`` every ``every`` items."""

    def __init__(
        self,
        progress: ProgressFn | None,
        cancelled: CancelledFn | None,
        total: int,
        every: int = 500,
    ):
        self.progress = progress
        self.cancelled = cancelled
        self.total = total
        self.every = every
        self.done = 0
        self._next = every if (progress or cancelled) else float("inf")

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self._next:
            self._next = self.done + self.every
            self.check()

    def check(self) -> None:
        """Report now and raise :class:`Cancelled` if the user asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done))

    def finish(self) -> None:
        """The last report; a writer calls it before it makes its output final, so that a
        cancel pressed near the end still leaves nothing behind."""
        self.check()
