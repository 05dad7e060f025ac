"""Article memos as operations: one coder's memo on one article, set in one transaction and
returned as a :class:`~annotator.core.changes.Change` (undo writes its inverse), as every edit
of :mod:`annotator.actions.editing` is.

A memo is the coder's own (see :mod:`annotator.core.memos`): reading asks for one coder's.
"""

from __future__ import annotations

from annotator.actions.editing import NotFoundError, apply, transaction
from annotator.core.changes import Change
from annotator.core.memos import ArticleMemo, MemoChange
from annotator.core.model import now_iso
from annotator.storage import Project
from annotator.storage.errors import InvalidAnnotationError

MAX_MEMO_CHARS = 100_000  # a memo is notes on an article, not a second article


def memo_text(project: Project, article_id: str, annotator: str) -> str:
    """The coder's memo on the article ("" when they wrote none)."""
    memo = project.memos.get(article_id, annotator)
    return memo.text if memo is not None else ""


def set_memo(project: Project, article_id: str, annotator: str, text: str) -> Change:
    """Replace ``annotator``'s memo on the article with ``text`` (empty or blank: remove it).
    Returns an empty change when the memo already says that."""
    annotator = (annotator or "").strip()
    if not annotator:
        raise InvalidAnnotationError("set the annotator's name first")
    if len(text) > MAX_MEMO_CHARS:
        raise InvalidAnnotationError(f"a memo holds at most {MAX_MEMO_CHARS:,} characters; this one has {len(text):,}")
    text = text if text.strip() else ""
    with transaction(project):
        if project.articles.status(article_id) is None:
            raise NotFoundError(f"no article {article_id}")
        old = project.memos.get(article_id, annotator)
        if (old.text if old is not None else "") == text:
            return Change(label="Edit Memo")
        new = ArticleMemo(article_id, annotator, text, now_iso()) if text else None
        change = Change(label="Edit Memo", memos=(MemoChange(old, new),))
        apply(project, change)
    return change
