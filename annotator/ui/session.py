"""The one object the window's widgets share: the open project and what is being coded.

Widgets read through the session and change things only by calling its methods. Every change
is a :mod:`~annotator.ui.undo_commands` command on :attr:`ProjectSession.undo_stack`, is written
to the project file in its own transaction, and only then announced by a specific signal
(``annotationAdded`` ...), so each view updates just what changed.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from operator import itemgetter

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.model import Annotation, Article, Status, Tag
from annotator.core.span_index import SpanRef
from annotator.core.text import context_around
from annotator.storage.errors import InvalidAnnotationError
from annotator.ui.undo_commands import (
    AddAnnotationCommand,
    RemoveAnnotationCommand,
    SetStatusCommand,
    UpdateAnnotationCommand,
)


_BY_POSITION = itemgetter(2, 3)  # SpanRef start, end
_make_ref = partial(tuple.__new__, SpanRef)  # C-level construction: 20,000 refs in ~2 ms


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an article's records are built.

    Thousands of new small objects trigger full collections that walk every object the
    application holds; none of these records forms a cycle, so nothing is lost by waiting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ProjectSession(QObject):
    articleOpened = Signal(str)  # article id
    annotationAdded = Signal(object)  # Annotation
    annotationRemoved = Signal(object)  # Annotation
    annotationUpdated = Signal(object, object)  # old Annotation, new Annotation
    codebookChanged = Signal()
    articleStatusChanged = Signal(str, str)  # article id, Status value
    articlesImported = Signal(list)  # article ids
    annotatorChanged = Signal(str)
    selectedAnnotationChanged = Signal(object)  # Annotation or None
    hiddenAnnotatorsChanged = Signal()

    def __init__(self, project, annotator: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
        self.hidden_annotators: set[str] = set()
        self.article_id: str | None = None
        self.article: Article | None = None
        self.selected: Annotation | None = None
        # This article's annotations (all annotators; hidden ones are filtered on read): light
        # references for all, whole records loaded on demand, since an article may hold 20,000.
        self._refs: dict[str, SpanRef] = {}
        self._sorted_refs: list[SpanRef] | None = None  # refs() cache, dropped on any change
        self._full: dict[str, Annotation] = {}
        self._tags: dict[str, Tag] = {}
        self._load_codebook()

    # -- codebook ---------------------------------------------------------------------------

    def _load_codebook(self) -> None:
        self._tags = {t.id: t for t in self.project.codebook.tags()}

    def tags(self, include_retired: bool = False) -> list[Tag]:
        """The codebook in order (active tags only unless ``include_retired``)."""
        return [t for t in self._tags.values() if include_retired or not t.retired]

    def tag(self, tag_id: str) -> Tag | None:
        return self._tags.get(tag_id)

    def tag_name(self, tag_id: str) -> str:
        tag = self._tags.get(tag_id)
        return tag.name if tag else "Annotation"

    def tag_for_key(self, key: str) -> Tag | None:
        """The active tag whose key is ``key`` (e.g. "1")."""
        return next((t for t in self._tags.values() if key and t.key == key and not t.retired), None)

    def reload_codebook(self) -> None:
        """Re-read the codebook after it was edited (codebook dialog, import)."""
        self._load_codebook()
        self.codebookChanged.emit()

    # -- the current article ----------------------------------------------------------------

    def open_article(self, article_id: str) -> None:
        """Make ``article_id`` the current article and announce it."""
        article = self.project.articles.get(article_id)
        if article is None:
            raise KeyError(f"no article {article_id}")
        with paused_gc():
            self.article_id, self.article = article_id, article
            rows = self.project.annotations.spans_for_article(article_id)
            self._refs = dict(zip(map(itemgetter(0), rows), map(_make_ref, rows)))
            self._sorted_refs = None
            del rows  # before the collector runs again
            self._full = {}
            self.selected = None
            self.articleOpened.emit(article_id)
            self.selectedAnnotationChanged.emit(None)

    def refs(self) -> list[SpanRef]:
        """The current article's visible annotations in light form, by start offset (a new list)."""
        if self._sorted_refs is None:
            hidden = self.hidden_annotators
            refs = [r for r in self._refs.values() if r.annotator not in hidden] if hidden else list(self._refs.values())
            refs.sort(key=_BY_POSITION)
            self._sorted_refs = refs
        return list(self._sorted_refs)

    def ref(self, annotation_id: str) -> SpanRef | None:
        """The light reference of one of the current article's annotations."""
        return self._refs.get(annotation_id)

    def annotations(self) -> list[Annotation]:
        """The current article's visible annotations, whole, by start offset."""
        missing = [r.id for r in self._refs.values() if r.id not in self._full]
        if missing:
            for a in self.project.annotations.for_article(self.article_id):
                self._full.setdefault(a.id, a)
        return [self._full[r.id] for r in self.refs() if r.id in self._full]

    def annotation(self, annotation_id: str) -> Annotation | None:
        """An annotation (whole) of the current article, or from the file for any other."""
        found = self._full.get(annotation_id)
        if found is None:
            found = self.project.annotations.get(annotation_id)
            if found is not None and found.id in self._refs:
                self._full[found.id] = found
        return found

    def _remember(self, annotation: Annotation) -> None:
        self._forget_ref(annotation.id)
        ref = SpanRef(annotation.id, annotation.tag_id, annotation.start, annotation.end, annotation.annotator)
        self._full[annotation.id] = annotation
        self._refs[annotation.id] = ref
        # Keep the sorted cache in step (re-sorting 20,000 references costs more than a tag).
        if self._sorted_refs is not None and ref.annotator not in self.hidden_annotators:
            insort(self._sorted_refs, ref, key=_BY_POSITION)

    def _forget_ref(self, annotation_id: str) -> None:
        old = self._refs.pop(annotation_id, None)
        if old is not None and self._sorted_refs is not None:
            cache = self._sorted_refs
            i = bisect_left(cache, _BY_POSITION(old), key=_BY_POSITION)
            while i < len(cache) and cache[i].id != annotation_id and _BY_POSITION(cache[i]) == _BY_POSITION(old):
                i += 1
            if i < len(cache) and cache[i].id == annotation_id:
                del cache[i]

    def is_visible(self, annotation: Annotation) -> bool:
        return annotation.annotator not in self.hidden_annotators

    def set_hidden_annotators(self, names: Iterable[str]) -> None:
        """Hide other coders' annotations (blind coding) and re-open the article to show it."""
        self.hidden_annotators = set(names)
        self._sorted_refs = None
        self.hiddenAnnotatorsChanged.emit()
        if self.article_id is not None:
            self.open_article(self.article_id)

    def select_annotation(self, annotation: Annotation | None) -> None:
        """Select an annotation of the current article (or none); views scroll and flash it."""
        if annotation is not None:
            annotation = self.annotation(annotation.id) if annotation.id in self._refs else None
        self.selected = annotation
        self.selectedAnnotationChanged.emit(annotation)

    def set_annotator(self, name: str) -> None:
        name = name.strip()
        if name and name != self.annotator:
            self.annotator = name
            self.annotatorChanged.emit(name)

    def notify_articles_imported(self, ids: list[str]) -> None:
        """Tell the widgets that an import added ``ids`` (the import dialog calls this)."""
        self.articlesImported.emit(list(ids))

    # -- changes (each one undoable) ---------------------------------------------------------

    def add_annotation(self, tag_id: str, start: int, end: int, **values) -> Annotation:
        """Tag ``start``-``end`` (code points) of the current article; one undo step.

        ``values`` may hold ``note``, ``fields`` and ``linked_id``. Raises
        :class:`~annotator.storage.errors.InvalidAnnotationError` for a bad span or tag.
        """
        if self.article_id is None:
            raise InvalidAnnotationError("no article is open")
        if not self.annotator:
            raise InvalidAnnotationError("set the annotator's name first")
        if tag_id not in self._tags:
            raise InvalidAnnotationError(f"no tag {tag_id}")
        text = self.article.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise InvalidAnnotationError(f"span {start}-{end} lies outside the text (length {len(text)})")
        before, after = context_around(text, start, end)
        annotation = Annotation(
            article_id=self.article_id, tag_id=tag_id, start=start, end=end, text=text[start:end],
            annotator=self.annotator, context_before=before, context_after=after,
            note=values.get("note", ""), fields=dict(values.get("fields") or {}),
            linked_id=values.get("linked_id"),
        )
        previous = self.article.status if self.article.status is Status.TODO else None
        self._do_add(annotation, mark_started=previous is not None)
        self.undo_stack.push(AddAnnotationCommand(self, annotation, previous, already_done=True))
        return annotation

    def remove_annotation(self, annotation_id: str) -> None:
        """Delete an annotation; links pointing to it are cleared (and restored by undo)."""
        annotation = self.annotation(annotation_id)
        if annotation is None:
            raise KeyError(f"no annotation {annotation_id}")
        linking = self.project.annotations.linking_to(annotation_id)
        self._do_remove(annotation_id)
        self.undo_stack.push(RemoveAnnotationCommand(self, annotation, linking, already_done=True))

    def update_annotation(self, new: Annotation) -> Annotation:
        """Save a changed annotation (tag, note, fields, link or bounds); one undo step."""
        old = self.annotation(new.id)
        if old is None:
            raise KeyError(f"no annotation {new.id}")
        stored = self._do_update(old, new)
        self.undo_stack.push(UpdateAnnotationCommand(self, old, stored, already_done=True))
        return stored

    def set_status(self, article_id: str, status: Status | str) -> None:
        """Set an article's status (to do, in progress, done); one undo step."""
        status = Status(status)
        article = self.project.articles.get(article_id)
        if article is None:
            raise KeyError(f"no article {article_id}")
        if article.status is status:
            return
        self._do_set_status(article_id, status)
        self.undo_stack.push(SetStatusCommand(self, article_id, article.status, status, already_done=True))

    # -- what the commands do: write first, then announce -------------------------------------

    def _show(self, article_id: str) -> None:
        # Undo/redo of a change made on another article brings that article back into view.
        if article_id != self.article_id:
            self.open_article(article_id)

    def _do_add(self, annotation: Annotation, *, mark_started: bool = False) -> None:
        self._show(annotation.article_id)
        self.project.annotations.add(annotation, article_text=self.article.text)
        self._remember(annotation)
        self.annotationAdded.emit(annotation)
        if mark_started:
            self._do_set_status(annotation.article_id, Status.IN_PROGRESS)

    def _do_remove(self, annotation_id: str) -> None:
        annotation = self.annotation(annotation_id)
        if annotation is None:
            return
        self._show(annotation.article_id)
        linking = self.project.annotations.linking_to(annotation_id)
        self.project.annotations.delete(annotation_id)  # the file clears links to it
        self._forget_ref(annotation_id)
        self._full.pop(annotation_id, None)
        if self.selected is not None and self.selected.id == annotation_id:
            self.select_annotation(None)
        self.annotationRemoved.emit(annotation)
        for other in linking:
            unlinked = replace(other, linked_id=None)
            self._remember(unlinked)
            self.annotationUpdated.emit(other, unlinked)

    def _do_update(self, old: Annotation, new: Annotation) -> Annotation:
        self._show(new.article_id)
        stored = self.project.annotations.update(new)
        previous = self._full.get(new.id, old)
        self._remember(stored)
        if self.selected is not None and self.selected.id == stored.id:
            self.selected = stored
        self.annotationUpdated.emit(previous, stored)
        return stored

    def _do_set_status(self, article_id: str, status: Status) -> None:
        self.project.articles.set_status(article_id, status)
        if self.article is not None and self.article_id == article_id:
            self.article = replace(self.article, status=status)
        self.articleStatusChanged.emit(article_id, status.value)

    # -- changes written elsewhere (review decisions), announced like our own ----------------

    def announce_external_changes(self, added: Iterable[Annotation] = (), removed: Iterable[Annotation] = ()) -> None:
        """Annotations an action wrote or deleted itself (a review decision and its undo):
        update the current article's cache, then emit the usual signals so views follow."""
        for annotation in removed:
            self._forget_ref(annotation.id)
            self._full.pop(annotation.id, None)
            if self.selected is not None and self.selected.id == annotation.id:
                self.select_annotation(None)
            self.annotationRemoved.emit(annotation)
        for annotation in added:
            if annotation.article_id == self.article_id:
                self._remember(annotation)
            self.annotationAdded.emit(annotation)
