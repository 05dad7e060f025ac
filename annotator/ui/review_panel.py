"""Review mode: coders A and B in one view, their disagreements in a list, a decision for each.

Keys (documented in ``KEYS`` and the README): F8 / Shift+F8 next / previous disagreement across
the corpus; Alt+A accept A, Alt+B accept B, Alt+O accept both, Alt+R reject, Alt+I edit (not
Alt+E: that opens the Edit menu).
Decisions go through :mod:`annotator.actions.review`, wrapped as undo commands on the session's
undo stack (Ctrl+Z takes one back), and are written to the reviewed layer under the name of the
person using the app (``session.annotator``) as reviewer.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.actions import queries
from annotator.actions import review as review_actions
from annotator.core.review import Decision, Difference, allowed_decisions
from annotator.actions.projects import InvalidAnnotationError
from annotator.ui.review_commands import ReviewDecisionCommand
from annotator.ui.review_model import ReviewListModel
from annotator.ui.background import BackgroundRunner
from annotator.ui.review_progress import ReviewProgressTracker
from annotator.ui.review_variables import ReviewVariables
from annotator.ui.review_view import ReviewLegend, ReviewTextView

NEXT_DISAGREEMENT = "F8"
PREVIOUS_DISAGREEMENT = "Shift+F8"

_BUTTONS = [
    (Decision.ACCEPT_A, "Accept &A"),
    (Decision.ACCEPT_B, "Accept &B"),
    (Decision.ACCEPT_BOTH, "Accept b&oth"),
    (Decision.REJECT, "&Reject"),
    (Decision.EDIT, "Ed&it…"),
]


class ReviewPanel(QWidget):
    """Settle the differences between two coders, article by article."""

    KEYS = [
        (NEXT_DISAGREEMENT, "Review: next disagreement (across the corpus)"),
        (PREVIOUS_DISAGREEMENT, "Review: previous disagreement (across the corpus)"),
        ("Alt+A / Alt+B / Alt+O", "Review: accept A / accept B / accept both"),
        ("Alt+R / Alt+I", "Review: reject / edit"),
    ]
    progressChanged = Signal(str)  # article id whose review progress changed

    def __init__(self, session, parent: QWidget | None = None, *, own_shortcuts: bool = True,
                 runner: BackgroundRunner | None = None):
        """``own_shortcuts``: answer F8 / Shift+F8 here; off when the window's menu has them.
        ``runner`` counts the corpus's progress in the background (the window's)."""
        super().__init__(parent)
        self.session = session
        self._own_runner = runner is None
        self.runner = runner or BackgroundRunner(self)
        self.project = session.project
        self.tracker: ReviewProgressTracker | None = None
        self.review: review_actions.ArticleReview | None = None

        self.a_combo, self.b_combo = QComboBox(), QComboBox()
        for combo in (self.a_combo, self.b_combo):
            combo.setMinimumContentsLength(14)
        self.reload_annotators()
        self.a_combo.currentIndexChanged.connect(lambda _i: self._pair_changed())
        self.b_combo.currentIndexChanged.connect(lambda _i: self._pair_changed())
        self.corpus_progress = QLabel()
        self.view = ReviewTextView()
        self.model = ReviewListModel(session.tag_name, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.selectionModel().currentRowChanged.connect(lambda current, _p: self._show_current(current.row()))
        self.article_progress = QLabel()
        self.details = QLabel(wordWrap=True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment = QLineEdit(placeholderText="Reviewer comment (optional)")
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("reviewMessage")
        self.buttons: dict[Decision, QPushButton] = {}
        grid = QGridLayout()
        for i, (decision, label) in enumerate(_BUTTONS):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, d=decision: self.decide(d))
            self.buttons[decision] = button
            grid.addWidget(button, i // 3, i % 3)
        self.agreements_button = QPushButton("Accept all agreements")
        self.agreements_button.setToolTip("Copy every passage both coders tagged alike into the reviewed layer")
        self.agreements_button.clicked.connect(self.accept_agreements)
        previous = QPushButton(f"◀ Previous ({PREVIOUS_DISAGREEMENT})")
        following = QPushButton(f"Next ({NEXT_DISAGREEMENT}) ▶")
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        for key, step in ((NEXT_DISAGREEMENT, 1), (PREVIOUS_DISAGREEMENT, -1)) if own_shortcuts else ():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))

        pair = QHBoxLayout()
        pair.addWidget(QLabel("Coder A:"))
        pair.addWidget(self.a_combo)
        pair.addSpacing(8)
        pair.addWidget(QLabel("Coder B:"))
        pair.addWidget(self.b_combo)
        pair.addStretch(1)
        pair.addWidget(self.corpus_progress)
        nav = QHBoxLayout()
        nav.addWidget(previous)
        nav.addWidget(following)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.article_progress)
        side_layout.addWidget(self.list, 1)
        side_layout.addLayout(nav)
        side_layout.addWidget(self.details)
        side_layout.addWidget(self.comment)
        side_layout.addLayout(grid)
        side_layout.addWidget(self.agreements_button)
        side_layout.addWidget(self.message)
        # Article-level differences beside the passage ones (issue 14).
        self.variables = ReviewVariables(session, self.pair, side)
        side_layout.addWidget(self.variables)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(pair)
        layout.addWidget(ReviewLegend())
        layout.addWidget(splitter, 1)

        session.articleOpened.connect(lambda _id: self.reload_article())
        session.codebookChanged.connect(self.reload_article)
        self._pair_changed()

    # -- the pair of coders ----------------------------------------------------------------

    def reload_annotators(self) -> None:
        """Offer every coder but the reviewed layer; keep the current choice when possible."""
        names = queries.coders(self.project)
        for combo, default in ((self.a_combo, 0), (self.b_combo, 1)):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            index = combo.findText(current)
            combo.setCurrentIndex(index if index >= 0 else min(default, len(names) - 1))
            combo.blockSignals(False)

    def shutdown(self) -> None:
        """Stop listening for the corpus count (the window is closing its project)."""
        if self.tracker is not None:
            self.tracker.blockSignals(True)
        if self._own_runner:
            self.runner.shutdown()

    def set_pair(self, a: str, b: str) -> None:
        self.a_combo.setCurrentText(a)
        self.b_combo.setCurrentText(b)
        self._pair_changed()

    def pair(self) -> tuple[str, str]:
        return self.a_combo.currentText(), self.b_combo.currentText()

    def _pair_changed(self) -> None:
        a, b = self.pair()
        if self.tracker is not None and (self.tracker.a, self.tracker.b) == (a, b):
            return
        if self.tracker is not None:
            self.tracker.deleteLater()
        self.tracker = ReviewProgressTracker(self.project, a, b, self, runner=self.runner) if a and b and a != b else None
        if self.tracker is not None:
            self.tracker.changed.connect(self.progressChanged)
            self.tracker.changed.connect(lambda _id: self._update_labels())
        self.reload_article()
        self.progressChanged.emit("")

    # -- the article -----------------------------------------------------------------------

    def reload_article(self) -> None:
        self.variables.reload()
        article = self.session.article
        a, b = self.pair()
        if article is None or self.tracker is None:
            self.review = None
            self.model.set_review(None)
            self.view.set_article(article.text if article else "", [], self._colour_of)
            self.message.setText("Choose two different annotators as A and B." if article else "")
            self._update_labels()
            return
        self.review = review_actions.article_review(self.project, article.id, a, b)
        self.model.set_review(self.review)
        self.view.set_article(article.text, self.review.differences, self._colour_of)
        self.message.setText("")
        first = self.model.next_unsettled(-1)
        self.select_row(first if first is not None else (0 if self.model.rowCount() else None))
        self._update_labels()

    def _colour_of(self, tag_id: str) -> QColor:
        tag = self.session.tag(tag_id)
        return QColor(tag.colour if tag else "#999999")

    def select_row(self, row: int | None) -> None:
        if row is None:
            self.list.selectionModel().clearCurrentIndex()
            self._show_current(-1)
            return
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(self.model.index(row))

    def current_difference(self) -> Difference | None:
        return self.model.difference(self.list.currentIndex().row())

    def _show_current(self, row: int) -> None:
        difference = self.model.difference(row)
        self.view.set_current(difference)
        allowed = allowed_decisions(difference) if difference else []
        for decision, button in self.buttons.items():
            button.setEnabled(decision in allowed)
        self.details.setText(self.model.index(row).data(Qt.ItemDataRole.ToolTipRole) if difference else "")
        decided = self.model.decision(difference.key) if difference else None
        self.comment.setText(decided.comment if decided else "")

    def _update_labels(self) -> None:
        total = self.model.rowCount()
        settled = self.model.settled_count()
        if self.review is None:
            self.article_progress.setText("")
        elif total == 0:
            self.article_progress.setText("No disagreements in this article.")
        else:
            self.article_progress.setText(f"This article: {settled} of {total} disagreements settled")
        totals = self.tracker.totals() if self.tracker is not None else None
        if totals is not None:
            articles, done = totals
            self.corpus_progress.setText(f"Corpus: {done} of {articles} articles with disagreements settled")
        elif self.tracker is not None:
            self.corpus_progress.setText("Corpus: counting…")
        else:
            self.corpus_progress.setText("")

    # -- moving across the corpus -----------------------------------------------------------

    def step(self, step: int) -> None:
        """Go to the next (1) or previous (-1) disagreement, on to other articles as needed."""
        row = self.list.currentIndex().row()
        target = row + step if row >= 0 else (0 if step > 0 else self.model.rowCount() - 1)
        if 0 <= target < self.model.rowCount():
            self.select_row(target)
            return
        if self.tracker is None:
            return
        article_id = self.tracker.neighbour(self.session.article_id, step)
        if article_id is None:
            self.message.setText("No more disagreements " + ("after" if step > 0 else "before") + " this article.")
            return
        self.session.open_article(article_id)  # reload_article follows through articleOpened
        if self.session.article_id != article_id:
            return
        self.select_row(0 if step > 0 else max(0, self.model.rowCount() - 1))

    # -- deciding --------------------------------------------------------------------------

    def decide(self, decision: Decision) -> bool:
        """Settle the current difference; one undo step. False (with a message) if refused."""
        difference = self.current_difference()
        if difference is None or self.session.article is None:
            return False
        edited = None
        if decision is Decision.EDIT:
            from annotator.ui.review_edit_dialog import ReviewEditDialog

            dialog = ReviewEditDialog(self.session, difference, self.session.article.text, self.view.selected_span(), self)
            if not dialog.exec():
                return False
            edited = dialog.edited()
        return self.apply_decision(difference, decision, edited)

    def apply_decision(self, difference: Difference, decision: Decision, edited=None) -> bool:
        try:
            result = review_actions.decide(
                self.project, difference, decision, self.session.annotator, self.comment.text().strip(), edited
            )
        except (ValueError, InvalidAnnotationError) as error:
            self.message.setText(str(error))
            return False
        self.message.setText("")
        row = self.model.row_of(difference.key)
        self.session.undo_stack.push(ReviewDecisionCommand(self.session, result, self._decision_changed))
        following = self.model.next_unsettled(row if row is not None else -1)
        if following is not None:
            self.select_row(following)
        else:
            self._show_current(self.list.currentIndex().row())
            self.message.setText(f"This article is settled. {NEXT_DISAGREEMENT}: next article with disagreements.")
        return True

    def accept_agreements(self) -> None:
        """Copy every unsettled agreement into the reviewed layer, as one undo step."""
        if self.review is None:
            return
        agreements = [d for d in self.review.differences if not d.is_disagreement and d.key not in self.review.decisions]
        if not agreements:
            self.message.setText("Every agreement of this article is already in the reviewed layer.")
            return
        stack = self.session.undo_stack
        stack.beginMacro(f"Review: accept {len(agreements)} agreements")
        try:
            for difference in agreements:
                result = review_actions.decide(self.project, difference, Decision.ACCEPT_A, self.session.annotator)
                stack.push(ReviewDecisionCommand(self.session, result, self._decision_changed))
        except ValueError as error:
            self.message.setText(str(error))
            return
        finally:
            stack.endMacro()
        self.message.setText(f"{len(agreements)} agreement{'s' if len(agreements) != 1 else ''} copied to the reviewed layer.")

    def _decision_changed(self, article_id: str, key: tuple[str, str], decision) -> None:
        if self.review is not None and article_id == self.review.article_id:
            if decision is None:
                self.review.decisions.pop(key, None)
            else:
                self.review.decisions[key] = decision
            self.model.set_decision(key, decision)
            if self.current_difference() is not None and self.current_difference().key == key:
                self._show_current(self.list.currentIndex().row())
        if self.tracker is not None:
            self.tracker.refresh(article_id)
        self._update_labels()
