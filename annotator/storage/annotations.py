"""Queries over the annotations table. Every write checks the span against its article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from annotator.storage._sqlite_utils import Database

from annotator.core.model import Annotation, now_iso
from annotator.core.text import check_span, context_around
from annotator.storage.errors import InvalidAnnotationError
from annotator.storage.rows import ANNOTATION_COLUMNS, annotation_from_row, annotation_to_row, quoted

_INSERT = (
    f"INSERT INTO annotations ({quoted(ANNOTATION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})"
)
_SELECT = f"SELECT {quoted(ANNOTATION_COLUMNS)} FROM annotations"


class AnnotationStore:
    def __init__(self, db: Database, articles, codebook):
        self.db = db
        self._articles = articles
        self._codebook = codebook

    # -- writing ---------------------------------------------------------------------------

    def create(
        self,
        article_id: str,
        tag_id: str,
        start: int,
        end: int,
        annotator: str,
        *,
        note: str = "",
        fields: dict | None = None,
        linked_id: str | None = None,
    ) -> Annotation:
        """Tag ``text[start:end]`` of an article and store it; the passage is copied from the text."""
        text = self._text_of(article_id)
        check_or_raise(text, start, end)
        before, after = context_around(text, start, end)
        annotation = Annotation(
            article_id=article_id, tag_id=tag_id, start=start, end=end, text=text[start:end],
            annotator=annotator, context_before=before, context_after=after, note=note,
            fields=dict(fields or {}), linked_id=linked_id,
        )
        self.add(annotation)
        return annotation

    def add(self, annotation: Annotation, *, article_text: str | None = None) -> None:
        """Store an annotation built elsewhere (undo, import, merge), after checking it.

        A caller that already holds the article's text may pass it as ``article_text`` to
        save reading it again (a long article's text is a megabyte).
        """
        known = {annotation.article_id: article_text} if article_text is not None else None
        self.add_many([annotation], known_texts=known)

    def add_many(self, annotations: Iterable[Annotation], known_texts: dict[str, str] | None = None) -> int:
        """Store many annotations in one transaction; all or none. Returns how many.

        ``known_texts`` maps article ids to their texts when the caller has them already.
        """
        texts: dict[str, str] = dict(known_texts or {})
        rows = []
        for a in annotations:
            if a.article_id not in texts:
                texts[a.article_id] = self._text_of(a.article_id)
            check_passage(texts[a.article_id], a)
            rows.append(annotation_to_row(a))
        with self.db.atomic():
            # A batch may hold an annotation before the one it links to.
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            self.db.conn.executemany(_INSERT, rows)
        return len(rows)

    def update(self, annotation: Annotation, *, article_text: str | None = None, touch: bool = True) -> Annotation:
        """Replace the stored annotation with the same id (tag, bounds, note, fields, link).

        The passage and context are copied from the article (``article_text`` saves reading
        it again). ``touch=False`` keeps the record's ``updated_at``: undo puts back exactly
        what was there.
        """
        text = article_text if article_text is not None else self._text_of(annotation.article_id)
        check_or_raise(text, annotation.start, annotation.end)
        before, after = context_around(text, annotation.start, annotation.end)
        updated = replace(
            annotation,
            text=text[annotation.start : annotation.end],
            context_before=before,
            context_after=after,
            updated_at=now_iso() if touch else annotation.updated_at,
        )
        columns = [c for c in ANNOTATION_COLUMNS if c != "id"]
        values = dict(zip(ANNOTATION_COLUMNS, annotation_to_row(updated)))
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE annotations SET {quoted(columns, template='{} = ?')} WHERE id = ?",
                [values[c] for c in columns] + [updated.id],
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no annotation {annotation.id}")
        return updated

    def delete(self, annotation_id: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])

    def delete_many(self, annotation_ids: Iterable[str]) -> None:
        """Delete several annotations in one transaction (links to them are cleared)."""
        with self.db.atomic():
            self.db.conn.executemany("DELETE FROM annotations WHERE id = ?", [(i,) for i in annotation_ids])

    # -- reading ---------------------------------------------------------------------------

    def get(self, annotation_id: str) -> Annotation | None:
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [annotation_id]).fetchone()
        return annotation_from_row(row) if row else None

    def for_article(self, article_id: str, annotators: Iterable[str] | None = None) -> list[Annotation]:
        """The article's annotations by start offset; only those of ``annotators`` if given."""
        sql, params = f"{_SELECT} WHERE article_id = ?", [article_id]
        if annotators is not None:
            names = list(annotators)
            sql += f" AND annotator IN ({', '.join('?' * len(names))})"
            params += names
        sql += ' ORDER BY start, "end", created_at'
        return [annotation_from_row(r) for r in self.db.execute(sql, params)]

    def spans_for_article(self, article_id: str) -> list[tuple[str, str, int, int, str]]:
        """``(id, tag_id, start, end, annotator)`` of an article's annotations by position
        (start, then end).

        The light rows the article view needs to highlight thousands of annotations quickly;
        fetch whole records with :meth:`get` or :meth:`for_article`.
        """
        return self.db.execute(
            # The covering index (article_id, start, "end", ...) holds them in this order: no
            # sort step here, and none in the window either (2 ms for 20,000 references).
            'SELECT id, tag_id, start, "end", annotator FROM annotations WHERE article_id = ? ORDER BY start, "end"',
            [article_id],
        ).fetchall()

    def links_for_article(self, article_id: str) -> list[tuple[str, str]]:
        """``(id, linked_id)`` of an article's annotations that link to another (few rows)."""
        return [tuple(r) for r in self.db.execute(
            "SELECT id, linked_id FROM annotations WHERE article_id = ? AND linked_id IS NOT NULL", [article_id],
        )]

    def spans_with_tag(self, tag_id: str, annotator: str) -> set[tuple[str, int, int]]:
        """``(article_id, start, end)`` of every span ``annotator`` tagged with ``tag_id``."""
        rows = self.db.execute(
            'SELECT article_id, start, "end" FROM annotations WHERE tag_id = ? AND annotator = ?',
            [tag_id, annotator],
        )
        return set(map(tuple, rows))

    def linking_to(self, annotation_id: str) -> list[Annotation]:
        """The annotations whose link points to ``annotation_id``."""
        return [annotation_from_row(r) for r in self.db.execute(f"{_SELECT} WHERE linked_id = ?", [annotation_id])]

    def iter_all(
        self,
        annotators: Iterable[str] | None = None,
        tag_ids: Iterable[str] | None = None,
    ) -> Iterator[Annotation]:
        """Stream annotations grouped by article (import order), then by start offset."""
        where, params = [], []
        for column, values in (("annotator", annotators), ("tag_id", tag_ids)):
            if values is not None:
                values = list(values)
                where.append(f"annotations.{column} IN ({', '.join('?' * len(values))})")
                params += values
        sql = (
            f"SELECT {quoted(ANNOTATION_COLUMNS, 'annotations')} "
            "FROM annotations JOIN articles ON articles.id = annotations.article_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY articles.rowid, annotations.start, annotations."end", annotations.created_at'
        for row in self.db.execute(sql, params):
            yield annotation_from_row(row)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM annotations").fetchone()[0]

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` the project already has."""
        ids, found = list(ids), set()
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            marks = ", ".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT id FROM annotations WHERE id IN ({marks})", chunk))
        return found

    def annotators(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")]

    def counts_by_tag(self, annotator: str | None = None) -> dict[str, int]:
        """Annotation counts keyed by tag id: everyone's, or only ``annotator``'s."""
        if annotator is None:
            return dict(self.db.execute("SELECT tag_id, count(*) FROM annotations GROUP BY tag_id").fetchall())
        return dict(self.db.execute(
            "SELECT tag_id, count(*) FROM annotations WHERE annotator = ? GROUP BY tag_id", [annotator]
        ).fetchall())

    def counts_by_annotator(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT annotator, count(*) FROM annotations GROUP BY annotator").fetchall())

    def _text_of(self, article_id: str) -> str:
        text = self._articles.text(article_id)
        if text is None:
            raise InvalidAnnotationError(f"no article {article_id}")
        return text


def check_or_raise(text: str, start: int, end: int) -> None:
    try:
        check_span(text, start, end)
    except ValueError as error:
        raise InvalidAnnotationError(str(error)) from error


def check_passage(text: str, annotation: Annotation) -> None:
    """Refuse an annotation whose offsets or copied passage do not match ``text``."""
    check_or_raise(text, annotation.start, annotation.end)
    actual = text[annotation.start : annotation.end]
    if annotation.text != actual:
        raise InvalidAnnotationError(
            f"annotation {annotation.id}: passage {annotation.text[:40]!r} does not match the "
            f"article text at {annotation.start}-{annotation.end} ({actual[:40]!r})"
        )

