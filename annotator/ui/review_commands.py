"""Review decisions as QUndoCommands on the session's undo stack.

The command wraps :mod:`annotator.actions.review`: the first ``redo`` is the ``decide`` the
panel already ran (so a refused decision raises to the caller instead of leaving a broken
command on the stack), later ones are ``redo_decision``; ``undo`` is ``undo_decision``. After
each, the session hears which annotations of the reviewed layer came and went, and the panel
which difference changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.actions import review as review_actions
from annotator.actions.review import ReviewResult
from annotator.ui.review_model import DECISION_LABELS

# Called after every do/undo/redo with (article id, difference key, decision or None).
Listener = Callable[[str, tuple[str, str], object], None]


def announce(session, added, removed) -> None:
    """Tell the session (and so every view) about annotations a decision wrote or removed."""
    hook = getattr(session, "announce_external_changes", None)
    if hook is not None:
        hook(added=list(added), removed=list(removed))
    elif session.article_id is not None and any(
        a.article_id == session.article_id for a in [*added, *removed]
    ):
        session.open_article(session.article_id)


class ReviewDecisionCommand(QUndoCommand):
    def __init__(self, session, result: ReviewResult, listener: Listener | None = None):
        label = DECISION_LABELS[result.decision.decision]
        super().__init__(f"Review: {label}")
        self.session = session
        self.result = result
        self.listener = listener
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._show_article()
            review_actions.redo_decision(self.session.project, self.result)
        announce(self.session, self.result.added, self.result.removed)
        self._tell(self.result.decision)

    def undo(self) -> None:
        self._show_article()
        review_actions.undo_decision(self.session.project, self.result)
        announce(self.session, self.result.removed, self.result.added)
        self._tell(self.result.replaced)

    def _show_article(self) -> None:
        # Undoing a decision taken on another article brings that article back into view.
        article_id = self.result.decision.article_id
        if self.session.article_id != article_id:
            self.session.open_article(article_id)

    def _tell(self, decision) -> None:
        if self.listener is not None:
            d = self.result.decision
            self.listener(d.article_id, d.key, decision)
