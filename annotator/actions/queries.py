"""What the window reads of a project outside the open article: the corpus list's pages, who
coded, how much, the codebook, article titles. The ui reads through these (never through
``project.db`` or the stores), so storage can change under them.
"""

from __future__ import annotations

from annotator.core.model import Tag
from annotator.core.review import REVIEWED
from annotator.storage.corpus_queries import CorpusFilter, CorpusQueries, CorpusRow, SortKey


def corpus_listing(project, only_annotator: str | None = None) -> CorpusQueries:
    """The paged, sorted, searchable rows of the corpus list. ``only_annotator`` (blind coding)
    counts and names that coder's own annotations only."""
    from annotator.storage.pg.project import ServerProject

    if isinstance(project, ServerProject):
        return project.corpus_listing(only_annotator)
    return CorpusQueries(project.db, only_annotator)


def assigned_count(project, coder: str) -> int:
    """How many articles the lead assigned to ``coder`` (0: no assignment, or none for them)."""
    return len(project.assignments.articles_of(coder)) if coder else 0


def annotators(project) -> list[str]:
    """Everyone with an annotation in the project, the reviewed layer included, by name."""
    return project.annotations.annotators()


def everyone(project) -> list[str]:
    """Everyone with work in the project, by name: annotations (the reviewed layer too),
    article-level values or memos. Blind coding hides all of them but the coder: a colleague
    who has only written memos so far is still someone whose work must stay out of sight."""
    names = set(project.annotations.annotators()) | set(project.article_values.annotators())
    return sorted(names | set(project.memos.annotators()))


def coders(project) -> list[str]:
    """The coders: :func:`annotators` without the reviewed layer."""
    # Coders who have only set article-level variables so far count too.
    names = set(project.annotations.annotators()) | set(project.article_values.annotators())
    return sorted(name for name in names if name != REVIEWED)


def has_variables(project) -> bool:
    """True when the codebook has article-level variables (retired ones included)."""
    return bool(project.variables.variables())


def annotations_by_annotator(project) -> dict[str, int]:
    return project.annotations.counts_by_annotator()


def annotations_by_tag(project, annotator: str | None = None) -> dict[str, int]:
    """Annotation counts by tag id: everyone's, or only ``annotator``'s (blind coding)."""
    return project.annotations.counts_by_tag(annotator)


def tags(project, include_retired: bool = False) -> list[Tag]:
    return project.codebook.tags(include_retired=include_retired)


def article_title(project, article_id: str) -> str | None:
    """The article's title ("" if it has none); None if there is no such article."""
    article = project.articles.get(article_id)
    return None if article is None else article.title


def article_exists(project, article_id: str) -> bool:
    return project.articles.exists(article_id)


def article_ids(project) -> list[str]:
    """Every article id in import order."""
    return project.articles.ids()


__all__ = [
    "CorpusFilter", "CorpusQueries", "CorpusRow", "SortKey", "annotations_by_annotator", "annotations_by_tag",
    "annotators", "article_exists", "article_ids", "article_title", "coders", "corpus_listing", "tags",
]
