"""Helpers for tests that read what the article view paints: tag a phrase, find its box, grab."""

from PySide6.QtGui import QTextCursor

from tagging_fixtures import tag_id


def add(session, name, phrase):
    """Tag the first occurrence of ``phrase`` in the open article with the tag ``name``."""
    start = session.article.text.index(phrase)
    return session.add_annotation(tag_id(session, name), start, start + len(phrase))


def phrase_rect(view, session, phrase):
    """The caret rectangles (viewport coordinates) at the start and the end of ``phrase``."""
    start = session.article.text.index(phrase)
    cursor = QTextCursor(view.edit.document())
    cursor.setPosition(view.offsets.to_utf16(start))
    left = view.edit.cursorRect(cursor)
    cursor.setPosition(view.offsets.to_utf16(start + len(phrase)))
    return left, view.edit.cursorRect(cursor)


def grab(view):
    """The viewport as painted now, every paragraph highlighted."""
    view.finish_highlighting()
    view.edit.viewport().repaint()
    return view.edit.viewport().grab().toImage()
