"""Correcting an article's metadata and removing an article in the real window: each one
undo step; the confirmation says how many annotations go with it."""

from __future__ import annotations

from annotator.actions import editing
from annotator.storage import Project
from tests.ui_shell_fixtures import FakePrompts, open_window, project_path, prompts, settings  # noqa: F401


class AnsweringPrompts(FakePrompts):
    def __init__(self):
        super().__init__()
        self.answer = True
        self.questions: list[str] = []
        self.fill = None  # a function given the details dialog before it is accepted

    def confirm(self, parent, title, question):
        self.questions.append(question)
        return self.answer

    def run_dialog(self, dialog):
        if self.fill is None:
            return False
        self.fill(dialog)
        return True


def test_details_are_corrected_and_undone(project_path, settings, qtbot):  # noqa: F811
    prompts = AnsweringPrompts()
    window = open_window(project_path, settings, prompts, qtbot)
    session = window.session
    article_id, text = session.article_id, session.article.text

    def fill(dialog):
        dialog.fields["title"].setText("Corrected headline")
        dialog.fields["outlet"].setText("The Harbour Gazette")

    prompts.fill = fill
    window.actions.article_details.trigger()
    assert (session.article.title, session.article.outlet, session.article.text) == ("Corrected headline", "The Harbour Gazette", text)
    assert window.article_view.title.text() == "Corrected headline"
    assert window.actions.undo.text() == "&Undo Edit article title, outlet"
    window.actions.undo.trigger()
    assert session.project.articles.get(article_id).title != "Corrected headline"
    assert window.article_view.title.text() == session.project.articles.get(article_id).title


def test_remove_asks_with_the_count_and_undo_restores(project_path, settings, qtbot):  # noqa: F811
    with Project.open(project_path) as project:
        first = project.articles.ids()[0]
        tag = project.codebook.active()[0]
        for coder, start in (("ana", 0), ("ana", 10), ("ben", 20)):
            editing.add_annotation(project, first, tag.id, start, start + 5, coder)
    prompts = AnsweringPrompts()
    window = open_window(project_path, settings, prompts, qtbot)
    session = window.session
    session.open_article(first)
    total = window.corpus_model.total()
    title = session.article.title

    prompts.answer = False
    window.actions.remove_article.trigger()
    assert prompts.questions == [f"Remove “{title}” and its 3 annotations? You can undo this."]
    assert session.project.articles.exists(first)

    prompts.answer = True
    window.actions.remove_article.trigger()
    assert not session.project.articles.exists(first)
    assert session.article_id != first and window.corpus_model.total() == total - 1

    window.actions.undo.trigger()
    assert session.project.articles.exists(first) and session.article_id == first
    assert len(session.project.annotations.for_article(first)) == 3
    assert window.corpus_model.total() == total
