"""Edit > Autocode…: tag every match of a word, phrase or regular expression, after a preview.

The dialog only gathers the search and the scope; :mod:`annotator.actions.autocode` finds the
matches (:func:`~annotator.actions.autocode.preview`, nothing written) and writes them as one
change, which the session pushes as ONE undo step. "Tag them" stays disabled until the preview
shown matches the options as they are now.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from annotator.actions import autocode
from annotator.ui.tag_panel import swatch

SAMPLE_SIZE = 12
SCOPES = ("article", "selected", "corpus")


class AutocodeDialog(QDialog):
    def __init__(self, session, selected_articles: Callable[[], list[str]] | None = None,
                 phrase: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Autocode")
        self.session = session
        self._selected_articles = selected_articles or (lambda: [])
        self.plan: autocode.Plan | None = None
        self.change = None  # the change written, once applied

        self.tag_combo = QComboBox(self)
        for tag in session.tags():
            self.tag_combo.addItem(swatch(tag.colour), tag.name, tag.id)
        self.query = QLineEdit(phrase, self, placeholderText="a word or phrase")
        self.as_phrase = QRadioButton("Word or phrase", self, checked=True)
        self.as_regex = QRadioButton("Regular expression", self)
        kinds = QButtonGroup(self)
        for button in (self.as_phrase, self.as_regex):
            kinds.addButton(button)
        self.whole_words = QCheckBox("Whole words only", self, checked=True)
        self.case_sensitive = QCheckBox("Match case", self)
        self.scopes = {
            "article": QRadioButton("This article", self, checked=session.article_id is not None),
            "selected": QRadioButton(f"Articles selected in the list ({len(self._selected_articles())})", self),
            "corpus": QRadioButton("The whole corpus", self, checked=session.article_id is None),
        }
        self.scopes["article"].setEnabled(session.article_id is not None)
        self.scopes["selected"].setEnabled(bool(self._selected_articles()))
        scope_group = QButtonGroup(self)
        kind_row, option_row, scope_row = QHBoxLayout(), QHBoxLayout(), QVBoxLayout()
        for button in (self.as_phrase, self.as_regex):
            kind_row.addWidget(button)
        for box in (self.whole_words, self.case_sensitive):
            option_row.addWidget(box)
        for button in self.scopes.values():
            scope_group.addButton(button)
            scope_row.addWidget(button)

        self.preview_button = QPushButton("Preview", self)
        self.summary = QLabel("Preview to see how many passages would be tagged.", self, wordWrap=True)
        self.sample = QListWidget(self)
        self.sample.setWordWrap(True)
        self.error = QLabel(self, wordWrap=True, objectName="autocodeError")
        self.error.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.addButton("&Tag them", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        # Enter previews (never writes); writing takes a click or Alt+T on "Tag them".
        self.preview_button.setDefault(True)
        self.apply_button.setAutoDefault(False)

        form = QFormLayout()
        form.addRow("Tag", self.tag_combo)
        form.addRow("Find", self.query)
        form.addRow("", kind_row)
        form.addRow("", option_row)
        form.addRow("In", scope_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(self.sample, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.query.setFocus()

        self.preview_button.clicked.connect(self.preview)
        self.query.returnPressed.connect(self.preview)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        for widget in (self.query,):
            widget.textChanged.connect(self._stale)
        for widget in (self.as_phrase, self.as_regex, self.whole_words, self.case_sensitive, *self.scopes.values()):
            widget.toggled.connect(self._stale)
        self.tag_combo.currentIndexChanged.connect(self._stale)

    # -- what the coder asked for -------------------------------------------------------------

    def search(self) -> autocode.Search:
        text = self.query.text()
        return autocode.Search(
            phrase="" if self.as_regex.isChecked() else text, regex=text if self.as_regex.isChecked() else "",
            whole_words=self.whole_words.isChecked(), case_sensitive=self.case_sensitive.isChecked(),
        )

    def scope(self) -> str:
        return next(name for name, button in self.scopes.items() if button.isChecked())

    def article_ids(self) -> list[str] | None:
        scope = self.scope()
        if scope == "article":
            return [self.session.article_id] if self.session.article_id else []
        return self._selected_articles() if scope == "selected" else None

    # -- preview, then write --------------------------------------------------------------------

    def preview(self) -> autocode.Plan | None:
        """Find the matches (nothing written) and show their count and a sample."""
        self.error.clear()
        self.sample.clear()
        try:
            self.plan = autocode.preview(
                self.session.project, self.tag_combo.currentData(), self.session.annotator,
                self.search(), self.article_ids(),
            )
        except autocode.AutocodeError as error:
            self.plan = None
            self.error.setText(str(error))
            self.apply_button.setEnabled(False)
            return None
        self.summary.setText(self.plan.summary() + ".")
        for m in self.plan.sample(SAMPLE_SIZE):
            line = f"…{m.before[-40:]}[{m.passage}]{m.after[:40]}…".replace("\n", " ")
            self.sample.addItem(line)
        self.apply_button.setEnabled(self.plan.count > 0)
        self.apply_button.setText(f"&Tag {self.plan.count} passage{'s' if self.plan.count != 1 else ''}")
        return self.plan

    def apply(self) -> None:
        """Write the previewed matches as one undo step; a refused write keeps the dialog open."""
        if self.plan is None or not self.plan.count:
            return
        self.change = self.session.run(autocode.apply_plan, self.plan)
        if self.change is None:
            self.error.setText("Nothing was tagged: the project file refused the write (see the message bar).")
            return
        self.accept()

    def _stale(self, *_args) -> None:
        if self.plan is not None:
            self.plan = None
            self.apply_button.setEnabled(False)
            self.apply_button.setText("&Tag them")
            self.summary.setText("The options changed: preview again.")
