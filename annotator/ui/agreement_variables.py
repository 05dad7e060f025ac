"""The Agreement dialog's *Article variables* tab: per variable (several-of: per value), every
pair and all coders, the articles each figure rests on, alpha with its bootstrapped interval
(resamples and seed shown and chosen here) and P(alpha < threshold), percent agreement, kappa
and weighted kappa. Computed on a worker thread through :mod:`annotator.actions.variable_agreement`."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.background import Access, BackgroundRunner

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the figure's item (variable, or "variable: value")


def _number(value) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def _dash(value) -> str:
    return "" if value is None else _number(value)


def parse_thresholds(text: str) -> tuple[float, ...]:
    """``"0.667, 0.8"`` -> ``(0.667, 0.8)``; ValueError with a plain reason otherwise."""
    try:
        values = tuple(float(part) for part in text.replace(";", ",").split(",") if part.strip())
    except ValueError:
        raise ValueError(f"thresholds must be numbers such as 0.667, 0.8 (not {text!r})") from None
    if not values:
        raise ValueError("give at least one threshold, such as 0.8")
    return values


class VariableAgreementTab(QWidget):
    def __init__(self, project, runner: BackgroundRunner, coders: Callable[[], Sequence[str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        from annotator.actions import variable_agreement

        self.project = project
        self.runner = runner
        self.coders = coders
        self._actions = variable_agreement
        self.report = None
        self._computing = 0
        self.resamples = QSpinBox(self)
        self.resamples.setRange(0, 100_000)
        self.resamples.setValue(variable_agreement.DEFAULT_RESAMPLES)
        self.resamples.setSingleStep(500)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(variable_agreement.DEFAULT_SEED)
        self.thresholds = QLineEdit(", ".join(f"{t:g}" for t in variable_agreement.DEFAULT_THRESHOLDS), self)
        self.compute_button = QPushButton("Compute", self)
        self.compute_button.clicked.connect(self.compute)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = QStandardItemModel(0, 0, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        controls = QHBoxLayout()
        for label, widget in (("Bootstrap resamples", self.resamples), ("Seed", self.seed),
                              ("P(α <", self.thresholds)):
            controls.addWidget(QLabel(label, self))
            controls.addWidget(widget)
        controls.addWidget(QLabel(")", self))
        controls.addWidget(self.compute_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def compute(self) -> None:
        coders = list(self.coders())
        if len(coders) < 2:
            self.summary.setText("Choose at least two annotators.")
            return
        try:
            thresholds = parse_thresholds(self.thresholds.text())
        except ValueError as error:
            self.summary.setText(str(error))
            return
        resamples, seed = self.resamples.value(), self.seed.value()
        self._computing += 1
        number, actions = self._computing, self._actions
        self.compute_button.setEnabled(False)
        self.summary.setText("Computing…")

        def work(project, _progress, _cancelled):
            return number, actions.measure(project, coders, resamples=resamples, seed=seed, thresholds=thresholds)

        self.runner.start(work, project=self.project, access=Access.READ,
                          succeeded=self._finished, failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.compute_button.setEnabled(True)
        self.summary.setText(f"Could not compute agreement on article variables: {' '.join(str(error).split())}")

    def _finished(self, result) -> None:
        number, report = result
        if number != self._computing:
            return
        self.compute_button.setEnabled(True)
        self.report = report
        boot = (f"{report.confidence:.0%} interval from {report.resamples} bootstrap resamples "
                f"(Hayes & Krippendorff 2007), seed {report.seed}" if report.resamples else "no bootstrap")
        self.summary.setText(f"Krippendorff's α at each variable's level; {boot}. Articles: those both "
                             "coders coded (pairs) or two or more coded (all).")
        below = [f"P(α<{t:g})" for t in report.thresholds] if report.resamples else []
        headers = ["Variable", "Level", "Coders", "Articles", "α", "Interval", *below,
                   "Agreement %", "κ", "κ linear", "κ quadratic"]
        self.model.clear()
        self.model.setHorizontalHeaderLabels(headers)
        for f in report.figures:
            coders = " vs ".join(f.coders) if f.pair else f"all {len(f.coders)} coders"
            interval = f"[{f.interval.low:.3f}, {f.interval.high:.3f}]" if f.interval else ""
            odds = [f"{f.interval.below[t]:.3f}" if f.interval else "" for t in report.thresholds] if below else []
            percent = f"{f.percent * 100:.1f}" if f.percent is not None else "n/a"
            cells = [f.item, f.level, coders, str(f.articles), _number(f.alpha), interval, *odds, percent,
                     _dash(f.kappa), _dash(f.kappa_linear), _dash(f.kappa_quadratic)]
            row = []
            for text in cells:
                item = QStandardItem(text)
                item.setData(f.item, ITEM_ROLE)
                row.append(item)
            self.model.appendRow(row)

    def cell(self, row: int, header: str) -> str:
        """The text under ``header`` in ``row`` (tests and the CSV)."""
        for column in range(self.model.columnCount()):
            if self.model.horizontalHeaderItem(column).text() == header:
                return self.model.item(row, column).text()
        raise KeyError(header)
