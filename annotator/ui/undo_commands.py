"""One undo step of the window: a thin ``QUndoCommand`` over an editing :class:`Change`.

The operation already ran (:meth:`ProjectSession.run`), so the first ``redo`` does nothing;
later ones write the change again and ``undo`` writes its inverse
(:func:`annotator.actions.editing.apply` / ``revert``), each in one transaction, bringing the
article into view first. A write the file refuses sets :attr:`ChangeCommand.failed`, and the
session puts the stack back (see :meth:`ProjectSession.undo`).

Why a ``QUndoStack`` and not only :class:`annotator.actions.history.History`: the window's
stack also holds review decisions and macros, and gives the Edit menu its labels and the
clean state for free; both histories apply the same changes through the same two functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.core.changes import Change

if TYPE_CHECKING:
    from annotator.ui.session import ProjectSession


class ChangeCommand(QUndoCommand):
    def __init__(self, session: "ProjectSession", change: Change):
        super().__init__(change.label)
        self.session = session
        self.change = change
        self.failed = False
        self.skip_next = True  # the operation wrote it before the push

    def redo(self) -> None:
        self._run(undo=False)

    def undo(self) -> None:
        self._run(undo=True)

    def _run(self, *, undo: bool) -> None:
        if self.skip_next:  # already the file's state (first push, or a refused write put back)
            self.skip_next = False
            return
        article_ids = self.change.article_ids()
        if len(article_ids) == 1:
            self.session.show_article(next(iter(article_ids)))
        self.failed = not self.session.write_change(self.change, undo=undo)
