"""Table models over an agreement report: per tag (and overall), and per article by divergence.

Thin adapters over :mod:`annotator.core.agreement` records: nothing is computed here except
formatting and the order of rows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.agreement import ALL_TAGS, ArticleAgreement, PairAgreement, TagAgreement

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SortValueRole = Qt.ItemDataRole.UserRole + 2  # the raw number behind a cell (None when undefined)

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def fmt(value: float | None, digits: int = 3) -> str:
    """A measure for a table cell; "n/a" when it is undefined for the data."""
    return "n/a" if value is None else f"{value:.{digits}f}"


# (header, tooltip, value of a TagAgreement)
TAG_COLUMNS: list[tuple[str, str, Callable[[TagAgreement], object]]] = [
    ("Tag", "", lambda t: "All tags" if t.tag == ALL_TAGS else t.tag),
    ("κ", "Cohen's kappa over characters", lambda t: t.kappa),
    ("α", "Krippendorff's alpha (nominal) over characters", lambda t: t.alpha),
    ("Exact P", "Precision, exact boundaries (B against A)", lambda t: t.exact.precision),
    ("Exact R", "Recall, exact boundaries", lambda t: t.exact.recall),
    ("Exact F1", "F1, exact boundaries", lambda t: t.exact.f1),
    ("Overlap P", "Precision, spans sharing at least one character", lambda t: t.overlap.precision),
    ("Overlap R", "Recall, spans sharing at least one character", lambda t: t.overlap.recall),
    ("Overlap F1", "F1, spans sharing at least one character", lambda t: t.overlap.f1),
    ("A spans", "Spans by annotator A", lambda t: t.exact.a_spans),
    ("B spans", "Spans by annotator B", lambda t: t.exact.b_spans),
]


class TagAgreementModel(QAbstractTableModel):
    """One row per tag, then the overall row; numbers in ``SortValueRole``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TagAgreement] = []

    def set_pair(self, pair: PairAgreement | None) -> None:
        self.beginResetModel()
        self._rows = [*pair.per_tag, pair.overall] if pair is not None else []
        self.endResetModel()

    def row(self, row: int) -> TagAgreement:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TAG_COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        tag = self._rows[index.row()]
        value = TAG_COLUMNS[index.column()][2](tag)
        if role == Qt.ItemDataRole.DisplayRole:
            return value if isinstance(value, (str, int)) else fmt(value)
        if role == SortValueRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and tag.tag == ALL_TAGS:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TAG_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return TAG_COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TAG_COLUMNS[section][1] or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def divergence_key(article: ArticleAgreement) -> tuple:
    """Most divergent first: lowest kappa, then the larger share of differing characters.

    Kappa is undefined when both coders used one category throughout (say, both left the
    article uncoded): that is full agreement when no character differs.
    """
    share = article.differing_characters / article.characters if article.characters else 0.0
    kappa = article.kappa if article.kappa is not None else (1.0 if share == 0 else 0.0)
    return (kappa, -share, article.article_id)


ARTICLE_COLUMNS: list[tuple[str, str, Callable[[ArticleAgreement], object]]] = [
    ("Article", "", lambda a: a.article_id),  # shown as its title
    ("κ", "Cohen's kappa over characters (all tags)", lambda a: a.kappa),
    ("α", "Krippendorff's alpha over characters (all tags)", lambda a: a.alpha),
    ("Chars differing", "Characters the two coders labelled differently", lambda a: a.differing_characters),
    ("Exact F1", "Span F1, exact boundaries", lambda a: a.exact.f1),
    ("Overlap F1", "Span F1, overlapping spans", lambda a: a.overlap.f1),
    ("A spans", "", lambda a: a.exact.a_spans),
    ("B spans", "", lambda a: a.exact.b_spans),
]


class ArticleAgreementModel(QAbstractTableModel):
    """Measured articles, most divergent first; article ids in ``ArticleIdRole``.

    ``title_of`` looks a title up when a row is first shown (a corpus may have thousands).
    """

    def __init__(self, title_of: Callable[[str], str] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[ArticleAgreement] = []
        self._title_of = title_of or (lambda article_id: article_id[:12])
        self._titles: dict[str, str] = {}

    def set_pair(self, pair: PairAgreement | None) -> None:
        self.beginResetModel()
        self._rows = sorted(pair.per_article, key=divergence_key) if pair is not None else []
        self.endResetModel()

    def article_id(self, row: int) -> str | None:
        return self._rows[row].article_id if 0 <= row < len(self._rows) else None

    def title(self, article_id: str) -> str:
        if article_id not in self._titles:
            self._titles[article_id] = self._title_of(article_id) or "(untitled)"
        return self._titles[article_id]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ARTICLE_COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        article = self._rows[index.row()]
        column = index.column()
        value = ARTICLE_COLUMNS[column][2](article)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.title(article.article_id)
            return value if isinstance(value, int) else fmt(value)
        if role == ArticleIdRole:
            return article.article_id
        if role == SortValueRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{self.title(article.article_id)}\nDouble-click to open"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ARTICLE_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ARTICLE_COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ARTICLE_COLUMNS[section][1] or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
