"""The article_memos table: each coder's memo on each article (migration 0014).

The same SQL runs on a project file and on a team server (``ON CONFLICT … DO UPDATE`` is both
dialects'); there row-level security lets a coder write, and while blind read, only their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from annotator.core.memos import ArticleMemo
from annotator.core.model import now_iso

_SELECT = "SELECT article_id, annotator, memo, updated_at FROM article_memos"
_UPSERT = (
    "INSERT INTO article_memos (article_id, annotator, memo, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (article_id, annotator) DO UPDATE SET memo = excluded.memo, updated_at = excluded.updated_at"
)


class MemoStore:
    def __init__(self, db):
        self.db = db

    def get(self, article_id: str, annotator: str) -> ArticleMemo | None:
        row = self.db.execute(f"{_SELECT} WHERE article_id = ? AND annotator = ?", [article_id, annotator]).fetchone()
        return ArticleMemo(*row) if row else None

    def for_article(self, article_id: str) -> list[ArticleMemo]:
        """Every coder's memo on the article, by coder."""
        return [ArticleMemo(*r) for r in self.db.execute(f"{_SELECT} WHERE article_id = ? ORDER BY annotator", [article_id])]

    def put(self, memo: ArticleMemo) -> None:
        """Store a memo, replacing the coder's earlier one on that article."""
        with self.db.atomic():
            self.db.execute(_UPSERT, [memo.article_id, memo.annotator, memo.text, memo.updated_at or now_iso()])

    def put_many(self, memos: Iterable[ArticleMemo]) -> int:
        """Store many memos in one transaction (merge). Returns how many."""
        stamp = now_iso()
        rows = [(m.article_id, m.annotator, m.text, m.updated_at or stamp) for m in memos]
        with self.db.atomic():
            self.db.conn.executemany(_UPSERT, rows)
        return len(rows)

    def delete(self, article_id: str, annotator: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM article_memos WHERE article_id = ? AND annotator = ?", [article_id, annotator])

    def all(self, annotators: Sequence[str] | None = None) -> Iterator[ArticleMemo]:
        """Every memo (of ``annotators`` when given), by article then coder."""
        sql, params = _SELECT, []
        if annotators is not None:
            sql += f" WHERE annotator IN ({', '.join('?' * len(annotators))})"
            params = list(annotators)
        for row in self.db.execute(sql + " ORDER BY article_id, annotator", params):
            yield ArticleMemo(*row)

    def annotators(self) -> list[str]:
        """Everyone who has written a memo, by name."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT annotator FROM article_memos ORDER BY annotator")]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM article_memos").fetchone()[0]
