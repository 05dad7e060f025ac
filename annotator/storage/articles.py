"""Queries over the articles table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from annotator.storage._sqlite_utils import Database

from annotator.core.model import Article, NewArticle, Status, now_iso
from annotator.core.text import content_id
from annotator.storage.rows import ARTICLE_COLUMNS, article_from_row, dumps, quoted

# Large enough to amortise a transaction, small enough to keep memory flat.
BATCH_SIZE = 500


@dataclass
class AddResult:
    """What :meth:`ArticleStore.add_many` did."""

    added: list[str] = field(default_factory=list)  # ids of the new articles
    duplicates: int = 0


def index_new_articles(db: Database, after_rowid: int) -> None:
    """Add the articles stored after ``after_rowid`` to the full-text index, in one statement
    (every path that inserts articles calls this in its transaction: there is no trigger)."""
    db.execute(
        "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles WHERE rowid > ?",
        [after_rowid],
    )


def rebuild_search_index(db: Database) -> None:
    """Index every article afresh (after articles were copied in by other means)."""
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


class ArticleStore:
    def __init__(self, db: Database):
        self.db = db

    def add_many(self, articles: Iterable[NewArticle], batch_size: int = BATCH_SIZE) -> AddResult:
        """Store new articles; skip (and count) any whose text the project already has.

        Each batch is one transaction, so an interrupted import leaves whole articles only.
        """
        result = AddResult()
        batch: list[NewArticle] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                self._add_batch(batch, result)
                batch = []
        if batch:
            self._add_batch(batch, result)
        return result

    def add(self, article: NewArticle) -> str | None:
        """Store one article; return its id, or None if it was a duplicate."""
        result = self.add_many([article])
        return result.added[0] if result.added else None

    def _add_batch(self, batch: list[NewArticle], result: AddResult) -> None:
        imported_at = now_iso()
        rows: dict[str, tuple] = {}
        for a in batch:
            article_id = content_id(a.text)
            if article_id in rows:
                result.duplicates += 1
                continue
            rows[article_id] = (
                article_id, a.title, a.outlet, a.author, a.url, a.published, a.language,
                a.source_file, imported_at, Status.TODO.value, dumps(a.extra), a.text,
            )
        with self.db.atomic():
            existing = self._existing_ids(list(rows))
            result.duplicates += len(existing)
            new_rows = [row for article_id, row in rows.items() if article_id not in existing]
            before = self._last_rowid()
            # sqlite-utils' insert_all is slow for this shape; executemany is the bulk path.
            self.db.conn.executemany(
                f"INSERT INTO articles ({quoted(ARTICLE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                new_rows,
            )
            index_new_articles(self.db, before)
        result.added.extend(row[0] for row in new_rows)

    def _last_rowid(self) -> int:
        return self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]

    def _existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            marks = ", ".join("?" * len(chunk))
            found.update(
                r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute(
            f"SELECT {quoted(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return article_from_row(row) if row else None

    def text(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def status(self, article_id: str) -> Status | None:
        """An article's status without reading its text (None for no such article)."""
        row = self.db.execute("SELECT status FROM articles WHERE id = ?", [article_id]).fetchone()
        return Status(row[0]) if row else None

    def exists(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def ids(self) -> list[str]:
        """Every article id, in import order."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY rowid")]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def iter_all(self, status: Status | None = None) -> Iterator[Article]:
        """Articles in import order, streamed (no list of the whole corpus in memory)."""
        where, params = [], []
        if status is not None:
            where.append("status = ?")
            params.append(Status(status).value)
        sql = f"SELECT {quoted(ARTICLE_COLUMNS)} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        for row in self.db.execute(sql, params):
            yield article_from_row(row)

    def update_metadata(self, article: Article) -> None:
        """Write an article's metadata (title, outlet, author, url, published, language,
        extra); its text is never written (a trigger refuses a changed text anyway)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE articles SET title = ?, outlet = ?, author = ?, url = ?, published = ?, "
                "language = ?, extra = ? WHERE id = ?",
                [article.title, article.outlet, article.author, article.url, article.published,
                 article.language, dumps(article.extra), article.id],
            )

    def delete(self, article_id: str) -> None:
        """Remove an article; its annotations, review decisions and article values go with it."""
        with self.db.atomic():
            self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])

    def restore(self, article: Article) -> None:
        """Put back an article removed earlier, exactly as it was (id, status, import time)."""
        with self.db.atomic():
            before = self._last_rowid()
            self.db.execute(
                f"INSERT INTO articles ({quoted(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                [article.id, article.title, article.outlet, article.author, article.url, article.published,
                 article.language, article.source_file, article.imported_at, Status(article.status).value,
                 dumps(article.extra), article.text],
            )
            index_new_articles(self.db, before)

    def annotation_counts(self) -> dict[str, int]:
        """How many annotations (every coder's) each article has; articles without none."""
        return dict(self.db.execute("SELECT article_id, count(*) FROM annotations GROUP BY article_id").fetchall())

    def review_decision_count(self, article_id: str) -> int:
        """Review decisions recorded on the article (removing it removes them)."""
        return self.db.execute("SELECT count(*) FROM review_decisions WHERE article_id = ?", [article_id]).fetchone()[0]

    def find(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (a shortened id as the listing shows it)."""
        prefix = prefix.strip().lower()
        if not prefix or any(c not in "0123456789abcdef" for c in prefix):
            return []
        return [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", [prefix, prefix + "g"])]

    def set_status(self, article_id: str, status: Status) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE articles SET status = ? WHERE id = ?", [Status(status).value, article_id]
            )

    def status_counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for status, n in self.db.execute("SELECT status, count(*) FROM articles GROUP BY status"):
            counts[status] = n
        return counts

    def search(self, query: str, limit: int = 1000) -> list[str]:
        """Ids of articles whose title or text match ``query`` (words, all required)."""
        terms = [t for t in query.split() if t]
        if not terms:
            return []
        # Quote each word so user input is never parsed as FTS5 syntax.
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return [
            r[0]
            for r in self.db.execute(
                "SELECT articles.id FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                [match, limit],
            )
        ]
