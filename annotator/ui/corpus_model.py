"""The corpus list as a lazy table model: pages of rows are fetched as the view scrolls.

A project of 100,000 articles opens as fast as one of 100 because only the first page is read;
Qt asks for more when the view nears the bottom (``annotator.ui.paged_model``). Edits refresh
the one row they touch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from annotator.actions.queries import CorpusFilter, CorpusQueries, CorpusRow, SortKey
from annotator.ui.paged_model import KeysetPagedModel

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

STATUS_LABELS = {"todo": "To do", "in_progress": "In progress", "done": "Done"}

# (header, sort order it offers, how a row shows in it)
COLUMNS: list[tuple[str, SortKey | None, Callable[[CorpusRow], object]]] = [
    ("Title", SortKey.TITLE, lambda r: r.title or "(untitled)"),
    ("Outlet", SortKey.OUTLET, lambda r: r.outlet),
    ("Published", SortKey.PUBLISHED, lambda r: r.published[:10]),
    ("Status", SortKey.STATUS, lambda r: STATUS_LABELS.get(r.status, r.status)),
    ("Tags", SortKey.ANNOTATIONS, lambda r: r.annotation_count or ""),
    ("By", None, lambda r: ", ".join(r.annotators)),
]
_NUMERIC = {4}
_DECORATED = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)
_Index = QModelIndex | QPersistentModelIndex


class CorpusModel(KeysetPagedModel):
    """Rows of the corpus in the chosen order and filter; article ids in ``ArticleIdRole``."""

    columns = COLUMNS

    def __init__(self, queries: CorpusQueries, session=None, parent=None):
        super().__init__(queries, CorpusFilter(), SortKey.IMPORTED, parent)
        self.session = session
        self._rows: list[CorpusRow]
        self._row_of: dict[str, int] = {}
        # Review mode sets this: (article id, role) -> a decoration or tooltip for the title
        # column (review progress), or None. See annotator.ui.review_mode.
        self.decorate: Callable[[str, int], object] | None = None
        if session is not None:
            # Every edit names the articles it touched (an autocode run may touch thousands).
            session.articlesChanged.connect(self._articles_changed)
            session.articlesImported.connect(lambda _ids: self.reload())
            session.articlesRemovedOrRestored.connect(self.reload)
        self.reload()

    # -- Qt's model interface --------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column][2](row)
        if role == ArticleIdRole:
            return row.id
        if role == StatusRole:
            return row.status
        if self.decorate is not None and column == 0 and role in _DECORATED:
            extra = self.decorate(row.id, role)
            if extra is not None:
                return extra
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1, 5):
            return COLUMNS[column][2](row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][0]
            if role == Qt.ItemDataRole.ToolTipRole and section == 4:
                return "Number of annotations"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else SortKey.IMPORTED
        self.set_order(key or SortKey.IMPORTED, order == Qt.SortOrder.DescendingOrder)

    # -- what the panel asks -------------------------------------------------------------

    @property
    def corpus_filter(self) -> CorpusFilter:
        return self._filter

    def _articles_changed(self, article_ids) -> None:
        # Only rows already fetched are shown; the others are read fresh when paged in.
        for article_id in [i for i in article_ids if i in self._row_of]:
            self.refresh_article(article_id)

    def refresh_article(self, article_id: str) -> None:
        """Re-read one article's row (its annotations or status changed); others stay as they are."""
        row = self._row_of.get(article_id)
        if row is None:
            return
        fresh = self.queries.row(article_id, self._sort)
        if fresh is None:
            return
        self._rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_only_annotator(self, name: str | None) -> None:
        """Blind coding: the Tags and By columns count and name only ``name``'s annotations
        (None: everyone's)."""
        if name != self.queries.only_annotator:
            self.queries.only_annotator = name
            self.reload()

    def article_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def status(self, row: int) -> str | None:
        return self._rows[row].status if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: str, max_pages: int = 0) -> int | None:
        """The row showing ``article_id``, fetching up to ``max_pages`` more pages to find it."""
        for _ in range(max_pages + 1):
            if article_id in self._row_of:
                return self._row_of[article_id]
            if not self.canFetchMore():
                break
            self.fetchMore()
        return self._row_of.get(article_id)

    def find_row(self, start: int, step: int, wanted: Callable[[CorpusRow], bool]) -> int | None:
        """The first row from ``start`` (going by ``step``) that is ``wanted``, fetching as needed."""
        row = start
        while True:
            if row < 0:
                return None
            if row >= len(self._rows):
                if step < 0 or not self.canFetchMore():
                    return None
                self.fetchMore()
                continue
            if wanted(self._rows[row]):
                return row
            row += step

    # -- helpers ---------------------------------------------------------------------------

    def _rows_added(self, first: int, page: list[CorpusRow]) -> None:
        for offset, row in enumerate(page):
            self._row_of[row.id] = first + offset

    def _rows_cleared(self) -> None:
        self._row_of = {}
