"""Undoable domain operations: add, remove and change an annotation, set an article's status.

Each command calls back into :class:`~annotator.ui.session.ProjectSession`, which writes to the
project file (one transaction) and only then emits the signal that tells widgets it is done.
The session performs the first ``redo`` itself before pushing (so a refused write raises to the
caller instead of leaving a broken command on the stack); ``already_done`` skips it here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.core.model import Annotation, Status

if TYPE_CHECKING:
    from annotator.ui.session import ProjectSession


class _SessionCommand(QUndoCommand):
    def __init__(self, session: "ProjectSession", text: str, already_done: bool):
        super().__init__(text)
        self.session = session
        self._skip_redo = already_done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.apply()

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AddAnnotationCommand(_SessionCommand):
    def __init__(self, session, annotation: Annotation, previous_status: Status | None, *, already_done=False):
        super().__init__(session, f"Add {session.tag_name(annotation.tag_id)}", already_done)
        self.annotation = annotation
        self.previous_status = previous_status  # set when adding moved the article out of "to do"

    def apply(self) -> None:
        self.session._do_add(self.annotation, mark_started=self.previous_status is not None)

    def undo(self) -> None:
        self.session._do_remove(self.annotation.id)
        if self.previous_status is not None:
            self.session._do_set_status(self.annotation.article_id, self.previous_status)


class RemoveAnnotationCommand(_SessionCommand):
    def __init__(self, session, annotation: Annotation, linking: list[Annotation], *, already_done=False):
        super().__init__(session, f"Delete {session.tag_name(annotation.tag_id)}", already_done)
        self.annotation = annotation
        self.linking = linking  # annotations whose link pointed here (the file clears them)

    def apply(self) -> None:
        self.session._do_remove(self.annotation.id)

    def undo(self) -> None:
        self.session._do_add(self.annotation)
        for other in self.linking:
            current = self.session.project.annotations.get(other.id)
            if current is not None:
                self.session._do_update(current, replace(current, linked_id=self.annotation.id))


class UpdateAnnotationCommand(_SessionCommand):
    def __init__(self, session, old: Annotation, new: Annotation, *, already_done=False):
        super().__init__(session, describe_change(session, old, new), already_done)
        self.old, self.new = old, new

    def apply(self) -> None:
        self.session._do_update(self.old, self.new)

    def undo(self) -> None:
        self.session._do_update(self.new, self.old)


class SetStatusCommand(_SessionCommand):
    def __init__(self, session, article_id: str, old: Status, new: Status, *, already_done=False):
        label = {Status.DONE: "Mark Done", Status.TODO: "Mark To Do"}.get(new, "Mark In Progress")
        super().__init__(session, label, already_done)
        self.article_id, self.old, self.new = article_id, old, new

    def apply(self) -> None:
        self.session._do_set_status(self.article_id, self.new)

    def undo(self) -> None:
        self.session._do_set_status(self.article_id, self.old)


def describe_change(session, old: Annotation, new: Annotation) -> str:
    """The Edit menu's name for an annotation change, e.g. "Retag Quote as Claim"."""
    if old.tag_id != new.tag_id:
        return f"Retag {session.tag_name(old.tag_id)} as {session.tag_name(new.tag_id)}"
    if (old.start, old.end) != (new.start, new.end):
        edge = "Start" if old.start != new.start and old.end == new.end else (
            "End" if old.end != new.end and old.start == new.start else "Boundaries")
        return f"Move {edge} of {session.tag_name(new.tag_id)}"
    if old.note != new.note:
        return "Edit Note"
    if old.fields != new.fields:
        changed = sorted(k for k in set(old.fields) | set(new.fields) if old.fields.get(k) != new.fields.get(k))
        return f"Edit {', '.join(changed) or 'Fields'}"
    if old.linked_id != new.linked_id:
        return "Unlink" if new.linked_id is None else "Link"
    return f"Edit {session.tag_name(new.tag_id)}"
