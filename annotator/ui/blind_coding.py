"""Blind coding made visible: a status-bar indicator of whether other coders are hidden.

Independent coding stays independent only if a coder can tell, at a glance, that colleagues'
tags are out of sight. The indicator follows ``session.hidden_annotators`` and, when clicked,
triggers the View menu's toggle so the menu, the setting and the indicator never disagree.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

HIDDEN_TEXT = "Blind coding: others hidden"
SHOWN_TEXT = "Showing all coders"


class BlindCodingIndicator(QToolButton):
    def __init__(self, session, toggle: QAction | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.toggle = toggle
        self.setAutoRaise(True)
        self.setObjectName("blindCodingIndicator")
        self.clicked.connect(self._clicked)
        session.hiddenAnnotatorsChanged.connect(self.refresh)
        self.refresh()

    def is_blind(self) -> bool:
        return bool(self.session.hidden_annotators)

    def refresh(self) -> None:
        if self.is_blind():
            names = ", ".join(sorted(self.session.hidden_annotators))
            self.setText(HIDDEN_TEXT)
            self.setToolTip(f"Hidden: {names}. Click (or View menu) to show every coder's annotations.")
        else:
            self.setText(SHOWN_TEXT)
            self.setToolTip("Every coder's annotations are shown. Click to hide other coders' (blind coding).")

    def _clicked(self) -> None:
        if self.toggle is not None:
            self.toggle.trigger()
