"""The right-hand pane: tag buttons, the article's variables and the coder's memo on it, this
article's annotations, and the annotation editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QGroupBox, QLineEdit, QPlainTextEdit, QSplitter, QTextEdit, QVBoxLayout, QWidget

from annotator.ui.annotation_editor import AnnotationEditor
from annotator.ui.article_memo import ArticleMemo
from annotator.ui.annotation_list import AnnotationList
from annotator.ui.tag_panel import TagPanel
from annotator.ui.variables_panel import VariablesPanel


class TaggingPane(QWidget):
    """Composes :class:`TagPanel`, :class:`AnnotationList` and :class:`AnnotationEditor`.

    Pass the article view to have tag buttons tag its selection; otherwise connect
    ``tagRequested`` yourself.
    """

    tagRequested = Signal(str)  # tag id

    def __init__(self, session, article_view=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.tag_panel = TagPanel(session, self)
        self.annotation_list = AnnotationList(session, self)
        self.editor = AnnotationEditor(session, self)
        tags_box = QGroupBox("Tags", self)
        QVBoxLayout(tags_box).addWidget(self.tag_panel)
        list_box = QGroupBox("Annotations in this article", self)
        QVBoxLayout(list_box).addWidget(self.annotation_list)
        editor_box = QGroupBox("Selected annotation", self)
        QVBoxLayout(editor_box).addWidget(self.editor)
        # Article-level variables (topic, tone ...): shown while the codebook has any.
        self.variables_panel = VariablesPanel(session, article_view.edit if article_view is not None else None, self)
        self.variables_box = QGroupBox("Article variables", self)
        QVBoxLayout(self.variables_box).addWidget(self.variables_panel)
        # The coder's own memo on the article (blind coding holds: nobody else's is shown).
        self.memo = ArticleMemo(session, article_view.edit if article_view is not None else None, self)
        self.memo_box = QGroupBox("Your memo on this article", self)
        QVBoxLayout(self.memo_box).addWidget(self.memo)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        for box in (self.variables_box, self.memo_box, list_box, editor_box):
            self.splitter.addWidget(box)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tags_box)
        layout.addWidget(self.splitter, 1)
        self.variables_box.setVisible(self.variables_panel.has_variables)
        session.codebookChanged.connect(lambda: self.variables_box.setVisible(self.variables_panel.has_variables))
        self.tag_panel.tagRequested.connect(self.tagRequested)
        if article_view is not None:
            self.tagRequested.connect(article_view.tag_selection)
            # Esc in the note: saved, and back to the text to tag the next passage.
            self.editor.note.escaped.connect(lambda: article_view.edit.setFocus(Qt.FocusReason.ShortcutFocusReason))
            # Another article opened while typing here (Ctrl+] / Ctrl+[ / Ctrl+Enter from the
            # memo, a note or a variable's field): back to its text, ready to tag.
            # (Only for another article: the same one is opened again when, say, blind coding
            # changes what is shown, and the coder is still typing.)
            self._article_id = session.article_id
            session.articleOpened.connect(lambda article_id: self._back_to_text_if_typing(article_id, article_view.edit))

    def _back_to_text_if_typing(self, article_id: str, text: QWidget) -> None:
        moved, self._article_id = article_id != self._article_id, article_id
        focused = QApplication.focusWidget()
        if moved and focused is not None and self.isAncestorOf(focused) and isinstance(focused, _TYPED_IN):
            text.setFocus(Qt.FocusReason.OtherFocusReason)


_TYPED_IN = (QLineEdit, QPlainTextEdit, QTextEdit)  # the pane's boxes a coder types in
