"""Suggestion state kept in the project: rejections, project lexicon terms, stored runs."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.storage._sqlite_utils import Database

from annotator.core.model import now_iso
from annotator.core.suggestions.lexicon import LexiconEntry
from annotator.core.suggestions.model import Suggestion, SuggestionSettings

SETTINGS_KEY = "suggestion_settings"


class SuggestionStore:
    def __init__(self, db: Database, project):
        self.db = db
        self._project = project

    # -- settings (codebook-level: they belong to the project, not to a coder) ---------------

    def settings(self) -> SuggestionSettings:
        return SuggestionSettings.from_json(self._project.meta(SETTINGS_KEY))

    def save_settings(self, settings: SuggestionSettings) -> None:
        self._project.set_meta(SETTINGS_KEY, settings.to_json())

    # -- rejections ----------------------------------------------------------------------------

    def reject(self, article_id: str, annotator: str, tag_id: str, start: int, end: int) -> None:
        """Remember that ``annotator`` rejected this suggestion in this article."""
        with self.db.atomic():
            # ON CONFLICT DO NOTHING, not INSERT OR IGNORE: the same SQL runs on a team's server.
            self.db.execute(
                'INSERT INTO suggestion_rejections (article_id, annotator, tag_id, start, "end", rejected_at) '
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", [article_id, annotator, tag_id, start, end, now_iso()])

    def unreject(self, article_id: str, annotator: str, tag_id: str, start: int, end: int) -> None:
        with self.db.atomic():
            self.db.execute(
                'DELETE FROM suggestion_rejections WHERE article_id = ? AND annotator = ? AND tag_id = ? '
                'AND start = ? AND "end" = ?', [article_id, annotator, tag_id, start, end])

    def clear_rejections(self, article_id: str, annotator: str) -> int:
        with self.db.atomic():
            cursor = self.db.execute(
                "DELETE FROM suggestion_rejections WHERE article_id = ? AND annotator = ?", [article_id, annotator])
        return cursor.rowcount

    def rejected(self, article_id: str, annotator: str) -> set[tuple[str, int, int]]:
        """``(tag_id, start, end)`` of every suggestion this coder rejected in this article."""
        rows = self.db.execute(
            'SELECT tag_id, start, "end" FROM suggestion_rejections WHERE article_id = ? AND annotator = ?',
            [article_id, annotator])
        return {(r[0], r[1], r[2]) for r in rows}

    # -- the project's own lexicon terms -------------------------------------------------------

    def add_term(self, term: str, added_by: str, weight: float = 0.7) -> LexiconEntry:
        """Add (or re-weight) a sensational-language term for this project."""
        term = " ".join(term.split())
        if not term:
            raise ValueError("a term needs at least one word")
        if not 0 <= weight <= 1:
            raise ValueError(f"weight {weight} is not between 0 and 1")
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO lexicon_terms (term, weight, added_by, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(term) DO UPDATE SET weight = excluded.weight", [term, weight, added_by, now_iso()])
        return LexiconEntry(term, weight, "project term", f"project term (by {added_by})")

    def remove_term(self, term: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute("DELETE FROM lexicon_terms WHERE term = ?", [" ".join(term.split())])
        return cursor.rowcount > 0

    def terms(self) -> list[LexiconEntry]:
        rows = self.db.execute("SELECT term, weight, added_by FROM lexicon_terms ORDER BY term")
        return [LexiconEntry(t, w, "project term", f"project term (by {who})" if who else "project term")
                for t, w, who in rows]

    # -- stored runs ---------------------------------------------------------------------------

    def store(self, article_id: str, fingerprint: str, suggestions: Iterable[Suggestion]) -> int:
        """Replace what is stored for an article with a fresh run's suggestions."""
        rows = [
            (article_id, fingerprint, s.tag, s.start, s.end, s.confidence, s.rule, s.kind,
             json.dumps(s.fields, ensure_ascii=False), json.dumps(list(s.link)) if s.link else "")
            for s in suggestions
        ]
        with self.db.atomic():
            self.db.execute("DELETE FROM stored_suggestions WHERE article_id = ?", [article_id])
            self.db.conn.executemany(
                'INSERT INTO stored_suggestions (article_id, fingerprint, tag, start, "end", confidence, rule, '
                "kind, fields, link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.db.execute(
                "INSERT INTO suggestion_runs (article_id, fingerprint, found) VALUES (?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET fingerprint = excluded.fingerprint, found = excluded.found",
                [article_id, fingerprint, len(rows)])
        return len(rows)

    def stored(self, article_id: str, fingerprint: str) -> list[Suggestion] | None:
        """The stored run for an article if it came from ``fingerprint``, else None."""
        run = self.db.execute("SELECT fingerprint FROM suggestion_runs WHERE article_id = ?", [article_id]).fetchone()
        if run is None or run[0] != fingerprint:
            return None
        rows = self.db.execute(
            'SELECT tag, start, "end", confidence, rule, kind, fields, link FROM stored_suggestions '
            "WHERE article_id = ? ORDER BY start", [article_id])
        return [Suggestion(tag, start, end, conf, rule, kind, json.loads(fields or "{}"),
                           tuple(json.loads(link)) if link else None)
                for tag, start, end, conf, rule, kind, fields, link in rows]

    def articles_with_run(self, fingerprint: str) -> set[str]:
        rows = self.db.execute("SELECT article_id FROM suggestion_runs WHERE fingerprint = ?", [fingerprint])
        return {r[0] for r in rows}

    # -- reading the project's codings for suggestions ----------------------------------------

    def coded_passages(self, annotator: str | None = None, max_chars: int = 200):
        """``(tag name, passage, annotator, fields JSON)`` of every short coded passage, or only
        ``annotator``'s (blind coding)."""
        sql = ("SELECT tags.name, annotations.text, annotations.annotator, annotations.fields FROM annotations "
               "JOIN tags ON tags.id = annotations.tag_id WHERE length(annotations.text) <= ? AND tags.retired = 0")
        params: list = [max_chars]
        if annotator is not None:
            sql += " AND annotations.annotator = ?"
            params.append(annotator)
        return self.db.execute(sql, params).fetchall()

    def coder_spans(self, article_id: str, annotator: str) -> list[tuple[str, int, int, str]]:
        """``(tag_id, start, end, id)`` of one coder's annotations in an article."""
        return self.db.execute(
            'SELECT tag_id, start, "end", id FROM annotations WHERE article_id = ? AND annotator = ? ORDER BY start',
            [article_id, annotator]).fetchall()

    def annotation_at(self, article_id: str, tag_id: str, start: int, end: int, annotator: str) -> str | None:
        """The id of this coder's annotation of exactly this tag and span, if any (one index seek)."""
        row = self.db.execute(
            'SELECT id FROM annotations WHERE article_id = ? AND start = ? AND "end" = ? AND tag_id = ? '
            "AND annotator = ? LIMIT 1", [article_id, start, end, tag_id, annotator]).fetchone()
        return row[0] if row else None
