"""The numbers behind a figure: counts of tags (or of a field's values) by outlet or by period,
optionally per 1,000 words. Pure functions over rows the storage layer grouped.

Periods: a date's day, its ISO week (``2026-W09``, weeks start on Monday and belong to the year
of their Thursday), its month or its year. Articles without a usable ISO date are left out of
time charts and counted in :attr:`ChartData.undated`. Time axes have no holes: a month with no
passage is a zero, so a line does not jump over it.

Per 1,000 words divides by the words of the articles coded in that outlet or period (those
holding at least one passage by the coders the filter allows), so an outlet whose articles are
longer, or a week with more articles, does not look more sensational for that alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum


class ChartBy(str, Enum):
    """The x axis of a figure."""

    OUTLET = "outlet"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def is_time(self) -> bool:
        return self is not ChartBy.OUTLET


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
NO_OUTLET = "(no outlet)"


def period_of(published: str, by: ChartBy) -> str | None:
    """The period label of a ``published`` value (ISO date or date-time), None if it has none."""
    match = _ISO_DAY.match(published or "")
    if not match:
        return None
    try:
        day = date(*map(int, match.groups()))
    except ValueError:
        return None
    return _label(day, by)


def _label(day: date, by: ChartBy) -> str:
    if by is ChartBy.DAY:
        return day.isoformat()
    if by is ChartBy.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by is ChartBy.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _start_of(label: str, by: ChartBy) -> date:
    if by is ChartBy.DAY:
        return date.fromisoformat(label)
    if by is ChartBy.WEEK:
        year, week = label.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if by is ChartBy.MONTH:
        return date(int(label[:4]), int(label[5:7]), 1)
    return date(int(label), 1, 1)


def _next(day: date, by: ChartBy) -> date:
    if by is ChartBy.DAY:
        return day + timedelta(days=1)
    if by is ChartBy.WEEK:
        return day + timedelta(days=7)
    if by is ChartBy.MONTH:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def periods_between(first: str, last: str, by: ChartBy) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive."""
    labels, day, end = [], _start_of(first, by), _start_of(last, by)
    while day <= end:
        labels.append(_label(day, by))
        day = _next(day, by)
    return labels


@dataclass
class ChartData:
    """A figure's numbers: ``counts[series][category]``, in display order."""

    by: ChartBy
    series_kind: str  # "tag" or the field's name
    categories: list[str]
    series: list[str]
    counts: dict[str, dict[str, int]]
    words: dict[str, int] = field(default_factory=dict)
    per_1000_words: bool = False
    undated: int = 0  # passages left out of a time chart: their article has no ISO date
    colours: dict[str, str] = field(default_factory=dict)  # series -> "#rrggbb" (tags' colours)

    def value(self, series: str, category: str) -> float:
        """The plotted value: the count, or the count per 1,000 words of that category."""
        count = self.counts.get(series, {}).get(category, 0)
        if not self.per_1000_words:
            return count
        words = self.words.get(category, 0)
        return 1000 * count / words if words else 0.0

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.counts.values() for v in s.values())

    def y_label(self) -> str:
        return "passages per 1,000 words" if self.per_1000_words else "passages"

    def csv_rows(self) -> list[list]:
        """The table behind the figure, one row per category and series (long format)."""
        header = [self.by.value, self.series_kind, "passages", "words", "per_1000_words"]
        rows: list[list] = [header]
        for category in self.categories:
            words = self.words.get(category, 0)
            for series in self.series:
                count = self.counts.get(series, {}).get(category, 0)
                rows.append([category, series, count, words, f"{1000 * count / words:.4f}" if words else ""])
        return rows


def build_chart(
    by: ChartBy,
    rows: Iterable[tuple[str, str, int]],
    words: Iterable[tuple[str, int]] = (),
    *,
    series_order: list[str] | None = None,
    series_kind: str = "tag",
    per_1000_words: bool = False,
    colours: dict[str, str] | None = None,
) -> ChartData:
    """Chart numbers from ``rows`` of (outlet or published date, series, count) and ``words``
    of (outlet or published date, words). Time charts bucket dates into ``by``'s periods and
    fill the gaps; outlets come in order of their total, the largest first."""
    counts: dict[str, dict[str, int]] = {}
    undated = 0
    for key, series, count in rows:
        category = _category(key, by)
        if category is None:
            undated += count
            continue
        per_series = counts.setdefault(series, {})
        per_series[category] = per_series.get(category, 0) + count
    totals_words: dict[str, int] = {}
    for key, n in words:
        category = _category(key, by)
        if category is not None:
            totals_words[category] = totals_words.get(category, 0) + (n or 0)
    seen = {c for s in counts.values() for c in s}
    if by.is_time:
        categories = periods_between(min(seen), max(seen), by) if seen else []
    else:
        totals = {c: sum(s.get(c, 0) for s in counts.values()) for c in seen}
        categories = sorted(seen, key=lambda c: (-totals[c], c.casefold()))
    if series_order is not None:
        series = [s for s in series_order if s in counts]
    else:
        series = sorted(counts, key=lambda s: (-sum(counts[s].values()), s.casefold()))
    return ChartData(
        by=by, series_kind=series_kind, categories=categories, series=series, counts=counts,
        words=totals_words, per_1000_words=per_1000_words, undated=undated, colours=dict(colours or {}),
    )


def _category(key: str, by: ChartBy) -> str | None:
    if by is ChartBy.OUTLET:
        return key or NO_OUTLET
    return period_of(key, by)
