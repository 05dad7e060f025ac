"""Bulk writes of annotation rows, for merges of large projects (no dataclass per row)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.storage._sqlite_utils import Database

from annotator.storage.errors import InvalidAnnotationError
from annotator.storage.rows import ANNOTATION_COLUMNS, quoted

_INSERT = (
    f"INSERT INTO annotations ({quoted(ANNOTATION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})"
)
_ID, _ARTICLE, _START, _END, _TEXT = (ANNOTATION_COLUMNS.index(c) for c in ("id", "article_id", "start", "end", "text"))
# More page cache while inserting many rows into four indexes (KiB, negative = size).
_BULK_CACHE = -200_000


def texts_of(db: Database, article_ids: Iterable[str]) -> dict[str, str]:
    """The texts of those of ``article_ids`` the project has."""
    ids, texts = list(dict.fromkeys(article_ids)), {}
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        texts.update(db.execute(f"SELECT id, text FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
    return texts


def existing_article_ids(db: Database, article_ids: Iterable[str]) -> set[str]:
    """Those of ``article_ids`` the project has (one query per 900, not one each)."""
    ids, found = list(dict.fromkeys(article_ids)), set()
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        found.update(r[0] for r in db.execute(f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def add_annotation_rows(db: Database, rows: Sequence[tuple]) -> int:
    """Insert annotation rows (``ANNOTATION_COLUMNS`` order) in one transaction, all or none,
    after checking every passage against its article's text as :meth:`AnnotationStore.add_many`
    does. Returns how many."""
    texts = texts_of(db, (r[_ARTICLE] for r in rows))
    for row in rows:
        text = texts.get(row[_ARTICLE])
        if text is None:
            raise InvalidAnnotationError(f"no article {row[_ARTICLE]}")
        start, end = row[_START], row[_END]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise InvalidAnnotationError(f"annotation {row[_ID]}: span {start}-{end} lies outside the text")
        if text[start:end] != row[_TEXT]:
            raise InvalidAnnotationError(f"annotation {row[_ID]}: passage does not match the article text at {start}-{end}")
    previous = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {_BULK_CACHE}")
    try:
        with db.atomic():
            db.execute("PRAGMA defer_foreign_keys = ON")  # a row may precede the one it links to
            db.conn.executemany(_INSERT, rows)
    finally:
        db.execute(f"PRAGMA cache_size = {previous}")
    return len(rows)
