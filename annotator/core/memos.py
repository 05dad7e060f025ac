"""Article memos: what a coder writes about an article as a whole (several lines, free text).

A memo belongs to the coder who writes it, like their annotations, so blind coding holds: the
window shows the coder only their own, and a coder's file or server role carries only theirs.
Exports and merges carry every coder's, each under its name. An empty memo is no memo (there
is no record of it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleMemo:
    """One coder's memo on one article."""

    article_id: str
    annotator: str
    text: str
    updated_at: str = ""


@dataclass(frozen=True)
class MemoChange:
    """One coder's memo on one article, before and after (``None``: no memo)."""

    old: ArticleMemo | None
    new: ArticleMemo | None

    @property
    def current(self) -> ArticleMemo:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def article_id(self) -> str:
        return self.current.article_id

    @property
    def annotator(self) -> str:
        return self.current.annotator

    def inverse(self) -> "MemoChange":
        return MemoChange(self.new, self.old)


def memo_columns(memos: Iterable[ArticleMemo]) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The articles CSV's memo columns: ``(coders, article id -> coder -> text)``.

    One column per coder who wrote a memo, in name order; the header is ``memo`` when one
    coder wrote them all, ``memo_<coder>`` otherwise (memos of several coders never mix in a
    cell)."""
    by_article: dict[str, dict[str, str]] = {}
    for memo in memos:
        by_article.setdefault(memo.article_id, {})[memo.annotator] = memo.text
    coders = sorted({name for texts in by_article.values() for name in texts})
    return coders, by_article


def memo_header(coders: list[str]) -> list[str]:
    """Column names for :func:`memo_columns`' coders."""
    return ["memo"] if len(coders) == 1 else [f"memo_{name}" for name in coders]


def memo_cells(coders: list[str], texts: Mapping[str, str]) -> list[str]:
    """One article's memo cells, in :func:`memo_header` order ("" where a coder wrote none)."""
    return [texts.get(name, "") for name in coders]
