"""The article in the centre of the window: read it, select a passage, tag it from the keyboard.

Offsets cross between Qt (UTF-16) and annotator (code points) only through
:class:`~annotator.core.offsets.OffsetMap`. Highlighting is a
:class:`~annotator.ui.highlighter.AnnotationHighlighter` fed by a per-paragraph
:class:`~annotator.core.span_index.SpanIndex`; a change re-formats only the paragraphs it
touches. The title and metadata sit in labels above the text so they never shift its offsets.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from annotator.actions.projects import InvalidAnnotationError
from annotator.core import selection
from annotator.core.model import Annotation
from annotator.core.offsets import OffsetMap
from annotator.core.span_index import SpanIndex, display_blocks
from annotator.ui import article_marks
from annotator.ui.article_find import FindAndFlash
from annotator.ui.article_marks import ColourCache
from annotator.ui.empty_hint import EmptyProjectHint
from annotator.ui.find_bar import FindBar
from annotator.ui.highlighter import AnnotationHighlighter
from annotator.ui.link_cues import LinkCues
from annotator.ui.passage_menu import TextMenu
from annotator.ui.reading_edit import ReadingEdit, reading_font
from annotator.ui.staged_text import StagedText
from annotator.ui.unsent_marks import UnsentMarks

IDLE_SLICE_SECONDS = 0.004  # idle highlighting per pass of the event loop, so keys stay responsive
IDLE_STEP_BLOCKS = 8  # blocks formatted between two looks at the clock


def _word_count(text: str) -> str:
    if len(text) > 100_000:  # splitting a long text costs more than the exact figure is worth
        return f"about {text.count(' ') + 1:,} words"
    return f"{len(text.split()):,} words"


class ArticleView(QWidget):
    KEYS = [
        ("Enter, Shift+Enter (find bar)", "Next, previous match"),
        ("Esc (find bar)", "Close the find bar, keeping the match selected for tagging"),
    ]
    statusMessage = Signal(str)  # short feedback for the status bar ("Select a passage first")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.snap_enabled = True  # snap selections to words (Alt while tagging skips it once)
        self._text = ""
        self._offsets = OffsetMap("")
        self._index = SpanIndex([0], 0)
        self._colours = ColourCache(session)  # annotation id -> tag colour, for the highlighter

        self.title = QLabel(self, objectName="articleTitle", wordWrap=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = reading_font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.metadata = QLabel(self, objectName="articleMetadata", wordWrap=True)
        self.metadata.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.edit = ReadingEdit(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.title, self.metadata):
            widget.setContentsMargins(24, 6, 24, 0)
            layout.addWidget(widget)
        layout.addWidget(self.edit, 1)
        self.empty_hint = EmptyProjectHint(self)  # instead of the text while there is no article
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.find_bar)

        self.highlighter = AnnotationHighlighter(self.edit.document(), self._colours, self._base_colour())
        self.highlighter.reformatted = lambda blocks: article_marks.repaint_blocks(self.edit, blocks)
        self._staged = StagedText(self.edit, self.highlighter)  # a long text reaches Qt in parts
        self.edit.document().setUndoRedoEnabled(False)  # read-only: nothing to undo, less to keep
        self.edit.bars_for_block = self._bars_for_block
        self.edit.tooltip_at = self._tooltip_at
        self._idle = QTimer(self, interval=0, timeout=self._highlight_some)
        self.find = FindAndFlash(self)  # the find bar's matches and a selected passage's flash

        self.edit.tagKeyPressed.connect(self._on_tag_key)
        self.edit.deletePressed.connect(self._delete_selected)
        self.edit.escapePressed.connect(self._on_escape)
        self.edit.clickedAt.connect(self._on_click)
        self.edit.columnMoved.connect(self._align_header)
        self.edit.verticalScrollBar().valueChanged.connect(self.highlight_visible)
        find = QShortcut(QKeySequence.StandardKey.Find, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.show_find)

        session.articleOpened.connect(self._load)
        session.articleDetailsChanged.connect(self._show_details)
        session.annotationAdded.connect(self._on_added)
        session.annotationRemoved.connect(self._on_removed)
        session.annotationUpdated.connect(self._on_updated)
        session.codebookChanged.connect(self._recolour)
        session.selectedAnnotationChanged.connect(self._on_selected)
        # Right-click on a passage: retag, link, note, delete; on selected text: tag with.
        self.passage_menu = TextMenu(self)
        self.link_cues = LinkCues(self)  # marks at linked passages, their partners on hover
        self.unsent_marks = UnsentMarks(self)  # a dotted line: not yet sent to a team server
        if session.article_id is not None:
            self._load(session.article_id)
        else:
            self._show_empty(True)

    # -- public ---------------------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """The text selection as code points, or None."""
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select code points ``start``-``end`` in the text (as the mouse would)."""
        self._staged.reach(end)
        cursor = self.edit.textCursor()
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)

    def tag_selection(self, tag_id: str, snap: bool | None = None) -> Annotation | None:
        """Tag the selected passage; snap it to words unless ``snap`` is False, snapping is off,
        or Alt is held. Returns the new annotation, or None (with a status message)."""
        picked = self.selected_range()
        if picked is None:
            self.statusMessage.emit("Select a passage first, then press the tag's key")
            return None
        if snap is None:
            alt = QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier
            snap = self.snap_enabled and not alt
        start, end = picked
        span = selection.snap(self._text, start, end) if snap else ((start, end) if start < end else None)
        if span is None:
            self.statusMessage.emit("The selection holds only white space")
            return None
        try:
            annotation = self.session.add_annotation(tag_id, *span)
        except InvalidAnnotationError as error:
            self.statusMessage.emit(str(error))
            return None
        if annotation is None:  # the file refused it; the window's message bar says why
            return None
        cursor = self.edit.textCursor()
        cursor.clearSelection()
        self.edit.setTextCursor(cursor)
        self.session.select_annotation(annotation.id)
        self.statusMessage.emit(f"Tagged {self.session.tag_name(tag_id)}: {annotation.text[:60]}")
        return annotation

    @property
    def index(self) -> SpanIndex:
        """The open article's spans by paragraph, with their layers."""
        return self._index

    @property
    def offsets(self) -> OffsetMap:
        return self._offsets

    @property
    def text(self) -> str:
        """The open article's text."""
        return self._text

    def colour_of(self, annotation_id: str) -> str:
        """The tag colour an annotation of the open article is painted in."""
        return self._colours[annotation_id]

    def show_find(self) -> None:
        self.find_bar.open_bar()

    def scroll_to(self, start: int) -> None:
        """Put the caret at code point ``start`` and bring it on screen."""
        self._staged.reach(start)
        cursor = self.edit.textCursor()
        cursor.setPosition(self._offsets.to_utf16(start))
        self.edit.setTextCursor(cursor)
        self.edit.centerCursor()
        self.highlight_visible()

    def flash(self, start: int, end: int) -> None:
        """Briefly mark code points ``start``-``end`` (the selected annotation)."""
        self.find.flash(start, end)

    def finish_highlighting(self) -> None:
        """Format every paragraph now (the idle timer would do it bit by bit)."""
        self._staged.reach_end()  # (every paragraph: the document must hold them all)
        self.highlighter.ready(0, self._index.block_count - 1)
        self._idle.stop()

    def finish_loading(self) -> None:
        """Do now everything opening the article left for idle time: the rest of a long
        text, then highlighting it."""
        self.finish_highlighting()

    def reach(self, offset: int) -> None:
        """Make sure the text widget holds the article up to code point ``offset`` (a long
        article reaches it in parts): before turning an offset into a position of the widget's
        document (a cursor, a scroll position) outside this view."""
        self._staged.reach(offset)

    def idle_pending(self) -> bool:
        """Whether opening the article left work for idle time that is not done yet."""
        return self._idle.isActive()

    # -- loading ------------------------------------------------------------------------------

    def _show_empty(self, empty: bool) -> None:
        """No article to show (an empty project): say how to import instead."""
        self.empty_hint.setVisible(empty)
        for widget in (self.edit, self.title, self.metadata):
            widget.setVisible(not empty)

    def _load(self, article_id: str) -> None:
        self._show_empty(False)
        article = self.session.article
        self._text = article.text
        self._offsets = OffsetMap(self._text)
        refs = self.session.refs()
        self._colours.clear()
        # Very long paragraphs are shown as several blocks; offsets are unchanged by it.
        shown, starts = display_blocks(self._text)
        self._index = SpanIndex(starts, len(shown))
        self._index.add_many(refs, fields=(0, 2, 3))  # SpanRef: id, _, start, end
        self.find.forget()
        self.highlighter.set_spans(None, None)
        self._staged.show(shown)
        self.highlighter.set_spans(self._index, self._offsets)
        self._show_details(article)
        self.highlight_visible()
        self._idle.start()
        self.find.research()

    def _show_details(self, article) -> None:
        self.title.setText(article.title or "(untitled)")
        parts = [article.outlet, article.author, article.published, _word_count(self._text)]
        self.metadata.setText(" · ".join(p for p in parts if p))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.highlight_visible()  # a taller view shows blocks not formatted yet

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()  # tints are mixed with the page colour: light and dark differ

    def highlight_visible(self) -> None:
        """Format the paragraphs on screen (and a little below) now."""
        first = self.edit.firstVisibleBlock()
        if not first.isValid():
            return
        last = first
        offset, bottom = self.edit.contentOffset(), self.edit.viewport().height()
        # A quarter screen more than shown: each paragraph measured here is laid out (shaped),
        # and the first paint waits for them (two screens cost 2 ms more when opening).
        block = first
        while block.isValid() and self.edit.blockBoundingGeometry(block).translated(offset).top() <= bottom * 1.25:
            last = block
            block = block.next()
        self.highlighter.ready(first.blockNumber(), last.blockNumber())

    def _highlight_some(self) -> None:
        if not self._staged.complete:  # the rest of a long text first, a part per pass
            self._staged.add_part()
            return
        # Bounded by time, not by blocks: a key pressed meanwhile waits at most one slice
        # (200 blocks at a time took 15-30 ms on a busy machine).
        deadline = time.perf_counter() + IDLE_SLICE_SECONDS
        while True:
            start = self.highlighter.first_unready()
            if start < 0:
                self._idle.stop()
                return
            self.highlighter.ready(start, start + IDLE_STEP_BLOCKS - 1)
            if time.perf_counter() >= deadline:
                return

    # -- keeping the highlight in step with the session ----------------------------------------

    # The session relays the model's events: only visible annotations of the open article.

    def _on_added(self, annotation: Annotation) -> None:
        if annotation.id in self._index:
            return
        self._colours[annotation.id] = self._tag_colour(annotation.tag_id)
        self._index.add(annotation.id, annotation.start, annotation.end)
        self._refresh(annotation.start, annotation.end)

    def _on_removed(self, annotation: Annotation) -> None:
        if self._index.remove(annotation.id) is not None:
            self._colours.pop(annotation.id, None)
            self._refresh(annotation.start, annotation.end)

    def _on_updated(self, old: Annotation, new: Annotation) -> None:
        if (old.start, old.end, old.tag_id) == (new.start, new.end, new.tag_id) and new.id in self._index:
            return
        self._index.remove(new.id)
        self._colours[new.id] = self._tag_colour(new.tag_id)
        self._index.add(new.id, new.start, new.end)
        self._refresh(min(old.start, new.start), max(old.end, new.end))

    def _refresh(self, start: int, end: int) -> None:
        blocks = self._index.blocks_of(start, end)
        self.highlighter.refresh_blocks(blocks)
        article_marks.repaint_blocks(self.edit, blocks)

    def _recolour(self) -> None:
        self._colours.clear()
        self.highlighter.set_base(self._base_colour())
        self.highlighter.set_spans(self._index, self._offsets)
        self.highlighter.rehighlight()  # codebook edits are rare; clears stale colours
        self.highlight_visible()
        self._idle.start()

    def _on_selected(self, annotation: Annotation | None) -> None:
        if annotation is not None and annotation.id in self._index:
            # Scroll only when it is off screen: a click on a passage must not move the page.
            if not self._on_screen(annotation.start):
                self.scroll_to(annotation.start)
            self.flash(annotation.start, annotation.end)

    def _on_screen(self, offset: int) -> bool:
        self._staged.reach(offset)
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(self._offsets.to_utf16(offset))
        return self.edit.viewport().rect().contains(self.edit.cursorRect(cursor).center())

    # -- reading helpers for the highlighter and the text widget ------------------------------

    def _base_colour(self) -> QColor:
        return self.edit.palette().color(QPalette.ColorRole.Base)

    def _tag_colour(self, tag_id: str) -> str:
        tag = self.session.tag(tag_id)
        return tag.colour if tag else article_marks.UNKNOWN_TAG_COLOUR

    def _bars_for_block(self, block) -> list:
        return article_marks.bars_for_block(block, self._index, self._offsets, self._colours)

    def _tooltip_at(self, position: int) -> str:
        return article_marks.tooltip_at(self.session, self._index, self._offsets, position)

    # -- keys and clicks ----------------------------------------------------------------------

    def _on_tag_key(self, key: str, alt: bool) -> None:
        tag = self.session.tag_for_key(key)
        if tag is not None:
            self.tag_selection(tag.id, snap=self.snap_enabled and not alt)

    def _delete_selected(self) -> None:
        if self.session.selected is not None:
            self.session.remove_annotation(self.session.selected.id)

    def _on_escape(self) -> None:
        cursor = self.edit.textCursor()
        cursor.clearSelection()
        self.edit.setTextCursor(cursor)
        self.session.select_annotation(None)

    def _on_click(self, position: int) -> None:
        spans = self._index.at(self._offsets.from_utf16(position))
        annotation = self.session.annotation(spans[0].key) if spans else None
        if annotation is not None or self.session.selected is not None:
            self.session.select_annotation(annotation)

    def _align_header(self, left: int) -> None:
        for label in (self.title, self.metadata):
            label.setContentsMargins(max(left, 12), 6, max(left, 12), 0)
