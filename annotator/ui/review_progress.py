"""Review progress per article for one pair of coders: what the corpus list shows, and the
order in which next/previous disagreement walks the corpus."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from annotator.actions import review as review_actions
from annotator.actions.review import ReviewProgress
from annotator.core.codebook import PALETTE

_DONE = QColor(PALETTE[2])  # Okabe–Ito bluish green
_TODO = QColor(PALETTE[5])  # vermillion: disagreements still to settle


def progress_icon(progress: ReviewProgress, size: int = 14) -> QIcon:
    """A small pie: the settled share of the article's disagreements; a full disc when done."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(1.5, 1.5, size - 3, size - 3)
    painter.setPen(QPen(_DONE if progress.done else _TODO, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(rect)
    if progress.disagreements:
        share = progress.settled / progress.disagreements
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_DONE)
        painter.drawPie(rect, 90 * 16, -round(360 * 16 * share))
    painter.end()
    return QIcon(pixmap)


_BLANK: list[QIcon] = []


def _blank_icon(size: int = 14) -> QIcon:
    if not _BLANK:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        _BLANK.append(QIcon(pixmap))
    return _BLANK[0]


def progress_text(progress: ReviewProgress) -> str:
    if progress.disagreements == 0:
        return "Review: the two coders agree throughout"
    return f"Review: {progress.settled} of {progress.disagreements} disagreements settled"


class ReviewProgressTracker(QObject):
    """Progress of every article for coders ``a`` and ``b``, computed once and then kept up
    to date one article at a time (:meth:`refresh`)."""

    changed = Signal(str)  # article id whose progress changed

    def __init__(self, project, a: str, b: str, parent: QObject | None = None):
        super().__init__(parent)
        self.project, self.a, self.b = project, a, b
        self._progress: dict[str, ReviewProgress] | None = None
        self._order: dict[str, int] | None = None

    def progress(self) -> dict[str, ReviewProgress]:
        if self._progress is None:
            self._progress = review_actions.review_progress(self.project, self.a, self.b)
        return self._progress

    def of(self, article_id: str) -> ReviewProgress | None:
        return self.progress().get(article_id)

    def refresh(self, article_id: str) -> None:
        """Recount one article (after a decision or its undo) and announce it."""
        review = review_actions.article_review(self.project, article_id, self.a, self.b)
        disagreements = review.disagreements
        self.progress()[article_id] = ReviewProgress(
            article_id, len(disagreements), len(disagreements) - len(review.unsettled())
        )
        self.changed.emit(article_id)

    def totals(self) -> tuple[int, int]:
        """(articles with disagreements, of which fully settled)."""
        with_any = [p for p in self.progress().values() if p.disagreements]
        return len(with_any), sum(p.done for p in with_any)

    def neighbour(self, article_id: str | None, step: int) -> str | None:
        """The next (``step`` 1) or previous (-1) article in import order that has disagreements."""
        if self._order is None:
            self._order = {article: i for i, article in enumerate(self.project.articles.ids())}
        here = self._order.get(article_id, -1 if step > 0 else len(self._order)) if article_id else -1
        candidates = [
            (self._order.get(a, -1), a) for a, p in self.progress().items() if p.disagreements
        ]
        if step > 0:
            after = [c for c in candidates if c[0] > here]
            return min(after)[1] if after else None
        before = [c for c in candidates if c[0] < here]
        return max(before)[1] if before else None

    def decorate(self, article_id: str, role: int):
        """For the corpus list: a progress pie (decoration) and its wording (tooltip)."""
        progress = self.of(article_id)
        if progress is None:
            # A blank of the same size keeps every title aligned.
            return _blank_icon() if role == Qt.ItemDataRole.DecorationRole else None
        if role == Qt.ItemDataRole.DecorationRole:
            return progress_icon(progress)
        if role == Qt.ItemDataRole.ToolTipRole:
            return progress_text(progress)
        return None
