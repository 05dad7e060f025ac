"""Annotations whose edits wait to be sent to a team server are drawn differently in the
article text: a dotted line in the warning colour under the passage, gone once sent.

The session's ``unsent_ids`` is what ``ui/unsent_edits.py`` sets on a server study (its own
tests drive a real server away and back); here a plain project stands in for the study."""

from __future__ import annotations

from PySide6.QtGui import QColor

from annotator.ui.article_marks import line_rects
from annotator.ui.unsent_marks import UNSENT_COLOUR
from tagging_fixtures import session, tag_id, tagging_project, view  # noqa: F401


def warning_pixels_under(view, start: int, end: int) -> int:
    """Pixels of the unsent colour on the bottom rows of the passage's lines."""
    image = view.edit.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    wanted = QColor(UNSENT_COLOUR)
    to_u = view.offsets.to_utf16
    found = 0
    for rect in line_rects(view.edit, to_u(start), to_u(end)):
        for y in range(int((rect.bottom() - 3) * ratio), int((rect.bottom() + 1) * ratio)):
            for x in range(int(rect.left() * ratio), int(rect.right() * ratio)):
                colour = image.pixelColor(x, y)
                if abs(colour.red() - wanted.red()) + abs(colour.green() - wanted.green()) + abs(colour.blue() - wanted.blue()) < 60:
                    found += 1
    return found


def test_an_unsent_annotation_gets_a_dotted_line_and_loses_it_once_sent(qtbot, view, session):  # noqa: F811
    text = session.article.text
    start = text.index("budget")
    sent = session.add_annotation(tag_id(session, "Claim"), 0, text.index(" said"))
    waiting = session.add_annotation(tag_id(session, "Quote"), start, start + len("budget would rise"))
    view.repaint()
    assert warning_pixels_under(view, waiting.start, waiting.end) == 0
    session.set_unsent_ids({waiting.id})
    view.repaint()
    assert warning_pixels_under(view, waiting.start, waiting.end) > 20
    assert warning_pixels_under(view, sent.start, sent.end) == 0  # only the one not yet sent
    session.set_unsent_ids(())  # sent at last
    view.repaint()
    assert warning_pixels_under(view, waiting.start, waiting.end) == 0


def test_the_tooltip_says_not_yet_sent(view, session):  # noqa: F811
    text = session.article.text
    waiting = session.add_annotation(tag_id(session, "Quote"), text.index("budget"), text.index(" would"))
    session.set_unsent_ids({waiting.id})
    tip = view._tooltip_at(view.offsets.to_utf16(waiting.start + 1))
    assert "<b>Quote</b> — ana · <i>not yet sent</i>" in tip
    session.set_unsent_ids(())
    assert "not yet sent" not in view._tooltip_at(view.offsets.to_utf16(waiting.start + 1))


def test_another_article_s_unsent_annotation_is_not_drawn_here(view, session):  # noqa: F811
    session.open_article(session.ids["other"])
    other = session.add_annotation(tag_id(session, "Claim"), 0, 8)
    session.open_article(session.ids["plain"])
    session.set_unsent_ids({other.id})
    assert view.unsent_marks.passages() == []
