"""Typed relations between annotations (migration 0013): every relation another tool made,
kept with its type. The one link the window shows is ``annotations.linked_id``."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.storage._sqlite_utils import Database


class RelationStore:
    def __init__(self, db: Database):
        self.db = db

    def add_many(self, relations: Iterable[tuple[str, str, str]]) -> int:
        """Add ``(source id, target id, type)`` relations (both annotations must exist; a
        relation already there is kept once). Returns how many were new."""
        rows = list(relations)
        if not rows:
            return 0
        before = self.count()
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO annotation_relations (source_id, target_id, type) VALUES (?, ?, ?)", rows)
        return self.count() - before

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM annotation_relations").fetchone()[0]

    def all(self) -> dict[str, list[tuple[str, str]]]:
        """Source annotation id -> its ``(target id, type)`` relations, in insertion order."""
        found: dict[str, list[tuple[str, str]]] = {}
        for source, target, kind in self.db.execute(
                "SELECT source_id, target_id, type FROM annotation_relations ORDER BY rowid"):
            found.setdefault(source, []).append((target, kind))
        return found

    def for_sources(self, ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Like :meth:`all`, for the relations starting at ``ids`` only."""
        ids, found = list(ids), {}
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            rows = self.db.execute(
                "SELECT source_id, target_id, type FROM annotation_relations "
                f"WHERE source_id IN ({', '.join('?' * len(chunk))}) ORDER BY rowid", chunk)
            for source, target, kind in rows:
                found.setdefault(source, []).append((target, kind))
        return found

    def involving(self, annotation_id: str) -> list[tuple[str, str, str]]:
        """``(source, target, type)`` of every relation starting or ending at an annotation
        (what deleting it takes away, and what undoing the deletion must put back)."""
        return [tuple(r) for r in self.db.execute(
            "SELECT source_id, target_id, type FROM annotation_relations "
            "WHERE source_id = ? OR target_id = ? ORDER BY rowid", [annotation_id, annotation_id])]

    def delete_many(self, relations: Iterable[tuple[str, str, str]]) -> None:
        self.db.conn.executemany(
            "DELETE FROM annotation_relations WHERE source_id = ? AND target_id = ? AND type = ?", list(relations))
