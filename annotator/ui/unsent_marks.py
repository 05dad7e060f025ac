"""Annotations not yet on a server study's server, marked in the article text.

On a team server an edit the server could not take is kept on this computer and sent later
(:mod:`annotator.ui.unsent_edits`). The annotation list says "not yet sent"; the text says it
too, where the coder is looking: a dotted line in the warning colour along the bottom of each
line the passage runs over, under any layer lines, until the server has the edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.ui.article_marks import line_rects

UNSENT_COLOUR = "#D55E00"  # the warning colour of the message bar and the dialogs' errors


class UnsentMarks(QObject):
    """Paints the dotted line under the open article's passages whose edits wait to be sent."""

    def __init__(self, view):
        super().__init__(view)
        self.view, self.session, self.edit = view, view.session, view.edit
        self.edit.overlay_painters.append(self.paint)
        # Rare (an edit kept, or sent at last): repaint the screen, not paragraph by paragraph.
        self.session.unsentIdsChanged.connect(self.edit.viewport().update)

    def passages(self) -> list[tuple[int, int]]:
        """Code point spans of the open article's shown annotations waiting to be sent."""
        spans = []
        for annotation_id in self.session.unsent_ids:
            ref = self.session.ref(annotation_id)  # None: another article's, or hidden
            if ref is not None:
                spans.append((ref.start, ref.end))
        return sorted(spans)

    def paint(self, painter: QPainter) -> None:
        if not self.session.unsent_ids:
            return
        to_u = self.view.offsets.to_utf16
        pen = QPen(QColor(UNSENT_COLOUR), 2, Qt.PenStyle.DotLine)
        painter.save()
        painter.setPen(pen)
        for start, end in self.passages():
            for rect in line_rects(self.edit, to_u(start), to_u(end)):
                # A pixel clear of the line box's edge: the next line's suggestion outlines
                # (dashed boxes) start there and would swallow the dots.
                y = rect.bottom() - 2
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.restore()
