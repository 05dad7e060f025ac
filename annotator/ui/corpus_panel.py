"""The corpus panel: a search box, a status filter, "Assigned to me" and the article table.

In a team (a server study, or a coder's file from ``annotator assign``) a coder sees only the
articles assigned to them at first; the "Assigned to me" box, beside the filters, shows all.
It is offered only to someone with articles assigned, and follows a change of name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.actions.queries import CorpusFilter, assigned_count
from annotator.ui.corpus_model import STATUS_LABELS, ArticleIdRole, CorpusModel

# Typing pauses this long before the search runs, so each key press does not query the corpus.
SEARCH_DELAY_MS = 250


class CorpusPanel(QWidget):
    """Lists the corpus; emits ``articleChosen(id)`` when the user moves to an article."""

    articleChosen = Signal(str)

    def __init__(self, model: CorpusModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._selecting = False

        self.search = QLineEdit(placeholderText="Search titles and text…")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem("All", None)
        for value, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, value)
        self.count_label = QLabel()
        self.count_label.setObjectName("corpusCount")
        self.assigned_only = QCheckBox("Assigned to me")
        self.assigned_only.setToolTip("Only the articles the study's lead assigned to you; clear it to see all")
        self.assigned_only.hide()
        self._assigned_to: str | None = None  # whose assignment the box stands for
        # The count comes just after the rows (see _after_reset); one timer the window stops
        # when it closes, so a count never runs on a project already closed.
        self.count_timer = QTimer(self, singleShot=True, interval=0)
        self.count_timer.timeout.connect(self._update_count)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows can be selected (Shift/Ctrl+click) for Edit > Autocode; the current row
        # is still the article read.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # No indicator first: enabling sorting sorts by the indicated column at once, and import
        # order (no column) is the only order that needs no pass over the whole corpus.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        # Every column can be dragged wider or narrower. The title takes the room the others
        # leave until the coder drags it (then it keeps their width and the list scrolls
        # sideways if need be); the last column fills whatever is left over.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._others_width = 0
        # Room for "Lakeshore Dai…", "2026-04-09", "In progress", "999" and two names.
        for column, chars in ((1, 14), (2, 11), (3, 10), (4, 5), (5, 9)):
            width = chars * char + 12
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
            self._others_width += width
        header.setMinimumSectionSize(4 * char)
        self._min_title_width = 16 * char
        self.title_dragged = False
        self._fitting_title = False
        header.sectionResized.connect(self._section_resized)
        self.table.installEventFilter(self)
        self._fit_title()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setHighlightSections(False)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.assigned_only.toggled.connect(lambda _on: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._after_reset)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.assigned_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        session = getattr(model, "session", None)
        if session is not None:
            self.offer_assignment(session.annotator)
            session.annotatorChanged.connect(self.offer_assignment)
        self._update_count()

    def offer_assignment(self, coder: str) -> None:
        """Show "Assigned to me" (checked) when ``coder`` has articles assigned, else hide it."""
        session = self.model.session
        has_articles = assigned_count(session.project, coder) > 0
        self._assigned_to = coder if has_articles else None
        self.assigned_only.setVisible(has_articles)
        self.assigned_only.blockSignals(True)
        self.assigned_only.setChecked(has_articles)
        self.assigned_only.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        assigned = self._assigned_to if self.assigned_only.isChecked() else None
        self.model.set_filter(CorpusFilter(status=self.status_filter.currentData(), search=self.search.text().strip(),
                                           assigned_to=assigned))

    def current_article_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ArticleIdRole) if index.isValid() else None

    def selected_article_ids(self) -> list[str]:
        """The articles of the rows selected in the list, top to bottom."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [index.data(ArticleIdRole) for index in rows]

    def select_article(self, article_id: str, max_pages: int = 5) -> bool:
        """Show ``article_id`` as the current row (without announcing it as a new choice)."""
        row = self.model.row_of(article_id, max_pages=max_pages)
        if row is None:
            self.table.clearSelection()
            return False
        self._selecting = True
        try:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.scrollTo(index)
        finally:
            self._selecting = False
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- the title column's width ---------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.Resize and not self.title_dragged:
            self._fit_title()
        return super().eventFilter(watched, event)

    def _fit_title(self) -> None:
        room = self.table.viewport().width() - self._others_width
        self._fitting_title = True
        try:
            self.table.horizontalHeader().resizeSection(0, max(self._min_title_width, room))
        finally:
            self._fitting_title = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0 and not self._fitting_title:
            self.title_dragged = True  # the coder's width from now on

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.articleChosen.emit(current.data(ArticleIdRole))

    def _remember_current(self) -> None:
        self._before_reset = self.current_article_id()

    def _after_reset(self) -> None:
        # A new order, filter or import keeps the article being read selected if it is listed.
        if getattr(self, "_before_reset", None):
            self.select_article(self._before_reset, max_pages=0)
        # Counting a filtered corpus may scan it: show the rows first, count just after.
        self.count_label.setText("…")
        self.count_timer.start()

    def _update_count(self, *_args) -> None:
        total = self.model.total()
        mine = " assigned to you" if self.model.corpus_filter.assigned_to else ""
        self.count_label.setText(f"{total:,} article{'s' if total != 1 else ''}{mine}")
