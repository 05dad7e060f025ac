"""Completion for a tag's text fields: the values used before in the project, most used first,
matched anywhere in the value and ignoring case ("bali" offers "Mustafa Bali").

The list is read when the field gets the focus (one query through
:mod:`annotator.actions.field_values`), so it includes what was typed a moment ago.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

VISIBLE_CHOICES = 8


class FieldCompleter(QObject):
    """Gives ``edit`` a completer whose values ``values()`` supplies afresh on each focus."""

    def __init__(self, edit: QLineEdit, values: Callable[[], list[str]]):
        super().__init__(edit)
        self.values = values
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)  # most used first
        self.completer.setMaxVisibleItems(VISIBLE_CHOICES)
        edit.setCompleter(self.completer)
        edit.installEventFilter(self)

    def refresh(self) -> None:
        self.model.setStringList(self.values())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.refresh()
        return False
