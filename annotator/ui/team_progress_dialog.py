"""View > Team progress…: how far each coder is with their assigned articles (for the lead).

A thin view over :func:`annotator.actions.progress.team_progress`; progress arrives with each
coder's file through File > Merge (or live from the server in team mode).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from annotator.actions.progress import TeamProgress, team_progress

COLUMNS = ("Coder", "Assigned", "Done", "In progress", "To do", "Sample done")


class TeamProgressModel(QAbstractTableModel):
    """One row per coder of a :class:`TeamProgress`."""

    def __init__(self, progress: TeamProgress, parent=None):
        super().__init__(parent)
        self.progress = progress

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.progress.coders)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.progress.coders[index.row()]
        values = (row.coder, row.assigned, row.done, row.in_progress, row.todo,
                  f"{row.overlap_done} / {row.overlap_assigned}")
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def summary_line(progress: TeamProgress) -> str:
    if not progress.coders:
        return ("No assignment yet. Split the corpus with `annotator assign` "
                "(see the README, \u201cTeam projects\u201d), then merge each coder's file back.")
    state = "complete" if progress.overlap_complete else "not complete yet"
    return (f"{progress.articles_done} of {progress.articles} articles done by all their coders. "
            f"Reliability sample: {progress.overlap_done} of {progress.overlap} ({state}). "
            f"Seed {progress.seed or '-'}.")


class TeamProgressDialog(QDialog):
    def __init__(self, project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Team progress")
        progress = team_progress(project)
        self.model = TeamProgressModel(progress, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(summary_line(progress), self)
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 320)
