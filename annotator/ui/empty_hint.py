"""What the article area says in a project with no articles: how to bring some in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

EMPTY_HINT = (
    "<h2>No articles yet</h2>"
    "<p>Add articles with <b>File › Import files…</b> (Ctrl+Shift+I) or <b>File › Import folder…</b>, "
    "or drag files or a folder onto this window.</p>"
    "<p>Plain text, Markdown, web pages (.html), Word (.docx), RTF, PDF, e-mails (.eml), "
    "CSV and JSON Lines (one article per row) and news-database exports are read. "
    "The first imported article opens here.</p>"
)
MEASURE = 460  # px: a comfortable line length for the hint
MARGIN = 32


class EmptyProjectHint(QWidget):
    """:data:`EMPTY_HINT` in a centred column, hidden until the view has no article to show.

    The label is placed by hand, not by a layout: a wrapped label in a layout asks for its
    full width as a minimum, which would push the splitter beside it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="emptyProjectHint")
        self.label = QLabel(EMPTY_HINT, self, wordWrap=True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hide()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = max(120, min(MEASURE, self.width() - 2 * MARGIN))
        height = self.label.heightForWidth(width)
        top = max(MARGIN, (self.height() - height) // 3)  # a little above the middle
        self.label.setGeometry((self.width() - width) // 2, top, width, height)

    def text(self) -> str:
        return self.label.text()
