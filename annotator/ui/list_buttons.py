"""The buttons of a codebook list (tags, article variables): add, move up, move down, retire or
bring back the selected entry. The codebook and variables dialogs share them, so both say the
same thing and follow the selection the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class ListButtons(QWidget):
    """A row of buttons acting on the selected entry of a list of ``what`` ("tag", "variable")."""

    def __init__(self, what: str, add_label: str, *, add: Callable[[], object], move: Callable[[int], object],
                 toggle_retired: Callable[[], object], extra: Sequence[QPushButton] = (), parent=None):
        super().__init__(parent)
        self.what = what
        self.add_button = QPushButton(add_label)
        self.up_button, self.down_button = QPushButton("Up"), QPushButton("Down")
        self.retire_button = QPushButton("Retire")
        self.add_button.clicked.connect(lambda: add())
        self.up_button.clicked.connect(lambda: move(-1))
        self.down_button.clicked.connect(lambda: move(+1))
        self.retire_button.clicked.connect(lambda: toggle_retired())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, *extra, self.up_button, self.down_button, self.retire_button):
            row.addWidget(button)
        self.show_selected(None)

    def show_selected(self, retired: bool | None) -> None:
        """The selected entry is retired (True), in use (False), or there is none (None)."""
        for button in (self.up_button, self.down_button, self.retire_button):
            button.setEnabled(retired is not None)
        self.retire_button.setText("Bring back" if retired else "Retire")
        self.retire_button.setToolTip(
            f"Offer this {self.what} for coding again" if retired
            else f"Stop offering this {self.what}; what was coded with it is kept"
        )
