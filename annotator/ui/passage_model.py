"""The coded-passage browser's table as a lazy model: pages of passages fetched as the view
scrolls (keyset pages from ``storage.passage_queries``, as the corpus list does).

Columns: the context before (right-aligned, so every passage starts in the same place), the
passage, the context after, then tag, fields, coder, title, outlet, date, status and note.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.actions import passages as actions
from annotator.actions import queries
from annotator.core.passages import Passage, PassageFilter, PassageSort, kwic_parts, one_line
from annotator.ui.paged_model import KeysetPagedModel

PassageIdRole = Qt.ItemDataRole.UserRole + 1
ArticleIdRole = Qt.ItemDataRole.UserRole + 2
CONTEXT = 70  # characters of context each side

STATUS_LABELS = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
_Index = QModelIndex | QPersistentModelIndex

# (header, the order its header click asks for, how a passage shows in it)
COLUMNS: list[tuple[str, PassageSort | None, Callable[["PassageModel", Passage], str]]] = [
    ("Before", PassageSort.ARTICLE, lambda m, p: kwic_parts(p, CONTEXT)[0]),
    ("Passage", PassageSort.PASSAGE, lambda m, p: one_line(p.text)),
    ("After", None, lambda m, p: kwic_parts(p, CONTEXT)[1]),
    ("Tag", PassageSort.TAG, lambda m, p: m.tag_name(p.tag_id)),
    ("Fields", None, lambda m, p: actions.field_text(p)),
    ("Coder", PassageSort.ANNOTATOR, lambda m, p: p.annotator),
    ("Article", PassageSort.TITLE, lambda m, p: one_line(p.title) or "(untitled)"),
    ("Outlet", PassageSort.OUTLET, lambda m, p: p.outlet),
    ("Date", PassageSort.PUBLISHED, lambda m, p: p.published[:10]),
    ("Status", PassageSort.STATUS, lambda m, p: STATUS_LABELS.get(p.status, p.status)),
    ("Note", PassageSort.NOTE, lambda m, p: one_line(p.note)),
]
BEFORE, PASSAGE, AFTER = 0, 1, 2


class PassageModel(KeysetPagedModel):
    """Passages of the filter in the chosen order; ids in ``PassageIdRole``/``ArticleIdRole``."""

    columns = COLUMNS

    def __init__(self, project, parent=None):
        super().__init__(actions.queries(project), PassageFilter(), PassageSort.ARTICLE, parent)
        self.project = project
        self._tags = {t.id: t for t in queries.tags(project, include_retired=True)}
        self._rows: list[Passage]
        self._bold = QFont()
        self._bold.setBold(True)
        self.reload()

    def tag_name(self, tag_id: str) -> str:
        tag = self._tags.get(tag_id)
        return tag.name if tag else ""

    def reload_codebook(self) -> None:
        self._tags = {t.id: t for t in queries.tags(self.project, include_retired=True)}
        self.reload()

    # -- Qt's model interface --------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        passage = self._row_at(index)
        if passage is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column][2](self, passage)
        if role == PassageIdRole:
            return passage.id
        if role == ArticleIdRole:
            return passage.article_id
        if role == Qt.ItemDataRole.ToolTipRole and column in (BEFORE, PASSAGE, AFTER):
            return f"{passage.context_before}[{passage.text}]{passage.context_after}"
        if role == Qt.ItemDataRole.ToolTipRole and column >= 3:
            return COLUMNS[column][2](self, passage) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BEFORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == PASSAGE:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            tag = self._tags.get(passage.tag_id)
            return QColor(tag.colour) if tag else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][0]
            if role == Qt.ItemDataRole.ToolTipRole and section == BEFORE:
                return "Context before the passage (click: article order)"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None
        self.set_order(key or PassageSort.ARTICLE, order == Qt.SortOrder.DescendingOrder)

    # -- what the browser asks ---------------------------------------------------------------

    @property
    def passage_filter(self) -> PassageFilter:
        return self._filter

    def passage(self, row: int) -> Passage | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
