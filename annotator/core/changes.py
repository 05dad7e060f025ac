"""What one coding edit changed, as plain data that can be inverted, replayed and announced.

Every operation of :mod:`annotator.actions.editing` returns a :class:`Change`: the annotations
it added and removed, the ones it changed (before and after, whole records), and the articles
whose status moved. ``change.inverse()`` is the change that takes it back, so undo is "apply
the inverse" and redo is "apply it again" — no Qt and no storage needed to describe either.
Views read a change to update just what it touched.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.memos import MemoChange
from annotator.core.model import Annotation, Article, Status, Tag
from annotator.core.variables import ArticleValue


@dataclass(frozen=True)
class StatusChange:
    """One article's status moving from ``old`` to ``new``."""

    article_id: str
    old: Status
    new: Status


@dataclass(frozen=True)
class ValueChange:
    """One coder's value of one article-level variable, before and after (``None``: unset)."""

    old: ArticleValue | None
    new: ArticleValue | None

    @property
    def current(self) -> ArticleValue:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def article_id(self) -> str:
        return self.current.article_id

    @property
    def variable_id(self) -> str:
        return self.current.variable_id

    @property
    def annotator(self) -> str:
        return self.current.annotator

    def inverse(self) -> "ValueChange":
        return ValueChange(self.new, self.old)


@dataclass(frozen=True)
class TagChange:
    """One codebook tag before and after (``None``: it did not exist / no longer does). A
    rename, recolour, new key, field edit, move or retirement is a whole-tag before/after."""

    old: Tag | None
    new: Tag | None

    @property
    def tag_id(self) -> str:
        return (self.new or self.old).id  # type: ignore[union-attr]

    def inverse(self) -> "TagChange":
        return TagChange(self.new, self.old)


@dataclass(frozen=True)
class ArticleChange:
    """One article before and after: its metadata corrected (both set), removed (``new`` None)
    or restored (``old`` None). The text is the same on both sides: it never changes."""

    old: Article | None
    new: Article | None

    @property
    def article_id(self) -> str:
        return (self.new or self.old).id  # type: ignore[union-attr]

    def inverse(self) -> "ArticleChange":
        return ArticleChange(self.new, self.old)


@dataclass(frozen=True)
class Change:
    """The whole of one user action. ``label`` names it for an Edit menu ("Add Quote").

    Applying a change writes, in this order: ``added``, then ``updated`` (each to its after
    state), then ``removed``, then ``statuses``. The order lets one change restore an
    annotation and the links that point to it (add first, then re-link), and its inverse
    clear those links before deleting it.
    """

    label: str
    added: tuple[Annotation, ...] = ()
    removed: tuple[Annotation, ...] = ()
    updated: tuple[tuple[Annotation, Annotation], ...] = ()  # (before, after)
    statuses: tuple[StatusChange, ...] = ()
    values: tuple[ValueChange, ...] = ()  # article-level variables set or cleared
    tags: tuple[TagChange, ...] = ()  # codebook edits (written before everything else)
    # Articles restored are written before the annotations, articles removed after them.
    articles: tuple[ArticleChange, ...] = ()
    # Typed relations (source id, target id, type) put back once their annotations exist, and
    # taken away before their annotations go (a deletion remembers them for its undo).
    relations_added: tuple[tuple[str, str, str], ...] = ()
    relations_removed: tuple[tuple[str, str, str], ...] = ()
    memos: tuple[MemoChange, ...] = ()  # article memos written, changed or emptied (per coder)

    @property
    def empty(self) -> bool:
        """True when the action changed nothing (a nudge at the end of the text)."""
        return not (self.added or self.removed or self.updated or self.statuses or self.values or self.tags
                    or self.articles or self.relations_added or self.relations_removed or self.memos)

    def inverse(self) -> "Change":
        """The change that undoes this one: added and removed swap, updates run backwards."""
        return Change(
            label=self.label,
            added=self.removed,
            removed=self.added,
            updated=tuple((after, before) for before, after in self.updated),
            statuses=tuple(StatusChange(s.article_id, s.new, s.old) for s in self.statuses),
            values=tuple(v.inverse() for v in reversed(self.values)),
            tags=tuple(t.inverse() for t in reversed(self.tags)),
            articles=tuple(a.inverse() for a in reversed(self.articles)),
            relations_added=self.relations_removed,
            relations_removed=self.relations_added,
            memos=tuple(m.inverse() for m in reversed(self.memos)),
        )

    def article_ids(self) -> set[str]:
        """The articles this change touches (annotations or status)."""
        ids = {a.article_id for a in self.added} | {a.article_id for a in self.removed}
        ids |= {after.article_id for _before, after in self.updated}
        ids |= {a.article_id for a in self.articles}
        ids |= {m.article_id for m in self.memos}
        return ids | {s.article_id for s in self.statuses} | {v.article_id for v in self.values}

    def annotation_ids(self) -> set[str]:
        """Ids of every annotation this change adds, removes or changes."""
        ids = {a.id for a in self.added} | {a.id for a in self.removed}
        return ids | {after.id for _before, after in self.updated}


def merged(label: str, changes: list[Change]) -> Change:
    """Several changes as one step (applied in order). The parts must not touch the same
    annotation twice; callers build disjoint parts (autocode over many articles)."""
    return Change(
        label=label,
        added=tuple(a for c in changes for a in c.added),
        removed=tuple(a for c in changes for a in c.removed),
        updated=tuple(u for c in changes for u in c.updated),
        statuses=tuple(s for c in changes for s in c.statuses),
        values=tuple(v for c in changes for v in c.values),
        tags=tuple(t for c in changes for t in c.tags),
        articles=tuple(a for c in changes for a in c.articles),
        relations_added=tuple(r for c in changes for r in c.relations_added),
        relations_removed=tuple(r for c in changes for r in c.relations_removed),
        memos=tuple(m for c in changes for m in c.memos),
    )
