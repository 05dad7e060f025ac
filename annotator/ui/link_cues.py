"""Links between annotations, shown in the article text (see :mod:`annotator.ui.link_marks`).

Both ends of a link carry a small raised badge. Hovering over one end, or selecting it, frames
every passage linked with it in the selection colour; the tooltip names the partner. The
links of the open article are read once when it opens (a handful of rows) and then follow the
session's events: an update may set or clear ``linked_id``; a deletion clears links to the
deleted annotation in storage, which the session announces as updates of the linking ones.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette

from annotator.core.link_index import LinkIndex
from annotator.core.model import Annotation
from annotator.ui.article_marks import line_rects
from annotator.ui.link_marks import paint_link_mark, paint_partner


class LinkCues(QObject):
    """Marks, partner frames and tooltips for the links of the article a view shows."""

    def __init__(self, view):
        super().__init__(view)
        self.view, self.session, self.edit = view, view.session, view.edit
        self.links = LinkIndex()
        self.hovered: str | None = None  # a linked annotation under the mouse
        self._framed: str | None = None  # whose partners the last paint framed
        self.edit.overlay_painters.append(self.paint)
        self._tooltip = self.edit.tooltip_at
        self.edit.tooltip_at = self.tooltip_at
        self.edit.viewport().setMouseTracking(True)
        self.edit.viewport().installEventFilter(self)
        session = self.session
        session.articleOpened.connect(self._reload)
        session.annotationAdded.connect(self._on_added)
        session.annotationRemoved.connect(self._on_removed)
        session.annotationUpdated.connect(self._on_updated)
        session.selectedAnnotationChanged.connect(self._on_selected)
        if session.article_id is not None:
            self._reload()

    # -- which annotations are linked ------------------------------------------------------

    def active(self) -> str | None:
        """The linked annotation whose partners are framed: the hovered one, else the selected."""
        if self.hovered is not None:
            return self.hovered
        selected = self.session.model.selected_id
        return selected if selected is not None and selected in self.links else None

    def _reload(self, *_args) -> None:
        self.links = LinkIndex(self.session.links())
        self.hovered = None
        self._repaint()

    def _on_added(self, annotation: Annotation) -> None:
        if annotation.linked_id and self.session.ref(annotation.linked_id) is not None:
            self.links.set_link(annotation.id, annotation.linked_id)
            self._repaint()

    def _on_removed(self, annotation: Annotation) -> None:
        if annotation.id in self.links:
            self.links.forget(annotation.id)
            if self.hovered == annotation.id:
                self.hovered = None
            self._repaint()

    def _on_updated(self, old: Annotation, new: Annotation) -> None:
        if old.linked_id != new.linked_id or new.id in self.links:
            target = new.linked_id if new.linked_id and self.session.ref(new.linked_id) is not None else None
            self.links.set_link(new.id, target)
            self._repaint()

    def _on_selected(self, _annotation) -> None:
        # Only when a partner frame appears or goes: a plain selection must not repaint the
        # whole screen (the article view repaints just the paragraphs that changed).
        active = self.active()
        if active != self._framed:
            self._repaint()

    def _repaint(self) -> None:
        self._framed = self.active()
        self.edit.viewport().update()

    # -- hover -------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            self._hover(self.edit.cursorForPosition(event.position().toPoint()).position())
        elif kind == QEvent.Type.Leave:
            self._set_hovered(None)
        return False

    def _hover(self, position: int) -> None:
        if not len(self.links) and self.hovered is None:
            return
        offsets = self.view.offsets
        found = None
        if position < offsets.utf16_length:
            found = next((s.key for s in self.view.index.at(offsets.from_utf16(position)) if s.key in self.links), None)
        self._set_hovered(found)

    def _set_hovered(self, annotation_id: str | None) -> None:
        if annotation_id != self.hovered:
            self.hovered = annotation_id
            self._repaint()

    # -- painting ----------------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        if not len(self.links):
            return
        edit, index, to_u = self.edit, self.view.index, self.view.offsets.to_utf16
        offset, bottom = edit.contentOffset(), edit.viewport().height()
        marks: dict[str, QPointF] = {}
        block = edit.firstVisibleBlock()
        while block.isValid():
            top = edit.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            number = block.blockNumber()
            if number < index.block_count:
                for span in index.in_block(number):
                    if span.key in self.links and index.block_of(max(span.start, span.end - 1)) == number:
                        spot = self._end_spot(block, to_u(span.end) - block.position(), top, offset.x())
                        if spot is not None:
                            marks[span.key] = spot
            block = block.next()
        metrics, page = QFontMetricsF(edit.font()), edit.palette().color(QPalette.ColorRole.Base)
        for key, spot in marks.items():
            paint_link_mark(painter, spot.x(), spot.y(), metrics, QColor(self.view.colour_of(key)), page)
        active = self.active()
        if active is None:
            return
        frame = edit.palette().color(QPalette.ColorRole.Highlight)
        for partner in self.links.partners(active):
            ref = self.session.ref(partner)
            if ref is None:
                continue
            paint_partner(painter, line_rects(edit, to_u(ref.start), to_u(ref.end)), frame)

    def _end_spot(self, block, end: int, top: float, x0: float) -> QPointF | None:
        """Where the badge goes: x of the passage's end, y of its last line's top."""
        end = max(0, min(end, block.length() - 1))
        line = block.layout().lineForTextPosition(max(0, end - 1) if end else 0)
        if not line.isValid():
            return None
        x = line.cursorToX(end)
        x = x[0] if isinstance(x, tuple) else x
        return QPointF(x0 + x, top + line.y())

    # -- tooltip -------------------------------------------------------------------------------

    def tooltip_at(self, position: int) -> str:
        own = self._tooltip(position) if self._tooltip is not None else ""
        offsets = self.view.offsets
        if not len(self.links) or position >= offsets.utf16_length:
            return own
        lines = []
        for span in self.view.index.at(offsets.from_utf16(position)):
            for partner in self.links.partners(span.key):
                ref = self.session.ref(partner)
                if ref is not None:
                    excerpt = " ".join(self.session.article.text[ref.start : ref.end].split())
                    excerpt = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
                    lines.append(f"↔ linked with <b>{html.escape(self.session.tag_name(ref.tag_id))}</b>: "
                                 f"“{html.escape(excerpt)}”")
        return "<br>".join([own, *lines] if own else lines)
