"""The article view repaints what changed, and a long article reaches Qt in parts with every
offset intact (issue 8's speed targets; the timings themselves are in benchmarks/bench_editing.py)."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from tagging_fixtures import session, tag_id, tagging_project, view  # noqa: F401

from annotator.core.model import Annotation, NewArticle
from annotator.core.span_index import block_starts, display_text
from annotator.ui.staged_text import WHOLE_AT_ONCE


class Paints(QObject):
    """The rectangles a widget was asked to repaint."""

    def __init__(self, widget):
        super().__init__()
        self.rects = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def settle():
    for _ in range(3):
        QApplication.processEvents()


def open_long(session, paragraphs=400, emoji=False):
    """An article of many paragraphs, each with a few annotations; the view on it, idle work done."""
    words = "the council voted on the budget again and said it would report " + ("😀 " if emoji else "")
    text = "\n\n".join(f"Paragraph {i}: " + words * 6 for i in range(paragraphs))
    article_id = session.project.articles.add(NewArticle(text=text, title="Long"))
    tag = tag_id(session, "Claim")
    spans = [(text.index(f"Paragraph {i}:"), text.index(f"Paragraph {i}:") + 12) for i in range(0, paragraphs, 3)]
    session.project.annotations.add_many(
        Annotation(article_id=article_id, tag_id=tag, start=s, end=e, text=text[s:e], annotator="bo") for s, e in spans
    )
    session.open_article(article_id)
    return text


def test_a_tag_repaints_its_paragraph_not_the_screen(view, session):
    text = open_long(session)
    view.finish_loading()
    settle()
    paints = Paints(view.edit.viewport())
    height = view.edit.viewport().height()
    start = text.index("Paragraph 4:") + 20
    view.select_range(start, start + 15)
    settle()
    paints.rects.clear()
    annotation = view.tag_selection(tag_id(session, "Quote"))
    settle()
    assert annotation is not None and paints.rects, "the new highlight was never painted"
    assert all(r.height() < height / 2 for r in paints.rects)
    # ... and its highlight is in the text and its bar in the margin (the paragraph repainted).
    block = view.edit.document().findBlock(view._offsets.to_utf16(annotation.start))
    assert any(r.format.background().style() for r in block.layout().formats())
    assert any(bar[0] <= annotation.start - block.position() < bar[1] for bar in view._bars_for_block(block))


def test_highlighting_off_screen_while_idle_repaints_nothing(view, session):
    open_long(session)
    settle()
    paints = Paints(view.edit.viewport())
    while view.idle_pending():
        QApplication.processEvents()
    assert paints.rects == []
    assert view.highlighter.first_unready() < 0


def test_a_long_article_reaches_qt_in_parts_with_every_offset_intact(qtbot, view, session):
    text = open_long(session, paragraphs=800, emoji=True)  # astral characters: UTF-16 differs
    assert len(text) > WHOLE_AT_ONCE
    document = view.edit.document()
    assert document.characterCount() - 1 < len(text)  # only the first part so far
    # Selecting and tagging near the end works at once: the view reaches it first.
    start = text.rindex("Paragraph 799:")
    view.select_range(start, start + 14)
    annotation = view.tag_selection(tag_id(session, "Claim"), snap=False)
    assert annotation.text == "Paragraph 799:" and annotation.start == start
    qtbot.waitUntil(lambda: not view.idle_pending(), timeout=20000)
    assert view.edit.toPlainText() == text
    starts = block_starts(display_text(text))
    assert document.blockCount() == len(starts)
    for number in (0, 1, len(starts) // 2, len(starts) - 1):
        assert document.findBlockByNumber(number).position() == view._offsets.to_utf16(starts[number])


def test_scrolling_to_a_passage_not_yet_in_the_widget_brings_it_first(view, session):
    text = open_long(session, paragraphs=800)
    far = text.rindex("Paragraph 790:")
    view.scroll_to(far)
    settle()
    assert view.edit.textCursor().position() == far
    first_on_screen = view.edit.cursorForPosition(view.edit.viewport().rect().center()).position()
    assert abs(first_on_screen - far) < 2000
