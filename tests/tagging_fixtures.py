"""Fixtures for the reading-and-tagging widget tests: a project file with a few articles."""

from __future__ import annotations

import pytest

from annotator.core.model import NewArticle
from annotator.storage import Project

TEXTS = {
    "plain": "The minister said the budget would rise.\n\nCritics called it a shocking plan.",
    "emoji": "😀 Big news 🇩🇪 today: “We will not back down,” the mayor said.\n\nPolice confirmed it.",
    "other": "A second article about the river flood.\n\nResidents were told to leave.",
}


@pytest.fixture
def tagging_project(tmp_path):
    """A project file with three articles; yields ``(project, ids by name)``."""
    project = Project.create(tmp_path / "tagging.annotator")
    ids = {}
    for name, text in TEXTS.items():
        ids[name] = project.articles.add(NewArticle(text=text, title=f"About {name}", outlet="Daily Example"))
    yield project, ids
    project.close()


@pytest.fixture
def session(qtbot, tagging_project):
    """A session by annotator "ana" on the "plain" article."""
    from annotator.ui.session import ProjectSession

    project, ids = tagging_project
    session = ProjectSession(project, "ana")
    session.ids = ids  # handy in tests
    session.open_article(ids["plain"])
    return session


def stored_rows(project, article_id):
    """What the project file holds for an article: (tag name, start, end, text, annotator)."""
    names = {t.id: t.name for t in project.codebook.tags()}
    # A fresh connection-independent read through the store, ordered by offset.
    return [(names[a.tag_id], a.start, a.end, a.text, a.annotator) for a in project.annotations.for_article(article_id)]


def tag_id(session, name):
    return next(t.id for t in session.tags() if t.name == name)


@pytest.fixture
def view(qtbot, session):
    """An ArticleView on the session, shown at a readable size."""
    from annotator.ui.article_view import ArticleView

    view = ArticleView(session)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view
