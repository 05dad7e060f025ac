"""Coding edits as operations: each one transaction, each returning what changed and its inverse.

How to call it (window, command line, scripts, tests — no Qt needed)::

    from annotator.actions import editing
    from annotator.actions.history import History

    history = History(project)
    change = editing.add_annotation(project, article_id, tag_id, 4, 12, "ana")
    history.push(change)            # already written; the history only remembers it
    history.undo()                  # writes change.inverse() in one transaction
    history.redo()

Every operation reads what it needs, checks it, and writes everything in **one transaction**
(the first annotation on a to-do article and the article's move to "in progress" commit
together, or neither does). It returns a :class:`~annotator.core.changes.Change` holding whole
records before and after, so :func:`revert` (undo) and :func:`apply` (redo) need nothing else.
An operation that would change nothing returns an empty change (``change.empty``). Bad input
raises :class:`~annotator.storage.errors.InvalidAnnotationError` (a ``ValueError``) with one
line a researcher can act on; a missing annotation or article raises :class:`NotFoundError`
(also a ``KeyError``). A write the file refuses (read-only, locked, disk full) raises the
storage error unchanged and leaves the file as it was; :mod:`annotator.actions.write_failures`
turns it into a sentence.

Adding a new operation (e.g. "set article variable"): write a function here or in a module of
its own that (1) opens ``with transaction(project):``, (2) reads and validates, (3) builds a
``Change`` describing whole before/after states, (4) writes it with :func:`apply` (inside the
same transaction), and returns it. If the change holds a new kind of record, add a field to
``Change`` (with its inverse) and teach :func:`apply` to write it — undo, redo and the
window's views then follow without further code.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Iterator

from annotator.core import selection
from annotator.core.changes import Change, StatusChange
from annotator.core.model import Annotation, Status, now_iso
from annotator.core.text import context_around
from annotator.storage import Project
from annotator.storage.annotations import check_or_raise
from annotator.storage.errors import InvalidAnnotationError

__all__ = [
    "NotFoundError", "add_annotation", "apply", "describe_update", "edit_note", "move_boundary",
    "remove_annotation", "retag", "revert", "set_bounds", "set_field", "set_link", "set_status",
    "transaction", "update_annotation",
]

EDGES = ("start", "end")
UNITS = ("word", "character")


class NotFoundError(InvalidAnnotationError, KeyError):
    """No annotation (or article) with that id."""

    __str__ = Exception.__str__  # not KeyError's quoted repr


@contextmanager
def transaction(project: Project) -> Iterator[None]:
    """One transaction for one user action (nested calls join the outer one)."""
    with project.db.atomic():
        yield


# -- writing a change (redo) and its inverse (undo) ------------------------------------------


def apply(project: Project, change: Change, texts: Mapping[str, str] | None = None) -> None:
    """Write ``change`` in one transaction: all of it or, if anything fails, none of it.

    ``texts`` (article id -> text) saves re-reading long articles the caller already holds.
    """
    known = dict(texts or {})
    store = project.annotations
    with transaction(project):
        for tag in change.tags:  # codebook edits (see actions.codebook)
            if tag.new is None:
                project.codebook.delete(tag.old.id)
            elif tag.old is None:
                project.codebook.restore(tag.new)
            else:
                project.codebook.update(tag.new)
        for article in change.articles:  # restored before their annotations come back
            if article.old is None:
                project.articles.restore(article.new)
            elif article.new is not None:
                project.articles.update_metadata(article.new)
        if change.added:
            store.add_many(change.added, known_texts=known)
        if change.relations_added:
            project.relations.add_many(change.relations_added)
        for _before, after in change.updated:
            store.update(after, article_text=known.get(after.article_id), touch=False)
        if change.relations_removed:
            project.relations.delete_many(change.relations_removed)
        if change.removed:
            store.delete_many(a.id for a in change.removed)
        for article in change.articles:  # removed once their annotations are gone
            if article.new is None:
                project.articles.delete(article.old.id)
        for value in change.values:  # article-level variables
            if value.new is None:
                project.article_values.delete(value.article_id, value.variable_id, value.annotator)
            else:
                project.article_values.put(value.new)
        for status in change.statuses:
            project.articles.set_status(status.article_id, status.new)
        for memo in change.memos:  # article memos (see actions.memos); a restored article has its row by now
            if memo.new is None:
                project.memos.delete(memo.article_id, memo.annotator)
            else:
                project.memos.put(memo.new)


def revert(project: Project, change: Change, texts: Mapping[str, str] | None = None) -> Change:
    """Undo ``change`` (write its inverse in one transaction); returns the inverse written."""
    inverse = change.inverse()
    apply(project, inverse, texts)
    return inverse


# -- annotations -------------------------------------------------------------------------------


def add_annotation(
    project: Project,
    article_id: str,
    tag_id: str,
    start: int,
    end: int,
    annotator: str,
    *,
    note: str = "",
    fields: Mapping[str, Any] | None = None,
    linked_id: str | None = None,
    text: str | None = None,
    annotation_id: str | None = None,
) -> Change:
    """Tag code points ``start``-``end`` of an article for ``annotator``. A to-do article moves
    to "in progress" in the same transaction. ``text`` is the article's text if the caller
    holds it already (a long article is a megabyte). ``annotation_id`` fixes the new
    annotation's id (a fresh UUID when not given): an edit worked out twice — sent, and kept
    when the server did not answer — then names the same annotation."""
    annotator = (annotator or "").strip()
    if not annotator:
        raise InvalidAnnotationError("set the annotator's name first")
    with transaction(project):
        tag = _tag(project, tag_id)
        status = project.articles.status(article_id)
        if status is None:
            raise NotFoundError(f"no article {article_id}")
        text = text if text is not None else project.articles.text(article_id)
        check_or_raise(text, start, end)
        if linked_id is not None:
            _check_link_target(project, article_id, linked_id, None)
        before, after = context_around(text, start, end)
        annotation = Annotation(
            article_id=article_id, tag_id=tag.id, start=start, end=end, text=text[start:end],
            annotator=annotator, context_before=before, context_after=after, note=note or "",
            fields=dict(fields or {}), linked_id=linked_id, **({"id": annotation_id} if annotation_id else {}),
        )
        started = (StatusChange(article_id, status, Status.IN_PROGRESS),) if status is Status.TODO else ()
        change = Change(label=f"Add {tag.name}", added=(annotation,), statuses=started)
        apply(project, change, {article_id: text})
    return change


def remove_annotation(project: Project, annotation_id: str) -> Change:
    """Delete an annotation. Links pointing to it are cleared in the same transaction, and
    the change remembers them (and its typed relations), so undo restores the annotation
    *and* those links."""
    with transaction(project):
        annotation = _annotation(project, annotation_id)
        unlinked = tuple(
            (other, replace(other, linked_id=None))
            for other in project.annotations.linking_to(annotation_id)
            if other.id != annotation_id
        )
        change = Change(label=f"Delete {_tag_name(project, annotation.tag_id)}",
                        removed=(annotation,), updated=unlinked,
                        relations_removed=_relations_involving(project, annotation_id))
        apply(project, change)
    return change


def update_annotation(project: Project, changed: Annotation, *, text: str | None = None,
                      label: str | None = None) -> Change:
    """Save ``changed`` (same id) with its tag, bounds, note, fields or link edited. The
    passage and context are copied afresh from the article; its article, annotator and
    creation time cannot change. Returns an empty change when nothing differs."""
    with transaction(project):
        old = _annotation(project, changed.id)
        tag = _tag(project, changed.tag_id)
        text = text if text is not None else project.articles.text(old.article_id)
        check_or_raise(text, changed.start, changed.end)
        if changed.linked_id is not None and changed.linked_id != old.linked_id:
            _check_link_target(project, old.article_id, changed.linked_id, old.id)
        before, after = context_around(text, changed.start, changed.end)
        new = replace(
            changed, article_id=old.article_id, annotator=old.annotator, created_at=old.created_at,
            tag_id=tag.id, text=text[changed.start : changed.end], context_before=before,
            context_after=after, fields=dict(changed.fields), note=changed.note or "",
            updated_at=old.updated_at,
        )
        if new == old:
            return Change(label=label or "Edit")
        new = replace(new, updated_at=now_iso())
        change = Change(label=label or describe_update(project, old, new), updated=((old, new),))
        apply(project, change, {old.article_id: text})
    return change


def retag(project: Project, annotation_id: str, tag_id: str) -> Change:
    """Give an annotation another tag, keeping the values of fields the new tag also has."""
    with transaction(project):
        old = _annotation(project, annotation_id)
        tag = _tag(project, tag_id)
        kept = {k: v for k, v in old.fields.items() if tag.field_named(k) is not None}
        return update_annotation(project, replace(old, tag_id=tag.id, fields=kept))


def move_boundary(project: Project, annotation_id: str, edge: str, step: int, *,
                  by: str = "word", text: str | None = None) -> Change:
    """Move an annotation's ``edge`` ("start" or "end") by ``step`` words or characters
    (negative: earlier). A word step lands on word edges; a character step moves one visible
    character (an emoji or an accented letter counts as one), so a span can take in its full
    stop or closing quotation mark. An edge never crosses the other: then nothing changes."""
    if edge not in EDGES:
        raise InvalidAnnotationError(f"edge must be start or end, not {edge!r}")
    if by not in UNITS:
        raise InvalidAnnotationError(f"a boundary moves by word or character, not {by!r}")
    with transaction(project):
        old = _annotation(project, annotation_id)
        text = text if text is not None else project.articles.text(old.article_id)
        move = {
            ("start", "word"): selection.nudge_start, ("end", "word"): selection.nudge_end,
            ("start", "character"): selection.nudge_start_chars, ("end", "character"): selection.nudge_end_chars,
        }[edge, by]
        start, end = move(text, old.start, old.end, step)
        if (start, end) == (old.start, old.end):
            return Change(label=f"Move {edge.capitalize()}")
        return update_annotation(project, replace(old, start=start, end=end), text=text)


def set_bounds(project: Project, annotation_id: str, start: int, end: int) -> Change:
    """Give an annotation exact new bounds (code points)."""
    with transaction(project):
        return update_annotation(project, replace(_annotation(project, annotation_id), start=start, end=end))


def edit_note(project: Project, annotation_id: str, note: str) -> Change:
    """Replace an annotation's note."""
    with transaction(project):
        return update_annotation(project, replace(_annotation(project, annotation_id), note=note))


def set_field(project: Project, annotation_id: str, name: str, value: Any) -> Change:
    """Set one of the tag's fields (``None`` clears it). The tag must have that field."""
    with transaction(project):
        old = _annotation(project, annotation_id)
        tag = _tag(project, old.tag_id)
        if tag.field_named(name) is None:
            raise InvalidAnnotationError(f"tag {tag.name} has no field {name!r}")
        fields = dict(old.fields)
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
        return update_annotation(project, replace(old, fields=fields))


def set_link(project: Project, annotation_id: str, linked_id: str | None) -> Change:
    """Link an annotation to another of the same article (``None`` unlinks it)."""
    with transaction(project):
        return update_annotation(project, replace(_annotation(project, annotation_id), linked_id=linked_id))


# -- articles ----------------------------------------------------------------------------------

STATUS_LABELS = {Status.DONE: "Mark Done", Status.TODO: "Mark To Do", Status.IN_PROGRESS: "Mark In Progress"}


def set_status(project: Project, article_id: str, status: Status | str) -> Change:
    """Set an article's status (to do, in progress, done)."""
    try:
        status = Status(status)
    except ValueError:
        raise InvalidAnnotationError(
            f"unknown status {status!r}; use one of {', '.join(s.value for s in Status)}"
        ) from None
    with transaction(project):
        old = project.articles.status(article_id)
        if old is None:
            raise NotFoundError(f"no article {article_id}")
        change = Change(label=STATUS_LABELS[status])
        if old is not status:
            change = replace(change, statuses=(StatusChange(article_id, old, status),))
            apply(project, change)
    return change


# -- naming a change ---------------------------------------------------------------------------


def describe_update(project: Project, old: Annotation, new: Annotation) -> str:
    """The Edit menu's name for an annotation change, e.g. "Retag Quote as Claim"."""
    name = _tag_name(project, new.tag_id)
    if old.tag_id != new.tag_id:
        return f"Retag {_tag_name(project, old.tag_id)} as {name}"
    if (old.start, old.end) != (new.start, new.end):
        edge = "Start" if old.start != new.start and old.end == new.end else (
            "End" if old.end != new.end and old.start == new.start else "Boundaries")
        return f"Move {edge} of {name}"
    if old.note != new.note:
        return "Edit Note"
    if old.fields != new.fields:
        changed = sorted(k for k in set(old.fields) | set(new.fields) if old.fields.get(k) != new.fields.get(k))
        return f"Edit {', '.join(changed) or 'Fields'}"
    if old.linked_id != new.linked_id:
        return "Unlink" if new.linked_id is None else "Link"
    return f"Edit {name}"


# -- reading with clear errors -----------------------------------------------------------------


def _annotation(project: Project, annotation_id: str) -> Annotation:
    found = project.annotations.get(annotation_id)
    if found is None:
        raise NotFoundError(f"no annotation {annotation_id}")
    return found


def _tag(project: Project, tag_id: str):
    tag = project.codebook.get(tag_id)
    if tag is None:
        raise InvalidAnnotationError(f"no tag {tag_id} in the codebook")
    return tag


def _tag_name(project: Project, tag_id: str) -> str:
    tag = project.codebook.get(tag_id)
    return tag.name if tag else "Annotation"


def _relations_involving(project: Project, annotation_id: str) -> tuple[tuple[str, str, str], ...]:
    # A study on a PostgreSQL server (team mode) keeps no typed relations: nothing to remember.
    relations = getattr(project, "relations", None)
    return tuple(relations.involving(annotation_id)) if relations is not None else ()


def _check_link_target(project: Project, article_id: str, linked_id: str, own_id: str | None) -> None:
    if linked_id == own_id:
        raise InvalidAnnotationError("an annotation cannot link to itself")
    target = project.annotations.get(linked_id)
    if target is None:
        raise NotFoundError(f"no annotation {linked_id} to link to")
    if target.article_id != article_id:
        raise InvalidAnnotationError("a link must point to an annotation of the same article")
