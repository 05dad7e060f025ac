"""The coded-passage browser: the filter bar, the count, and the keyword-in-context table.

Enter or a double-click asks the window to open the passage's article scrolled to it and
selected (``passageChosen``); the filter and the list stay as they are. Ctrl+C copies the
selected lines as tab-separated text; *Export…* writes the filtered list as annotations.csv.
Under blind coding (the session hides other coders) the list holds only the current coder's
passages, whatever the filter says.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from annotator.actions import passages as actions
from annotator.actions import queries
from annotator.core.passages import PassageFilter
from annotator.ui.dock_tab import lay_out_tab
from annotator.ui.passage_filters import FilterBar
from annotator.ui.passage_model import AFTER, BEFORE, PASSAGE, PassageModel

COLUMN_WIDTHS = {BEFORE: 300, PASSAGE: 260, AFTER: 300, 3: 120, 4: 200, 5: 80, 6: 180, 7: 130, 8: 85, 9: 85, 10: 160}


class PassageBrowser(QWidget):
    passageChosen = Signal(str, str)  # article id, annotation id

    def __init__(self, session, parent=None, choose_file=None):
        super().__init__(parent)
        self.session = session
        self.project = session.project
        # Tests pass a stand-in for the file dialog.
        self.choose_file = choose_file or self._ask_for_file
        self.model = PassageModel(self.project, self)
        self.filters = FilterBar()
        self.count = QLabel()
        self.count.setObjectName("passageCount")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Write the filtered passages as annotations.csv (the same columns)")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the selected lines (all loaded lines if none) as text")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(BEFORE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.table.setObjectName("passageTable")

        lay_out_tab(self, [self.filters], [self.count, self.problem, self.copy_button, self.export_button],
                    self.table, stretch=self.problem)

        self.filters.changed.connect(self.apply_filter)
        self.filters.field.currentIndexChanged.connect(lambda _i: self._suggest_values())
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.export_button.clicked.connect(self.export)
        self.copy_button.clicked.connect(self.copy)
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy)
        self.model.modelReset.connect(self._show_count)
        session.hiddenAnnotatorsChanged.connect(self.apply_filter)
        session.annotatorChanged.connect(lambda _name: self.apply_filter())
        session.codebookChanged.connect(self.refresh_choices)
        self.refresh_choices()
        self.apply_filter()

    # -- filtering ------------------------------------------------------------------------------

    def blind(self) -> bool:
        return bool(self.session.hidden_annotators)

    def refresh_choices(self) -> None:
        """Offer the codebook's tags and fields, the coders and the outlets as they are now."""
        tags = queries.tags(self.project, include_retired=True)
        fields = sorted({f.name for t in tags for f in t.fields}, key=str.casefold)
        coders = [self.session.annotator] if self.blind() else queries.annotators(self.project)
        self.filters.set_choices([t.name for t in tags], fields, coders, self.model.queries.outlets())
        self.filters.set_variables(actions.variable_choices(self.project))
        self.model.reload_codebook()

    def current_filter(self) -> PassageFilter | None:
        """The filter the bar asks for under the visibility rule, or None (and the reason shown)
        when a value cannot be used."""
        try:
            f = actions.resolve(self.project, self.filters.request())
        except actions.PassageError as error:
            self.problem.setText(str(error))
            return None
        self.problem.clear()
        return actions.visible(f, self.session.annotator, self.blind())

    def apply_filter(self) -> None:
        f = self.current_filter()
        if f is not None:
            self.model.set_filter(f)
            self._show_count()

    def show_filter(self, f: PassageFilter) -> None:
        """List the passages of ``f`` (a co-occurrence cell): it replaces what the bar chose."""
        self.model.set_filter(actions.visible(f, self.session.annotator, self.blind()))
        self._show_count()

    def _suggest_values(self) -> None:
        field = self.filters.chosen_field()
        if field is None:
            self.filters.set_values([])
            return
        holders = [t.id for t in queries.tags(self.project, include_retired=True)
                   if any(f.name == field for f in t.fields)]
        self.filters.set_values(self.model.queries.field_values(field, holders))

    def _show_count(self) -> None:
        total = self.model.total()
        articles = self.model.queries.count_articles(self.model.passage_filter) if total else 0
        blind = " (yours only: blind coding)" if self.blind() else ""
        overlap = " overlapping another tag's passages" if self.model.passage_filter.overlapping_tag_ids else ""
        self.count.setText(f"{total:,} passage{'s' if total != 1 else ''}{overlap} in {articles:,} "
                           f"article{'s' if articles != 1 else ''}{blind}")

    # -- using the list ---------------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        passage = self.model.passage(index.row())
        if passage is not None:
            self.passageChosen.emit(passage.article_id, passage.id)

    def selected_passages(self):
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows:
            rows = range(self.model.rowCount())
        return [p for p in (self.model.passage(r) for r in rows) if p is not None]

    def copy(self) -> str:
        """Copy the selected lines (every loaded line when none is selected) as text."""
        tags = {t.id: t.name for t in queries.tags(self.project, include_retired=True)}
        text = "\n".join(actions.as_text_lines(self.selected_passages(), tags))
        QGuiApplication.clipboard().setText(text)
        return text

    def export(self) -> None:
        path = self.choose_file(self)
        if not path:
            return
        from annotator.actions.export_job import ExportError

        try:
            n = actions.export_csv(self.project, self.model.passage_filter, path)
        except (ExportError, OSError) as error:
            self.problem.setText(str(error))
            return
        self.problem.setText("")
        self.count.setText(self.count.text() + f" — wrote {n:,} to {path}")

    @staticmethod
    def _ask_for_file(parent) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, "Export the passages", "passages.csv", "CSV files (*.csv)")
        return path
