"""This article's annotations as a table (tag, passage, annotator): an adapter over the model.

The Qt model mirrors :class:`~annotator.core.article_annotations.ArticleAnnotations` (through
the session's signals) as light :class:`~annotator.core.span_index.SpanRef` rows in text
order, row by row: an annotation whose bounds move is *moved* (``beginMoveRows``), never
removed and re-inserted, so the table's current row stays on it. The selection belongs to
the model, by id; the table only follows it. Ids travel in custom roles.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QCursor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QToolTip, QWidget

from annotator.core.article_annotations import ref_of
from annotator.core.span_index import SpanRef
from annotator.ui.passage_menu import PassageMenu

ID_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
END_ROLE = Qt.ItemDataRole.UserRole + 3
TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 4
ANNOTATOR_ROLE = Qt.ItemDataRole.UserRole + 5
EXCERPT_CHARS = 80
COLUMNS = ("Tag", "Passage", "Annotator")


_ROLES_ANSWERED = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
     ID_ROLE, START_ROLE, END_ROLE, TAG_ID_ROLE, ANNOTATOR_ROLE}
)
_position = itemgetter(2, 3)  # a SpanRef's (or an Annotation's) start and end: the model's order
_TAG_ID, _ANNOTATOR = itemgetter(1), itemgetter(4)  # a SpanRef's tag id and annotator


class AnnotationListModel(QAbstractTableModel):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._rows: list[SpanRef] = []  # in the model's order: by start, then end
        session.articleOpened.connect(self._reload)
        session.hiddenAnnotatorsChanged.connect(self._reload)
        session.codebookChanged.connect(self._codebook_changed)
        session.annotationAdded.connect(self._added)
        session.annotationRemoved.connect(self._removed)
        session.annotationUpdated.connect(self._updated)
        session.unsentIdsChanged.connect(self._unsent_changed)
        self._reload()

    # -- Qt model interface ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # The delegate asks each cell for a dozen roles (font, colours, alignment, check
        # state ...) on every paint; most are none of ours, so they leave first.
        if role not in _ROLES_ANSWERED or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ref = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return self.session.tag_name(ref.tag_id)
            if column == 1:
                return self.excerpt(ref, EXCERPT_CHARS if role == Qt.ItemDataRole.DisplayRole else 600)
            if column == 2:  # an edit the server has not yet got (team mode) says so
                return f"{ref.annotator} · not yet sent" if ref.id in self.session.unsent_ids else ref.annotator
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            tag = self.session.tag(ref.tag_id)
            return QColor(tag.colour) if tag else None
        return {ID_ROLE: ref.id, START_ROLE: ref.start, END_ROLE: ref.end,
                TAG_ID_ROLE: ref.tag_id, ANNOTATOR_ROLE: ref.annotator}.get(role)

    def _unsent_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 2))

    # -- helpers --------------------------------------------------------------------------------

    def excerpt(self, ref: SpanRef, limit: int) -> str:
        text = self.session.article.text[ref.start : ref.end] if self.session.article else ""
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def row_of(self, annotation_id: str, start: int | None = None, end: int | None = None) -> int:
        """The row showing ``annotation_id``, or -1. ``start``/``end`` are where it was when the
        row was made (given for an annotation the model no longer has); else the model's."""
        if start is None:
            ref = self.session.ref(annotation_id)
            if ref is None:
                return -1
            start, end = ref.start, ref.end
        rows = self._rows
        i = bisect_left(rows, (start, end), key=_position)
        while i < len(rows) and (rows[i].start, rows[i].end) == (start, end):
            if rows[i].id == annotation_id:
                return i
            i += 1
        return -1

    def annotation_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rows_between(self, first: int, last: int) -> list[SpanRef]:
        """The light records shown in rows ``first``-``last``."""
        return self._rows[first : last + 1]

    # -- following the session ------------------------------------------------------------------

    def _reload(self, *_args) -> None:
        self.beginResetModel()
        self._rows = self.session.refs() if self.session.article_id else []  # already in order
        self.endResetModel()

    def _codebook_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def _insert_at(self, ref: SpanRef) -> int:
        # After the rows at the same position: the model's sorted list puts a newcomer there too.
        return bisect_right(self._rows, _position(ref), key=_position)

    def _added(self, annotation) -> None:
        ref = ref_of(annotation)
        if self.row_of(ref.id, ref.start, ref.end) >= 0:
            return
        row = self._insert_at(ref)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, ref)
        self.endInsertRows()

    def _removed(self, annotation) -> None:
        row = self.row_of(annotation.id, annotation.start, annotation.end)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def _updated(self, old, new) -> None:
        row = self.row_of(old.id, old.start, old.end)
        if row < 0:
            self._added(new)
            return
        ref = ref_of(new)
        if (old.start, old.end) == (new.start, new.end):
            self._rows[row] = ref
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        del self._rows[row]
        target = self._insert_at(ref)
        self._rows.insert(row, ref_of(old))  # as it was, until Qt hears of the move
        if target != row:
            # Qt's destination counts rows before the move: one more when moving down.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1)
            del self._rows[row]
            self._rows.insert(target, ref)
            self.endMoveRows()
        else:
            self._rows[row] = ref
        self.dataChanged.emit(self.index(target, 0), self.index(target, len(COLUMNS) - 1))


class AnnotationList(QTableView):
    """The table of this article's annotations; selecting a row selects (and flashes) it."""

    KEYS = [("Delete (annotation list)", "Delete the selected annotation")]

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.list_model = AnnotationListModel(session, self)
        self.setModel(self.list_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        # The passage gets the room; tag and annotator are as wide as the names this article
        # shows (one row per name asked, not ResizeToContents: that asks every row of an
        # article with 20,000 annotations for its text each time the list changes).
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        session.codebookChanged.connect(self._size_columns)
        self.list_model.modelReset.connect(self._size_columns)
        self.list_model.rowsInserted.connect(self._widen_for_rows)
        self._syncing = False
        self.selectionModel().currentRowChanged.connect(self._row_chosen)
        session.selectedAnnotationChanged.connect(self._follow_session)
        # While rows come and go Qt moves the current row by itself (onto a neighbour when the
        # current one is removed); that is not a choice of the coder's, so it selects nothing,
        # and afterwards the table goes back to the model's selection.
        model = self.list_model
        for before in (model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved,
                       model.rowsAboutToBeMoved, model.modelAboutToBeReset):
            before.connect(self._rows_changing)
        for after in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset):
            after.connect(self._rows_changed)

    def _size_columns(self, *_args) -> None:
        """Tag and Annotator as wide as their widest entry among the rows (header at least)."""
        self._fitted = {0: self._header_width(0), 2: self._header_width(2)}
        self._widen_for_rows(None, 0, self.list_model.rowCount() - 1)

    def _widen_for_rows(self, _parent, first: int, last: int) -> None:
        model = self.list_model
        if last < first:
            self._apply_widths()
            return
        rows = model.rows_between(first, last)
        # The distinct names (C-speed passes: ~2 ms for 20,000 rows, a fifth of a Python loop),
        # measured with the font; the cell's padding and colour swatch once, from row ``first``.
        tags = {self.session.tag_name(tag_id) for tag_id in set(map(_TAG_ID, rows))}
        names = set(map(_ANNOTATOR, rows))
        metrics = self.fontMetrics()
        for column, texts in ((0, tags), (2, names)):
            index = model.index(first, column)
            padding = self.sizeHintForIndex(index).width() - metrics.horizontalAdvance(str(index.data() or ""))
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            self._fitted[column] = max(self._fitted[column], widest + padding + 8)
        self._apply_widths()

    def _apply_widths(self) -> None:
        # Never more than a third (tag) or a quarter (annotator) of the list: the passage is
        # what the coder reads; a longer name is elided and shown whole in the tooltip.
        room = max(self.viewport().width(), 240)
        self.setColumnWidth(0, min(self._fitted[0], room // 3))
        self.setColumnWidth(2, min(self._fitted[2], room // 4))

    def _header_width(self, column: int) -> int:
        return self.horizontalHeader().sectionSizeFromContents(column).width()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_widths()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """Right-click on a row: retag, link, note, delete (the same menu as on the text)."""
        annotation_id = self.list_model.annotation_id(self.indexAt(event.pos()).row())
        if annotation_id is None:
            return
        self.session.select_annotation(annotation_id)
        PassageMenu.show_menu(self.menu_for(annotation_id), event.globalPos())

    def menu_for(self, annotation_id: str) -> QMenu:
        return PassageMenu(self.session, self, self._report).build([annotation_id])

    def _report(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 4000)
        else:
            QToolTip.showText(QCursor.pos(), text, self)

    def delete_selected(self) -> None:
        """Delete the annotation in the current row (one undo step)."""
        annotation_id = self.list_model.annotation_id(self.currentIndex().row())
        if annotation_id is not None:
            self.session.remove_annotation(annotation_id)

    def _rows_changing(self, *_args) -> None:
        self._syncing = True

    def _rows_changed(self, *_args) -> None:
        self._syncing = False
        self._follow_session(self.session.selected)

    def _row_chosen(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return
        annotation_id = self.list_model.annotation_id(current.row())
        self._syncing = True
        try:
            self.session.select_annotation(annotation_id)
        finally:
            self._syncing = False

    def _follow_session(self, annotation) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            row = self.list_model.row_of(annotation.id) if annotation is not None else -1
            if row < 0:
                self.clearSelection()
                self.setCurrentIndex(QModelIndex())
            else:
                index = self.list_model.index(row, 0)
                self.setCurrentIndex(index)
                self.selectRow(row)
                self.scrollTo(index)
        finally:
            self._syncing = False
