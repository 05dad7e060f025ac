"""The list of one article's disagreements between coders A and B, with the decisions taken.

A thin adapter over :class:`annotator.actions.review.ArticleReview`: each row is one
:class:`~annotator.core.review.Difference` that is not an agreement, in text order. The
difference's key (the ids of its two annotations) is in ``DifferenceKeyRole``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from annotator.actions.review import ArticleReview
from annotator.core.review import Decision, Difference, DifferenceKind, ReviewDecision

DifferenceKeyRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # DifferenceKind value
DecisionRole = Qt.ItemDataRole.UserRole + 3  # Decision value, or None while unsettled

KIND_LABELS = {
    DifferenceKind.AGREE: "Both alike",
    DifferenceKind.A_ONLY: "A only (missing in B)",
    DifferenceKind.B_ONLY: "B only (missing in A)",
    DifferenceKind.BOUNDARIES: "Boundaries differ",
    DifferenceKind.TAG: "Tag differs",
}
DECISION_LABELS = {
    Decision.ACCEPT_A: "accepted A",
    Decision.ACCEPT_B: "accepted B",
    Decision.ACCEPT_BOTH: "accepted both",
    Decision.REJECT: "rejected",
    Decision.EDIT: "edited",
}
_Index = QModelIndex | QPersistentModelIndex


def excerpt(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReviewListModel(QAbstractListModel):
    """Disagreements of the open article; ``tag_name(tag_id)`` names tags for display."""

    def __init__(self, tag_name: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._tag_name = tag_name
        self._rows: list[Difference] = []
        self._decisions: dict[tuple[str, str], ReviewDecision] = {}

    def set_review(self, review: ArticleReview | None) -> None:
        self.beginResetModel()
        self._rows = review.disagreements if review is not None else []
        self._decisions = dict(review.decisions) if review is not None else {}
        self.endResetModel()

    def set_decision(self, key: tuple[str, str], decision: ReviewDecision | None) -> None:
        """Record (or clear) the decision on one difference and repaint its row only."""
        if decision is None:
            self._decisions.pop(key, None)
        else:
            self._decisions[key] = decision
        row = self.row_of(key)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

    # -- reading -------------------------------------------------------------------------

    def difference(self, row: int) -> Difference | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def differences(self) -> list[Difference]:
        return list(self._rows)

    def decision(self, key: tuple[str, str]) -> ReviewDecision | None:
        return self._decisions.get(key)

    def row_of(self, key: tuple[str, str]) -> int | None:
        return next((i for i, d in enumerate(self._rows) if d.key == key), None)

    def next_unsettled(self, after: int) -> int | None:
        """The first row after ``after`` without a decision, wrapping to the top; None if all
        are settled."""
        n = len(self._rows)
        for step in range(1, n + 1):
            row = (after + step) % n
            if self._rows[row].key not in self._decisions:
                return row
        return None

    def settled_count(self) -> int:
        return sum(d.key in self._decisions for d in self._rows)

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        decided = self._decisions.get(d.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._describe(d, decided)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(d, decided)
        if role == Qt.ItemDataRole.DecorationRole:
            from annotator.ui.review_view import swatch_icon

            return swatch_icon(d.kind, QApplication.palette())
        if role == DifferenceKeyRole:
            return d.key
        if role == KindRole:
            return d.kind.value
        if role == DecisionRole:
            return decided.decision.value if decided else None
        if role == Qt.ItemDataRole.ForegroundRole and decided is not None:
            return QApplication.palette().brush(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- wording ---------------------------------------------------------------------------

    def _tags(self, d: Difference) -> str:
        if d.kind is DifferenceKind.TAG:
            return f"{self._tag_name(d.a.tag_id)} (A) vs {self._tag_name(d.b.tag_id)} (B)"
        return self._tag_name((d.a or d.b).tag_id)

    def _describe(self, d: Difference, decided: ReviewDecision | None) -> str:
        passage = excerpt((d.a or d.b).text if d.kind is not DifferenceKind.BOUNDARIES else _union_text(d))
        mark = f"✓ {DECISION_LABELS[decided.decision]}" if decided else "• to settle"
        return f"{KIND_LABELS[d.kind]} · {self._tags(d)}  [{mark}]\n“{passage}”"

    def _tooltip(self, d: Difference, decided: ReviewDecision | None) -> str:
        lines = []
        for side, annotation in (("A", d.a), ("B", d.b)):
            if annotation is not None:
                lines.append(
                    f"{side} ({annotation.annotator}): {self._tag_name(annotation.tag_id)} "
                    f"{annotation.start}–{annotation.end} “{excerpt(annotation.text, 80)}”"
                )
            else:
                lines.append(f"{side}: nothing here")
        if decided is not None:
            lines.append(f"Decided by {decided.reviewer}: {DECISION_LABELS[decided.decision]}")
            if decided.comment:
                lines.append(f"Comment: {decided.comment}")
        return "\n".join(lines)


def _union_text(d: Difference) -> str:
    # Boundaries differ: show the longer of the two passages, which holds the other's words.
    return max((x for x in (d.a, d.b) if x is not None), key=lambda x: x.end - x.start).text
