"""annotations.csv and articles.csv: the coded corpus for pandas, R, SPSS and spreadsheets.

annotations.csv has one row per annotation; its ``start``/``end`` are Unicode code points, end
exclusive, into the ``text`` column of articles.csv, so ``text == article_text[start:end]`` holds
for every row (after :func:`~annotator.core.formats.csv_guard.unguard` when the formula guard is
on). Files are UTF-8 (with a BOM for Excel) and quoted as RFC 4180 says: fields holding a comma,
a quote or a line break are quoted, quotes doubled, records end in CRLF.

The writers stream: they take iterators and never hold the corpus in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from annotator.core.codebook import field_names
from annotator.core.formats.csv_guard import cell_guard
from annotator.core.formats.progress import Ticker
from annotator.core.model import Article, Tag

# What the storage layer yields per annotation, in this order (plain tuples: at a million rows,
# building dataclasses would cost more than writing the CSV).
ANNOTATION_SOURCE = (
    "annotation_id", "article_id", "article_title", "outlet", "published", "url", "annotator",
    "tag", "tag_id", "start", "end", "text", "context_before", "context_after", "note",
    "fields", "linked_annotation_id", "created_at", "updated_at",
)
LEADING_COLUMNS = (
    "annotation_id", "article_id", "article_title", "outlet", "published", "url", "annotator",
    "tag", "start", "end", "text", "context_before", "context_after", "note",
)
TRAILING_COLUMNS = ("linked_annotation_id", "created_at", "updated_at")
ARTICLE_COLUMNS = (
    "article_id", "title", "outlet", "author", "url", "published", "language", "source_file",
    "imported_at", "status", "extra", "text",
)
LINE_TERMINATOR = "\r\n"  # RFC 4180


def field_columns(tags: Iterable[Tag]) -> list[tuple[str, str]]:
    """``(column name, field name)`` for each codebook field. A field that shares its name with
    a fixed column (``note``, ``tag``...) gets the column ``field_<name>``."""
    fixed = set(LEADING_COLUMNS) | set(TRAILING_COLUMNS)
    return [(f"field_{name}" if name in fixed else name, name) for name in field_names(tags)]


def annotation_header(tags: Iterable[Tag]) -> list[str]:
    """The header row of annotations.csv for this codebook."""
    return [*LEADING_COLUMNS, *(c for c, _ in field_columns(tags)), *TRAILING_COLUMNS]


def field_text(value: Any) -> str:
    """A field value as a cell: yes/no for booleans, ``; ``-joined lists, blank for none."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return "; ".join(field_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_writer(handle: TextIO):
    """A ``csv.writer`` with RFC 4180 quoting. ``handle`` must be opened with ``newline=""``."""
    return csv.writer(handle, lineterminator=LINE_TERMINATOR, quoting=csv.QUOTE_MINIMAL)


def write_annotations(
    rows: Iterable[Sequence],
    tags: Sequence[Tag],
    handle: TextIO,
    *,
    formula_guard: bool = True,
    ticker: Ticker | None = None,
) -> int:
    """Write annotations.csv to ``handle`` from ``rows`` laid out as :data:`ANNOTATION_SOURCE`
    (``fields`` as a JSON object); return the number of rows written.

    A field column is filled only for annotations whose tag has that field.
    """
    columns = field_columns(tags)
    names = [name for _, name in columns]
    applicable = {t.id: frozenset(f.name for f in t.fields) for t in tags}
    writer = csv_writer(handle)
    writer.writerow(annotation_header(tags))
    count = 0
    for count, row in enumerate(_annotation_cells(rows, names, applicable, formula_guard), 1):
        writer.writerow(row)
        if ticker is not None:
            ticker.tick()
    return count


def _annotation_cells(rows, names, applicable, formula_guard) -> Iterator[tuple]:
    g = cell_guard(formula_guard)
    blank = ("",) * len(names)
    loads = json.loads
    for (
        annotation_id, article_id, title, outlet, published, url, annotator, tag, tag_id,
        start, end, text, before, after, note, fields, linked_id, created_at, updated_at,
    ) in rows:
        if not names or fields == "{}" or not fields:
            values = blank
        else:
            here = applicable.get(tag_id, ())
            data = loads(fields)
            values = tuple(g(field_text(data.get(n))) if n in here else "" for n in names)
        yield (
            g(annotation_id), article_id, g(title), g(outlet), g(published), g(url),
            g(annotator), g(tag), start, end, g(text), g(before), g(after), g(note),
            *values, g(linked_id or ""), g(created_at), g(updated_at),
        )


def write_articles(
    articles: Iterable[Article], handle: TextIO, *, formula_guard: bool = True
) -> int:
    """Write articles.csv (``article_id``, metadata, ``text``); return the number of rows.

    ``extra`` holds the metadata the source had that has no column of its own, as JSON.
    """
    g = cell_guard(formula_guard)
    writer = csv_writer(handle)
    writer.writerow(ARTICLE_COLUMNS)
    count = 0
    for count, a in enumerate(articles, 1):
        extra = json.dumps(a.extra, ensure_ascii=False, sort_keys=True) if a.extra else ""
        writer.writerow(
            (
                a.id, g(a.title), g(a.outlet), g(a.author), g(a.url), g(a.published),
                g(a.language), g(a.source_file), g(a.imported_at), a.status.value, g(extra),
                g(a.text),
            )
        )
    return count
