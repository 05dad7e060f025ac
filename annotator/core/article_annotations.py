"""The open article's annotations: one evented model that every view adapts.

The article view, the annotation list, the tag counts and the editor all show the same
annotations; each used to keep its own copy and its own blind-coding filter, and a nudge
moved the list's selection onto a neighbour. Here there is one copy, one visibility filter
(:attr:`ArticleAnnotations.hidden`) and one selection, held as an annotation *id* so no view
can move it by re-inserting a row.

Events (plain callbacks, no Qt) are only fired for annotations a coder can see in the open
article: ``added(annotation)``, ``removed(annotation)``, ``updated(old, new)``, ``reset()``
(another article, or the filter changed) and ``selection(annotation or None)``. Feed it the
:class:`~annotator.core.changes.Change` each edit returns with :meth:`apply`.

Light references (:class:`~annotator.core.span_index.SpanRef`) are held for every annotation;
whole records are loaded on demand through the ``load`` callable, since an article may hold
20,000 annotations.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from operator import itemgetter

from annotator.core.changes import Change
from annotator.core.model import Annotation, Article
from annotator.core.span_index import SpanRef

_BY_POSITION = itemgetter(2, 3)  # SpanRef start, end
_START = itemgetter(2)
_ID = itemgetter(0)
_make_ref = partial(tuple.__new__, SpanRef)  # C-level construction: 20,000 refs in ~2 ms

Loader = Callable[[str], Iterable[Annotation]]  # article id -> its whole annotations


class Event:
    """A list of callbacks called in order with the event's arguments."""

    def __init__(self) -> None:
        self._callbacks: list[Callable] = []

    def connect(self, callback: Callable) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args) -> None:
        for callback in list(self._callbacks):
            callback(*args)


def ref_of(annotation: Annotation) -> SpanRef:
    """The light reference of a whole annotation."""
    return SpanRef(annotation.id, annotation.tag_id, annotation.start, annotation.end, annotation.annotator)


class ArticleAnnotations:
    """The annotations of the article open for coding, with a visibility filter and a selection."""

    def __init__(self, load: Loader, fetch: Callable[[str], Annotation | None]):
        self._load = load  # whole records of the open article
        self._fetch = fetch  # one whole record by id
        self.article: Article | None = None
        self.hidden: frozenset[str] = frozenset()  # annotators whose annotations are not shown
        self._refs: dict[str, SpanRef] = {}  # every annotation of the article, hidden or not
        self._sorted: list[SpanRef] | None = None  # visible refs by position, rebuilt lazily
        self._full: dict[str, Annotation] = {}
        self._selected: str | None = None
        self.added, self.removed, self.updated = Event(), Event(), Event()
        self.reset, self.selection = Event(), Event()

    # -- opening and filtering ----------------------------------------------------------------

    @property
    def article_id(self) -> str | None:
        return self.article.id if self.article else None

    def open(self, article: Article, rows: Iterable[tuple], in_order: bool = False) -> None:
        """Show ``article`` with its annotations' light rows ``(id, tag_id, start, end, annotator)``;
        ``in_order`` says they come by position already (start, then end), as storage gives them."""
        self.article = article
        rows = list(rows)
        self._refs = dict(zip(map(_ID, rows), map(_make_ref, rows)))  # C-level: ~2 ms for 20,000
        self._sorted, self._full, self._selected = None, {}, None
        if in_order and not self.hidden:
            self._sorted = list(self._refs.values())  # no sort to do (2 ms for 20,000)
        self.reset.emit()
        self.selection.emit(None)

    def set_article(self, article: Article) -> None:
        """Replace the open article's record (its status changed); no event."""
        if self.article is not None and article.id == self.article.id:
            self.article = article

    def set_hidden(self, annotators: Iterable[str]) -> None:
        """Blind coding: hide these annotators' annotations from every view."""
        hidden = frozenset(annotators)
        if hidden == self.hidden:
            return
        self.hidden = hidden
        self._sorted = None
        if self._selected is not None and not self.is_visible_id(self._selected):
            self._selected = None
        self.reset.emit()
        self.selection.emit(self.selected)

    def is_visible(self, annotation: Annotation | SpanRef) -> bool:
        """Whether views show it: of the open article (or a ref) and not by a hidden coder."""
        if isinstance(annotation, Annotation) and annotation.article_id != self.article_id:
            return False
        return annotation.annotator not in self.hidden

    def is_visible_id(self, annotation_id: str) -> bool:
        ref = self._refs.get(annotation_id)
        return ref is not None and ref.annotator not in self.hidden

    # -- reading ------------------------------------------------------------------------------

    def refs(self) -> list[SpanRef]:
        """The visible annotations in light form, by position (a new list)."""
        if self._sorted is None:
            hidden = self.hidden
            refs = [r for r in self._refs.values() if r.annotator not in hidden] if hidden else list(self._refs.values())
            refs.sort(key=_BY_POSITION)
            self._sorted = refs
        return list(self._sorted)

    def around(self, offset: int, count: int) -> list[SpanRef]:
        """About ``count`` visible annotations nearest ``offset`` in text order (link choices)."""
        if self._sorted is None:
            self.refs()
        cache = self._sorted
        middle = bisect_left(cache, offset, key=_START)
        return cache[max(0, middle - count // 2) : middle + count // 2]

    def ref(self, annotation_id: str) -> SpanRef | None:
        """The light reference of a visible annotation of the open article."""
        ref = self._refs.get(annotation_id)
        return ref if ref is not None and ref.annotator not in self.hidden else None

    def __len__(self) -> int:
        return len(self._sorted) if self._sorted is not None else len(self.refs())

    def get(self, annotation_id: str) -> Annotation | None:
        """A visible annotation of the open article, whole (loaded on first use)."""
        if self.ref(annotation_id) is None:
            return None
        found = self._full.get(annotation_id)
        if found is None:
            found = self._fetch(annotation_id)
            if found is not None:
                self._full[found.id] = found
        return found

    def cached(self, annotation_id: str) -> Annotation | None:
        """The visible annotation as this model last knew it whole, without reading storage
        (None if it was never loaded): what a change announced from elsewhere started from."""
        return self._full.get(annotation_id) if self.ref(annotation_id) is not None else None

    def loaded(self) -> dict[str, Annotation]:
        """Every annotation of the open article this model holds whole (hidden or not), by id,
        without reading storage: what an edit can be worked out from with the server away."""
        return dict(self._full)

    def annotations(self) -> list[Annotation]:
        """The visible annotations, whole, by position."""
        if self.article is not None and any(r.id not in self._full for r in self._refs.values()):
            for a in self._load(self.article.id):
                self._full.setdefault(a.id, a)
        return [self._full[r.id] for r in self.refs() if r.id in self._full]

    # -- selection (by id) --------------------------------------------------------------------

    @property
    def selected_id(self) -> str | None:
        return self._selected

    @property
    def selected(self) -> Annotation | None:
        return self.get(self._selected) if self._selected is not None else None

    def select(self, annotation_id: str | None) -> None:
        """Select a visible annotation of the open article (anything else selects nothing)."""
        if annotation_id is not None and self.ref(annotation_id) is None:
            annotation_id = None
        self._selected = annotation_id
        self.selection.emit(self.selected)

    # -- following edits ----------------------------------------------------------------------

    def apply(self, change: Change) -> None:
        """Bring the model in line with a change just written, emitting events for what a coder
        can see. Annotations of other articles are ignored (the article is not open)."""
        mine = self.article_id
        if mine is None:
            return
        for annotation in change.added:
            if annotation.article_id == mine and annotation.id not in self._refs:
                self._remember(annotation)
                if self.is_visible(annotation):
                    self.added.emit(annotation)
        for before, after in change.updated:
            if after.article_id == mine and after.id in self._refs:
                previous = self._full.get(after.id, before)
                self._remember(after)
                if self.is_visible(after):
                    self.updated.emit(previous, after)
        for annotation in change.removed:
            if annotation.article_id == mine and annotation.id in self._refs:
                self._forget(annotation.id)
                if self._selected == annotation.id:
                    self._selected = None
                    self.selection.emit(None)
                if self.is_visible(annotation):
                    self.removed.emit(annotation)
        for status in change.statuses:
            if status.article_id == mine and self.article is not None:
                self.article = replace(self.article, status=status.new)
        for article in change.articles:  # corrected metadata of the open article
            if article.article_id == mine and article.new is not None and self.article is not None:
                self.article = replace(article.new, status=self.article.status)

    def _remember(self, annotation: Annotation) -> None:
        self._forget(annotation.id)
        ref = ref_of(annotation)
        self._full[annotation.id] = annotation
        self._refs[annotation.id] = ref
        # Keep the sorted cache in step (re-sorting 20,000 references costs more than a tag).
        if self._sorted is not None and ref.annotator not in self.hidden:
            insort(self._sorted, ref, key=_BY_POSITION)

    def _forget(self, annotation_id: str) -> None:
        self._full.pop(annotation_id, None)
        old = self._refs.pop(annotation_id, None)
        if old is not None and self._sorted is not None:
            cache = self._sorted
            i = bisect_left(cache, _BY_POSITION(old), key=_BY_POSITION)
            while i < len(cache) and cache[i].id != annotation_id and _BY_POSITION(cache[i]) == _BY_POSITION(old):
                i += 1
            if i < len(cache) and cache[i].id == annotation_id:
                del cache[i]
