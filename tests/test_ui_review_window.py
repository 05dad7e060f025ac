"""Review mode, Agreement and blind coding inside the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.ui.blind_coding import OFF_TEXT as SHOWN_TEXT
from annotator.ui.blind_coding import ON_TEXT as HIDDEN_TEXT
from tests.ui_review_fixtures import two_coders  # noqa: F401 - fixture
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401 - fixtures


@pytest.fixture
def coders_path(two_coders):
    """The two-coder project as a closed file, its article ids on ``ids``."""
    path, ids = two_coders.path, list(two_coders.ids)
    two_coders.close()
    return path, ids


@pytest.fixture
def window(coders_path, settings, prompts, qtbot):
    path, ids = coders_path
    w = open_window(path, settings, prompts, qtbot, annotator="rita")
    w.ids = ids
    return w


def test_review_mode_replaces_the_tagging_view(window):
    window.review_mode.toggle.setChecked(True)
    assert window.review_mode.panel.isVisible()
    assert not window.article_view.isVisible()
    window.review_mode.toggle.setChecked(False)
    assert window.article_view.isVisible()
    assert not window.review_mode.panel.isVisible()


def test_corpus_list_shows_review_progress_in_review_mode(window):
    window.review_mode.toggle.setChecked(True)
    window.review_mode.panel.set_pair("alice", "bob")
    model = window.corpus_model
    row = model.row_of(window.ids[0])
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "Review: 0 of 4 disagreements settled"
    assert model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None


def test_progress_in_the_corpus_list_follows_a_decision(window):
    from annotator.core.review import Decision

    window.review_mode.toggle.setChecked(True)
    panel = window.review_mode.panel
    panel.set_pair("alice", "bob")
    window.session.open_article(window.ids[1])
    panel.select_row(0)
    panel.decide(Decision.REJECT)
    row = window.corpus_model.row_of(window.ids[1])
    assert window.corpus_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "Review: 1 of 1 disagreements settled"


def test_no_progress_decoration_outside_review_mode(window):
    row = window.corpus_model.row_of(window.ids[0])
    assert window.corpus_model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is None


def test_next_disagreement_action_crosses_articles(window):
    window.review_mode.toggle.setChecked(True)
    panel = window.review_mode.panel
    panel.set_pair("alice", "bob")
    window.session.open_article(window.ids[0])
    panel.select_row(panel.model.rowCount() - 1)
    window.review_mode.next.trigger()
    assert window.session.article_id == window.ids[1]


def test_review_keys_are_listed_with_the_menus(window):
    texts = [a.text() for a in window.actions.all()]
    assert "Next &disagreement" in texts and "&Review mode (compare two coders)" in texts


def test_blind_toggle_hides_and_shows_other_coders(window):
    session = window.session
    session.open_article(window.ids[0])
    assert session.annotations() == []  # blind by default; rita has none of her own yet
    assert window.review_mode.indicator.text() == HIDDEN_TEXT
    window.actions.hide_others.trigger()
    assert {a.annotator for a in session.annotations()} == {"alice", "bob"}
    assert window.review_mode.indicator.text() == SHOWN_TEXT
    window.actions.hide_others.trigger()
    assert session.annotations() == []
    assert window.review_mode.indicator.text() == HIDDEN_TEXT


def test_clicking_the_indicator_toggles_blind_coding(window):
    assert window.session.hidden_annotators == {"alice", "bob"}  # blind by default
    window.review_mode.indicator.click()
    assert not window.actions.hide_others.isChecked()
    assert window.session.hidden_annotators == set()
    window.review_mode.indicator.click()
    assert window.actions.hide_others.isChecked()
    assert window.session.hidden_annotators == {"alice", "bob"}


def test_agreement_opens_with_the_review_pair(window, qtbot):
    window.review_mode.toggle.setChecked(True)
    window.review_mode.panel.set_pair("bob", "alice")
    window.review_mode.open_agreement.trigger()
    dialog = window.review_mode.agreement
    qtbot.addWidget(dialog)
    assert sorted(dialog.chosen_annotators()) == ["alice", "bob"]
    dialog.close()


def test_merge_menu_item_is_enabled(window):
    assert window.actions.merge.isEnabled()


def test_closing_in_review_mode_keeps_the_tagging_layout(window):
    window.review_mode.toggle.setChecked(True)
    window.close()
    assert len(window.settings.splitter()) == 3
