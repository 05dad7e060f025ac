"""The assignments and coder_status tables: a team's split of the corpus and each coder's progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from annotator.storage._sqlite_utils import Database

from annotator.core.model import Status, now_iso

# Project meta keys describing the assignment (shown by `annotator progress`).
ASSIGNMENT_SEED = "assignment_seed"
ASSIGNMENT_STRATIFY = "assignment_stratify"
ASSIGNED_CODER = "assigned_coder"  # set in a coder's own project file


class AssignmentStore:
    def __init__(self, db: Database):
        self.db = db

    def replace(self, coders_of: Mapping[str, list[str]], overlap: Iterable[str] | None = None) -> None:
        """Make ``coders_of`` (article id -> its coders) the whole assignment, in one transaction.

        ``overlap`` names the reliability sample; by default, the articles with several coders.
        """
        stamp = now_iso()
        sample = set(overlap) if overlap is not None else {a for a, cs in coders_of.items() if len(cs) > 1}
        rows = [
            (article_id, coder, int(article_id in sample), stamp)
            for article_id, coders in coders_of.items()
            for coder in coders
        ]
        with self.db.atomic():
            self.db.execute("DELETE FROM assignments")
            self.db.conn.executemany(
                "INSERT INTO assignments(article_id, coder, overlap, assigned_at) VALUES (?, ?, ?, ?)",
                rows,
            )

    def overlap(self) -> set[str]:
        """The articles of the reliability sample."""
        return {r[0] for r in self.db.execute("SELECT DISTINCT article_id FROM assignments WHERE overlap = 1")}

    def coders_of(self) -> dict[str, list[str]]:
        """Article id -> its coders, in name order."""
        result: dict[str, list[str]] = {}
        for article_id, coder in self.db.execute(
            "SELECT article_id, coder FROM assignments ORDER BY article_id, coder"
        ):
            result.setdefault(article_id, []).append(coder)
        return result

    def articles_of(self, coder: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT article_id FROM assignments WHERE coder = ? ORDER BY article_id", [coder]
        )]

    def coders(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT coder FROM assignments ORDER BY coder")]

    def is_assigned(self) -> bool:
        return self.db.execute("SELECT 1 FROM assignments LIMIT 1").fetchone() is not None

    def record_status(self, coder: str, statuses: Iterable[tuple[str, Status]]) -> int:
        """Remember how far ``coder`` has come with each article (from their project file);
        articles this project lacks are skipped. Returns how many were recorded."""
        stamp = now_iso()
        statuses = list(statuses)
        with self.db.atomic():
            known = self._known_articles([a for a, _ in statuses])
            rows = [(a, coder, s.value, stamp) for a, s in statuses if a in known]
            self.db.conn.executemany(
                "INSERT INTO coder_status(article_id, coder, status, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(coder, article_id) DO UPDATE SET status = excluded.status, "
                "updated_at = excluded.updated_at",
                rows,
            )
        return len(rows)

    def _known_articles(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def statuses(self) -> dict[tuple[str, str], Status]:
        """(coder, article id) -> that coder's status of the article, as recorded."""
        return {
            (coder, article_id): Status(status)
            for coder, article_id, status in self.db.execute(
                "SELECT coder, article_id, status FROM coder_status"
            )
        }
