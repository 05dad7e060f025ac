"""The annotation list model and view, and the tag panel, following the session."""

from PySide6.QtCore import Qt

from tagging_fixtures import session, tag_id, tagging_project  # noqa: F401

from annotator.ui.annotation_list import ID_ROLE, START_ROLE, AnnotationList, AnnotationListModel
from annotator.ui.tag_panel import TagPanel


def add(session, name, phrase):
    start = session.article.text.index(phrase)
    return session.add_annotation(tag_id(session, name), start, start + len(phrase))


def test_model_passes_qtmodeltester_through_changes(qtmodeltester, session):
    model = AnnotationListModel(session)
    add(session, "Claim", "shocking plan")
    # The tester stays connected and checks every insert, removal and reset that follows.
    qtmodeltester.check(model, force_py=True)
    first = add(session, "Quote", "The minister")
    add(session, "Claim", "budget")
    session.update_annotation(first.__class__(**{**first.__dict__, "end": first.end + 4}))
    session.remove_annotation(first.id)
    session.open_article(session.ids["other"])
    assert model.rowCount() == 0


def test_rows_are_in_text_order_with_ids_in_roles(session):
    model = AnnotationListModel(session)
    late = add(session, "Claim", "shocking plan")
    early = add(session, "Quote", "The minister")
    assert [model.index(r, 0).data(ID_ROLE) for r in range(2)] == [early.id, late.id]
    assert model.index(0, 0).data(START_ROLE) == 0
    assert model.index(0, 0).data() == "Quote"
    assert model.index(0, 1).data() == "The minister"
    assert model.index(0, 2).data() == "ana"


def test_retag_updates_the_row(session):
    model = AnnotationListModel(session)
    annotation = add(session, "Claim", "budget")
    session.update_annotation(annotation.__class__(**{**annotation.__dict__, "tag_id": tag_id(session, "Quote")}))
    assert model.index(0, 0).data() == "Quote"


def test_moving_an_annotation_keeps_rows_sorted(session):
    model = AnnotationListModel(session)
    first = add(session, "Claim", "The minister")
    add(session, "Claim", "budget")
    end = len(session.article.text)
    session.update_annotation(first.__class__(**{**first.__dict__, "start": end - 5, "end": end - 1}))
    assert model.index(1, 0).data(ID_ROLE) == first.id


def test_selecting_a_row_selects_the_annotation(qtbot, session):
    view = AnnotationList(session)
    qtbot.addWidget(view)
    annotation = add(session, "Claim", "budget")
    view.selectRow(0)
    assert session.selected.id == annotation.id


def test_session_selection_selects_the_row(qtbot, session):
    view = AnnotationList(session)
    qtbot.addWidget(view)
    add(session, "Claim", "The minister")
    second = add(session, "Claim", "budget")
    session.select_annotation(second)
    assert view.currentIndex().row() == 1


def test_delete_key_removes_the_selected_row(qtbot, session):
    view = AnnotationList(session)
    qtbot.addWidget(view)
    view.show()
    add(session, "Claim", "budget")
    view.selectRow(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert view.model().rowCount() == 0
    assert session.project.annotations.for_article(session.article_id) == []


def test_tag_panel_counts_and_applies(qtbot, session):
    panel = TagPanel(session)
    qtbot.addWidget(panel)
    claim = tag_id(session, "Claim")
    add(session, "Claim", "budget")
    add(session, "Claim", "shocking")
    assert panel.count(claim) == 2
    assert panel.buttons[claim].text().endswith("2")
    assert "[1]" in panel.buttons[claim].text()
    assert "checked against" in panel.buttons[claim].toolTip()
    with qtbot.waitSignal(panel.tagRequested) as request:
        panel.buttons[claim].click()
    assert request.args == [claim]
    session.open_article(session.ids["other"])
    assert panel.count(claim) == 0


def test_tag_panel_follows_codebook_changes(qtbot, session):
    panel = TagPanel(session)
    qtbot.addWidget(panel)
    session.project.codebook.retire(tag_id(session, "Claim"))
    session.reload_codebook()
    assert len(panel.buttons) == 3
