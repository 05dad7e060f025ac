"""Right-click menus on passages (issue 13): in the text and on a row of the annotation list,
retag, delete, link to…, edit note — each an existing operation, each one undo step — and on
selected plain text, "Tag selection with"."""

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from annotator.ui.passage_menu import PassageMenu
from tagging_fixtures import session, stored_rows, tag_id, tagging_project, view  # noqa: F401

CLAIM = "The minister said the budget would rise"
QUOTE = "the budget would rise"


def add(session, name, phrase):
    start = session.article.text.index(phrase)
    return session.add_annotation(tag_id(session, name), start, start + len(phrase))


def position_of(view, session, phrase, into=2):
    return view.offsets.to_utf16(session.article.text.index(phrase) + into)


def entries(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def entry(menu: QMenu, *path: str):
    """The action at ``path`` (submenu titles, then the entry; tag names without their key)."""
    for name in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text().startswith(name))
    return next(a for a in menu.actions() if a.text().split("\t")[0] == path[-1] or a.text().startswith(path[-1]))


def test_one_passage_gets_retag_link_note_delete(view, session):
    add(session, "Claim", "shocking plan")
    menu = view.passage_menu.menu_at(position_of(view, session, "shocking plan"))
    names = entries(menu)
    assert names[0].startswith("Claim: “shocking plan”")  # what the menu is about, greyed
    assert names[1:] == ["Retag", "Link to", "Edit note…", "Delete"]


def test_retag_from_the_text_is_one_undo_step(view, session):
    claim = add(session, "Claim", "shocking plan")
    entry(view.passage_menu.menu_at(position_of(view, session, "shocking plan")), "Retag", "Quote").trigger()
    assert session.annotation(claim.id).tag_id == tag_id(session, "Quote")
    assert session.undo_stack.undoText().startswith("Retag") or "Quote" in session.undo_stack.undoText()
    session.undo()
    assert session.annotation(claim.id).tag_id == tag_id(session, "Claim")


def test_delete_from_the_text_and_undo(view, session):
    claim = add(session, "Claim", "shocking plan")
    entry(view.passage_menu.menu_at(position_of(view, session, "shocking plan")), "Delete").trigger()
    assert session.annotation(claim.id) is None
    assert stored_rows(session.project, session.article_id) == []
    session.undo()
    assert session.annotation(claim.id) is not None


def test_link_to_lists_the_neighbours_and_links_undoably(view, session):
    claim = add(session, "Claim", CLAIM)
    quote = add(session, "Quote", "shocking plan")
    menu = view.passage_menu.menu_at(position_of(view, session, "shocking plan"))
    links = entry(menu, "Link to", "No link").parent()  # the submenu
    assert [a.text() for a in links.actions() if not a.isSeparator()] == ["No link", f"Claim: “{CLAIM}”"]
    entry(menu, "Link to", "Claim").trigger()
    assert session.annotation(quote.id).linked_id == claim.id
    assert view.link_cues.links.partners(claim.id) == [quote.id]
    again = view.passage_menu.menu_at(position_of(view, session, "shocking plan"))
    assert entry(again, "Link to", "Claim").isChecked()
    entry(again, "Link to", "No link").trigger()
    assert session.annotation(quote.id).linked_id is None
    session.undo()
    assert session.annotation(quote.id).linked_id == claim.id


def test_edit_note_saves_a_multi_line_note_as_one_step(view, session):
    claim = add(session, "Claim", "shocking plan")
    asked = []
    view.passage_menu.ask_note = lambda parent, title, note: (asked.append((title, note)), "Loaded.\nCheck source.")[1]
    entry(view.passage_menu.menu_at(position_of(view, session, "shocking plan")), "Edit note…").trigger()
    assert asked == [("Note on Claim: “shocking plan”", "")]
    assert session.annotation(claim.id).note == "Loaded.\nCheck source."
    session.undo()
    assert session.annotation(claim.id).note == ""


def test_cancelling_the_note_changes_nothing(view, session):
    add(session, "Claim", "shocking plan")
    steps = session.undo_stack.count()
    view.passage_menu.ask_note = lambda parent, title, note: None
    entry(view.passage_menu.menu_at(position_of(view, session, "shocking plan")), "Edit note…").trigger()
    assert session.undo_stack.count() == steps


def test_overlapping_passages_get_one_submenu_each_innermost_first(view, session):
    add(session, "Claim", CLAIM)
    quote = add(session, "Quote", QUOTE)
    menu = view.passage_menu.menu_at(position_of(view, session, "budget"))
    titles = [a.text() for a in menu.actions() if a.menu() is not None]
    assert titles[0].startswith("Quote: “the budget would rise”") and titles[1].startswith("Claim: ")
    entry(menu, "Quote", "Delete").trigger()
    assert session.annotation(quote.id) is None
    assert len(session.refs()) == 1  # the Claim around it is untouched


def test_tag_with_on_selected_plain_text(view, session):
    start = session.article.text.index("Critics called")
    view.select_range(start, start + len("Critics called "))  # a trailing space: snapped off
    menu = view.passage_menu.menu_at(view.offsets.to_utf16(start + 2))
    assert entries(menu)[0] == "Tag selection with"
    assert "Copy" in entries(menu)
    entry(menu, "Tag selection with", "Quote").trigger()
    assert [(r[0], r[3]) for r in stored_rows(session.project, session.article_id)] == [("Quote", "Critics called")]
    session.undo()
    assert stored_rows(session.project, session.article_id) == []


def test_no_selection_and_no_passage_gives_an_empty_menu(view, session):
    menu = view.passage_menu.menu_at(position_of(view, session, "Critics"))
    assert entries(menu) == []


def test_right_click_selects_the_passage_and_opens_the_menu(qtbot, view, session, monkeypatch):
    claim = add(session, "Claim", "shocking plan")
    shown = []
    monkeypatch.setattr(PassageMenu, "show_menu", staticmethod(lambda menu, pos: shown.append(entries(menu))))
    start = session.article.text.index("shocking plan")
    cursor = QTextCursor(view.edit.document())
    cursor.setPosition(view.offsets.to_utf16(start + 3))
    point = view.edit.cursorRect(cursor).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.edit.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.edit.viewport(), event)
    assert shown and shown[0][-1] == "Delete"
    assert session.selected.id == claim.id


def test_a_refused_write_from_the_menu_says_why(view, session):
    claim = add(session, "Claim", "shocking plan")
    failures = []
    session.writeFailed.connect(failures.append)
    session.read_only = "the file is read-only"
    entry(view.passage_menu.menu_at(position_of(view, session, "shocking plan")), "Delete").trigger()
    assert failures and "read-only" in failures[0]
    session.read_only = None
    assert session.annotation(claim.id) is not None


def test_the_annotation_list_row_has_the_same_menu(qtbot, view, session, monkeypatch):
    from annotator.ui.annotation_list import AnnotationList

    table = AnnotationList(session)
    qtbot.addWidget(table)
    table.resize(500, 300)
    table.show()
    add(session, "Claim", CLAIM)
    quote = add(session, "Quote", "shocking plan")
    row = table.list_model.row_of(quote.id)
    shown = []
    monkeypatch.setattr(PassageMenu, "show_menu", staticmethod(lambda menu, pos: shown.append(menu)))
    rect = table.visualRect(table.list_model.index(row, 1))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), table.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(table.viewport(), event)
    assert session.selected.id == quote.id
    menu = shown[0]
    assert entries(menu)[1:] == ["Retag", "Link to", "Edit note…", "Delete"]
    entry(menu, "Retag", "Sensational language").trigger()
    assert session.annotation(quote.id).tag_id == tag_id(session, "Sensational language")
    entry(table.menu_for(quote.id), "Delete").trigger()
    assert session.annotation(quote.id) is None
    session.undo()
    session.undo()
    assert session.annotation(quote.id).tag_id == tag_id(session, "Quote")
    # Right-click below the last row: no menu.
    shown.clear()
    below = QPoint(10, table.viewport().height() - 5)
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, below,
                                                               table.viewport().mapToGlobal(below)))
    assert shown == []
