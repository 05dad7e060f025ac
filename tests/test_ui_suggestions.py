"""Suggestions in the real window: drawn, stepped through with Space, accepted with Enter (one
undo step, fields and link), rejected with Delete (never back for that coder), accept all of a
tag, hidden, a corpus run in the background with a progress bar, new imports suggested."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.actions import suggestions as sg
from annotator.core.model import NewArticle
from annotator.storage import Project
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401

FIRST = (
    "Harbour row deepens\n\n"
    "\u201cWe will not back down,\u201d council spokesman Erik Lund said on Tuesday.\n\n"
    "Critics called the plan an outrageous attack. \u201cIt is a shambles,\u201d said Mira Ostby."
)
SECOND = "A second article.\n\n\u201cNothing to add,\u201d the mayor said."


@pytest.fixture
def window(tmp_path, settings, prompts, qtbot):  # noqa: F811
    path = tmp_path / "suggest.annotator"
    with Project.create(path) as project:
        for text in (FIRST, SECOND):
            project.articles.add(NewArticle(text=text, title=text.split("\n")[0]))
    window = open_window(path, settings, prompts, qtbot, annotator="ana")
    with qtbot.waitActive(window):
        window.activateWindow()
    first = next(a for a in window.session.project.articles.iter_all() if a.text == FIRST)
    window.session.open_article(first.id)
    qtbot.waitUntil(lambda: len(window.suggestions.model) > 0)
    window.article_view.edit.setFocus()
    return window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.article_view.edit, key, modifier)


def mine(window):
    return window.session.project.annotations.for_article(window.session.article_id, ["ana"])


def test_space_steps_enter_accepts_with_fields_and_one_undo_step(qtbot, window):
    model = window.suggestions.model
    press(qtbot, window, Qt.Key.Key_Space)
    first = model.current
    assert first is not None and FIRST[first.start:first.end] == "We will not back down"
    press(qtbot, window, Qt.Key.Key_Return)
    (quote,) = mine(window)
    assert (quote.start, quote.end, quote.fields["speaker"]) == (first.start, first.end, "Erik Lund")
    assert first not in model.all()
    # the next suggestion is current: Enter again accepts the attribution, linked to the quote
    assert FIRST[model.current.start:model.current.end] == "council spokesman Erik Lund said"
    press(qtbot, window, Qt.Key.Key_Return)
    attribution = next(a for a in mine(window) if a.id != quote.id)
    assert attribution.linked_id == quote.id and attribution.fields["source_type"] == "official"
    window.session.undo()
    assert len(mine(window)) == 1
    qtbot.waitUntil(lambda: any(FIRST[s.start:s.end] == "council spokesman Erik Lund said" for s in model.all()))


def test_delete_rejects_and_it_does_not_come_back(qtbot, window):
    model = window.suggestions.model
    press(qtbot, window, Qt.Key.Key_Space)
    rejected = model.current
    press(qtbot, window, Qt.Key.Key_Delete)
    assert rejected not in model.all() and mine(window) == []
    window.suggestions.reload()
    qtbot.waitUntil(lambda: len(model) > 0)
    assert rejected not in model.all()
    other = sg.for_article(window.session.project, window.session.article_id, "ben")
    assert rejected in other


def test_accept_all_of_a_tag_is_one_undo_step(qtbot, window):
    quotes = window.suggestions.model.of_tag("Quote")
    assert len(quotes) == 2
    window.suggestions.accept_all("Quote")
    assert len(mine(window)) == 2
    assert window.suggestions.model.of_tag("Quote") == []
    window.session.undo()
    assert mine(window) == []


def test_hidden_suggestions_take_no_keys(qtbot, window):
    window.suggestions.show_action.setChecked(False)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.suggestions.model.current is None
    window.suggestions.show_action.setChecked(True)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.suggestions.model.current is not None


def test_drawn_dashed_and_hover_names_the_rule(qtbot, window):
    view = window.article_view
    view.edit.viewport().repaint()  # paints without error, outlines included
    s = window.suggestions.model.of_tag("Quote")[0]
    tip = window.suggestions.painter.tooltip_at(s.start + 2)
    assert "Suggested Quote" in tip and "direct quote" in tip


def test_corpus_run_in_the_background_and_new_imports(qtbot, window, tmp_path):
    suggestions = window.suggestions
    suggestions.run_corpus()
    qtbot.waitUntil(lambda: not suggestions.run_bar.busy, timeout=20000)
    project = window.session.project
    key = sg.fingerprint(project.suggestions.settings(), sg.knowledge_for(project, "ana"))
    assert project.suggestions.articles_with_run(key) == set(project.articles.ids())
    new = project.articles.add(NewArticle(text="Fresh news.\n\n\u201cHello there, all,\u201d she said.", title="Fresh"))
    window.session.notify_articles_imported([new])
    qtbot.waitUntil(lambda: new in project.suggestions.articles_with_run(key), timeout=20000)
