"""Help > Keyboard shortcuts: every key, read from the window's actions and the tagging
widgets' own documented keys, so the list cannot drift from what the keys do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


# Qt's standard keys include dedicated keyboard buttons ("New", "Open", "Help"); they start here.
_FIRST_DEDICATED_KEY = int(Qt.Key.Key_Back)


def typed(sequence: QKeySequence) -> bool:
    """True for a key combination one types, False for a dedicated button of some keyboards."""
    return not sequence.isEmpty() and sequence[0].key().value < _FIRST_DEDICATED_KEY


def action_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has a shortcut."""
    rows = []
    for action in actions:
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if typed(s)]
        if keys:
            rows.append((" or ".join(dict.fromkeys(keys)), action.text().replace("&", "").rstrip("…")))
    return rows


# Keys the article text handles in its key handler (ReadingEdit.keyPressEvent), listed until it
# declares them itself in a KEYS attribute, which then takes their place.
READING_KEYS = [
    ("Alt+the tag's key", "Tag exactly the selection (no snapping to whole words)"),
    ("Delete or Backspace", "Delete the selected annotation"),
    ("Esc", "Clear the selection"),
    ("Shift+arrows, Ctrl+Shift+arrows", "Extend the selection by characters, by words"),
]


def widget_keys(session, widgets: list[QWidget]) -> list[tuple[str, str]]:
    """Keys outside the menus, read from where they are defined: the codebook's tag keys, the
    widgets' shortcuts that describe themselves (``whatsThis``), the annotation editor's nudge
    keys, and any ``KEYS`` list of (keys, what they do) a widget class declares."""
    from annotator.ui import annotation_editor

    keys = [(tag.key, f"Tag the selection as {tag.name}") for tag in session.tags() if tag.key]
    declared: list[tuple[str, str]] = []
    everything = [w for widget in widgets for w in (widget, *widget.findChildren(QWidget))]
    for widget in everything:
        declared += [k for k in getattr(type(widget), "KEYS", []) if k not in declared]
    keys += declared or READING_KEYS
    keys += annotation_editor.nudge_descriptions()
    for widget in widgets:
        for shortcut in widget.findChildren(QShortcut):
            if shortcut.isEnabled() and shortcut.whatsThis():
                row = (shortcut.key().toString(QKeySequence.SequenceFormat.NativeText), shortcut.whatsThis())
                if row not in keys:
                    keys.append(row)
    return keys


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], documented: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = action_rows(actions) + [(keys, text) for keys, text in documented]
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        for row, (keys, text) in enumerate(self.rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 620)
