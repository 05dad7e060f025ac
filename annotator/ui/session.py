"""The one object the window's widgets share: the open project and what is being coded.

Widgets read through the session and change things only by calling its methods. Each edit is
an operation of :mod:`annotator.actions.editing` (one transaction, returning a
:class:`~annotator.core.changes.Change`), pushed as a thin
:class:`~annotator.ui.undo_commands.ChangeCommand` on :attr:`ProjectSession.undo_stack`, and
only then fed to :attr:`ProjectSession.model` — the one evented model of the open article's
annotations — whose events the session relays as Qt signals (``annotationAdded`` ...).

A write the file refuses (read-only, locked, disk full) is never shown as saved: the method
returns ``None``, nothing is announced, and ``writeFailed`` carries one sentence naming the
cause and what to do. A project that cannot be written is opened read-only
(:attr:`read_only` holds why) and every edit is refused with that reason.

Widgets holding typed but uncommitted text (a note) register with :meth:`add_pending` so
every path that would lose it — another article or annotation, a status change, undo,
closing — saves it first (:meth:`commit_pending`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.actions import editing, memos, queries, reading, write_failures
from annotator.actions.projects import InvalidAnnotationError
from annotator.core.article_annotations import ArticleAnnotations
from annotator.core.changes import Change
from annotator.core.model import Annotation, Article, Status, Tag, new_uuid
from annotator.core.span_index import SpanRef
from annotator.ui.paused_gc import paused_gc
from annotator.ui.undo_commands import ChangeCommand


class ProjectSession(QObject):
    articleOpened = Signal(str)  # article id
    annotationAdded = Signal(object)  # Annotation (visible, of the open article)
    annotationRemoved = Signal(object)  # Annotation
    annotationUpdated = Signal(object, object)  # old Annotation, new Annotation
    articlesChanged = Signal(object)  # set of article ids an edit touched (corpus rows)
    codebookChanged = Signal()
    articleStatusChanged = Signal(str, str)  # article id, Status value
    articlesImported = Signal(list)  # article ids
    annotatorChanged = Signal(str)
    selectedAnnotationChanged = Signal(object)  # Annotation or None
    hiddenAnnotatorsChanged = Signal()
    writeFailed = Signal(str)  # one sentence: what was not saved, why, what to do
    articleValuesChanged = Signal(str)  # article id whose article-level variables changed
    articleDetailsChanged = Signal(object)  # the open Article, its metadata corrected
    articlesRemovedOrRestored = Signal()  # the corpus lost or regained articles
    articleMemoChanged = Signal(str, str)  # article id, coder whose memo on it changed
    unsentChanged = Signal()  # a server study: edits kept to send later came or went
    unsentIdsChanged = Signal()  # which annotations wait to be sent changed (views mark them)

    def __init__(self, project, annotator: str = "", parent: QObject | None = None, read_only: str | None = None):
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
        # Why edits cannot be saved (None: they can). Checked once: a window opened on a
        # read-only file says so at once instead of failing at the first tag.
        self.read_only = read_only or reading.why_not_writable(project)
        self.model = ArticleAnnotations(
            load=lambda article_id: reading.annotations_of(project, article_id),
            fetch=lambda annotation_id: reading.annotation(project, annotation_id),
        )
        self._pending: list[Callable[[], None]] = []
        # A server study's edits go through the unsent-edit queue (ui/unsent_edits.py sets it):
        # one the server cannot take now is kept, shown, and sent exactly once later.
        self.unsent = None
        self.unsent_ids: frozenset[str] = frozenset()  # annotations an edit waiting adds or changes
        self._tags: dict[str, Tag] = {}
        self._load_codebook()
        model = self.model
        model.reset.connect(lambda: self.articleOpened.emit(model.article_id) if model.article_id else None)
        model.added.connect(self.annotationAdded.emit)
        model.removed.connect(self.annotationRemoved.emit)
        model.updated.connect(self.annotationUpdated.emit)
        model.selection.connect(self.selectedAnnotationChanged.emit)

    # -- codebook ---------------------------------------------------------------------------

    def _load_codebook(self) -> None:
        self._tags = {t.id: t for t in reading.codebook(self.project)}

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

    # -- the current article (read from the model) ---------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.model.article

    @property
    def article_id(self) -> str | None:
        return self.model.article_id

    @property
    def selected(self) -> Annotation | None:
        return self.model.selected

    @property
    def hidden_annotators(self) -> set[str]:
        return set(self.model.hidden)

    def open_article(self, article_id: str) -> None:
        """Make ``article_id`` the current article and announce it (a pending note is saved first)."""
        self.commit_pending()
        with paused_gc():  # reading 20,000 rows would set off full collections of the app's objects
            found = reading.article_for_coding(self.project, article_id)
            if found is None:
                raise KeyError(f"no article {article_id}")
            self.model.open(*found, in_order=True)
            del found  # before the collector runs again

    def refs(self) -> list[SpanRef]:
        """The current article's visible annotations in light form, by start offset (a new list)."""
        return self.model.refs()

    def links(self) -> list[tuple[str, str]]:
        """``(annotation id, linked id)`` of the current article's links whose two ends are shown."""
        if self.article_id is None:
            return []
        ref = self.model.ref
        return [(a, b) for a, b in reading.links_of(self.project, self.article_id) if ref(a) and ref(b)]

    def ref(self, annotation_id: str) -> SpanRef | None:
        """The light reference of one of the current article's visible annotations."""
        return self.model.ref(annotation_id)

    def annotations(self) -> list[Annotation]:
        """The current article's visible annotations, whole, by start offset."""
        return self.model.annotations()

    def annotation(self, annotation_id: str) -> Annotation | None:
        """An annotation (whole) of the current article, or from the file for any other."""
        return self.model.get(annotation_id) or reading.annotation(self.project, annotation_id)

    def is_visible(self, annotation: Annotation) -> bool:
        return self.model.is_visible(annotation)

    def set_hidden_annotators(self, names: Iterable[str]) -> None:
        """Hide other coders' annotations (blind coding); every view follows the model."""
        self.model.set_hidden(names)
        self.hiddenAnnotatorsChanged.emit()

    def select_annotation(self, annotation: Annotation | str | None) -> None:
        """Select an annotation of the current article by id (or none); views scroll and flash it.
        A note typed for the annotation being left is saved first."""
        annotation_id = annotation.id if isinstance(annotation, Annotation) else annotation
        if annotation_id != self.model.selected_id:
            self.commit_pending()
        self.model.select(annotation_id)

    def set_annotator(self, name: str) -> None:
        name = name.strip()
        if name and name != self.annotator:
            self.commit_pending()  # a memo or note typed under the old name is theirs
            self.annotator = name
            self.annotatorChanged.emit(name)

    def notify_articles_imported(self, ids: list[str]) -> None:
        """Tell the widgets that an import added ``ids`` (the import dialog calls this)."""
        self.articlesImported.emit(list(ids))

    # -- text typed and not yet committed ------------------------------------------------------

    def add_pending(self, commit: Callable[[], None]) -> None:
        """Register a callable that saves a widget's typed, uncommitted text."""
        self._pending.append(commit)

    def remove_pending(self, commit: Callable[[], None]) -> None:
        if commit in self._pending:
            self._pending.remove(commit)

    def commit_pending(self) -> None:
        """Save whatever a widget holds typed but not committed (before it would be lost)."""
        for commit in list(self._pending):
            commit()

    # -- changes (each one undoable) ---------------------------------------------------------

    def add_annotation(self, tag_id: str, start: int, end: int, **values) -> Annotation | None:
        """Tag ``start``-``end`` (code points) of the current article; one undo step.

        ``values`` may hold ``note``, ``fields`` and ``linked_id``. Raises
        :class:`~annotator.actions.projects.InvalidAnnotationError` for a bad span or tag;
        returns None (and emits ``writeFailed``) when the file refuses the write.
        """
        if self.article_id is None:
            raise InvalidAnnotationError("no article is open")
        if tag_id not in self._tags:
            raise InvalidAnnotationError(f"no tag {tag_id}")
        change = self.run(
            editing.add_annotation, self.article_id, tag_id, start, end, self.annotator,
            note=values.get("note", ""), fields=values.get("fields"), linked_id=values.get("linked_id"),
            text=self.article.text, annotation_id=new_uuid(),  # the same id if worked out again offline
        )
        return change.added[0] if change is not None else None

    def remove_annotation(self, annotation_id: str) -> bool:
        """Delete an annotation; links pointing to it are cleared (and restored by undo)."""
        if self.annotation(annotation_id) is None:
            raise KeyError(f"no annotation {annotation_id}")
        return self.run(editing.remove_annotation, annotation_id) is not None

    def update_annotation(self, new: Annotation) -> Annotation | None:
        """Save a changed annotation (tag, note, fields, link or bounds); one undo step.
        Returns the stored record, or None when the file refused the write."""
        text = self.article.text if self.article is not None and new.article_id == self.article_id else None
        change = self.run(editing.update_annotation, new, text=text)
        if change is None:
            return None
        return change.updated[0][1] if change.updated else self.annotation(new.id)

    def nudge(self, edge: str, step: int, by: str = "word") -> bool:
        """Move the *selected* annotation's ``edge`` by ``step`` words or characters.

        The selection is an id held by the model, so it stays on the annotation being
        nudged whatever the list does with its rows."""
        selected = self.model.selected_id
        if selected is None or self.article is None:
            return False
        self.commit_pending()
        change = self.run(editing.move_boundary, selected, edge, step, by=by, text=self.article.text)
        return change is not None and not change.empty

    def set_status(self, article_id: str, status: Status | str) -> None:
        """Set an article's status (to do, in progress, done); one undo step."""
        self.commit_pending()
        self.run(editing.set_status, article_id, status)

    def memo(self) -> str:
        """The coder's own memo on the open article ("" when none or no article is open)."""
        if self.article_id is None:
            return ""
        return memos.memo_text(self.project, self.article_id, self.annotator)

    def set_memo(self, text: str) -> bool:
        """Replace the coder's memo on the open article; one undo step. False when the file
        refused the write (``writeFailed`` says why)."""
        if self.article_id is None:
            return True
        return self.run(memos.set_memo, self.article_id, self.annotator, text) is not None

    def run(self, operation, *args, **kwargs) -> Change | None:
        """Run an editing operation, push it as one undo step and announce what changed.

        Bad input raises to the caller (nothing written); a write the file refuses returns
        None and emits ``writeFailed``; an operation that changed nothing pushes no step.
        """
        if self.read_only:
            self.writeFailed.emit(self.read_only_message())
            return None
        try:
            if self.unsent is not None:
                change = self.unsent.run(operation, *args, **kwargs)
            else:
                change = operation(self.project, *args, **kwargs)
        except InvalidAnnotationError:
            raise
        except write_failures.WRITE_ERRORS as error:
            self.writeFailed.emit(write_failures.describe(error))
            return None
        if not change.empty:
            self.undo_stack.push(ChangeCommand(self, change))
            self.announce(change)
            if self.unsent is not None:
                self.unsentChanged.emit()
        return change

    def set_unsent_ids(self, ids) -> None:
        """The annotations whose edits wait to be sent (ui/unsent_edits.py keeps this)."""
        ids = frozenset(ids)
        if ids != self.unsent_ids:
            self.unsent_ids = ids
            self.unsentIdsChanged.emit()

    def read_only_message(self) -> str:
        return (f"This project is open read-only ({self.read_only}); nothing you change is saved. "
                "Save a copy where you can write, or fix the file's permissions, and reopen it.")

    # -- undo and redo (the Edit menu calls these) --------------------------------------------

    def undo(self) -> None:
        """Undo the last step; a step whose write the file refused stays on the stack."""
        self.commit_pending()
        self._step(self.undo_stack.undo, +1)

    def redo(self) -> None:
        self._step(self.undo_stack.redo, -1)

    def _step(self, move, back: int) -> None:
        index = self.undo_stack.index()
        move()
        command = self.undo_stack.command(min(index, self.undo_stack.index()))
        if isinstance(command, ChangeCommand) and command.failed:
            # Nothing was written: put the stack back where the file still is.
            command.failed, command.skip_next = False, True
            self.undo_stack.setIndex(index)

    # -- what commands call: write first, then announce ----------------------------------------

    def show_article(self, article_id: str) -> None:
        """Undo/redo of a change made on another article brings that article back into view
        (an article removed is shown again once the undo has restored it)."""
        if article_id != self.article_id and queries.article_exists(self.project, article_id):
            self.open_article(article_id)

    def write_change(self, change: Change, *, undo: bool) -> bool:
        """Write ``change`` (or its inverse) for an undo command and announce it; False, with
        ``writeFailed``, when the file refused it."""
        if self.read_only:
            self.writeFailed.emit(self.read_only_message())
            return False
        texts = {self.article_id: self.article.text} if self.article is not None else None
        try:
            if self.unsent is not None:  # a server study: sent now, or kept and sent later
                change = change.inverse() if undo else change
                self.unsent.write(change)
                self.unsentChanged.emit()
            elif undo:
                change = editing.revert(self.project, change, texts)
            else:
                editing.apply(self.project, change, texts)
        except write_failures.WRITE_ERRORS as error:
            self.writeFailed.emit(write_failures.describe(error, "Undo" if undo else "Redo"))
            return False
        self.announce(change)
        return True

    def announce(self, change: Change) -> None:
        """Tell the model (and so every view) about a change already written."""
        self.model.apply(change)
        for status in change.statuses:
            self.articleStatusChanged.emit(status.article_id, status.new.value)
        for article_id in {v.article_id for v in change.values}:
            self.articleValuesChanged.emit(article_id)
        for memo in change.memos:
            self.articleMemoChanged.emit(memo.article_id, memo.annotator)
        ids = change.article_ids()
        if ids:
            self.articlesChanged.emit(ids)
        if change.articles:
            self._announce_articles(change)

    def _announce_articles(self, change: Change) -> None:
        """Articles corrected, removed or restored: the open one follows, the list reloads."""
        removed = {a.article_id for a in change.articles if a.new is None}
        restored = [a.new.id for a in change.articles if a.old is None]
        if removed or restored:
            self.articlesRemovedOrRestored.emit()
        if restored:
            self.open_article(restored[0])
        elif self.article_id in removed:
            remaining = queries.article_ids(self.project)
            if remaining:
                self.open_article(remaining[0])
        elif self.article is not None and self.article_id in {a.article_id for a in change.articles}:
            self.articleDetailsChanged.emit(self.article)

    # -- changes written elsewhere (review decisions), announced like our own ----------------

    def announce_external_changes(self, added: Iterable[Annotation] = (), removed: Iterable[Annotation] = ()) -> None:
        """Annotations an action wrote or deleted itself (a review decision and its undo):
        update the model, which tells every view."""
        self.announce(Change(label="", added=tuple(added), removed=tuple(removed)))
