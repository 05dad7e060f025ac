"""Blind coding in the window: whether other coders' annotations are out of sight, the
confirmation asked before revealing them, and the status-bar indicator.

Independent coding stays independent only if revealing a colleague's work is a decision. The
project says whether it is blind (:mod:`annotator.actions.blind`, on by default). In a blind
project the window opens hiding every other coder — in the article, the tag counts, and the
corpus list's Tags and By columns — and showing them asks first; what was shown is hidden
again when the project is next opened. The owner can mark the project "not blind" (View menu),
which asks too. One wording everywhere: "Blind coding: on" / "Blind coding: off".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from annotator.actions import blind as blind_actions
from annotator.actions import queries

ON_TEXT = "Blind coding: on"
OFF_TEXT = "Blind coding: off"

REVEAL_QUESTION = (
    "This project is coded blind: each coder sees only their own annotations, so that the "
    "codings stay independent.\n\nShow the other coders' annotations ({names}) in this window? "
    "They are hidden again the next time the project is opened."
)
NOT_BLIND_QUESTION = (
    "Mark this project as not blind? Every coder who opens it will see everyone's annotations "
    "without being asked. Do this only when independent coding is over (or not wanted)."
)


class BlindCoding(QObject):
    """The window's blind-coding state over a session. ``corpus_model`` (optional) shows only
    the coder's own counts and names while blind; ``prompts.confirm`` asks before revealing."""

    changed = Signal()

    def __init__(self, session, prompts, parent: QWidget, corpus_model=None):
        super().__init__(parent)
        self.session, self.prompts, self.window, self.corpus_model = session, prompts, parent, corpus_model
        self.project_blind = blind_actions.is_blind(session.project)
        self.on = self.project_blind
        session.annotatorChanged.connect(lambda _name: self.apply())
        session.articlesImported.connect(lambda _ids: self.apply())  # exchange files bring coders
        self.apply()

    def others(self) -> list[str]:
        # Memos and article values count: a colleague with no passage yet is hidden too (else
        # the Export dialog, which exports only the coder's own while others are hidden, let
        # their memos out).
        return sorted(set(queries.everyone(self.session.project)) - {self.session.annotator})

    def apply(self) -> None:
        """Hide (or show) every other coder everywhere, as the state says."""
        self.session.set_hidden_annotators(set(self.others()) if self.on else set())
        if self.corpus_model is not None:
            self.corpus_model.set_only_annotator(self.session.annotator if self.on else None)
        self.changed.emit()

    def request(self, on: bool) -> bool:
        """Turn hiding on (always allowed) or off (in a blind project, only once confirmed).
        Returns the state reached."""
        if on == self.on:
            return self.on
        if not on and self.project_blind:
            names = ", ".join(self.others()) or "none yet"
            if not self.prompts.confirm(self.window, "Show other coders?", REVEAL_QUESTION.format(names=names)):
                self.changed.emit()  # the menu's tick goes back
                return self.on
        self.on = on
        self.apply()
        return self.on

    def set_project_blind(self, blind: bool) -> bool:
        """Mark the project blind or (confirmed) not blind; returns the project's state."""
        if blind == self.project_blind:
            return blind
        if not blind and not self.prompts.confirm(self.window, "Project not blind?", NOT_BLIND_QUESTION):
            self.changed.emit()
            return self.project_blind
        from annotator.actions import write_failures

        if self.session.read_only:
            self.session.writeFailed.emit(self.session.read_only_message())
            self.changed.emit()
            return self.project_blind
        try:
            blind_actions.set_blind(self.session.project, blind)
        except write_failures.WRITE_ERRORS as error:  # read-only file, or a server's non-lead coder
            self.session.writeFailed.emit(write_failures.describe(error, "Marking the project"))
            self.changed.emit()
            return self.project_blind
        self.project_blind = blind
        self.on = blind
        self.apply()
        return blind

    def describe(self) -> str:
        """The indicator's tooltip: what is hidden, and why it is (or is not)."""
        if self.on:
            names = ", ".join(self.others())
            hidden = f"Other coders' annotations are hidden ({names})." if names else "No other coder has annotations yet; theirs will be hidden."
            return hidden + " Click (or View menu) to show them."
        if self.project_blind:
            return "Every coder's annotations are shown in this window; the project is blind again when reopened. Click to hide them."
        return "This project is not blind: every coder's annotations are shown. Click to hide other coders'."


class BlindCodingIndicator(QToolButton):
    """The status bar's "Blind coding: on/off"; a click triggers the View menu's toggle."""

    def __init__(self, blind: BlindCoding, toggle: QAction | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.blind, self.toggle = blind, toggle
        self.setAutoRaise(True)
        self.setObjectName("blindCodingIndicator")
        self.clicked.connect(self._clicked)
        blind.changed.connect(self.refresh)
        self.refresh()

    def is_blind(self) -> bool:
        return self.blind.on

    def refresh(self) -> None:
        self.setText(ON_TEXT if self.blind.on else OFF_TEXT)
        self.setToolTip(self.blind.describe())

    def _clicked(self) -> None:
        if self.toggle is not None:
            self.toggle.trigger()
        else:
            self.blind.request(not self.blind.on)
