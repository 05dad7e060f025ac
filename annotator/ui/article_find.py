"""Find in the article, and the brief flash on a selected annotation.

Both are the text widget's *extra selections* (Qt paints them over the highlighting without
touching the document's formats), so one place builds the list from the matches and the flash.
The current match is also the text selection, ready to be tagged when the bar closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from annotator.core.find import find_all

FLASH_MS = 700
MAX_SHADED_MATCHES = 2000  # shading more costs more than it shows (one screen holds ~50)


class FindAndFlash(QObject):
    """The find bar's matches in ``view``'s article and the flash of a selected passage."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.matches: list[tuple[int, int]] = []  # code point spans of the query's matches
        self.current = -1  # which of them is selected
        self.flashed: tuple[int, int] | None = None
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS, timeout=self.end_flash)
        bar = view.find_bar
        bar.searchChanged.connect(self.search)
        bar.nextRequested.connect(lambda: self.step(1))
        bar.previousRequested.connect(lambda: self.step(-1))
        bar.closed.connect(self.close)

    def forget(self) -> None:
        """Another article opened: no matches, no flash (its selections were of the old text)."""
        self.matches, self.current, self.flashed = [], -1, None
        self.view.edit.setExtraSelections([])

    def search(self, query: str) -> None:
        self.matches = find_all(self.view.text, query)
        self.current = -1
        if self.matches:
            self.step(1)
        else:
            self._show()
            self.view.find_bar.show_count(0, 0)

    def research(self) -> None:
        """Search the newly opened article for what the open find bar holds."""
        if self.view.find_bar.isVisible():
            self.search(self.view.find_bar.field.text())

    def step(self, step: int) -> None:
        if not self.matches:
            return
        view = self.view
        self.current = (self.current + step) % len(self.matches)
        view.select_range(*self.matches[self.current])
        view.edit.centerCursor()
        view.highlight_visible()
        self._show()
        view.find_bar.show_count(self.current + 1, len(self.matches))

    def close(self) -> None:
        self.matches, self.current = [], -1
        self._show()
        self.view.edit.setFocus()

    def flash(self, start: int, end: int) -> None:
        """Briefly mark code points ``start``-``end`` (the selected annotation)."""
        self.flashed = (start, end)
        self._show()
        self._flash_timer.start()

    def end_flash(self) -> None:
        self.flashed = None
        self._show()

    def _show(self) -> None:
        view = self.view
        palette = view.palette()
        found = QTextCharFormat()
        found.setBackground(palette.color(QPalette.ColorRole.Highlight).lighter(160))
        spans = [(m, found) for m in self.matches[:MAX_SHADED_MATCHES]]
        if self.flashed is not None:
            flash = QTextCharFormat()
            flash.setBackground(palette.color(QPalette.ColorRole.Highlight))
            flash.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
            spans.append((self.flashed, flash))
        if spans:
            view.reach(max(end for (_start, end), _fmt in spans))
        to_u, document = view.offsets.to_utf16, view.edit.document()
        extra = []
        for (start, end), fmt in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(to_u(start))
            cursor.setPosition(to_u(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            extra.append(selection)
        view.edit.setExtraSelections(extra)
