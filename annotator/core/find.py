"""Find-in-article: every occurrence of a phrase, as code-point spans."""

from __future__ import annotations

import re


def find_all(text: str, query: str, limit: int = 5000) -> list[tuple[int, int]]:
    """``(start, end)`` of each case-insensitive occurrence of ``query`` in ``text``.

    Runs of white space in the query match any run of white space (a phrase copied across a
    line break still matches). At most ``limit`` matches, in text order.
    """
    words = query.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    found = []
    for match in pattern.finditer(text):
        found.append(match.span())
        if len(found) >= limit:
            break
    return found
