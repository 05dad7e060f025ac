"""Light rows for agreement statistics: article lengths and spans as tuples (no JSON, no
dataclasses), so 200,000 annotations load in a fraction of a second."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from annotator.storage._sqlite_utils import Database


def article_lengths(db: Database) -> list[tuple[str, int]]:
    """(article id, text length in code points) in import order. SQLite's ``length()`` of TEXT
    counts characters, which for our UTF-8 files are code points."""
    return db.execute("SELECT id, length(text) FROM articles ORDER BY rowid").fetchall()


def coded_spans(db: Database, annotators: Iterable[str]) -> Iterator[tuple[str, str, str, int, int]]:
    """(article id, annotator, tag name, start, end) of every annotation by ``annotators``."""
    names = list(annotators)
    marks = ", ".join("?" * len(names))
    yield from db.execute(
        'SELECT a.article_id, a.annotator, t.name, a.start, a."end" FROM annotations a '
        f"JOIN tags t ON t.id = a.tag_id WHERE a.annotator IN ({marks})",
        names,
    )


def span_refs(db: Database, annotators: Iterable[str], article_ids: Iterable[str] | None = None) -> list[tuple]:
    """(id, article_id, annotator, tag_id, start, end) of every annotation by ``annotators``
    (restricted to ``article_ids`` when given): enough to pair two coders' annotations."""
    names = list(annotators)
    sql = (
        'SELECT id, article_id, annotator, tag_id, start, "end" FROM annotations '
        f"WHERE annotator IN ({', '.join('?' * len(names))})"
    )
    rows = db.execute(sql, names).fetchall()
    if article_ids is not None:
        wanted = set(article_ids)
        rows = [r for r in rows if r[1] in wanted]
    return rows
