"""Autocode: tag every match of a word, phrase or regular expression in one step.

Two calls, so a coder sees what would happen before anything is written::

    plan = autocode.preview(project, tag_id, "ana", Search(phrase="according to"), article_ids)
    plan.count, plan.skipped, plan.sample()    # what the window's dialog and --dry-run show
    change = autocode.apply_plan(project, plan)  # ONE transaction, ONE undo step

A match the same coder already tagged with that tag (same span) is skipped and counted. The
articles searched are ``article_ids`` (this article, the selected ones) or the whole corpus.
Spans are code points and each passage is copied from the article, as for any annotation;
to-do articles that receive a match move to "in progress" in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from annotator.actions import editing
from annotator.core.autocode import AutocodeError, Search, find_matches
from annotator.core.changes import Change, StatusChange
from annotator.core.model import Annotation, Article, Status, Tag
from annotator.core.text import context_around
from annotator.storage import Project

__all__ = ["AutocodeError", "Match", "Plan", "Search", "apply_plan", "preview"]

SAMPLE_CONTEXT = 40


@dataclass(frozen=True)
class Match:
    article_id: str
    start: int
    end: int
    passage: str
    before: str  # a little context for the preview
    after: str


@dataclass
class Plan:
    """What autocode would write: the new matches, and how many were already tagged."""

    tag: Tag
    annotator: str
    search: Search
    matches: list[Match] = field(default_factory=list)
    skipped: int = 0  # matches already carrying the tag (same coder, same span)
    articles_searched: int = 0
    statuses: dict[str, Status] = field(default_factory=dict)  # article id -> status now
    texts: dict[str, str] = field(default_factory=dict)  # texts of articles with a match

    @property
    def count(self) -> int:
        return len(self.matches)

    @property
    def articles_matched(self) -> int:
        return len({m.article_id for m in self.matches})

    def sample(self, n: int = 10) -> list[Match]:
        """The first ``n`` new matches, spread over the articles (one per article first)."""
        seen: set[str] = set()
        firsts = [m for m in self.matches if not (m.article_id in seen or seen.add(m.article_id))]
        rest = [m for m in self.matches if m not in set(firsts[:n])]
        return (firsts + rest)[:n]

    def summary(self) -> str:
        """One line, e.g. "42 new matches of “according to” in 17 of 300 articles; 3 already tagged"."""
        return (
            f"{self.count} new match{'es' if self.count != 1 else ''} of {self.search.describe()} "
            f"in {self.articles_matched} of {self.articles_searched} article"
            f"{'s' if self.articles_searched != 1 else ''}; {self.skipped} already tagged {self.tag.name}"
        )


def preview(
    project: Project,
    tag_id: str,
    annotator: str,
    search: Search,
    article_ids: Iterable[str] | None = None,
) -> Plan:
    """Find what autocode would tag, writing nothing. Raises :class:`AutocodeError` for a bad
    search, an unknown tag or article, or a missing coder name."""
    annotator = (annotator or "").strip()
    if not annotator:
        raise AutocodeError("autocode needs the coder's name (the annotations are theirs)")
    tag = project.codebook.get(tag_id) or project.codebook.by_name(tag_id)
    if tag is None:
        raise AutocodeError(f"no tag {tag_id!r} in the codebook")
    pattern = search.compile()
    existing = project.annotations.spans_with_tag(tag.id, annotator)
    plan = Plan(tag=tag, annotator=annotator, search=search)
    for article in _articles(project, article_ids):
        plan.articles_searched += 1
        text = article.text
        found = False
        for start, end in find_matches(text, pattern):
            if (article.id, start, end) in existing:
                plan.skipped += 1
                continue
            before, after = context_around(text, start, end, SAMPLE_CONTEXT)
            plan.matches.append(Match(article.id, start, end, text[start:end], before, after))
            found = True
        if found:
            plan.texts[article.id] = text
            plan.statuses[article.id] = article.status
    return plan


def apply_plan(project: Project, plan: Plan) -> Change:
    """Tag every match of ``plan`` in one transaction; returns the change (one undo step).
    An empty plan writes nothing and returns an empty change."""
    label = f"Autocode {plan.count} × {plan.tag.name}"
    if not plan.matches:
        return Change(label=label)
    added = []
    for m in plan.matches:
        before, after = context_around(plan.texts[m.article_id], m.start, m.end)
        added.append(Annotation(
            article_id=m.article_id, tag_id=plan.tag.id, start=m.start, end=m.end, text=m.passage,
            annotator=plan.annotator, context_before=before, context_after=after,
        ))
    started = tuple(
        StatusChange(article_id, status, Status.IN_PROGRESS)
        for article_id, status in plan.statuses.items() if status is Status.TODO
    )
    change = Change(label=label, added=tuple(added), statuses=started)
    editing.apply(project, change, plan.texts)
    return change


def _articles(project: Project, article_ids: Iterable[str] | None) -> Iterator[Article]:
    if article_ids is None:
        yield from project.articles.iter_all()
        return
    for article_id in dict.fromkeys(article_ids):
        article = project.articles.get(article_id)
        if article is None:
            raise AutocodeError(f"no article {article_id}")
        yield article
