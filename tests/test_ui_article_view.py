"""The article view's highlighting, find bar, tooltips and display of tricky texts."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat

from tagging_fixtures import session, tag_id, tagging_project, view  # noqa: F401

from annotator.core.model import NewArticle
from annotator.core.span_index import block_starts


def formats_in_block(view, number):
    block = view.edit.document().findBlockByNumber(number)
    # Copy each format: the range objects (and their formats) die with the list.
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def add(session, name, phrase):
    start = session.article.text.index(phrase)
    return session.add_annotation(tag_id(session, name), start, start + len(phrase))


def test_annotation_is_painted_in_its_tag_colour(view, session):
    add(session, "Claim", "budget")
    view.finish_highlighting()
    ((start, length, fmt),) = formats_in_block(view, 0)
    assert (start, length) == (session.article.text.index("budget"), 6)
    claim = QColor(session.tag(tag_id(session, "Claim")).colour)
    background = fmt.background().color()
    assert background != view.edit.palette().base().color()
    # A tint of the tag colour: closer to it than the page is.
    assert abs(background.blue() - claim.blue()) < abs(view.edit.palette().base().color().blue() - claim.blue())


# A nested annotation's line under the text: tests/test_ui_overlap_layers.py.


def test_highlight_offsets_are_utf16_after_emoji(view, session):
    session.open_article(session.ids["emoji"])
    add(session, "Quote", "We will not")
    view.finish_highlighting()
    ((start, length, _),) = formats_in_block(view, 0)
    assert (start, length) == (session.article.text.index("We will") + 3, 11)


def test_adding_a_tag_rehighlights_only_its_block(view, session, monkeypatch):
    view.finish_highlighting()
    touched = []
    original = view.highlighter.rehighlightBlock
    monkeypatch.setattr(view.highlighter, "rehighlightBlock", lambda b: (touched.append(b.blockNumber()), original(b)))
    add(session, "Claim", "shocking plan")
    assert touched == [2]


def test_removing_clears_the_highlight(view, session):
    annotation = add(session, "Claim", "budget")
    view.finish_highlighting()
    session.remove_annotation(annotation.id)
    assert formats_in_block(view, 0) == []


def test_large_article_is_highlighted_lazily_then_fully(qtbot, view, session):
    paragraphs = [f"Paragraph {i} says the council voted." for i in range(3000)]
    text = "\n\n".join(paragraphs)
    article_id = session.project.articles.add(NewArticle(text=text, title="Long"))
    session.open_article(article_id)
    last = text.rindex("council")
    session.add_annotation(tag_id(session, "Claim"), last, last + 7)
    last_block = view.edit.document().blockCount() - 1
    assert not view.highlighter.is_ready(last_block)
    qtbot.waitUntil(lambda: view.highlighter.first_unready() < 0, timeout=10000)
    assert formats_in_block(view, last_block)


def test_qt_blocks_match_the_span_index_for_tricky_text(view, session):
    text = "a\u2028b\rc\u2029d\n\ne😀\tf\u200fg"
    article_id = session.project.articles.add(NewArticle(text=text, title="x"))
    session.open_article(article_id)
    document = view.edit.document()
    assert document.blockCount() == len(block_starts(text))
    for number, start in enumerate(block_starts(text)):
        assert document.findBlockByNumber(number).position() == view._offsets.to_utf16(start)


def test_one_enormous_paragraph_is_shown_in_several_blocks_with_offsets_intact(view, session):
    text = " ".join(f"word{i}" for i in range(5000))
    article_id = session.project.articles.add(NewArticle(text=text, title="x"))
    session.open_article(article_id)
    assert view.edit.document().blockCount() > 1
    start = text.index("word4000")
    view.select_range(start, start + 8)
    annotation = view.tag_selection(tag_id(session, "Claim"))
    assert annotation.text == "word4000"


def test_find_highlights_matches_and_selects_the_first(qtbot, view, session):
    qtbot.keyClick(view.edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.isVisible()
    qtbot.keyClicks(view.find_bar.field, "THE")
    text = session.article.text.lower()
    expected = text.count("the")
    assert len(view.edit.extraSelections()) == expected
    assert view.selected_range() == (0, 3)
    assert view.find_bar.count.text() == f"1 of {expected}"
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Return)
    assert view.selected_range()[0] == text.index("the", 1)


def test_find_then_escape_keeps_the_match_selected_for_tagging(qtbot, view, session):
    view.show_find()
    qtbot.keyClicks(view.find_bar.field, "shocking plan")
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Escape)
    assert not view.find_bar.isVisible()
    assert view.edit.extraSelections() == []
    annotation = view.tag_selection(tag_id(session, "Sensational language"))
    assert annotation.text == "shocking plan"


def test_selecting_an_annotation_flashes_it(view, session):
    annotation = add(session, "Claim", "shocking plan")
    session.select_annotation(annotation)
    (flash,) = view.edit.extraSelections()
    assert (flash.cursor.selectionStart(), flash.cursor.selectionEnd()) == (annotation.start, annotation.end)


def test_tooltip_names_tag_annotator_and_note(view, session):
    annotation = add(session, "Quote", "budget")
    session.update_annotation(annotation.__class__(**{**annotation.__dict__, "note": "check the figure"}))
    tip = view._tooltip_at(session.article.text.index("budget") + 1)
    assert "Quote" in tip and "ana" in tip and "check the figure" in tip
    assert view._tooltip_at(0) == ""


def test_header_sits_outside_the_text(view, session):
    assert view.edit.toPlainText() == session.article.text
    assert view.title.text() == "About plain"
    assert "Daily Example" in view.metadata.text()


def test_text_cannot_be_edited(qtbot, view, session):
    qtbot.keyClicks(view.edit, "xyz")
    assert view.edit.toPlainText() == session.article.text


def test_span_starting_at_a_line_break_highlights_the_next_paragraph(view, session):
    text = session.article.text
    newline = text.index("\n")
    session.add_annotation(tag_id(session, "Claim"), newline, newline + 10)
    view.finish_highlighting()
    assert formats_in_block(view, 0) == []
    assert [(s, n) for s, n, _ in formats_in_block(view, 2)] == [(0, 8)]


def test_wide_window_keeps_a_reading_measure(qtbot, view, session):
    long_text = " ".join(["measure"] * 200)
    session.open_article(session.project.articles.add(NewArticle(text=long_text, title="w")))
    view.resize(2400, 600)
    qtbot.waitUntil(lambda: view.edit.viewportMargins().left() > 0)
    layout = view.edit.document().firstBlock().layout()
    first_line = layout.lineAt(0)
    assert 40 <= first_line.textLength() <= 90


def test_each_layer_gets_a_margin_bar_in_its_colour(view, session):
    add(session, "Claim", "The minister said the budget")
    add(session, "Quote", "the budget would")
    bars = view._bars_for_block(view.edit.document().firstBlock())
    colours = {session.tag(tag_id(session, n)).colour for n in ("Claim", "Quote")}
    assert sorted(layer for _, _, layer, _ in bars) == [0, 1]
    assert {colour for *_, colour in bars} == colours
    assert not view.grab().isNull()  # paints the bars without error


def test_retagging_repaints_in_the_new_colour(view, session):
    annotation = add(session, "Claim", "budget")
    view.finish_highlighting()
    before = formats_in_block(view, 0)[0][2].background().color()
    session.update_annotation(annotation.__class__(**{**annotation.__dict__, "tag_id": tag_id(session, "Quote")}))
    after = formats_in_block(view, 0)[0][2].background().color()
    assert before != after
