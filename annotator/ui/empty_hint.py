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


def empty_project_hint(parent: QWidget) -> QLabel:
    """A centred, wrapped label with :data:`EMPTY_HINT`, hidden until the view needs it."""
    label = QLabel(EMPTY_HINT, parent, objectName="emptyProjectHint", wordWrap=True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setContentsMargins(48, 24, 48, 24)
    label.setMaximumWidth(16777215)
    label.hide()
    return label
