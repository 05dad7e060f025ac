"""Agreement as pictures: bars per tag (kappa, alpha, F1 side by side) and a tag confusion heatmap.

Drawn with matplotlib on a QtAgg canvas (the passage figures use the same library and style,
``core.figures``); matplotlib is imported when the Agreement dialog first draws, never at
start-up. Text, axes and background take their colours from the widget's palette, so both
charts read on light and dark themes. Bars
use three Okabe–Ito colours (told apart with any common colour-vision deficiency) and each measure
also has its own fill pattern, so they stay distinct in greyscale print. The heatmap uses one
hue, light to dark, with the count written in every cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

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


def compact(count: int) -> str:
    """A count short enough for a heatmap cell: 950, 12.3k, 4.1M."""
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.1f}k" if count < 100_000 else f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M"


class _FigureWidget(QWidget):
    """A matplotlib figure in a widget, redrawn when its data or the palette changes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(4.5, 3.0), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 220)

    def _colours(self) -> tuple[str, str]:
        palette = self.palette()
        return (palette.color(QPalette.ColorRole.Base).name(), palette.color(QPalette.ColorRole.WindowText).name())

    def redraw(self) -> None:
        background, text = self._colours()
        self.figure.set_facecolor(background)
        self.draw(background, text)
        for ax in self.figure.axes:
            ax.set_facecolor(background)
            ax.tick_params(colors=text, labelcolor=text)
            for spine in ax.spines.values():
                spine.set_color(text)
            ax.xaxis.label.set_color(text)
            ax.yaxis.label.set_color(text)
            legend = ax.get_legend()
            if legend is not None:
                for item in legend.get_texts():
                    item.set_color(text)
        self.canvas.draw()

    def draw(self, background: str, text: str) -> None:
        raise NotImplementedError

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.redraw()


class TagBarChart(_FigureWidget):
    """Grouped bars: one group per tag, one bar per measure; the value axis runs to 1."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._groups: list[BarGroup] = []
        self.redraw()

    def set_groups(self, groups: Sequence[BarGroup]) -> None:
        self._groups = list(groups)
        self.redraw()

    def groups(self) -> list[BarGroup]:
        return list(self._groups)

    def sizeHint(self) -> QSize:
        return QSize(max(420, 120 * len(self._groups) + 80), 280)

    def draw(self, background: str, text: str) -> None:
        from annotator.core import figures

        figures.draw_agreement_bars(
            self.figure, [g.label for g in self._groups], [(label, colour) for label, colour, _ in MEASURES],
            [list(g.values) for g in self._groups],
        )


class ConfusionHeatmap(_FigureWidget):
    """A × B tag confusion: characters A gave row's tag and B gave column's tag.

    Colour follows the logarithm of the count (the "(none) × (none)" cell is usually orders of
    magnitude larger than the rest); the exact count is written in each cell.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._labels: list[str] = []
        self._counts: list[list[int]] = []
        self._a, self._b = "A", "B"
        self.setMinimumSize(360, 260)
        self.redraw()

    def set_confusion(self, labels: Sequence[str], counts: Sequence[Sequence[int]], a: str = "A", b: str = "B") -> None:
        self._labels = list(labels)
        self._counts = [list(map(int, row)) for row in counts]
        self._a, self._b = a, b
        self.redraw()

    def sizeHint(self) -> QSize:
        n = max(len(self._labels), 3)
        return QSize(170 + 84 * n, 90 + 44 * n)

    def cell_colour(self, count: int) -> QColor:
        """The ramp colour for ``count`` given the largest count shown."""
        largest = max((c for row in self._counts for c in row), default=0)
        if largest <= 0 or count <= 0:
            return QColor(BLUES[0])
        return ramp_colour(math.log1p(count) / math.log1p(largest))

    def draw(self, background: str, text: str) -> None:
        from annotator.core import figures

        colours = [[self.cell_colour(c) for c in row] for row in self._counts]
        figures.draw_heatmap(
            self.figure, self._labels, [[compact(c) for c in row] for row in self._counts],
            [[c.name() for c in row] for row in colours],
            [[readable_on(c).name() for c in row] for row in colours], self._a, self._b,
        )
