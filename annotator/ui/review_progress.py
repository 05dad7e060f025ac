"""Review progress per article for one pair of coders: what the corpus list shows, and the
order in which next/previous disagreement walks the corpus.

Progress is worked out one article at a time, when the corpus list shows the article or F8
passes it, so entering review mode costs nothing however large the corpus. The corpus-wide
count is computed by the window's background runner with its own connection to the project
file (SQLite connections belong to their thread) and shown when it is ready.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from annotator.actions import queries
from annotator.actions import review as review_actions
from annotator.actions.review import ReviewProgress
from annotator.core.codebook import PALETTE
from annotator.ui.background import Access, BackgroundRunner

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
    """Progress of articles for coders ``a`` and ``b``, each worked out when first needed and
    kept up to date one article at a time (:meth:`refresh`)."""

    changed = Signal(str)  # article id whose progress changed; "" for many

    def __init__(self, project, a: str, b: str, parent: QObject | None = None, *,
                 runner: BackgroundRunner | None = None):
        """``runner`` counts the corpus in the background; without one it is counted now."""
        super().__init__(parent)
        self.project, self.a, self.b = project, a, b
        self._progress: dict[str, ReviewProgress] = {}
        self._order: list[str] | None = None
        self._position: dict[str, int] = {}
        self._all: dict[str, ReviewProgress] | None = None  # the corpus-wide count, once known
        self._untouched: set[str] = set()  # articles neither coder annotated
        if runner is not None:
            runner.start(lambda p, _progress, _cancelled: review_actions.review_progress(p, a, b),
                         project=project, access=Access.READ, succeeded=self._counted)
            # A busy or vanished file makes the count fail: it just stays unknown.
        else:
            self._counted(review_actions.review_progress(project, a, b))

    def _counted(self, result) -> None:
        if result is None:
            return
        # Articles looked at meanwhile were counted later, so they are the fresher.
        for article_id, progress in result.items():
            self._progress.setdefault(article_id, progress)
        self._all = result
        self.changed.emit("")

    def of(self, article_id: str) -> ReviewProgress:
        """This article's progress (worked out now if not known yet)."""
        progress = self._progress.get(article_id)
        if progress is None:
            progress = self._progress[article_id] = self._count(article_id)
        return progress

    def _count(self, article_id: str) -> ReviewProgress:
        review = review_actions.article_review(self.project, article_id, self.a, self.b)
        if not review.differences:
            self._untouched.add(article_id)
        else:
            self._untouched.discard(article_id)
        disagreements = review.disagreements
        return ReviewProgress(article_id, len(disagreements), len(disagreements) - len(review.unsettled()))

    def refresh(self, article_id: str) -> None:
        """Recount one article (after a decision or its undo) and announce it."""
        self._progress[article_id] = self._count(article_id)
        if self._all is not None:
            self._all[article_id] = self._progress[article_id]
        self.changed.emit(article_id)

    def totals(self) -> tuple[int, int] | None:
        """(articles with disagreements, of which fully settled); None while still counting."""
        if self._all is None:
            return None
        with_any = [self._progress.get(a, p) for a, p in self._all.items()]
        with_any = [p for p in with_any if p.disagreements]
        return len(with_any), sum(p.done for p in with_any)

    def neighbour(self, article_id: str | None, step: int) -> str | None:
        """The next (``step`` 1) or previous (-1) article in import order with disagreements."""
        if self._order is None:
            self._order = queries.article_ids(self.project)
            self._position = {a: i for i, a in enumerate(self._order)}
        here = self._position.get(article_id) if article_id else None
        if here is None:
            here = -1 if step > 0 else len(self._order)
        i = here + step
        while 0 <= i < len(self._order):
            candidate = self._order[i]
            if candidate in self._progress:
                progress = self._progress[candidate]
            elif self._all is not None:
                progress = self._all.get(candidate)  # None: neither coder touched it
            else:
                progress = self.of(candidate)
            if progress is not None and progress.disagreements:
                return candidate
            i += step
        return None

    def decorate(self, article_id: str, role: int):
        """For the corpus list: a progress pie (decoration) and its wording (tooltip)."""
        if role not in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
            return None
        progress = self.of(article_id)
        if article_id in self._untouched:
            # A blank of the same size keeps every title aligned.
            return _blank_icon() if role == Qt.ItemDataRole.DecorationRole else None
        return progress_icon(progress) if role == Qt.ItemDataRole.DecorationRole else progress_text(progress)
