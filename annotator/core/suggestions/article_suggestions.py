"""The open article's suggestions for one coder: which are left, which one is current.

Plain Python; the window adapts it. ``changed()`` callbacks fire when the set changes (a new
article, an accept, a reject, an annotation the coder drew over a suggestion), ``current()``
callbacks when the current suggestion moves.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from annotator.core.suggestions.model import Suggestion


class ArticleSuggestions:
    """Suggestions by position, with a current one that "next" moves through."""

    def __init__(self) -> None:
        self.article_id: str | None = None
        self._items: list[Suggestion] = []
        self._current: int | None = None  # index into _items
        self.visible = True
        self._on_changed: list[Callable[[], None]] = []
        self._on_current: list[Callable[[Suggestion | None], None]] = []

    # -- listening -----------------------------------------------------------------------------

    def on_changed(self, callback: Callable[[], None]) -> None:
        self._on_changed.append(callback)

    def on_current(self, callback: Callable[[Suggestion | None], None]) -> None:
        self._on_current.append(callback)

    def _changed(self) -> None:
        for callback in list(self._on_changed):
            callback()

    def _moved(self) -> None:
        for callback in list(self._on_current):
            callback(self.current)

    # -- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    def all(self) -> list[Suggestion]:
        return list(self._items)

    def of_tag(self, tag: str) -> list[Suggestion]:
        return [s for s in self._items if s.tag == tag]

    def tags(self) -> list[str]:
        """Tags that have suggestions here, in order of first appearance."""
        return list(dict.fromkeys(s.tag for s in self._items))

    @property
    def current(self) -> Suggestion | None:
        return self._items[self._current] if self._current is not None else None

    def between(self, start: int, end: int) -> list[Suggestion]:
        """Suggestions overlapping ``start``-``end`` (what is on screen)."""
        i = bisect.bisect_left(self._items, end, key=lambda s: s.start)
        return [s for s in self._items[:i] if s.end > start]

    def at(self, offset: int) -> list[Suggestion]:
        """Suggestions covering ``offset``, shortest first."""
        return sorted((s for s in self.between(offset, offset + 1)), key=lambda s: s.end - s.start)

    # -- changing ------------------------------------------------------------------------------

    def load(self, article_id: str | None, suggestions: Iterable[Suggestion]) -> None:
        """Show ``suggestions`` for ``article_id`` (no current one yet)."""
        self.article_id = article_id
        self._items = sorted(suggestions, key=lambda s: (s.start, s.end, s.tag))
        self._current = None
        self._changed()
        self._moved()

    def step(self, forward: bool = True, from_offset: int | None = None) -> Suggestion | None:
        """Make the next (or previous) suggestion current, wrapping round; from ``from_offset``
        (the caret) when nothing is current. Returns it, or None when there are none."""
        if not self._items:
            return None
        if self._current is None:
            if from_offset is None:
                self._current = 0 if forward else len(self._items) - 1
            else:
                starts = [s.start for s in self._items]
                i = bisect.bisect_left(starts, from_offset) if forward else bisect.bisect_left(starts, from_offset) - 1
                self._current = i % len(self._items)
        else:
            self._current = (self._current + (1 if forward else -1)) % len(self._items)
        self._moved()
        return self.current

    def set_current(self, suggestion: Suggestion | None) -> None:
        if suggestion is None:
            if self._current is not None:
                self._current = None
                self._moved()
            return
        self._current = self._items.index(suggestion)
        self._moved()

    def remove(self, keys: Iterable[tuple[str, int, int]]) -> None:
        """Take suggestions away (accepted or rejected); the one after the current becomes
        current, so the coder can go on with the next key."""
        keys = set(keys)
        if not keys:
            return
        position = self.current.start if self.current is not None else None
        had_current = self._current is not None
        self._items = [s for s in self._items if s.key not in keys]
        self._current = None
        if had_current and self._items and position is not None:
            starts = [s.start for s in self._items]
            self._current = bisect.bisect_left(starts, position) % len(self._items)
        self._changed()
        self._moved()

    def covered(self, tag: str, start: int, end: int) -> None:
        """The coder tagged ``start``-``end`` with ``tag``: suggestions of that tag overlapping
        it are dealt with."""
        self.remove(s.key for s in self._items if s.tag == tag and s.start < end and start < s.end)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self._changed()
