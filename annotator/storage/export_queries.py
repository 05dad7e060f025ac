"""Streaming queries for exports: one SQL join, plain tuples, no dataclasses on the hot path.

An export of a million annotations must run in seconds with flat memory, so these return
cursors (rows arrive as they are written out) in the layouts the writers in
``annotator.core.formats`` declare.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from annotator.core.formats.csv_export import ANNOTATION_SOURCE
from annotator.core.model import Status

# SQL for each name of csv_export.ANNOTATION_SOURCE.
_ANNOTATION_EXPRESSIONS = {
    "annotation_id": "a.id",
    "article_id": "a.article_id",
    "article_title": "ar.title",
    "outlet": "ar.outlet",
    "published": "ar.published",
    "url": "ar.url",
    "annotator": "a.annotator",
    "tag": "t.name",
    "tag_id": "a.tag_id",
    "start": "a.start",
    "end": 'a."end"',
    "text": "a.text",
    "context_before": "a.context_before",
    "context_after": "a.context_after",
    "note": "a.note",
    "fields": "a.fields",
    "linked_annotation_id": "a.linked_id",
    "created_at": "a.created_at",
    "updated_at": "a.updated_at",
}
# Counting columns of an article (document x code matrix), before tag_id, annotator, count.
COUNT_ARTICLE_COLUMNS = ("id", "title", "outlet", "author", "url", "published", "status")


def _filters(
    annotators: Iterable[str] | None, tag_ids: Iterable[str] | None, status: Status | str | None
) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    for column, values in (("a.annotator", annotators), ("a.tag_id", tag_ids)):
        if values is not None:
            values = list(values)
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += values
    if status is not None:
        where.append("ar.status = ?")
        params.append(Status(status).value)
    return where, params


def annotation_rows(
    db: Database,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
) -> Iterator[tuple]:
    """Annotations joined with their article and tag, as tuples laid out as
    ``csv_export.ANNOTATION_SOURCE``, in article import order, then by offset."""
    where, params = _filters(annotators, tag_ids, status)
    columns = ", ".join(_ANNOTATION_EXPRESSIONS[name] for name in ANNOTATION_SOURCE)
    # Articles drive the join so that rows come out in article order through the
    # (article_id, start) index, without sorting a million rows.
    sql = (
        f"SELECT {columns} FROM articles ar "
        "JOIN annotations a ON a.article_id = ar.id "
        "JOIN tags t ON t.id = a.tag_id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += ' ORDER BY ar.rowid, a.start, a."end", a.created_at, a.id'
    return db.execute(sql, params)


def count_annotations(
    db: Database,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
) -> int:
    """How many rows :func:`annotation_rows` would yield."""
    where, params = _filters(annotators, tag_ids, status)
    sql = "SELECT count(*) FROM annotations a JOIN articles ar ON ar.id = a.article_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return db.execute(sql, params).fetchone()[0]


def count_articles(db: Database, status: Status | str | None = None) -> int:
    if status is None:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return db.execute("SELECT count(*) FROM articles WHERE status = ?", [Status(status).value]).fetchone()[0]


def tag_counts_by_article(
    db: Database,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
) -> Iterator[tuple]:
    """Rows ``(*COUNT_ARTICLE_COLUMNS, tag_id, annotator, count)`` in article import order; an
    article with no (matching) annotation comes once with ``tag_id`` None and count 0."""
    where, params = _filters(annotators, tag_ids, None)
    on = " AND ".join(["a.article_id = ar.id", *where])
    article_columns = ", ".join(f"ar.{c}" for c in COUNT_ARTICLE_COLUMNS)
    sql = (
        f"SELECT {article_columns}, a.tag_id, a.annotator, count(a.id) "
        f"FROM articles ar LEFT JOIN annotations a ON {on}"
    )
    if status is not None:
        sql += " WHERE ar.status = ?"
        params.append(Status(status).value)
    sql += " GROUP BY ar.rowid, a.tag_id, a.annotator ORDER BY ar.rowid"
    return db.execute(sql, params)
