"""Codebook edits (:mod:`annotator.actions.codebook`) as QUndoCommands on the session's undo
stack, so Edit > Undo takes back a rename, a new colour, a move or a retirement like any
coding edit. The first ``redo`` is the operation the dialog already ran; later ones write the
change again, ``undo`` writes its inverse; after each the session re-reads the codebook and
every view repaints with it."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from annotator.actions import editing
from annotator.core.changes import Change


class CodebookCommand(QUndoCommand):
    def __init__(self, session, change: Change):
        super().__init__(change.label)
        self.session, self.change = session, change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            editing.apply(self.session.project, self.change)
        self.session.reload_codebook()

    def undo(self) -> None:
        editing.revert(self.session.project, self.change)
        self.session.reload_codebook()


def push(session, change: Change) -> None:
    """Put an operation already written on the undo stack (an empty change is not a step)."""
    if not change.empty:
        session.undo_stack.push(CodebookCommand(session, change))
