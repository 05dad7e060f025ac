"""Suggestions on both backends: a project file and a team's study on PostgreSQL (the coder
``ana``): accept is an add operation with its link, reject is remembered, terms are kept."""

from __future__ import annotations

import pytest

from annotator.actions import suggestions as sg
from annotator.core.model import NewArticle
from annotator.storage import Project

from pg_fixtures import file_or_server, study  # noqa: F401  (fixture)

TEXT = ("Fictional.\n\n\u201cWe will not back down,\u201d council spokesman Erik Lund said. It was a shambles, "
        "and the council would not back down.")


def seeded_file(path) -> Project:
    project = Project.create(path)
    project.articles.add(NewArticle(text=TEXT, title="Story"))
    return project


@pytest.fixture(params=["file", "server"])
def backend(request, tmp_path):
    with file_or_server(request, tmp_path, seeded_file) as project:
        yield project


def test_accept_reject_and_terms(backend):
    (article_id,) = backend.articles.ids()
    found = sg.for_article(backend, article_id, "ana")
    quote = next(s for s in found if s.tag == "Quote")
    attribution = next(s for s in found if s.tag == "Source attribution")
    sg.accept(backend, article_id, quote, "ana", others=found)
    change = sg.accept(backend, article_id, attribution, "ana", others=found)
    assert change.added[0].linked_id is not None
    loaded = next(s for s in found if s.tag == "Sensational language")
    sg.reject(backend, article_id, loaded, "ana")
    sg.reject(backend, article_id, loaded, "ana")  # twice is harmless
    assert loaded not in sg.for_article(backend, article_id, "ana")
    if backend.path is None:  # a study: project terms belong to the lead, like the codebook
        with pytest.raises(Exception, match="may not make this change"):
            sg.add_term(backend, "back down", "ana")
        return
    sg.add_term(backend, "back down", "ana")
    # (the writer's "back down", not the one inside the quotation: sensational_in_quotes is off)
    assert [s.start for s in sg.for_article(backend, article_id, "ana") if TEXT[s.start:s.end] == "back down"] == [
        TEXT.rindex("back down")]
