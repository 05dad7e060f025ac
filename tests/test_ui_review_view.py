"""The review view tells the kinds of difference apart at a glance (one view, with a legend)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from annotator.actions.review import article_review
from tests.ui_review_fixtures import session, two_coders  # noqa: F401 - fixtures

Underline = QTextCharFormat.UnderlineStyle


@pytest.fixture
def view(qtbot, session):
    from PySide6.QtGui import QColor

    from annotator.ui.review_view import ReviewTextView

    widget = ReviewTextView()
    qtbot.addWidget(widget)
    project = session.project
    review = article_review(project, project.ids[0], "alice", "bob")
    widget.set_article(project.articles.text(project.ids[0]), review.differences, lambda _t: QColor("#56B4E9"))
    return widget


@pytest.mark.parametrize(
    ("offset", "style"),
    [
        (3, Underline.NoUnderline),  # both alike: tint only
        (20, Underline.SingleUnderline),  # A only
        (76, Underline.DotLine),  # B only
        (95, Underline.WaveUnderline),  # boundaries differ: the words both coded
        (114, Underline.SingleUnderline),  # ... and the end only A coded
        (125, Underline.DashUnderline),  # tag differs
    ],
)
def test_each_kind_has_its_own_line(view, offset, style):
    assert view.extra_format_at(offset).underlineStyle() == style


def test_tag_differs_is_hatched(view):
    assert view.extra_format_at(125).background().style() == Qt.BrushStyle.BDiagPattern


def test_uncoded_text_is_plain(view):
    assert view.extra_format_at(60) is None


def test_the_current_difference_is_framed(view, session):
    review = article_review(session.project, session.project.ids[0], "alice", "bob")
    view.resize(600, 400)
    view.set_current(review.disagreements[0])
    assert view.current_rects()


def test_legend_paints(qtbot):
    from annotator.ui.review_view import ReviewLegend

    legend = ReviewLegend()
    qtbot.addWidget(legend)
    assert not legend.grab().isNull()
