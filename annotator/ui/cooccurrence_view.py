"""The tag x tag co-occurrence table in the window. Each cell shows the passages of the row
tag overlapping a passage of the column tag, and (in brackets) the articles holding both;
clicking a cell asks the browser to list those passages (``cellChosen``).

It counts under the browser's filter, in the background (a million passages take seconds).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableView, QWidget

from annotator.core.cooccurrence import CooccurrenceTable
from annotator.ui.dock_tab import lay_out_tab

RowTagRole = Qt.ItemDataRole.UserRole + 1
ColumnTagRole = Qt.ItemDataRole.UserRole + 2


class CooccurrenceModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = CooccurrenceTable(tags=[])

    def set_table(self, table: CooccurrenceTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.tags)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.tags) + 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row_id, _ = self.table.tags[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{self.table.totals.get(row_id, 0):,}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        column_id, column_name = self.table.tags[index.column() - 1]
        passages = self.table.passage_count(row_id, column_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{passages:,} ({self.table.article_count(row_id, column_id):,})"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            row_name = self.table.tags[index.row()][1]
            return (f"{passages:,} {row_name} passages overlap a {column_name} passage; "
                    f"{self.table.article_count(row_id, column_id):,} articles hold both. Click to list them.")
        if role == RowTagRole:
            return row_id
        if role == ColumnTagRole:
            return column_id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return "Passages" if section == 0 else self.table.tags[section - 1][1]
        return self.table.tags[section][1] if section < len(self.table.tags) else None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CooccurrenceView(QWidget):
    cellChosen = Signal(str, str)  # row tag id, column tag id
    refreshRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = CooccurrenceModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setObjectName("cooccurrenceTable")
        self.note = QLabel("Rows: the passages the browser's filter lists. Cells: how many overlap a passage "
                           "of the column's tag by the same coders (articles holding both). Click a cell to list them.")
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.refresh = QPushButton("Count again")
        self.refresh.clicked.connect(self.refreshRequested)
        lay_out_tab(self, [self.note], [self.status, self.refresh], self.table, stretch=self.status)
        self.table.clicked.connect(self._clicked)

    def set_table(self, table: CooccurrenceTable) -> None:
        self.model.set_table(table)
        self.status.setText("")

    def _clicked(self, index) -> None:
        row, column = index.data(RowTagRole), index.data(ColumnTagRole)
        if row and column:
            self.cellChosen.emit(row, column)
