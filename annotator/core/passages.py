"""The coded-passage browser's plain parts: what a filter asks, a passage line, dates, KWIC text.

A :class:`PassageFilter` holds resolved values (tag ids, not names), so the storage layer turns
it into SQL without looking anything up; ``actions.passages`` resolves what a researcher typed.
Every part of a filter narrows the list (AND); several values of one part widen it (OR):
tags Claim and Quote, by maria, in March, is Claim-or-Quote passages by maria in March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum


class Layer(str, Enum):
    """Whose annotations: everyone's, the coders' only, or the reviewed layer only."""

    ALL = "all"
    CODERS = "coders"
    REVIEWED = "reviewed"


class PassageSort(str, Enum):
    """The orders the browser offers (the column clicked)."""

    ARTICLE = "article"  # import order, then position in the article
    PUBLISHED = "published"
    OUTLET = "outlet"
    TITLE = "title"
    STATUS = "status"
    ANNOTATOR = "annotator"
    TAG = "tag"
    PASSAGE = "passage"
    NOTE = "note"


@dataclass(frozen=True)
class FieldCondition:
    """``field == value`` on the passages whose tag has the field (any case).

    ``tag_ids`` are the tags holding it as text or a choice, ``yesno_tag_ids`` those holding it
    as yes/no (where ``value`` is ``yes`` or ``no``). Conditions on one field are alternatives.
    """

    field: str
    value: str
    tag_ids: tuple[str, ...] = ()
    yesno_tag_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleCodeCondition:
    """An article-level variable's value on the passage's article: some coder set ``variable_id``
    to ``value`` (its stored form). ``several``: the variable is several-of and ``value`` one
    option id that must be among those chosen; ``any_case``: a text variable, compared
    ignoring case. Conditions on one variable are alternatives."""

    variable_id: str
    value: str
    several: bool = False
    any_case: bool = False


@dataclass(frozen=True)
class PassageFilter:
    """Which coded passages the browser lists. Empty parts do not filter.

    ``date_from``/``date_to`` are ISO date prefixes ("2026", "2026-03", "2026-03-05"), both ends
    included (see :func:`date_bounds`). ``search`` words must all occur in the passage (or in
    the passage or its context, with ``search_context``). ``overlapping_tag_ids`` keeps
    passages that overlap a passage of one of those tags (a co-occurrence cell) which itself
    passes the passage-level parts of the filter. ``only_annotators`` is not a choice the user
    makes but a rule (blind coding): when set, nobody else's passages show whatever is chosen.
    """

    tag_ids: tuple[str, ...] = ()
    fields: tuple[FieldCondition, ...] = ()
    annotators: tuple[str, ...] = ()
    layer: Layer = Layer.ALL
    outlets: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    statuses: tuple[str, ...] = ()
    search: str = ""
    search_context: bool = False
    article_codes: tuple[ArticleCodeCondition, ...] = ()
    overlapping_tag_ids: tuple[str, ...] = ()
    only_annotators: tuple[str, ...] | None = None

    def with_changes(self, **changes) -> "PassageFilter":
        """A copy with some parts replaced."""
        return replace(self, **changes)

    def search_words(self) -> list[str]:
        """The words of :attr:`search`, each to be found as a substring."""
        return [w for w in self.search.split() if w]


@dataclass(frozen=True)
class Passage:
    """One line of the browser: a coded passage with its article's metadata."""

    id: str
    rowid: int
    article_id: str
    article_rowid: int
    tag_id: str
    start: int
    end: int
    text: str
    context_before: str
    context_after: str
    annotator: str
    note: str
    fields: dict = field(default_factory=dict, hash=False, compare=False)
    title: str = ""
    outlet: str = ""
    published: str = ""
    status: str = ""
    sort_value: object = None  # the value this row was sorted by: the next page starts after it


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A date a filter cannot use; the message says what it expects."""


def date_bounds(date_from: str, date_to: str) -> tuple[str | None, str | None]:
    """``(low, high)`` for ``low <= published < high`` on ISO dates and date-times, from two
    inclusive prefixes: ``2026-03`` to ``2026-03`` is all of March. None for an open end.

    Raises :class:`DateError` for anything but YYYY, YYYY-MM or YYYY-MM-DD.
    """
    low = _parse_date(date_from, "from") if date_from else None
    high = _parse_date(date_to, "to") if date_to else None
    if high is not None:
        high = _after(date_to.strip())
    if low is not None and high is not None and low >= high:
        raise DateError(f"the date range {date_from} to {date_to} is empty")
    return low, high


def _parse_date(text: str, end: str) -> str:
    match = _DATE.match(text.strip())
    if not match:
        raise DateError(f"--{end} {text!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise DateError(f"--{end} {text!r} is not a date") from None
    return text.strip()


def _after(prefix: str) -> str:
    """The first date string after every date starting with ``prefix``."""
    year, month, day = _DATE.match(prefix).groups()
    if day:
        return (date(int(year), int(month), int(day)) + timedelta(days=1)).isoformat()
    if month:
        y, m = (int(year), int(month) + 1) if int(month) < 12 else (int(year) + 1, 1)
        return f"{y:04d}-{m:02d}"
    return f"{int(year) + 1:04d}"


def kwic_text(passage: Passage, width: int = 60) -> str:
    """One keyword-in-context line for plain text: the last ``width`` characters of the context
    before, the passage in brackets, the first ``width`` of the context after; line breaks
    become spaces so each passage stays one line."""
    before, after = kwic_parts(passage, width)
    return f"{before:>{width}}[{one_line(passage.text)}]{after}"


def kwic_parts(passage: Passage, width: int = 60) -> tuple[str, str]:
    """The context before (its last ``width`` characters) and after (its first ``width``), each
    on one line, keeping one space where the text had space next to the passage."""
    before = one_line(passage.context_before)
    after = one_line(passage.context_after)
    if before and passage.context_before[-1:].isspace():
        before += " "
    if after and passage.context_after[:1].isspace():
        after = " " + after
    return before[-width:], after[:width]


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks too) as one space."""
    return " ".join(text.split())
