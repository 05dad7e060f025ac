"""Undo and redo over :class:`~annotator.core.changes.Change` records, in plain Python.

Scripts, the command line and tests keep a :class:`History` beside their project. An
operation of :mod:`annotator.actions.editing` writes first and returns its change;
``history.push(change)`` remembers it. ``undo()`` writes the inverse and ``redo()`` the change
again, each in one transaction; when the file refuses the write, the error propagates and
the history stays where it was, so the next undo tries the same step again.

The window keeps its steps on a ``QUndoStack`` (menu actions, macros and review decisions live
there); its commands wrap these same :func:`~annotator.actions.editing.apply` /
:func:`~annotator.actions.editing.revert` calls, see ``annotator.ui.undo_commands``.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.actions import editing
from annotator.core.changes import Change
from annotator.storage import Project

Listener = Callable[[Change], None]  # hears each change written by undo/redo


class History:
    """A linear undo/redo history of changes over one project."""

    def __init__(self, project: Project, limit: int = 0):
        self.project = project
        self.limit = limit  # 0: keep every step
        self._steps: list[Change] = []
        self._index = 0  # steps before it are done, from it on undone
        self._clean = 0
        self.listeners: list[Listener] = []

    def push(self, change: Change) -> Change:
        """Remember a change already written (an empty one is ignored). Drops the redo tail."""
        if change.empty:
            return change
        del self._steps[self._index :]
        self._steps.append(change)
        if self.limit and len(self._steps) > self.limit:
            del self._steps[0]
            self._clean -= 1
        self._index = len(self._steps)
        return change

    def undo(self) -> Change | None:
        """Take back the last step; returns the change written (its inverse), or None."""
        if not self.can_undo:
            return None
        written = editing.revert(self.project, self._steps[self._index - 1])
        self._index -= 1
        self._tell(written)
        return written

    def redo(self) -> Change | None:
        """Apply the last undone step again; returns it, or None."""
        if not self.can_redo:
            return None
        change = self._steps[self._index]
        editing.apply(self.project, change)
        self._index += 1
        self._tell(change)
        return change

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._steps)

    @property
    def undo_label(self) -> str:
        return self._steps[self._index - 1].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self._steps[self._index].label if self.can_redo else ""

    def __len__(self) -> int:
        return len(self._steps)

    def mark_clean(self) -> None:
        """Remember this point (e.g. after an export) so :attr:`is_clean` can tell."""
        self._clean = self._index

    @property
    def is_clean(self) -> bool:
        return self._clean == self._index

    def _tell(self, change: Change) -> None:
        for listener in list(self.listeners):
            listener(change)
