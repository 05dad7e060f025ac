"""How often each value of one tag field (``speaker``, ``source_name`` …) was used: the
completion lists of the annotation editor.

Read as the ``fields`` JSON text and counted here rather than with SQLite's ``json_extract``,
so the same statement runs on a team server (PostgreSQL has no ``json_extract``); ``LIKE``
first skips the annotations that do not name the field at all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence


def field_value_counts(db, name: str, annotators: Sequence[str] | None = None) -> Counter:
    """``value -> times used`` of the text field ``name`` over every annotation (of
    ``annotators`` only, when given), the values in the order they were first stored: a tie
    between spellings goes to the oldest (``core.completion.ranked_spellings``), whichever
    index the scan happens to read."""
    sql = "SELECT rowid, fields FROM annotations WHERE fields LIKE ?"
    params: list = [f'%{json.dumps(name)}%']
    if annotators is not None:
        sql += f" AND annotator IN ({', '.join('?' * len(annotators)) or 'NULL'})"
        params += list(annotators)
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for rowid, text in db.execute(sql, params):
        try:
            value = json.loads(text).get(name)
        except (ValueError, AttributeError):
            continue  # a damaged row is the integrity check's business, not completion's
        if isinstance(value, str) and value.strip():
            counts[value] += 1
            first[value] = min(first.get(value, rowid), rowid)
    return Counter({value: counts[value] for value in sorted(counts, key=first.__getitem__)})
