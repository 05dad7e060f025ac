"""Overlapping tags: every layer visible at a glance (issue 13), and the legend that says how.

Before: the first layer was a tint and only the *highest* other layer got a faint wavy
underline, so a Quote inside a Claim with loaded language inside both showed two of its three
tags. Now each layer above the first draws a line of its own under the text. The tests read
the pixels the view paints.
"""

from PySide6.QtGui import QColor

from painted_text import add, grab, phrase_rect
from tagging_fixtures import session, tag_id, tagging_project, view  # noqa: F401

CLAIM = "The minister said the budget would rise"
QUOTE = "the budget would rise"
LOADED = "budget"


def colour(session, name):
    return QColor(session.tag(tag_id(session, name)).colour)


def rows_under(view, session, phrase, wanted: QColor) -> list[int]:
    """Viewport rows under ``phrase`` (first line) where most pixels are exactly ``wanted``."""
    image = grab(view)
    left, right = phrase_rect(view, session, phrase)
    assert left.top() == right.top(), "the phrase must sit on one line for this check"
    xs = range(left.left() + 2, right.left() - 2)
    rows = []
    for y in range(left.top(), min(image.height(), left.bottom() + 12)):
        hits = sum(image.pixelColor(x, y).rgb() == wanted.rgb() for x in xs)
        if hits > len(xs) * 0.8:
            rows.append(y)
    return rows


def test_three_nested_tags_each_show_in_the_innermost_passage(view, session):
    add(session, "Claim", CLAIM)
    add(session, "Quote", QUOTE)
    add(session, "Sensational language", LOADED)
    quote_rows = rows_under(view, session, LOADED, colour(session, "Quote"))
    loaded_rows = rows_under(view, session, LOADED, colour(session, "Sensational language"))
    assert quote_rows and loaded_rows, "both inner layers draw a line under the innermost passage"
    assert max(quote_rows) < min(loaded_rows), "the deeper layer's line sits below the first one's"
    # ... and the outer Claim still tints the background there.
    view.finish_highlighting()
    block = view.edit.document().firstBlock()
    at = view.offsets.to_utf16(session.article.text.index(LOADED))
    backgrounds = [QColor(r.format.background().color()) for r in block.layout().formats()
                   if r.start <= at < r.start + r.length]
    assert backgrounds and backgrounds[0] != view.edit.palette().base().color()


def test_the_outer_passage_alone_has_no_line(view, session):
    add(session, "Claim", CLAIM)
    add(session, "Quote", QUOTE)
    assert not rows_under(view, session, "minister", colour(session, "Quote"))
    assert rows_under(view, session, "would", colour(session, "Quote"))


def test_a_line_follows_its_passage_when_the_inner_tag_is_undone(view, session):
    add(session, "Claim", CLAIM)
    add(session, "Quote", QUOTE)
    session.undo()
    assert not rows_under(view, session, "would", colour(session, "Quote"))


def test_the_legend_explains_the_layers_in_the_codebook_colours(qtbot, session):
    from annotator.ui.tag_panel import TagPanel

    panel = TagPanel(session)
    qtbot.addWidget(panel)
    text = panel.legend.text.text()
    assert "tint" in text and "line under the text" in text and "link" in text
    assert "Right-click" in panel.legend.toolTip()
    assert panel.legend.sample.colours == [t.colour for t in session.tags()[:3]]
    # The legend sits under the buttons, and stays there when the codebook changes.
    layout = panel.layout()
    assert layout.indexOf(panel.legend) == layout.count() - 1
    session.reload_codebook()
    assert layout.indexOf(panel.legend) == layout.count() - 1
    image = panel.legend.sample.grab().toImage()
    quote = QColor(panel.legend.sample.colours[1]).rgb()
    assert any(image.pixelColor(x, y).rgb() == quote for x in range(image.width()) for y in range(image.height()))
