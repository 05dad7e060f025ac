"""Edit > Article details…: correct an article's metadata (the text stays as it is), and
Edit > Remove article…, each one undo step through :mod:`annotator.actions.articles`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from annotator.actions.articles import COLUMNS
from annotator.core.model import Article

_LABELS = {"title": "Title", "outlet": "Outlet", "author": "Author", "url": "URL", "published": "Date",
           "language": "Language"}


class ArticleDetailsDialog(QDialog):
    """The metadata of one article as fields; :meth:`changes` says what the user changed."""

    def __init__(self, article: Article, parent: QWidget | None = None):
        super().__init__(parent)
        self.article = article
        self.setWindowTitle("Article details")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in COLUMNS:
            edit = QLineEdit(getattr(article, name) or "", objectName=f"detail_{name}")
            self.fields[name] = edit
            form.addRow(_LABELS[name], edit)
        source = QLabel(article.source_file or "(not recorded)", wordWrap=True)
        form.addRow("Source file", source)
        self.extra = QTableWidget(0, 2, objectName="detailExtra")
        self.extra.setHorizontalHeaderLabels(["Field", "Value"])
        self.extra.horizontalHeader().setStretchLastSection(True)
        for key, value in article.extra.items():
            self._add_row(key, value if isinstance(value, str) else str(value), editable_key=False)
        add = QPushButton("Add field")
        add.clicked.connect(lambda: self._add_row("", "", editable_key=True))
        note = QLabel("The text itself cannot be changed: annotations point into it. "
                      "Empty a field's value to remove it.", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Other fields"))
        layout.addWidget(self.extra)
        layout.addWidget(add)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _add_row(self, key: str, value: str, *, editable_key: bool) -> None:
        from PySide6.QtCore import Qt

        row = self.extra.rowCount()
        self.extra.insertRow(row)
        name = QTableWidgetItem(key)
        if not editable_key:
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.extra.setItem(row, 0, name)
        self.extra.setItem(row, 1, QTableWidgetItem(value))

    def changes(self) -> dict[str, str]:
        """The fields whose value differs from the article's (``""`` removes an extra field)."""
        changed = {name: edit.text().strip() for name, edit in self.fields.items()
                   if edit.text().strip() != (getattr(self.article, name) or "")}
        for row in range(self.extra.rowCount()):
            key = (self.extra.item(row, 0).text() if self.extra.item(row, 0) else "").strip()
            value = (self.extra.item(row, 1).text() if self.extra.item(row, 1) else "").strip()
            old = self.article.extra.get(key)
            if key and value != (old if isinstance(old, str) else ("" if old is None else str(old))):
                changed[key] = value
        return changed


def edit_details(window) -> None:
    """The slot of Edit > Article details…: ask, then one undoable change."""
    from annotator.actions import articles

    session = window.session
    if session.article is None:
        return
    dialog = ArticleDetailsDialog(session.article, window)
    if not window.prompts.run_dialog(dialog):
        return
    changes = dialog.changes()
    if changes:
        session.run(articles.set_metadata, session.article_id, changes)


def remove_current(window) -> None:
    """The slot of Edit > Remove article…: say how many annotations go with it, then remove
    it as one undo step."""
    from annotator.actions import articles

    session = window.session
    if session.article is None:
        return
    preview = articles.preview_removal(session.project, session.article_id)
    if window.prompts.confirm(window, "Remove article", preview.sentence() + " You can undo this."):
        session.run(articles.remove_article, session.article_id)
