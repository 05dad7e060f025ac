"""What the coding window reads from a project, so its widgets never reach into storage."""

from __future__ import annotations

from annotator.core.model import Annotation, Article, Tag
from annotator.storage import Project, write_access


def article_for_coding(project: Project, article_id: str) -> tuple[Article, list[tuple]] | None:
    """The article and its annotations' light rows ``(id, tag_id, start, end, annotator)``
    by position (start, then end), or None for no such article."""
    article = project.articles.get(article_id)
    if article is None:
        return None
    return article, project.annotations.spans_for_article(article_id)


def links_of(project: Project, article_id: str) -> list[tuple[str, str]]:
    """``(annotation id, linked annotation id)`` for each link in an article."""
    return project.annotations.links_for_article(article_id)


def annotations_of(project: Project, article_id: str) -> list[Annotation]:
    """An article's annotations, whole, by position."""
    return project.annotations.for_article(article_id)


def annotation(project: Project, annotation_id: str) -> Annotation | None:
    return project.annotations.get(annotation_id)


def codebook(project: Project) -> list[Tag]:
    """Every tag (retired ones too) in codebook order."""
    return project.codebook.tags()


def annotators(project: Project) -> list[str]:
    return project.annotations.annotators()


def why_not_writable(project: Project) -> str | None:
    """Why edits to this project cannot be saved, or None when they can; the window then
    opens it read-only with a notice instead of failing at the first tag."""
    return write_access.why_not_writable(project.db, project.path)
