"""The passage browser's filter bar: tags, a field's value, coders, layer, outlets, dates, status,
an article-level variable's value and words. It only collects what was chosen (:meth:`FilterBar.request`); the browser resolves it
through ``actions.passages``. Typing waits a moment before the filter changes, so each key does
not cost a query."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.actions.passages import FilterRequest
from annotator.core.model import Status
from annotator.core.passages import Layer

TYPING_PAUSE_MS = 300
ANY_FIELD = "Any field"
ANY_VARIABLE = "Any article variable"
STATUS_NAMES = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
LAYERS = [(Layer.ALL, "Everyone"), (Layer.CODERS, "Coders only"), (Layer.REVIEWED, "Reviewed layer")]


class CheckMenuButton(QToolButton):
    """A button with a menu of checkable choices; its text says how many are chosen."""

    changed = Signal()

    def __init__(self, label: str, parent=None):
        super().__init__(parent)
        self.label = label
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._values: dict[QAction, str] = {}
        self._show()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """``(value, text)`` pairs; values chosen before stay chosen if still offered."""
        chosen = set(self.chosen())
        self.menu().clear()
        self._values.clear()
        for value, text in choices:
            action = self.menu().addAction(text)
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.toggled.connect(lambda _on: (self._show(), self.changed.emit()))
            self._values[action] = value
        self._show()

    def chosen(self) -> list[str]:
        return [v for a, v in self._values.items() if a.isChecked()]

    def set_chosen(self, values: list[str]) -> None:
        for action, value in self._values.items():
            action.blockSignals(True)
            action.setChecked(value in values)
            action.blockSignals(False)
        self._show()

    def _show(self) -> None:
        n = len(self.chosen())
        self.setText(f"{self.label} ({n})" if n else self.label)


class FilterBar(QWidget):
    """Emits ``changed`` whenever the request it would make changes."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tags = CheckMenuButton("Tags")
        self.coders = CheckMenuButton("Coders")
        self.outlets = CheckMenuButton("Outlets")
        self.statuses = CheckMenuButton("Status")
        self.statuses.set_choices([(s.value, STATUS_NAMES[s.value]) for s in Status])
        self.layer = QComboBox()
        for layer, text in LAYERS:
            self.layer.addItem(text, layer.value)
        self.layer.setToolTip("Whose passages: everyone's, the coders' only, or the reviewed layer")
        self.field = QComboBox()
        self.field.setToolTip("Only passages whose field has the value given")
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setMinimumContentsLength(12)
        self.value.lineEdit().setPlaceholderText("value")
        self.variable = QComboBox()
        self.variable.setToolTip("Only passages of articles where a coder set this article-level variable "
                                 "to the value given")
        self.variable_value = QComboBox()
        self.variable_value.setEditable(True)
        self.variable_value.setMinimumContentsLength(10)
        self.variable_value.lineEdit().setPlaceholderText("value")
        self._variable_values: dict[str, list[str]] = {}
        self.date_from = QLineEdit(placeholderText="from YYYY-MM-DD")
        self.date_to = QLineEdit(placeholderText="to YYYY-MM-DD")
        for edit in (self.date_from, self.date_to):
            edit.setMaximumWidth(120)
            edit.setToolTip("YYYY, YYYY-MM or YYYY-MM-DD; both ends included")
        self.search = QLineEdit(placeholderText="Words in passages…")
        self.search.setClearButtonEnabled(True)
        self.in_context = QCheckBox("also in context")
        self.clear = QToolButton(text="Clear")
        self.clear.setToolTip("Clear every filter")

        top, bottom = QHBoxLayout(), QHBoxLayout()
        for w in (self.search, self.in_context, self.tags, self.field, self.value):
            top.addWidget(w)
        top.setStretch(0, 1)
        for w in (self.coders, self.layer, self.outlets, self.date_from, self.date_to, self.statuses,
                  self.variable, self.variable_value, self.clear):
            bottom.addWidget(w)
        bottom.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addLayout(bottom)

        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.changed)
        for button in (self.tags, self.coders, self.outlets, self.statuses):
            button.changed.connect(self.changed)
        for edit in (self.search, self.date_from, self.date_to):
            edit.textChanged.connect(lambda _t: self._timer.start())
        self.value.editTextChanged.connect(lambda _t: self._timer.start())
        self.variable_value.editTextChanged.connect(lambda _t: self._timer.start())
        self.variable.currentIndexChanged.connect(lambda _i: self._offer_variable_values())
        self.field.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.layer.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.in_context.toggled.connect(lambda _on: self.changed.emit() if self.search.text().strip() else None)
        self.clear.clicked.connect(self.clear_all)

    def set_choices(self, tags: list[str], fields: list[str], coders: list[str], outlets: list[str]) -> None:
        self.tags.set_choices([(t, t) for t in tags])
        self.coders.set_choices([(c, c) for c in coders])
        self.outlets.set_choices([(o, o) for o in outlets])
        current = self.field.currentText()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItems([ANY_FIELD, *fields])
        self.field.setCurrentText(current if current in fields else ANY_FIELD)
        self.field.blockSignals(False)

    def set_variables(self, variables: list[tuple[str, list[str]]]) -> None:
        """The article-level variables ``(name, values offered)``; a chosen one stays chosen."""
        current = self.variable.currentText()
        self._variable_values = dict(variables)
        self.variable.blockSignals(True)
        self.variable.clear()
        self.variable.addItems([ANY_VARIABLE, *self._variable_values])
        self.variable.setCurrentText(current if current in self._variable_values else ANY_VARIABLE)
        self.variable.blockSignals(False)
        self.variable.setVisible(bool(variables))
        self.variable_value.setVisible(bool(variables))
        self._fill(self.variable_value, self._variable_values.get(self.variable.currentText(), []))

    def _offer_variable_values(self) -> None:
        self.variable_value.blockSignals(True)
        self.variable_value.clear()
        self.variable_value.addItems(self._variable_values.get(self.variable.currentText(), []))
        self.variable_value.setEditText("")
        self.variable_value.blockSignals(False)
        self.changed.emit()

    def chosen_variable(self) -> str | None:
        name = self.variable.currentText()
        return None if name in ("", ANY_VARIABLE) else name

    def set_values(self, values: list[str]) -> None:
        """The suggested values of the chosen field (the most frequent first)."""
        self._fill(self.value, values)

    @staticmethod
    def _fill(box: QComboBox, values: list[str]) -> None:
        """Offer ``values`` in ``box`` keeping what is typed there."""
        text = box.currentText()
        box.blockSignals(True)
        box.clear()
        box.addItems(values)
        box.setEditText(text)
        box.blockSignals(False)

    def chosen_field(self) -> str | None:
        name = self.field.currentText()
        return None if name in ("", ANY_FIELD) else name

    def request(self) -> FilterRequest:
        field, value = self.chosen_field(), self.value.currentText().strip()
        variable, code = self.chosen_variable(), self.variable_value.currentText().strip()
        return FilterRequest(
            tags=tuple(self.tags.chosen()),
            fields=(f"{field}={value}",) if field and value else (),
            annotators=tuple(self.coders.chosen()),
            outlets=tuple(self.outlets.chosen()),
            date_from=self.date_from.text().strip(),
            date_to=self.date_to.text().strip(),
            statuses=tuple(self.statuses.chosen()),
            variables=(f"{variable}={code}",) if variable and code else (),
            layer=self.layer.currentData() or Layer.ALL.value,
            search=self.search.text(),
            search_context=self.in_context.isChecked(),
        )

    def show_problem(self, message: str) -> None:
        """Mark the bar as holding a value that cannot be used (the last good filter stays)."""
        self.setToolTip(message)

    def clear_all(self) -> None:
        widgets = (self, self.tags, self.coders, self.outlets, self.statuses, self.field, self.value, self.layer,
                   self.search, self.date_from, self.date_to, self.in_context, self.variable, self.variable_value)
        for w in widgets:
            w.blockSignals(True)
        for button in (self.tags, self.coders, self.outlets, self.statuses):
            button.set_chosen([])
        self.field.setCurrentIndex(0)
        self.value.setEditText("")
        self.variable.setCurrentIndex(0)
        self.variable_value.setEditText("")
        self.layer.setCurrentIndex(0)
        for edit in (self.search, self.date_from, self.date_to):
            edit.clear()
        self.in_context.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit()
