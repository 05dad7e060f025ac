"""Values coders typed before, offered again as they type (speaker, source name …), so a
source is spelled the same way throughout a project."""

from __future__ import annotations

from collections.abc import Iterable


def ranked_spellings(counts: Iterable[tuple[str, int]]) -> list[str]:
    """Distinct values, most used first, from ``(value, times used)`` pairs.

    Values that differ only in case or surrounding spaces are one ("mustafa bali" and
    "Mustafa Bali "); it is offered in its most used spelling (the first met, on a tie), and
    its uses add up. Values used equally often go alphabetically (ignoring case); empty values
    are dropped.
    """
    totals: dict[str, int] = {}
    spellings: dict[str, dict[str, int]] = {}
    for value, times in counts:
        shown = " ".join(str(value).split())
        if not shown:
            continue
        key = shown.casefold()
        totals[key] = totals.get(key, 0) + times
        by_spelling = spellings.setdefault(key, {})
        by_spelling[shown] = by_spelling.get(shown, 0) + times
    # max() keeps the first of equals: a tie goes to the spelling met first (the oldest).
    best = {key: max(options.items(), key=lambda item: item[1])[0] for key, options in spellings.items()}
    return [best[key] for key in sorted(totals, key=lambda key: (-totals[key], key))]
