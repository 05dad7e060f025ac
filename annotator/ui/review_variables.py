"""Review mode's article-level differences: per variable, coder A's and B's values and the
reviewed value, beside the passage differences. Taking A's or B's value (or clearing the
reviewed one) is one operation and one step of Edit > Undo, recorded under the reviewer's name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.actions import variables as ops
from annotator.core import variable_values
from annotator.core.review_variables import VariableDifference
from annotator.core.variables import VariableError

VARIABLE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's variable id
_DIFFERS = QColor("#F0E442")  # Okabe & Ito yellow, as the review view's "tag differs"


def _shown(difference: VariableDifference, value) -> str:
    return "—" if value is None else variable_values.display(difference.variable, value)


class ReviewVariables(QWidget):
    """The table and its buttons; ``pair()`` gives the coders compared (the review panel's)."""

    COLUMNS = ("Variable", "A", "B", "Reviewed")

    def __init__(self, session, pair: Callable[[], tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pair = pair
        self.differences: list[VariableDifference] = []
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.take_a = QPushButton("Take A's value", self)
        self.take_b = QPushButton("Take B's value", self)
        self.clear = QPushButton("Clear reviewed", self)
        self.agreeing = QPushButton("Accept agreeing variables", self)
        self.take_a.clicked.connect(lambda: self.take("a"))
        self.take_b.clicked.connect(lambda: self.take("b"))
        self.clear.clicked.connect(lambda: self.take(None))
        self.agreeing.clicked.connect(self.accept_agreeing)
        buttons = QHBoxLayout()
        for button in (self.take_a, self.take_b, self.clear, self.agreeing):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Article variables</b>", self))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        session.articleValuesChanged.connect(self._values_changed)

    def reload(self) -> None:
        a, b = self.pair()
        article_id = self.session.article_id
        has_variables = bool(ops.codebook_variables(self.session.project, include_retired=True))
        self.setVisible(has_variables)
        self.differences = ops.variable_review(self.session.project, article_id, a, b) if article_id and a and b else []
        current = self.current_variable_id()
        self.table.setRowCount(len(self.differences))
        for row, d in enumerate(self.differences):
            cells = (d.variable.name, _shown(d, d.a), _shown(d, d.b), _shown(d, d.reviewed))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(VARIABLE_ROLE, d.variable.id)
                if not d.agree and column in (1, 2):
                    item.setBackground(_DIFFERS)
                self.table.setItem(row, column, item)
            if d.variable.id == current:
                self.table.selectRow(row)
        differing = [d for d in self.differences if not d.agree]
        settled = sum(d.settled for d in differing)
        self.summary.setText(f"{len(differing)} of {len(self.differences)} variables differ; "
                             f"{settled} of them settled" if self.differences else "No variable set by either coder.")

    def _values_changed(self, article_id: str) -> None:
        if article_id == self.session.article_id and not self.isHidden():
            self.reload()

    def current_variable_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(VARIABLE_ROLE) if item is not None else None

    def current(self) -> VariableDifference | None:
        wanted = self.current_variable_id()
        return next((d for d in self.differences if d.variable.id == wanted), None)

    def take(self, side: str | None) -> bool:
        """Write A's or B's value (``side`` "a"/"b"), or clear it (None), as the reviewed value."""
        difference = self.current()
        if difference is None or self.session.article_id is None:
            return False
        value = None if side is None else getattr(difference, side)
        if side is not None and value is None:
            self.summary.setText(f"{side.upper()} has no value for {difference.variable.name}; use Clear reviewed.")
            return False
        return self._run(ops.settle_variable, self.session.article_id, difference.variable, value, self.session.annotator)

    def accept_agreeing(self) -> bool:
        a, b = self.pair()
        if self.session.article_id is None:
            return False
        return self._run(ops.settle_agreeing_variables, self.session.article_id, a, b, self.session.annotator)

    def _run(self, operation, *args) -> bool:
        try:
            change = self.session.run(operation, *args)
        except VariableError as error:
            self.summary.setText(str(error))
            return False
        return change is not None and not change.empty
