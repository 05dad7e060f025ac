"""Agreement as pictures: bars per tag (kappa, alpha, F1 side by side) and a tag confusion heatmap.

Painted with QPainter (only PySide6-Essentials is installed, so no QtCharts). Text, axes and grid
take their colours from the widget's palette, so both charts read on light and dark themes. Bars
use three Okabe–Ito colours (told apart with any common colour-vision deficiency) and each measure
also has its own fill pattern, so they stay distinct in greyscale print. The heatmap uses one
hue, light to dark, with the count written in every cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.core.codebook import PALETTE

# (label, colour, fill pattern): Okabe–Ito blue, orange and bluish green.
MEASURES: list[tuple[str, str, Qt.BrushStyle]] = [
    ("kappa", PALETTE[4], Qt.BrushStyle.SolidPattern),
    ("alpha", PALETTE[1], Qt.BrushStyle.BDiagPattern),
    ("F1 (overlap)", PALETTE[2], Qt.BrushStyle.Dense4Pattern),
]

# A single-hue sequential ramp (ColorBrewer "Blues", 7 classes): luminance falls monotonically,
# so order reads without hue, and every step is legible for colour-blind readers.
BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


@dataclass
class BarGroup:
    """One tag's bars: the values of :data:`MEASURES` in order (None when undefined)."""

    label: str
    values: Sequence[float | None]


def ramp_colour(fraction: float) -> QColor:
    """The colour at ``fraction`` (0..1) along :data:`BLUES`, interpolated."""
    fraction = min(max(fraction, 0.0), 1.0) * (len(BLUES) - 1)
    low = int(math.floor(fraction))
    high = min(low + 1, len(BLUES) - 1)
    t = fraction - low
    a, b = QColor(BLUES[low]), QColor(BLUES[high])
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF()) + 0.0722 * channel(
        background.blueF()
    )
    return QColor("#000000") if luminance > 0.23 else QColor("#ffffff")


def _mix(colour: QColor, base: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(*(b + (c - b) * amount for c, b in (
        (colour.redF(), base.redF()), (colour.greenF(), base.greenF()), (colour.blueF(), base.blueF()))))


def compact(count: int) -> str:
    """A count short enough for a heatmap cell: 950, 12.3k, 4.1M."""
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.1f}k" if count < 100_000 else f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M"


class TagBarChart(QWidget):
    """Grouped bars: one group per tag, one bar per measure; the value axis runs to 1."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._groups: list[BarGroup] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 220)

    def set_groups(self, groups: Sequence[BarGroup]) -> None:
        self._groups = list(groups)
        self.update()

    def groups(self) -> list[BarGroup]:
        return list(self._groups)

    def sizeHint(self) -> QSize:
        return QSize(max(420, 120 * len(self._groups) + 80), 280)

    def _lowest(self) -> float:
        # Kappa and alpha can fall below zero (worse than chance): extend the axis down if needed.
        values = [v for g in self._groups for v in g.values if v is not None]
        low = min([0.0, *values])
        return -math.ceil(-low * 5) / 5 if low < 0 else 0.0

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        grid = _mix(text, base, 0.25)  # faint in light and dark palettes alike
        painter.fillRect(self.rect(), base)
        metrics = QFontMetrics(self.font())
        line = metrics.height()

        legend_height = line + 10
        left, right, top = metrics.horizontalAdvance("-0.0") + 14, 10, legend_height + 8
        bottom = 2 * line + 12  # two lines of tag name
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        self._paint_legend(painter, text, line)
        if plot.width() < 40 or plot.height() < 40:
            painter.end()
            return
        low = self._lowest()

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (1 - low) * plot.height()

        # Grid and the value axis.
        painter.setFont(self.font())
        steps = round((1 - low) / 0.2)
        for i in range(steps + 1):
            value = low + i * 0.2
            y = y_of(value)
            painter.setPen(QPen(text if abs(value) < 1e-9 else grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:.1f}")

        if not self._groups:
            painter.setPen(text)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No tags to show")
            painter.end()
            return
        group_width = plot.width() / len(self._groups)
        bar_width = min(38.0, group_width * 0.8 / len(MEASURES))
        zero = y_of(0.0)
        small = self.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        for g, group in enumerate(self._groups):
            centre = plot.left() + group_width * (g + 0.5)
            x0 = centre - bar_width * len(MEASURES) / 2
            for m, ((_name, colour, pattern), value) in enumerate(zip(MEASURES, group.values)):
                x = x0 + m * bar_width
                painter.setFont(small)
                if value is None:
                    painter.setPen(_mix(text, base, 0.6))
                    painter.drawText(QRectF(x, zero - line - 2, bar_width, line),
                                     Qt.AlignmentFlag.AlignCenter, "n/a")
                    continue
                bar = QRectF(x + 1, min(zero, y_of(value)), bar_width - 2, abs(y_of(value) - zero))
                self._paint_bar(painter, bar, QColor(colour), pattern)
                painter.setPen(text)
                label_y = bar.top() - line if value >= 0 else bar.bottom()
                painter.drawText(QRectF(x - 4, label_y, bar_width + 8, line),
                                 Qt.AlignmentFlag.AlignCenter, f"{value:.2f}")
            painter.setFont(self.font())
            painter.setPen(text)
            painter.drawText(QRectF(centre - group_width / 2 + 2, plot.bottom() + 4, group_width - 4, 2 * line + 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             group.label)
        painter.end()

    @staticmethod
    def _paint_bar(painter: QPainter, bar: QRectF, colour: QColor, pattern: Qt.BrushStyle) -> None:
        if pattern == Qt.BrushStyle.SolidPattern:
            painter.fillRect(bar, colour)
        else:
            # A pale fill of the same hue under the pattern keeps the bar's area legible.
            pale = QColor(colour)
            pale.setAlphaF(0.45)
            painter.fillRect(bar, pale)
            painter.fillRect(bar, QBrush(colour.darker(130), pattern))
        painter.setPen(QPen(colour.darker(140), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)

    def _paint_legend(self, painter: QPainter, text: QColor, line: int) -> None:
        metrics = QFontMetrics(self.font())
        x = 10.0
        for name, colour, pattern in MEASURES:
            swatch = QRectF(x, 6, line, line)
            self._paint_bar(painter, swatch, QColor(colour), pattern)
            painter.setPen(text)
            width = metrics.horizontalAdvance(name)
            painter.drawText(QRectF(x + line + 4, 6, width + 4, line), Qt.AlignmentFlag.AlignVCenter, name)
            x += line + width + 20


class ConfusionHeatmap(QWidget):
    """A × B tag confusion: characters A gave row's tag and B gave column's tag.

    Colour follows the logarithm of the count (the "(none) × (none)" cell is usually orders of
    magnitude larger than the rest); the exact count is written in each cell.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._labels: list[str] = []
        self._counts: list[list[int]] = []
        self._a, self._b = "A", "B"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)

    def set_confusion(self, labels: Sequence[str], counts: Sequence[Sequence[int]], a: str = "A", b: str = "B") -> None:
        self._labels = list(labels)
        self._counts = [list(map(int, row)) for row in counts]
        self._a, self._b = a, b
        self.update()

    def sizeHint(self) -> QSize:
        n = max(len(self._labels), 3)
        return QSize(170 + 84 * n, 90 + 44 * n)

    def cell_colour(self, count: int) -> QColor:
        """The ramp colour for ``count`` given the largest count shown."""
        largest = max((c for row in self._counts for c in row), default=0)
        if largest <= 0 or count <= 0:
            return QColor(BLUES[0])
        return ramp_colour(math.log1p(count) / math.log1p(largest))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        n = len(self._labels)
        if n == 0:
            painter.setPen(text)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, "No confusion to show")
            painter.end()
            return
        row_label_width = min(160, max(metrics.horizontalAdvance(s) for s in self._labels) + 12)
        left = line + 8 + row_label_width  # vertical A title, then the row labels
        top = line + 6 + 2 * line + 8  # B title, then two lines of column labels
        cell_w = max(30.0, (self.width() - left - 8) / n)
        cell_h = max(22.0, min(cell_w * 0.9, (self.height() - top - 8) / n))

        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRectF(left, 2, cell_w * n, line + 2), Qt.AlignmentFlag.AlignCenter, f"B: {self._b}")
        painter.save()
        painter.translate(4, top + cell_h * n / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-cell_h * n / 2, 0, cell_h * n, line + 2), Qt.AlignmentFlag.AlignCenter,
                         f"A: {self._a}")
        painter.restore()
        painter.setFont(self.font())

        for j, label in enumerate(self._labels):
            painter.drawText(QRectF(left + j * cell_w + 2, line + 8, cell_w - 4, 2 * line + 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
                             label)
        for i, label in enumerate(self._labels):
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, row_label_width - 8)
            painter.setPen(text)
            painter.drawText(QRectF(line + 8, top + i * cell_h, row_label_width - 6, cell_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            for j in range(n):
                count = self._counts[i][j] if i < len(self._counts) and j < len(self._counts[i]) else 0
                cell = QRectF(left + j * cell_w, top + i * cell_h, cell_w, cell_h)
                colour = self.cell_colour(count)
                painter.fillRect(cell, colour)
                if i == j:
                    # The diagonal is agreement: outline it so it is found without colour.
                    painter.setPen(QPen(text, 2))
                    painter.drawRect(cell.adjusted(1, 1, -1, -1))
                painter.setPen(readable_on(colour))
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, compact(count))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(QRectF(left, top, cell_w * n, cell_h * n))
        painter.end()
