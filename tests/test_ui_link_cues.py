"""Links between annotations have a cue in the text (issue 13): a badge at both ends, and the
partner framed while one end is hovered or selected. The tests read the painted pixels."""

from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from painted_text import add, grab, phrase_rect
from tagging_fixtures import session, tag_id, tagging_project, view  # noqa: F401

ATTRIBUTION = "The minister said"
QUOTE = "the budget would rise"
OTHER = "shocking plan"


def link(session, source, target):
    return session.update_annotation(replace(session.annotation(source.id), linked_id=target.id if target else None))


def count(image, colour: QColor, x_range, y_range) -> int:
    wanted = colour.rgb()
    return sum(image.pixelColor(x, y).rgb() == wanted for x in x_range for y in y_range
               if 0 <= x < image.width() and 0 <= y < image.height())


def badge_pixels(view, session, phrase, name) -> int:
    """Pixels of the tag's colour just after ``phrase``'s end, around the top of its line."""
    _left, right = phrase_rect(view, session, phrase)
    colour = QColor(session.tag(tag_id(session, name)).colour)
    top = right.top()
    return count(grab(view), colour, range(right.left(), right.left() + 18), range(top - 4, top + right.height() // 2))


def frame_pixels(view, session, phrase) -> int:
    """Pixels of the selection colour on the top edge of ``phrase``'s box."""
    left, right = phrase_rect(view, session, phrase)
    frame = view.edit.palette().color(QPalette.ColorRole.Highlight)
    return count(grab(view), frame, range(left.left(), right.left()), range(left.top() - 3, left.top() + 3))


def test_both_ends_of_a_link_carry_a_badge(view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    quote = add(session, "Quote", QUOTE)
    assert badge_pixels(view, session, ATTRIBUTION, "Source attribution") == 0
    link(session, attribution, quote)
    assert badge_pixels(view, session, ATTRIBUTION, "Source attribution") > 10
    assert badge_pixels(view, session, QUOTE, "Quote") > 10


def test_an_unlinked_or_undone_link_loses_its_badges(view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    quote = add(session, "Quote", QUOTE)
    link(session, attribution, quote)
    session.undo()
    assert badge_pixels(view, session, QUOTE, "Quote") == 0
    session.redo()
    assert badge_pixels(view, session, QUOTE, "Quote") > 10
    session.remove_annotation(attribution.id)  # storage clears the link with it
    assert len(view.link_cues.links) == 0
    assert badge_pixels(view, session, QUOTE, "Quote") == 0


def test_links_already_stored_are_shown_when_the_article_opens(view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    quote = add(session, "Quote", QUOTE)
    link(session, attribution, quote)
    session.open_article(session.ids["other"])
    assert len(view.link_cues.links) == 0
    session.open_article(session.ids["plain"])
    assert view.link_cues.links.partners(quote.id) == [attribution.id]
    assert badge_pixels(view, session, QUOTE, "Quote") > 10


def test_selecting_one_end_frames_its_partner(view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    quote = add(session, "Quote", QUOTE)
    add(session, "Claim", OTHER)
    link(session, attribution, quote)
    assert frame_pixels(view, session, QUOTE) == 0
    session.select_annotation(attribution.id)
    view.find.end_flash()  # the selection's flash would cover the frame colour for a moment
    assert frame_pixels(view, session, QUOTE) > 20
    assert frame_pixels(view, session, OTHER) == 0  # only the partner
    session.select_annotation(quote.id)  # the other way round too
    view.find.end_flash()
    assert frame_pixels(view, session, ATTRIBUTION) > 20


def test_hovering_one_end_frames_its_partner(qtbot, view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    quote = add(session, "Quote", QUOTE)
    link(session, attribution, quote)
    left, right = phrase_rect(view, session, QUOTE)
    move_mouse(view, QPoint((left.left() + right.left()) // 2, left.center().y()))
    assert view.link_cues.hovered == quote.id
    assert frame_pixels(view, session, ATTRIBUTION) > 20
    move_mouse(view, QPoint(left.left() + 2, left.bottom() + 60))  # over plain text
    assert view.link_cues.hovered is None
    assert frame_pixels(view, session, ATTRIBUTION) == 0


def move_mouse(view, point):
    # Sent straight to the viewport: QTest.mouseMove depends on where the pointer already is.
    viewport = view.edit.viewport()
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(viewport.mapToGlobal(point)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def test_the_tooltip_names_the_linked_partner(view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    quote = add(session, "Quote", QUOTE)
    link(session, attribution, quote)
    position = view.offsets.to_utf16(session.article.text.index("minister"))
    tip = view.edit.tooltip_at(position)
    assert "Source attribution" in tip and "linked with <b>Quote</b>" in tip and "the budget would rise" in tip


def test_a_link_to_a_hidden_coders_annotation_shows_no_cue(view, session):
    attribution = add(session, "Source attribution", ATTRIBUTION)
    session.annotator = "ben"
    quote = add(session, "Quote", QUOTE)
    link(session, attribution, quote)
    session.set_hidden_annotators({"ben"})  # blind coding: ben's quote is not shown
    assert len(view.link_cues.links) == 0
    assert badge_pixels(view, session, ATTRIBUTION, "Source attribution") == 0


def test_clicks_still_select_with_mouse_tracking_on(qtbot, view, session):
    quote = add(session, "Quote", QUOTE)
    left, right = phrase_rect(view, session, QUOTE)
    QTest.mouseClick(view.edit.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(left.left() + 8, left.center().y()))
    assert session.selected is not None and session.selected.id == quote.id
