"""Review mode lists article-level differences beside the passage ones; settling one writes the
reviewed value under the reviewer's name, one undo step."""

from __future__ import annotations

import pytest

from annotator.actions import variables as ops
from annotator.core import variable_values
from annotator.core.review import REVIEWED
from tests.ui_review_fixtures import session, two_coders  # noqa: F401 - fixtures
from tests.variable_fixtures import add_variables


@pytest.fixture
def panel(qtbot, session):
    from annotator.ui.review_panel import ReviewPanel

    project = session.project
    v = add_variables(project)
    article = project.ids[0]
    ops.code_from_text(project, article, ["tone=negative", "topic=crime", "victim=yes"], "alice")
    ops.code_from_text(project, article, ["tone=neutral", "topic=crime", "sources=2"], "bob")
    session.reload_codebook()
    widget = ReviewPanel(session)
    qtbot.addWidget(widget)
    widget.set_pair("alice", "bob")
    session.open_article(article)
    widget.variables_for_test = v
    return widget


def cells(panel):
    table = panel.variables.table
    return [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]


def reviewed_values(project, article_id):
    values = ops.values_by_coder(project, article_id).get(REVIEWED, {})
    return {v.name: variable_values.display(v, values[v.id]) for v in project.variables.variables() if v.id in values}


def test_lists_each_variable_either_coder_set(panel):
    assert cells(panel) == [
        ("tone", "negative", "neutral", "—"), ("topic", "crime", "crime", "—"),
        ("sources", "—", "2", "—"), ("victim", "yes", "—", "—"),
    ]
    assert panel.variables.summary.text() == "3 of 4 variables differ; 0 of them settled"


def test_taking_b_writes_the_reviewed_value_and_undo_takes_it_back(panel, session):
    panel.variables.table.selectRow(0)
    assert panel.variables.take("b")
    assert reviewed_values(session.project, session.article_id) == {"tone": "neutral"}
    stored = session.project.article_values.get(session.article_id, panel.variables_for_test["tone"].id, REVIEWED)
    assert stored.reviewer == "rita"
    assert cells(panel)[0][3] == "neutral"
    assert session.undo_stack.undoText() == "Review: tone = neutral"
    session.undo_stack.undo()
    assert reviewed_values(session.project, session.article_id) == {}
    assert cells(panel)[0][3] == "—"


def test_accept_agreeing_variables_is_one_step(panel, session):
    assert panel.variables.accept_agreeing()
    assert reviewed_values(session.project, session.article_id) == {"topic": "crime"}
    session.undo_stack.undo()
    assert reviewed_values(session.project, session.article_id) == {}


def test_taking_a_side_without_a_value_says_so(panel, session):
    panel.variables.table.selectRow(2)  # sources: only B
    assert not panel.variables.take("a")
    assert "A has no value for sources" in panel.variables.summary.text()
