"""Articles after the import: correct their metadata, remove them — each one transaction
returning a :class:`~annotator.core.changes.Change` with its inverse, as the coding edits of
:mod:`annotator.actions.editing` do, so the window can undo them and the command line and
scripts call the same functions.

The text of an article never changes: annotations point into it by offset.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from annotator.actions.editing import NotFoundError, apply, transaction
from annotator.core.changes import ArticleChange, Change, ValueChange
from annotator.core.memos import MemoChange
from annotator.core.model import Article
from annotator.storage import Project
from annotator.storage.errors import InvalidAnnotationError

# Metadata with a column of its own; any other name is kept in the article's ``extra``.
COLUMNS = ("title", "outlet", "author", "url", "published", "language")
FIXED = {
    "text": "the text of an article cannot be changed (annotations point into it); import a corrected copy instead",
    "id": "an article's id is made from its text and cannot be changed",
    "status": "set the status with the status commands, not as metadata",
    "source_file": "the source file records where the article came from and cannot be changed",
    "imported_at": "the import time cannot be changed",
}


@dataclass(frozen=True)
class RemovalPreview:
    """What removing an article takes with it, for the confirmation."""

    article: Article
    annotations: int
    values: int
    review_decisions: int

    def sentence(self) -> str:
        """"Remove “Council closes old bridge” and its 12 annotations?" and the like."""
        parts = [f"{self.annotations} annotation{'s' if self.annotations != 1 else ''}"]
        if self.values:
            parts.append(f"{self.values} article-level value{'s' if self.values != 1 else ''}")
        if self.review_decisions:
            parts.append(f"{self.review_decisions} review decision{'s' if self.review_decisions != 1 else ''} (not restored by undo)")
        title = self.article.title or self.article.id[:12]
        return f"Remove “{title}” and its {', '.join(parts)}?"


def resolve_id(project: Project, given: str) -> str:
    """The full id of the article ``given`` names (a full id or a unique prefix, as listed)."""
    if project.articles.exists(given):
        return given
    found = project.articles.find(given)
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidAnnotationError(f"more than one article id starts with {given!r}: give more characters")
    raise NotFoundError(f"no article {given!r} in this project")


def set_metadata(project: Project, article_id: str, changes: dict[str, Any]) -> Change:
    """Correct an article's metadata: ``title``, ``outlet``, ``author``, ``url``,
    ``published``, ``language``, or any other name (kept in ``extra``; an empty value removes
    it). The text cannot be changed. One transaction; returns the change with its inverse."""
    for name in changes:
        key = name.strip().lower()
        if key in FIXED:
            raise InvalidAnnotationError(FIXED[key])
        if not key:
            raise InvalidAnnotationError("a field needs a name")
    with transaction(project):
        old = _article(project, article_id)
        new = old
        extra = dict(old.extra)
        for name, value in changes.items():
            key = name.strip()
            value = value.strip() if isinstance(value, str) else value
            if key.lower() in COLUMNS:
                new = replace(new, **{key.lower(): "" if value is None else str(value)})
            elif value in (None, ""):
                extra.pop(key, None)
            else:
                extra[key] = value
        new = replace(new, extra=extra)
        if new == old:
            return Change(label="Edit article details")
        fields = ", ".join(changes)
        change = Change(label=f"Edit article {fields}", articles=(ArticleChange(old, new),))
        apply(project, change)
        return change


def preview_removal(project: Project, article_id: str) -> RemovalPreview:
    """How much removing the article takes with it (annotations of every coder, values)."""
    article = _article(project, article_id)
    decisions = project.articles.review_decision_count(article_id)
    return RemovalPreview(
        article=article,
        annotations=len(project.annotations.for_article(article_id)),
        values=len(project.article_values.for_article(article_id)),
        review_decisions=decisions,
    )


def remove_article(project: Project, article_id: str) -> Change:
    """Remove an article with all its annotations (every coder's), article-level values and
    memos, in one transaction; the change's inverse puts them all back."""
    with transaction(project):
        article = _article(project, article_id)
        annotations = tuple(project.annotations.for_article(article_id))
        values = tuple(ValueChange(v, None) for v in project.article_values.for_article(article_id))
        memos = tuple(MemoChange(m, None) for m in project.memos.for_article(article_id))
        title = article.title or article.id[:12]
        change = Change(label=f"Remove article “{title[:40]}”", removed=annotations, values=values,
                        articles=(ArticleChange(article, None),), memos=memos)
        apply(project, change, {article_id: article.text})
        return change


def listing(project: Project) -> list[dict]:
    """Every article with its metadata and annotation count, in import order (for listings)."""
    counts = project.articles.annotation_counts()
    return [
        {"id": a.id, "title": a.title, "outlet": a.outlet, "author": a.author, "url": a.url, "published": a.published,
         "language": a.language, "status": a.status.value, "annotations": counts.get(a.id, 0),
         "source_file": a.source_file, "imported_at": a.imported_at, "extra": a.extra}
        for a in project.articles.iter_all()
    ]


def _article(project: Project, article_id: str) -> Article:
    article = project.articles.get(article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id!r} in this project")
    return article
