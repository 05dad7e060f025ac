"""The key under the tag buttons: how overlapping tags and links look in the text.

It draws a small sample with the same painters as the article (a tint, then one line under
the text per further layer, the link mark) in the codebook's own colours, and says in words
what each means, so a coder never has to guess what a second coloured line is.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.ui.highlighter import tint
from annotator.ui.layer_lines import line_metrics, under_line_y
from annotator.ui.link_marks import paint_link_mark

SAMPLE = ("a passage ", "inside it", " inside both", " ", "linked")
FALLBACK_COLOURS = ("#4e9fde", "#e69f00", "#cc79a7")
# Short, because the pane is shared with the memo and the list; the tooltip says it in full.
EXPLANATION = "First tag: a tint; each tag inside it: a line under the text. The badge marks a link."
DETAILS = (
    "Overlapping tags: the first tag on a passage tints it; each tag inside another adds a line "
    "in its colour under the text, one line per layer, and a bar in the left margin.<br>"
    "The small arrow badge marks a linked passage: hover over it or select it to frame its partner.<br>"
    "Right-click a passage to retag, link, note or delete it; right-click selected text to tag it."
)


class LayerSample(QWidget):
    """One line of sample text painted as the article paints three layers and a link."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.colours: list[str] = list(FALLBACK_COLOURS)
        self.setAccessibleName("Sample: a tinted passage with two passages inside it, underlined")

    def set_colours(self, colours: list[str]) -> None:
        self.colours = (list(colours) + list(FALLBACK_COLOURS))[:3]
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = QFontMetricsF(self.font())
        return QSize(int(metrics.horizontalAdvance("".join(SAMPLE)) + 30), int(metrics.height() + 12))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        base = self.palette().color(QPalette.ColorRole.Base)
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        height = metrics.height()
        top, x = 5.0, 4.0  # room above for the raised link badge
        baseline = top + metrics.ascent()
        thickness, _ = line_metrics(height)
        outer, inner, innermost = (QColor(c) for c in self.colours)
        # Layer 0 runs under the first three pieces; layer 1 under the 2nd and 3rd; layer 2 the
        # 3rd; then a gap, and a passage of its own with a link.
        layers = ((outer,), (outer, inner), (outer, inner, innermost), (), (inner,))
        for piece, covering in zip(SAMPLE, layers):
            width = metrics.horizontalAdvance(piece)
            if covering:
                painter.fillRect(QRectF(x, top, width, height), tint(covering[0], base))
                for layer, colour in enumerate(covering[1:], start=1):
                    painter.fillRect(QRectF(x, under_line_y(baseline, layer, height), width, thickness), colour)
            painter.setPen(text_colour)
            painter.drawText(QPointF(x, baseline), piece)
            x += width
        paint_link_mark(painter, x, top, metrics, inner, base)
        painter.end()


class LayerLegend(QWidget):
    """The sample and its explanation, for the bottom of the tag panel."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sample = LayerSample(self)
        self.text = QLabel(EXPLANATION, self, wordWrap=True, objectName="layerLegend")
        self.text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        self.text.setFont(font)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setToolTip(DETAILS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 6, 2, 0)
        layout.setSpacing(2)
        layout.addWidget(self.sample)
        layout.addWidget(self.text)
