"""A coding edit (:class:`~annotator.core.changes.Change`) as JSON, and back.

The window keeps an edit it could not send to a team study's server in a small journal on the
coder's own disk (``storage/unsent_journal.py``), so it survives quitting. Only what a coder's
edit holds is written: annotations, article statuses, article-level values, article memos and
typed relations.
Codebook and article edits are the lead's, made online; :func:`encode` refuses them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from annotator.core.changes import Change, StatusChange, ValueChange
from annotator.core.memos import ArticleMemo, MemoChange
from annotator.core.model import Annotation, Status
from annotator.core.variables import ArticleValue

_ANNOTATION_FIELDS = {f.name for f in fields(Annotation)}


def can_encode(change: Change) -> bool:
    """True for a coder's edit (no codebook or article records in it)."""
    return not (change.tags or change.articles)


def encode(change: Change) -> str:
    """``change`` as one line of JSON; a ``ValueError`` for a codebook or article edit."""
    if not can_encode(change):
        raise ValueError("only a coder's edits (annotations, statuses, values) can wait to be sent")
    return json.dumps({
        "label": change.label,
        "added": [asdict(a) for a in change.added],
        "removed": [asdict(a) for a in change.removed],
        "updated": [[asdict(old), asdict(new)] for old, new in change.updated],
        "statuses": [[s.article_id, s.old.value, s.new.value] for s in change.statuses],
        "values": [[_value(v.old), _value(v.new)] for v in change.values],
        "relations_added": [list(r) for r in change.relations_added],
        "relations_removed": [list(r) for r in change.relations_removed],
        "memos": [[_value(m.old), _value(m.new)] for m in change.memos],
    }, ensure_ascii=False, sort_keys=True)


def decode(text: str) -> Change:
    """The change :func:`encode` wrote."""
    data = json.loads(text)
    return Change(
        label=data["label"],
        added=tuple(_annotation(a) for a in data["added"]),
        removed=tuple(_annotation(a) for a in data["removed"]),
        updated=tuple((_annotation(old), _annotation(new)) for old, new in data["updated"]),
        statuses=tuple(StatusChange(a, Status(old), Status(new)) for a, old, new in data["statuses"]),
        values=tuple(ValueChange(_article_value(old), _article_value(new)) for old, new in data["values"]),
        relations_added=tuple(tuple(r) for r in data["relations_added"]),
        relations_removed=tuple(tuple(r) for r in data["relations_removed"]),
        # A journal written before memos existed has none.
        memos=tuple(MemoChange(_memo(old), _memo(new)) for old, new in data.get("memos", [])),
    )


def _annotation(data: dict) -> Annotation:
    return Annotation(**{k: v for k, v in data.items() if k in _ANNOTATION_FIELDS})


def _memo(data: dict | None) -> ArticleMemo | None:
    return None if data is None else ArticleMemo(**data)


def _value(value: ArticleValue | ArticleMemo | None) -> dict | None:
    return None if value is None else asdict(value)


def _article_value(data: dict | None) -> ArticleValue | None:
    return None if data is None else ArticleValue(**data)
