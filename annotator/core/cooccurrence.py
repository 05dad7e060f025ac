"""The tag x tag co-occurrence table: how often passages of one tag overlap a passage of another,
and how many articles hold both.

Rows are the passages the browser's filter lets through; columns are any passage of the tag by
the same coders (so with "speaker = the mayor" the Quote row counts the mayor's quotes that
overlap a claim, an attribution...). The diagonal counts passages overlapping another passage
of the same tag (two coders' versions of one quote) and the articles holding the tag.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CooccurrenceTable:
    """Counts by (row tag id, column tag id); ``tags`` gives the order and the names."""

    tags: list[tuple[str, str]]  # (id, name) in codebook order
    passages: dict[tuple[str, str], int] = field(default_factory=dict)
    articles: dict[tuple[str, str], int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)  # passages of each row tag

    def passage_count(self, row: str, column: str) -> int:
        return self.passages.get((row, column), 0)

    def article_count(self, row: str, column: str) -> int:
        return self.articles.get((row, column), 0)

    def to_json(self) -> dict:
        """Names, not ids: ``{"tags": [...], "cells": [{row, column, passages, articles}], ...}``."""
        names = dict(self.tags)
        return {
            "tags": [name for _, name in self.tags],
            "passages_per_tag": {names[t]: self.totals.get(t, 0) for t, _ in self.tags},
            "cells": [
                {"row": names[r], "column": names[c], "passages": self.passage_count(r, c),
                 "articles": self.article_count(r, c)}
                for r, _ in self.tags for c, _ in self.tags
            ],
        }

    def csv_rows(self) -> list[list]:
        """A long table: one row per cell, with a header (row, column, passages, articles)."""
        rows: list[list] = [["row_tag", "column_tag", "row_tag_passages", "overlapping_passages", "articles_with_both"]]
        for r, row_name in self.tags:
            for c, column_name in self.tags:
                rows.append([row_name, column_name, self.totals.get(r, 0), self.passage_count(r, c),
                             self.article_count(r, c)])
        return rows
