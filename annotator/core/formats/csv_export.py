"""annotations.csv and articles.csv: the coded corpus for pandas, R, SPSS and spreadsheets.

annotations.csv has one row per annotation; its ``start``/``end`` are Unicode code points, end
exclusive, into the ``text`` column of articles.csv, so ``text == article_text[start:end]`` holds
for every row. ``review_comment`` is filled on the reviewed layer's rows only: the comment the
reviewer left on the decision that wrote the annotation (after :func:`~annotator.core.formats.csv_guard.unguard` when the formula guard is
on). Files are UTF-8 (with a BOM for Excel) and quoted as RFC 4180 says: fields holding a comma,
a quote or a line break are quoted, quotes doubled, records end in CRLF.

The writers stream: they take iterators and never hold the corpus in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from annotator.core.codebook import field_names
from annotator.core.formats.csv_guard import GUARDED_STARTS, cell_guard
from annotator.core.formats.progress import Ticker
from annotator.core.memos import memo_cells, memo_header
from annotator.core.model import Article, FieldType, Tag

LEADING_COLUMNS = (
    "annotation_id", "article_id", "article_title", "outlet", "published", "url", "annotator",
    "tag", "start", "end", "text", "context_before", "context_after", "note", "review_comment",
)
TRAILING_COLUMNS = ("linked_annotation_id", "created_at", "updated_at")
# Never guarded: numbers (never negative) and the content id (hex).
UNGUARDED_COLUMNS = frozenset({"start", "end", "article_id"})
ARTICLE_COLUMNS = (
    "article_id", "title", "outlet", "author", "url", "published", "language", "source_file",
    "imported_at", "status", "extra", "text",
)
LINE_TERMINATOR = "\r\n"  # RFC 4180


@dataclass(frozen=True)
class FieldColumn:
    """A codebook field's column: filled only for annotations whose tag has the field."""

    column: str  # the header
    field: str  # the key in Annotation.fields
    tag_ids: tuple[str, ...]  # the tags that have this field as text or a choice
    yesno_tag_ids: tuple[str, ...] = ()  # the tags that have it as yes/no: written yes, no or blank

    @property
    def only_yesno(self) -> bool:
        """Its cells can only be yes, no or blank, which no spreadsheet runs."""
        return not self.tag_ids


@dataclass(frozen=True)
class AnnotationCsvPlan:
    """What annotations.csv holds, for the storage layer to produce row by row.

    At a million rows, Python work per cell costs more than writing the file, so the storage
    layer computes the cells in its query from this description: each row comes out as
    ``columns`` in order; a ``FieldColumn`` cell is the field's value (yes/no fields as ``yes``,
    ``no`` or blank; others as text, non-text values as JSON; blank where the tag lacks the
    field); every column in ``guarded`` has a leading apostrophe added when its first character
    is in ``guard_chars`` (``csv_guard.guard``).
    """

    columns: tuple[str | FieldColumn, ...]
    guarded: frozenset[str]
    guard_chars: frozenset[str]

    @property
    def header(self) -> list[str]:
        return [c.column if isinstance(c, FieldColumn) else c for c in self.columns]


def field_columns(tags: Iterable[Tag]) -> list[FieldColumn]:
    """One column per codebook field (``core.codebook.field_names``). A field that shares its
    name with a fixed column (``note``, ``tag``...) gets the column ``field_<name>``."""
    tags = list(tags)
    fixed = set(LEADING_COLUMNS) | set(TRAILING_COLUMNS)
    return [
        FieldColumn(
            column=f"field_{name}" if name in fixed else name,
            field=name,
            tag_ids=tuple(t.id for t in tags if _field_type(t, name) in (FieldType.TEXT, FieldType.CHOICE)),
            yesno_tag_ids=tuple(t.id for t in tags if _field_type(t, name) is FieldType.YESNO),
        )
        for name in field_names(tags)
    ]


def _field_type(tag: Tag, name: str) -> FieldType | None:
    field = tag.field_named(name)
    return field.type if field is not None else None


def annotation_plan(tags: Iterable[Tag], *, formula_guard: bool = True) -> AnnotationCsvPlan:
    """The layout of annotations.csv for this codebook."""
    fields = field_columns(tags)
    columns = (*LEADING_COLUMNS, *fields, *TRAILING_COLUMNS)
    guarded = frozenset()
    if formula_guard:
        guarded = frozenset(
            c.column if isinstance(c, FieldColumn) else c
            for c in columns
            if not (isinstance(c, FieldColumn) and c.only_yesno)
        ) - UNGUARDED_COLUMNS
    return AnnotationCsvPlan(columns=columns, guarded=guarded, guard_chars=GUARDED_STARTS)


def annotation_header(tags: Iterable[Tag]) -> list[str]:
    """The header row of annotations.csv for this codebook."""
    return annotation_plan(tags).header


def csv_writer(handle: TextIO):
    """A ``csv.writer`` with RFC 4180 quoting. ``handle`` must be opened with ``newline=""``."""
    return csv.writer(handle, lineterminator=LINE_TERMINATOR, quoting=csv.QUOTE_MINIMAL)


def write_annotations(
    chunks: Iterable[Sequence[Sequence]],
    plan: AnnotationCsvPlan,
    handle: TextIO,
    *,
    ticker: Ticker | None = None,
    header: bool = True,
) -> int:
    """Write annotations.csv: the header of ``plan``, then the rows of ``chunks`` (lists of rows
    already laid out and guarded as ``plan`` says; ``None`` is a blank cell). Returns the number
    of rows. ``header=False`` writes the rows only (a later part of a file written in parts)."""
    writer = csv_writer(handle)
    if header:
        writer.writerow(plan.header)
    count = 0
    for chunk in chunks:
        writer.writerows(chunk)  # one C call per chunk: the hot path stays out of Python
        count += len(chunk)
        if ticker is not None:
            ticker.tick(len(chunk))
    return count


def write_articles(
    articles: Iterable[Article], handle: TextIO, *, formula_guard: bool = True,
    variables: Sequence = (), values: dict[str, dict[str, str]] | None = None,
    memos: tuple[list[str], dict[str, dict[str, str]]] = ([], {}),
) -> int:
    """Write articles.csv (``article_id``, metadata, ``text``); return the number of rows.

    ``extra`` holds the metadata the source had that has no column of its own, as JSON.
    ``variables`` (article-level, codebook order) add one column each before ``text``, filled
    from ``values`` (article id -> variable id -> the value as text; one coder's).
    ``memos`` (``core.memos.memo_columns``) add the coders' memos, one column per coder,
    after the variables.
    """
    g = cell_guard(formula_guard)
    writer = csv_writer(handle)
    names = [v.name for v in variables]
    memo_coders, memo_texts = memos
    memo_names = memo_header(memo_coders) if memo_coders else []
    writer.writerow((*ARTICLE_COLUMNS[:-1], *names, *memo_names, ARTICLE_COLUMNS[-1]))
    values = values or {}
    count = 0
    for count, a in enumerate(articles, 1):
        extra = json.dumps(a.extra, ensure_ascii=False, sort_keys=True) if a.extra else ""
        mine = values.get(a.id, {})
        memo_row = memo_cells(memo_coders, memo_texts.get(a.id, {})) if memo_coders else []
        writer.writerow(
            (
                a.id, g(a.title), g(a.outlet), g(a.author), g(a.url), g(a.published),
                g(a.language), g(a.source_file), g(a.imported_at), a.status.value, g(extra),
                *(g(mine.get(v.id, "")) for v in variables), *(g(m) for m in memo_row), g(a.text),
            )
        )
    return count
