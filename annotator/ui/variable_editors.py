"""One small editor per article-level variable type, for the variables panel.

Each editor shows a value (``show(value)``, None = unset) and emits ``chosen(value)`` when the
coder picks one, ``None`` to clear. ``press(n)`` is what Ctrl+n does to it (pick the n-th value;
toggle it for several-of), ``edit()`` what F2 does (focus a number or text field).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from annotator.core import variable_values
from annotator.core.variables import Variable, VariableError, VariableType

UNSET = "—"


class VariableEditor(QWidget):
    chosen = Signal(object)  # the new value, or None to clear

    def __init__(self, variable: Variable, parent: QWidget | None = None):
        super().__init__(parent)
        self.variable = variable
        self._showing = False

    def show_value(self, value) -> None:
        self._showing = True
        try:
            self._show(value)
        finally:
            self._showing = False

    def _emit(self, value) -> None:
        if not self._showing:
            self.chosen.emit(value)

    def press(self, n: int) -> None:  # overridden per type
        """Ctrl+n: choose the n-th value (1-based)."""

    def edit(self) -> bool:
        """F2: put the focus in a text field; False when the editor has none."""
        return False


class ChoiceEditor(VariableEditor):
    """one-of, scale and yes/no: a drop-down whose first entry is unset."""

    def __init__(self, variable: Variable, parent: QWidget | None = None):
        super().__init__(variable, parent)
        self.combo = QComboBox(self)
        self.combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays in the article
        self.combo.addItem(UNSET, None)
        if variable.type is VariableType.YES_NO:
            self.values = [True, False]
            labels = ["yes", "no"]
        else:
            self.values = [o.id for o in variable.options]
            labels = [o.label for o in variable.options]
        for n, (label, value) in enumerate(zip(labels, self.values), 1):
            self.combo.addItem(f"{n}  {label}" if n <= 9 else label, value)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.layout().addWidget(self.combo)
        self.combo.activated.connect(lambda index: self._emit(self.combo.itemData(index)))

    def _show(self, value) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def press(self, n: int) -> None:
        if 1 <= n <= len(self.values):
            self._emit(self.values[n - 1])


class SeveralEditor(VariableEditor):
    """several-of: one check box per value. The first tick records the variable as coded."""

    def __init__(self, variable: Variable, parent: QWidget | None = None):
        super().__init__(variable, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.boxes: list[QCheckBox] = []
        for n, option in enumerate(variable.options, 1):
            box = QCheckBox(f"{n}  {option.label}" if n <= 9 else option.label, self)
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            box.setProperty("option_id", option.id)
            box.clicked.connect(self._ticked)
            layout.addWidget(box)
            self.boxes.append(box)
        self.none = QCheckBox("none of these", self)
        self.none.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.none.clicked.connect(lambda on: self._emit(() if on else None))
        layout.addWidget(self.none)

    def _chosen(self) -> tuple:
        return tuple(b.property("option_id") for b in self.boxes if b.isChecked())

    def _ticked(self) -> None:
        chosen = self._chosen()
        self._emit(chosen if chosen else None)

    def _show(self, value) -> None:
        chosen = set(value or ())
        for box in self.boxes:
            box.setChecked(box.property("option_id") in chosen)
        self.none.setChecked(value == ())

    def press(self, n: int) -> None:
        if 1 <= n <= len(self.boxes):
            box = self.boxes[n - 1]
            box.setChecked(not box.isChecked())
            self._ticked()


class FieldEditor(VariableEditor):
    """number and text: a line saved on Enter or when it loses focus; empty clears."""

    def __init__(self, variable: Variable, parent: QWidget | None = None):
        super().__init__(variable, parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("a number" if variable.type is VariableType.NUMBER else "text")
        if variable.type is VariableType.NUMBER:
            self.line.setValidator(QDoubleValidator(self.line))
        self.line.setClearButtonEnabled(True)
        QHBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.layout().addWidget(self.line)
        self.line.editingFinished.connect(self._finished)
        self.error = ""
        self._last = ""

    def _show(self, value) -> None:
        self._last = "" if value is None else variable_values.display(self.variable, value)
        self.line.setText(self._last)

    def _finished(self) -> None:
        text = self.line.text().strip()
        if text == self._last:
            return
        if not text:
            self._emit(None)
            return
        try:
            value = variable_values.parse(self.variable, text)
        except VariableError as error:
            self.error = str(error)
            self.line.setText(self._last)
            return
        self._emit(value)

    def edit(self) -> bool:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()
        return True


def editor_for(variable: Variable, parent: QWidget | None = None) -> VariableEditor:
    """The editor that suits the variable's type."""
    if variable.type is VariableType.SEVERAL_OF:
        return SeveralEditor(variable, parent)
    if variable.type in (VariableType.NUMBER, VariableType.TEXT):
        return FieldEditor(variable, parent)
    return ChoiceEditor(variable, parent)
