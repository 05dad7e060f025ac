"""A titled list of checkable items with All / None buttons: a filter over names.

Each item keeps its key (an annotator name, a tag name) in :data:`KeyRole`; the label shown
beside the box may add a count or a note and is never read back.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

KeyRole = Qt.ItemDataRole.UserRole + 1


class CheckList(QWidget):
    changed = Signal()

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.empty_text = empty_text
        self.model = QStandardItemModel(self)
        self.model.itemChanged.connect(lambda _item: self.changed.emit())
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setMinimumHeight(110)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(QSize(12, 12))  # the tag colour swatch, as small as the check box
        self.all_button = QToolButton(text="All", autoRaise=True)
        self.none_button = QToolButton(text="None", autoRaise=True)
        for button, state in ((self.all_button, True), (self.none_button, False)):
            button.setToolTip(f"Tick {'every' if state else 'no'} {title.lower()[:-1]}")
            button.clicked.connect(lambda _c=False, s=state: self.set_all(s))
        header = QHBoxLayout()
        header.addWidget(QLabel(f"<b>{title}</b>"))
        header.addStretch(1)
        header.addWidget(self.all_button)
        header.addWidget(self.none_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def set_items(self, items: list[tuple[str, str, str | None]]) -> None:
        """``(key, label, colour or None)`` for each item, all ticked."""
        self.model.clear()
        for key, label, colour in items:
            item = QStandardItem(label)
            item.setData(key, KeyRole)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            if colour:
                item.setData(QColor(colour), Qt.ItemDataRole.DecorationRole)
            self.model.appendRow(item)
        if not items:
            placeholder = QStandardItem(self.empty_text)
            placeholder.setEnabled(False)
            self.model.appendRow(placeholder)
        for button in (self.all_button, self.none_button):
            button.setEnabled(bool(items))

    def _items(self) -> list[QStandardItem]:
        items = (self.model.item(row) for row in range(self.model.rowCount()))
        return [item for item in items if item.isCheckable()]

    def keys(self) -> list[str]:
        return [item.data(KeyRole) for item in self._items()]

    def checked(self) -> list[str]:
        return [item.data(KeyRole) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, keys) -> None:
        wanted = set(keys)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(KeyRole) in wanted else Qt.CheckState.Unchecked)

    def set_all(self, checked: bool) -> None:
        self.set_checked(self.keys() if checked else [])

    def filter(self) -> list[str] | None:
        """The ticked keys, or None when every item is ticked (no filter at all)."""
        checked = self.checked()
        return None if len(checked) == len(self.keys()) else checked
