"""Figures in the window: counts of tags or of a field's values by outlet or period, on a
matplotlib canvas (QtAgg with PySide6), saved as PNG, SVG, PDF or CSV.

matplotlib is imported when this tab is first shown, never when the window opens.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.charts import ChartBy, ChartData

BY_TAG = "Tags"
SAVE_FILTER = "PNG image, 300 dpi (*.png);;SVG vector (*.svg);;PDF (*.pdf);;CSV of the numbers (*.csv)"


class ChartView(QWidget):
    """Asks for numbers (``chartRequested``); shows and saves what it is given."""

    chartRequested = Signal()

    def __init__(self, parent=None, choose_file=None):
        super().__init__(parent)
        self.choose_file = choose_file or self._ask_for_file
        self.data: ChartData | None = None
        self.by = QComboBox()
        for by in ChartBy:
            self.by.addItem(f"by {by.value}", by.value)
        self.series = QComboBox()
        self.series.setToolTip("One series per tag, or per value of a field")
        self.per_words = QCheckBox("per 1,000 words")
        self.per_words.setToolTip("Divide by the words of the coded articles of each outlet or period")
        self.draw_button = QPushButton("Draw")
        self.save_button = QPushButton("Save…")
        self.save_button.setEnabled(False)
        self.status = QLabel()
        bar = QHBoxLayout()
        for w in (QLabel("Count"), self.series, self.by, self.per_words, self.draw_button, self.save_button):
            bar.addWidget(w)
        bar.addWidget(self.status, 1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addLayout(bar)
        self.canvas = None
        self.figure = None
        for signal in (self.by.currentIndexChanged, self.series.currentIndexChanged):
            signal.connect(lambda _i: self.chartRequested.emit())
        self.per_words.toggled.connect(lambda _on: self.chartRequested.emit())
        self.draw_button.clicked.connect(self.chartRequested)
        self.save_button.clicked.connect(self.save)

    def set_fields(self, fields: list[str]) -> None:
        current = self.series.currentText()
        self.series.blockSignals(True)
        self.series.clear()
        self.series.addItem(BY_TAG)
        self.series.addItems(fields)
        self.series.setCurrentText(current if current in fields else BY_TAG)
        self.series.blockSignals(False)

    def request(self) -> tuple[str, str | None, bool]:
        """(axis, field or None, per 1,000 words)."""
        field = self.series.currentText()
        return self.by.currentData(), (None if field in ("", BY_TAG) else field), self.per_words.isChecked()

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from annotator.core import figures

        self.figure = figures.new_figure()
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("chartCanvas")
        self.layout_.addWidget(self.canvas, 1)

    def show_data(self, data: ChartData) -> None:
        from annotator.core import figures

        self._ensure_canvas()
        self.data = data
        figures.draw(data, self.figure)
        self.canvas.draw_idle()
        self.save_button.setEnabled(True)
        self.status.setText("")

    def show_problem(self, message: str) -> None:
        self.status.setText(message)

    def save(self) -> None:
        if self.data is None:
            return
        path = self.choose_file(self)
        if not path:
            return
        from annotator.actions import charts

        try:
            charts.save(self.data, path)
        except (charts.ChartError, OSError) as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"saved {path}")

    @staticmethod
    def _ask_for_file(parent) -> str:
        path, chosen = QFileDialog.getSaveFileName(parent, "Save the figure", "figure.png", SAVE_FILTER)
        if path and "." not in path.rsplit("/", 1)[-1]:
            path += "." + chosen.rsplit("*.", 1)[-1].rstrip(")")
        return path
