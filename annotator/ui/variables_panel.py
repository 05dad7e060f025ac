"""The article's variables, beside the text: each set with the mouse or from the keyboard while
the article keeps the focus. Every change is one operation (saved at once, one undo step) for
the coder the window codes as; under blind coding other coders' values stay hidden.

Keys (window-wide, so the article keeps the focus): F6 / Shift+F6 choose the next / previous
variable; Ctrl+1 … Ctrl+9 set it to its 1st … 9th value (scale points from the lowest; yes = 1,
no = 2; several-of: tick or untick that value); Ctrl+0 clears it; F2 types a number or text
(Enter saves and returns to the article, Esc goes back without saving).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from annotator.actions import variables as ops
from annotator.core import variable_values
from annotator.core.variables import Variable, VariableError
from annotator.ui.variable_editors import FieldEditor, VariableEditor, editor_for


class VariableRow(QFrame):
    """A variable's name (its definition and example as the tooltip), its editor, and, when
    coders are not hidden, what the others chose."""

    def __init__(self, variable: Variable, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("variableRow")
        self.variable = variable
        self.current = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.setSpacing(1)
        self.title = QLabel(self)
        self._title(False)
        tip = variable.definition + (f"\n\nExample: {variable.example}" if variable.example else "")
        self.title.setToolTip(tip.strip() or variable.name)
        self.editor: VariableEditor = editor_for(variable, self)
        self.others = QLabel(self)
        self.others.setStyleSheet("color: gray")
        self.others.setWordWrap(True)
        self.others.hide()
        for widget in (self.title, self.editor, self.others):
            layout.addWidget(widget)

    def _title(self, current: bool) -> None:
        marker = "▶ " if current else ""
        self.title.setText(f"{marker}<b>{self.variable.name}</b> <span style='color:gray'>({self.variable.type.value})</span>")

    def set_current(self, on: bool) -> None:
        """The variable the keys act on is marked ▶ before its name."""
        self.current = on
        self._title(on)


class VariablesPanel(QWidget):
    """Composed into the right-hand pane; hidden while the codebook has no variables."""

    KEYS = [
        ("F6 / Shift+F6", "Article variables: choose the next / previous variable"),
        ("Ctrl+1 … Ctrl+9", "Set the chosen variable to its 1st … 9th value (several-of: tick/untick)"),
        ("Ctrl+0", "Clear the chosen variable"),
        ("F2", "Type the chosen variable's number or text (Enter saves, back to the article)"),
    ]

    def __init__(self, session, focus_back: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.focus_back = focus_back  # the article text: where the focus returns after typing
        self.rows: list[VariableRow] = []
        self.current = 0
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(4)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.ask_before_done = QCheckBox('Ask before "done" while variables are unset', self)
        self.ask_before_done.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.ask_before_done.setChecked(ops.requires_all_before_done(session.project))
        self.ask_before_done.toggled.connect(self._set_ask_before_done)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.ask_before_done)
        self._shortcuts()
        session.articleOpened.connect(lambda _id: self.refresh())
        session.annotatorChanged.connect(lambda _name: self.refresh())
        session.hiddenAnnotatorsChanged.connect(self.refresh)
        session.codebookChanged.connect(self.rebuild)
        session.articleValuesChanged.connect(self._values_changed)
        self.rebuild()

    # -- building --------------------------------------------------------------------------

    def rebuild(self) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        while self.body_layout.count():
            self.body_layout.takeAt(0)
        for variable in ops.codebook_variables(self.session.project):
            row = VariableRow(variable, self.body)
            row.editor.chosen.connect(lambda value, v=variable: self.choose(v, value))
            if isinstance(row.editor, FieldEditor):
                row.editor.line.returnPressed.connect(self._back_to_article)
                escape = QShortcut(QKeySequence("Esc"), row.editor.line, context=Qt.ShortcutContext.WidgetShortcut)
                escape.activated.connect(lambda editor=row.editor: self._cancel_typing(editor))
            self.body_layout.addWidget(row)
            self.rows.append(row)
        self.body_layout.addStretch(1)
        self.current = min(self.current, max(len(self.rows) - 1, 0))
        self._mark_current()
        self.refresh()

    @property
    def has_variables(self) -> bool:
        return bool(self.rows)

    def _shortcuts(self) -> None:
        window = Qt.ShortcutContext.WindowShortcut

        def key(sequence: str, slot) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self, context=window)
            shortcut.activated.connect(slot)

        key("F6", lambda: self.move(+1))
        key("Shift+F6", lambda: self.move(-1))
        for n in range(1, 10):
            key(f"Ctrl+{n}", lambda n=n: self.press(n))
        key("Ctrl+0", self.clear_current)
        key("F2", self.edit_current)

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        article_id = self.session.article_id
        coder = self.session.annotator
        values = ops.values_by_coder(self.session.project, article_id) if article_id else {}
        mine = values.get(coder, {})
        hidden = self.session.hidden_annotators
        for row in self.rows:
            row.setEnabled(article_id is not None)
            row.editor.show_value(mine.get(row.variable.id))
            others = [f"{name}: {variable_values.display(row.variable, v[row.variable.id])}"
                      for name, v in sorted(values.items())
                      if name != coder and name not in hidden and row.variable.id in v]
            row.others.setText(" · ".join(others))
            row.others.setVisible(bool(others))
        if article_id is None:
            self.message.setText("Open an article to code its variables.")
        elif not coder:
            self.message.setText("Set your name (Edit menu) to code variables.")
        else:
            unset = [r.variable.name for r in self.rows if r.variable.id not in mine]
            self.message.setText(f"Not set: {', '.join(unset)}" if unset else "All variables set.")

    def _values_changed(self, article_id: str) -> None:
        if article_id == self.session.article_id:
            self.refresh()

    def _mark_current(self) -> None:
        for i, row in enumerate(self.rows):
            row.set_current(i == self.current)

    # -- changing --------------------------------------------------------------------------

    def choose(self, variable: Variable, value) -> None:
        """Set (or, with None, clear) the coder's value: one operation, one undo step."""
        article_id = self.session.article_id
        if article_id is None:
            return
        try:
            if value is None:
                self.session.run(ops.clear_value, article_id, variable, self.session.annotator)
            else:
                self.session.run(ops.set_value, article_id, variable, self.session.annotator, value)
        except VariableError as error:
            self.refresh()
            self.message.setText(str(error))

    def move(self, step: int) -> None:
        if self.rows:
            self.current = (self.current + step) % len(self.rows)
            self._mark_current()
            self.body.parentWidget().parentWidget().ensureWidgetVisible(self.rows[self.current])

    def press(self, n: int) -> None:
        if self.rows:
            self.rows[self.current].editor.press(n)

    def clear_current(self) -> None:
        if self.rows:
            self.choose(self.rows[self.current].variable, None)

    def edit_current(self) -> None:
        if self.rows and not self.rows[self.current].editor.edit():
            self.message.setText("F2 types numbers and text; use Ctrl+1 … Ctrl+9 for this variable.")

    def _set_ask_before_done(self, on: bool) -> None:
        if self.session.read_only:
            self.session.writeFailed.emit(self.session.read_only_message())
            return
        ops.set_requires_all_before_done(self.session.project, on)

    def _cancel_typing(self, editor: FieldEditor) -> None:
        editor.line.setText(editor._last)
        self._back_to_article()

    def _back_to_article(self) -> None:
        if self.focus_back is not None:
            self.focus_back.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def confirm_done(self, prompts, parent) -> bool:
        """Before "mark done": when the project asks for it, say which variables are unset and
        let the coder go on or stay."""
        article_id = self.session.article_id
        if article_id is None or not self.rows or not ops.requires_all_before_done(self.session.project):
            return True
        unset = ops.unset_variables(self.session.project, article_id, self.session.annotator)
        if not unset:
            return True
        names = ", ".join(v.name for v in unset)
        return prompts.confirm(parent, "Variables not set",
                               f"{len(unset)} article variables are not set: {names}.\n\nMark the article done anyway?")
