"""A lazy table model that reads its rows in keyset pages as the view scrolls.

The corpus list and the passage browser both show a filtered, ordered query that may run to
100,000 rows. Only the first page is read when the filter or order changes; Qt asks for the
next (``canFetchMore``/``fetchMore``) as the view nears the bottom, and each page starts after
the last row read (a keyset, so page 500 costs what page 1 does).

The end: a page shorter than ``page_size`` is the last one. Waiting for an empty page would
cost one more query every time a list ends on a short page — nearly always.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


class KeysetPagedModel(QAbstractTableModel):
    """Rows of ``queries.page(filter, order, descending, after=, limit=)``, a page at a time.

    A subclass names its ``columns`` (a list; the base counts them), gives ``data`` (rows by
    ``_row_at``), and calls ``reload()`` once set up; ``_rows_added`` and ``_rows_cleared``
    let it index the rows.
    """

    page_size = 200
    columns: list = []

    def __init__(self, queries, first_filter, first_sort, parent=None):
        super().__init__(parent)
        self.queries = queries
        self._rows: list = []
        self._exhausted = True
        self._filter = first_filter
        self._sort, self._descending = first_sort, False
        self._total: int | None = None

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._read_page(after=self._rows[-1] if self._rows else None)
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._add(page)
        self.endInsertRows()

    # -- filter, order and count -------------------------------------------------------------

    def set_filter(self, new_filter) -> None:
        if new_filter != self._filter:
            self._filter = new_filter
            self.reload()

    def set_order(self, key, descending: bool = False) -> None:
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.reload()

    def total(self) -> int:
        """How many rows the filter lets through (loaded or not)."""
        if self._total is None:
            self._total = self.queries.count(self._filter)
        return self._total

    def reload(self) -> None:
        """Start again from the first page (new order, filter or rows)."""
        self.beginResetModel()
        self._rows, self._total = [], None
        self._rows_cleared()
        self._add(self._read_page(after=None))
        self.endResetModel()

    # -- for subclasses ----------------------------------------------------------------------

    def _rows_added(self, first: int, page: list) -> None:
        """``page`` now stands from row ``first`` on (a subclass may index it)."""

    def _rows_cleared(self) -> None:
        """Every row is gone (a subclass drops its index)."""

    # -- helpers ---------------------------------------------------------------------------

    def _row_at(self, index: _Index):
        """The row ``index`` shows, or None (an invalid index, or one past the rows read)."""
        return self._rows[index.row()] if index.isValid() and index.row() < len(self._rows) else None

    def _read_page(self, after: object | None) -> list:
        page = self.queries.page(self._filter, self._sort, self._descending, after=after, limit=self.page_size)
        self._exhausted = len(page) < self.page_size
        return page

    def _add(self, page: list) -> None:
        first = len(self._rows)
        self._rows += page
        self._rows_added(first, page)
