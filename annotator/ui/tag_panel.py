"""One button per active tag: colour, name, key and how often it is used in this article.

A click asks for the tag to be applied to the current selection (``tagRequested``); the
article view does the tagging, so this panel needs nothing but the session. Below the buttons,
a legend shows how overlapping tags and links are drawn in the text.
"""

from __future__ import annotations

import html
from collections import Counter
from functools import lru_cache
from operator import itemgetter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget

from annotator.ui.layer_legend import LayerLegend


@lru_cache(maxsize=256)
def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class TagPanel(QWidget):
    tagRequested = Signal(str)  # tag id

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.buttons: dict[str, QToolButton] = {}
        self._counts: Counter[str] = Counter()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        # Under the buttons: how overlapping tags and links look in the text.
        self.legend = LayerLegend(self)
        self._layout.addWidget(self.legend)
        session.codebookChanged.connect(self._rebuild)
        session.articleOpened.connect(self._recount)
        session.hiddenAnnotatorsChanged.connect(self._recount)
        # Bound methods, not lambdas: Qt drops them when this panel is destroyed.
        session.annotationAdded.connect(self._on_added)
        session.annotationRemoved.connect(self._on_removed)
        session.annotationUpdated.connect(self._on_updated)
        self._rebuild()

    def count(self, tag_id: str) -> int:
        """How many visible annotations of this article carry the tag."""
        return self._counts[tag_id]

    def _rebuild(self) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for tag in self.session.tags():
            button = QToolButton(self)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setIcon(swatch(tag.colour))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the focus in the text
            button.setToolTip(
                f"<b>{html.escape(tag.name)}</b><p>{html.escape(tag.definition)}</p>"
                + (f"<p><i>{html.escape(tag.example)}</i></p>" if tag.example else "")
            )
            button.setAccessibleName(tag.name)
            button.clicked.connect(lambda _=False, tag_id=tag.id: self.tagRequested.emit(tag_id))
            self._layout.insertWidget(self._layout.indexOf(self.legend), button)
            self.buttons[tag.id] = button
        self.legend.sample.set_colours([t.colour for t in self.session.tags()[:3]])
        self._recount()

    def _recount(self, *_args) -> None:
        self._counts = Counter(map(itemgetter(1), self.session.refs())) if self.session.article_id else Counter()
        for tag_id in self.buttons:
            self._label(tag_id)

    def _label(self, tag_id: str) -> None:
        tag = self.session.tag(tag_id)
        button = self.buttons.get(tag_id)
        if tag is None or button is None:
            return
        key = f"  [{tag.key}]" if tag.key else ""
        button.setText(f"{tag.name}{key}   {self._counts[tag_id]}")

    def _bump(self, annotation, step: int) -> None:
        # The session relays the model's events: only visible annotations of this article.
        self._counts[annotation.tag_id] += step
        self._label(annotation.tag_id)

    def _on_added(self, annotation) -> None:
        self._bump(annotation, +1)

    def _on_removed(self, annotation) -> None:
        self._bump(annotation, -1)

    def _on_updated(self, old, new) -> None:
        if old.tag_id != new.tag_id:
            self._bump(old, -1)
            self._bump(new, +1)
