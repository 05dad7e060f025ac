"""Small parsing helpers the export readers share."""

from __future__ import annotations

import re

from annotator.core.importing.exports.dates import iso_date
from annotator.core.importing.exports.story import clean

_PAGE = re.compile(r"(?:^|[;,]\s*)(?:pg\.?|page|p\.|seite|s\.)\s*([A-Za-z]?\d+[A-Za-z]?(?:[-–]\d+)?)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(copyright\b|\(c\)\s*\d|©|\u00a9)", re.IGNORECASE)
_WORD_COUNT = re.compile(
    r"^\s*\d[\d,.\u00a0 ]*\s+(words?|mots|wörter|woorden|palabras|parole|palavras|ord)\s*$", re.IGNORECASE
)


def split_page(section: str) -> tuple[str, str]:
    """``"NEWS; Pg. 3"`` → ``("NEWS", "3")``: the page LexisNexis writes into the section."""
    section = clean(section)
    match = _PAGE.search(section)
    if not match:
        return section, ""
    rest = (section[: match.start()] + section[match.end():]).strip(" ;,")
    return rest, match.group(1)


def is_copyright(line: str) -> bool:
    """A copyright line: ``Copyright 2019 ...``, ``(c) 2012 ...``, ``© 2011 ...``."""
    return bool(_COPYRIGHT.match(line or ""))


def is_word_count(line: str) -> bool:
    """``"295 words"``, ``"1,163 mots"``."""
    return bool(_WORD_COUNT.match(line or ""))


def is_date(line: str) -> bool:
    """True when the line reads as a date (and is short enough to be only a date line)."""
    line = clean(line)
    return 0 < len(line) <= 80 and iso_date(line) != line and bool(re.match(r"\d{4}-\d{2}-\d{2}$", iso_date(line)))


def snake(label: str) -> str:
    """``"Company / organization"`` → ``"company_organization"`` (a key for ``extra``)."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
