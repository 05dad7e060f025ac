"""The review_decisions table: how a reviewer settled each difference between two coders."""

from __future__ import annotations

import json

from annotator.storage._sqlite_utils import Database

from annotator.core.review import Decision, DifferenceKind, ReviewDecision
from annotator.storage.rows import quoted

_COLUMNS = (
    "id", "article_id", "reviewer", "annotator_a", "annotator_b", "decision", "kind",
    "a_annotation_id", "b_annotation_id", "result_ids", "comment", "decided_at",
)
_SELECT = f"SELECT {quoted(_COLUMNS)} FROM review_decisions"


def _from_row(row: tuple) -> ReviewDecision:
    data = dict(zip(_COLUMNS, row))
    data["decision"] = Decision(data["decision"])
    data["kind"] = DifferenceKind(data["kind"])
    data["result_ids"] = json.loads(data["result_ids"] or "[]")
    return ReviewDecision(**data)


def _to_row(d: ReviewDecision) -> tuple:
    return (
        d.id, d.article_id, d.reviewer, d.annotator_a, d.annotator_b, d.decision.value,
        d.kind.value, d.a_annotation_id, d.b_annotation_id, json.dumps(d.result_ids), d.comment,
        d.decided_at,
    )


class ReviewStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, decision: ReviewDecision) -> None:
        """Store a decision; one for the same difference must have been removed first."""
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO review_decisions ({quoted(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                _to_row(decision),
            )

    def delete(self, decision_id: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM review_decisions WHERE id = ?", [decision_id])

    def get(self, decision_id: str) -> ReviewDecision | None:
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [decision_id]).fetchone()
        return _from_row(row) if row else None

    def find(self, article_id: str, annotator_a: str, annotator_b: str, a_id: str, b_id: str) -> ReviewDecision | None:
        """The decision on the difference between annotations ``a_id`` and ``b_id`` ('' for none)."""
        row = self.db.execute(
            f"{_SELECT} WHERE article_id = ? AND annotator_a = ? AND annotator_b = ? "
            "AND a_annotation_id = ? AND b_annotation_id = ?",
            [article_id, annotator_a, annotator_b, a_id, b_id],
        ).fetchone()
        return _from_row(row) if row else None

    def for_article(self, article_id: str, annotator_a: str, annotator_b: str) -> list[ReviewDecision]:
        rows = self.db.execute(
            f"{_SELECT} WHERE annotator_a = ? AND annotator_b = ? AND article_id = ? ORDER BY decided_at",
            [annotator_a, annotator_b, article_id],
        )
        return [_from_row(r) for r in rows]

    def keys_by_article(self, annotator_a: str, annotator_b: str) -> dict[str, set[tuple[str, str]]]:
        """For every article with decisions on this pair: the (A id, B id) keys decided."""
        out: dict[str, set[tuple[str, str]]] = {}
        for article_id, a_id, b_id in self.db.execute(
            "SELECT article_id, a_annotation_id, b_annotation_id FROM review_decisions "
            "WHERE annotator_a = ? AND annotator_b = ?",
            [annotator_a, annotator_b],
        ):
            out.setdefault(article_id, set()).add((a_id, b_id))
        return out

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM review_decisions").fetchone()[0]
