"""Turning rows into the core's dataclasses and back."""

from __future__ import annotations

import json
from typing import Any

from annotator.core.model import Annotation, Article, Status, Tag, TagField

ARTICLE_COLUMNS = (
    "id", "title", "outlet", "author", "url", "published", "language",
    "source_file", "imported_at", "status", "extra", "text",
)
ANNOTATION_COLUMNS = (
    "id", "article_id", "tag_id", "start", "end", "text", "context_before", "context_after",
    "annotator", "note", "fields", "linked_id", "reviewer", "created_at", "updated_at",
)
TAG_COLUMNS = (
    "id", "name", "colour", "key", "definition", "example", "fields", "position", "retired",
)


def quoted(columns, table: str = "", template: str = "{}") -> str:
    """A column list for SQL; ``end`` is a keyword and must be quoted.

    ``template`` formats each quoted column, e.g. ``"{} = ?"`` for an UPDATE.
    """
    prefix = f"{table}." if table else ""
    return ", ".join(template.format(f'{prefix}"{c}"') for c in columns)


def article_from_row(row: tuple) -> Article:
    data = dict(zip(ARTICLE_COLUMNS, row))
    data["status"] = Status(data["status"])
    data["extra"] = json.loads(data["extra"] or "{}")
    return Article(**data)


def annotation_from_row(row: tuple) -> Annotation:
    data = dict(zip(ANNOTATION_COLUMNS, row))
    # Most annotations have no field values: skip the JSON parser for them (bulk reads, merges).
    data["fields"] = json.loads(data["fields"]) if data["fields"] not in ("", "{}") else {}
    return Annotation(**data)


def annotation_to_row(a: Annotation) -> tuple:
    return (
        a.id, a.article_id, a.tag_id, a.start, a.end, a.text, a.context_before,
        a.context_after, a.annotator, a.note, dumps(a.fields), a.linked_id, a.reviewer,
        a.created_at, a.updated_at,
    )


def tag_from_row(row: tuple) -> Tag:
    data = dict(zip(TAG_COLUMNS, row))
    data["fields"] = [TagField.from_json(f) for f in json.loads(data["fields"] or "[]")]
    data["retired"] = bool(data["retired"])
    return Tag(**data)


def tag_to_row(t: Tag) -> tuple:
    return (
        t.id, t.name, t.colour, t.key, t.definition, t.example,
        dumps([f.to_json() for f in t.fields]), t.position, int(t.retired),
    )


def dumps(value: Any) -> str:
    """JSON that stays readable in an SQLite browser (no \\u escapes)."""
    if not value and isinstance(value, (dict, list)):  # the common case, ten times faster
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
