"""The tags table. Annotations refer to tags by id, so a rename carries them along."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from annotator.storage._sqlite_utils import Database

from annotator.core import codebook as rules
from annotator.core.model import Tag
from annotator.storage.rows import TAG_COLUMNS, quoted, tag_from_row, tag_to_row

_SELECT = f"SELECT {quoted(TAG_COLUMNS)} FROM tags"


class CodebookStore:
    def __init__(self, db: Database):
        self.db = db

    def tags(self, include_retired: bool = True) -> list[Tag]:
        """Tags in codebook order."""
        sql = _SELECT + ("" if include_retired else " WHERE retired = 0") + " ORDER BY position, name"
        return [tag_from_row(r) for r in self.db.execute(sql)]

    def active(self) -> list[Tag]:
        """The tags offered for tagging."""
        return self.tags(include_retired=False)

    def get(self, tag_id: str) -> Tag | None:
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [tag_id]).fetchone()
        return tag_from_row(row) if row else None

    def by_name(self, name: str) -> Tag | None:
        """The tag called ``name``, ignoring case."""
        row = self.db.execute(f"{_SELECT} WHERE name = ? COLLATE NOCASE", [name.strip()]).fetchone()
        return tag_from_row(row) if row else None

    def add(self, tag: Tag) -> Tag:
        """Add a tag at the end of the codebook (its colour defaults to a free palette colour)."""
        existing = self.tags()
        tag = replace(
            tag,
            name=tag.name.strip(),
            colour=tag.colour or rules.next_colour(existing),
            position=max((t.position for t in existing), default=-1) + 1,
        )
        rules.validate(existing + [tag])
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO tags ({quoted(TAG_COLUMNS)}) VALUES ({', '.join('?' * len(TAG_COLUMNS))})",
                tag_to_row(tag),
            )
        return tag

    def update(self, tag: Tag) -> Tag:
        """Save a changed tag (name, colour, key, definition, example, fields, retired)."""
        tag = replace(tag, name=tag.name.strip())
        others = [t for t in self.tags() if t.id != tag.id]
        if len(others) == len(self.tags()):
            raise KeyError(f"no tag {tag.id}")
        rules.validate(others + [tag])
        columns = [c for c in TAG_COLUMNS if c != "id"]
        values = dict(zip(TAG_COLUMNS, tag_to_row(tag)))
        with self.db.atomic():
            self.db.execute(
                f"UPDATE tags SET {quoted(columns, template='{} = ?')} WHERE id = ?",
                [values[c] for c in columns] + [tag.id],
            )
        return tag

    def restore(self, tag: Tag) -> Tag:
        """Insert ``tag`` exactly as given, position included (undoing its removal)."""
        rules.validate(self.tags() + [tag])
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO tags ({quoted(TAG_COLUMNS)}) VALUES ({', '.join('?' * len(TAG_COLUMNS))})",
                tag_to_row(tag),
            )
        return tag

    def delete(self, tag_id: str) -> None:
        """Remove a tag no annotation uses (undoing its addition); retire tags in use instead."""
        used = self.db.execute("SELECT count(*) FROM annotations WHERE tag_id = ?", [tag_id]).fetchone()[0]
        if used:
            raise rules.CodebookError(f"the tag has {used} annotation(s); retire it instead of removing it")
        with self.db.atomic():
            self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])

    def rename(self, tag_id: str, name: str) -> Tag:
        return self.update(replace(self._require(tag_id), name=name))

    def recolour(self, tag_id: str, colour: str) -> Tag:
        return self.update(replace(self._require(tag_id), colour=colour))

    def rekey(self, tag_id: str, key: str) -> Tag:
        return self.update(replace(self._require(tag_id), key=key))

    def retire(self, tag_id: str, retired: bool = True) -> Tag:
        """Hide a tag from tagging (or bring it back); its annotations are kept."""
        return self.update(replace(self._require(tag_id), retired=retired))

    def reorder(self, tag_ids: Iterable[str]) -> None:
        """Put the tags in the given order; tags not named keep their place after them."""
        ordered = list(tag_ids)
        rest = [t.id for t in self.tags() if t.id not in ordered]
        with self.db.atomic():
            for position, tag_id in enumerate(ordered + rest):
                self.db.execute("UPDATE tags SET position = ? WHERE id = ?", [position, tag_id])

    def replace_all(self, tags: list[Tag]) -> None:
        """Import a codebook: update tags matched by id or name, add the others.

        The file's keys win: a tag already here that holds a key the file gives to another
        tag loses that key, so the imported codebook works as written. A backup is taken first.
        """
        from annotator.storage.backups import backup_before

        if not self.db.conn.in_transaction:
            backup_before(self.db, "before-codebook-import")
        with self.db.atomic():
            matched = {}
            for tag in tags:
                current = self.get(tag.id) or self.by_name(tag.name)
                matched[id(tag)] = current
            claimed = {t.key for t in tags if t.key and not t.retired}
            keep = {c.id for c in matched.values() if c is not None}
            for other in self.tags():
                if other.id not in keep and other.key in claimed:
                    self.update(replace(other, key=""))
            for tag in tags:  # free every incoming key first, so swaps between tags work
                current = matched[id(tag)]
                if current is not None and current.key:
                    self.update(replace(self._require(current.id), key=""))
            for tag in tags:
                current = matched[id(tag)]
                if current is None:
                    self.add(tag)
                else:
                    self.update(replace(tag, id=current.id, position=current.position))

    def _require(self, tag_id: str) -> Tag:
        tag = self.get(tag_id)
        if tag is None:
            raise KeyError(f"no tag {tag_id}")
        return tag
