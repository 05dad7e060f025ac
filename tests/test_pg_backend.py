"""The same stores and editing operations on both backends: a project file and a server study.

Each test runs twice: on a project file, and on a study on the throwaway PostgreSQL server,
logged in as the coder ``ana`` (the study pushed from the same file). Where the server adds a
rule (a coder's own status, row-level security) a test of its own says so.
"""

from __future__ import annotations

import pytest

from annotator.actions import editing
from annotator.actions.history import History
from annotator.core.model import NewArticle, Status
from annotator.storage import InvalidAnnotationError, Project
from annotator.storage.errors import ServerWriteError

from pg_fixtures import file_or_server, study  # noqa: F401  (fixture)

TEXTS = [
    "Fictional: the minister said \u201cwe will not back down\u201d \U0001F600 on Tuesday. Critics laughed.",
    "Fictional: caf\u00e9 owners cheered, according to officials, as the bridge reopened.",
]


def seeded_file(path) -> Project:
    project = Project.create(path)
    project.articles.add_many(NewArticle(text=t, title=f"Story {i}", outlet="Daily Ledger") for i, t in enumerate(TEXTS))
    return project


@pytest.fixture(params=["file", "server"])
def backend(request, tmp_path):
    with file_or_server(request, tmp_path, seeded_file) as project:
        if request.param == "file":
            project.coder = "ana"  # the server's coder is the login
        yield project


def test_reading_articles_and_the_codebook(backend):
    ids = backend.articles.ids()
    assert len(ids) == 2 and backend.articles.count() == 2
    assert backend.articles.get(ids[0]).title == "Story 0"
    assert backend.articles.text(ids[0]) == TEXTS[0]
    assert [a.title for a in backend.articles.iter_all()] == ["Story 0", "Story 1"]
    assert backend.codebook.by_name("quote").name == "Quote"
    assert backend.codebook.by_name("no such tag") is None
    assert backend.articles.search("cheered") == [ids[1]]
    assert backend.articles.search("Minister TUESDAY") == [ids[0]]  # every word, any case
    assert backend.articles.search("minister cheered") == []


def test_add_nudge_note_remove_with_undo_and_redo(backend):
    article = backend.articles.ids()[0]
    quote = backend.codebook.by_name("Quote")
    history = History(backend)
    added = history.push(editing.add_annotation(backend, article, quote.id, 30, 54, backend.coder))
    annotation_id = added.added[0].id
    assert backend.annotations.get(annotation_id).text == TEXTS[0][30:54]
    assert backend.articles.status(article) is Status.IN_PROGRESS  # the same transaction
    history.push(editing.move_boundary(backend, annotation_id, "end", 1, by="character"))
    assert backend.annotations.get(annotation_id).end == 55
    history.push(editing.edit_note(backend, annotation_id, "two\nlines"))
    history.push(editing.remove_annotation(backend, annotation_id))
    assert backend.annotations.get(annotation_id) is None
    history.undo()
    restored = backend.annotations.get(annotation_id)
    assert (restored.end, restored.note) == (55, "two\nlines")
    while history.can_undo:
        history.undo()
    assert backend.annotations.for_article(article) == []
    assert backend.articles.status(article) is Status.TODO
    history.redo()
    assert [a.id for a in backend.annotations.for_article(article)] == [annotation_id]


def test_undoing_a_delete_brings_back_the_links_to_it(backend):
    article = backend.articles.ids()[0]
    quote, source = backend.codebook.by_name("Quote"), backend.codebook.by_name("Source attribution")
    target = editing.add_annotation(backend, article, quote.id, 30, 54, backend.coder).added[0]
    linker = editing.add_annotation(backend, article, source.id, 11, 29, backend.coder, linked_id=target.id).added[0]
    removal = editing.remove_annotation(backend, target.id)
    assert backend.annotations.get(linker.id).linked_id is None
    editing.revert(backend, removal)
    assert backend.annotations.get(linker.id).linked_id == target.id


def test_a_passage_outside_the_text_is_refused_and_nothing_is_written(backend):
    article = backend.articles.ids()[1]
    quote = backend.codebook.by_name("Quote")
    with pytest.raises(InvalidAnnotationError):
        editing.add_annotation(backend, article, quote.id, 70, 500, backend.coder)
    assert backend.annotations.for_article(article) == []
    assert backend.articles.status(article) is Status.TODO


def test_status_done_and_back(backend):
    article = backend.articles.ids()[1]
    change = editing.set_status(backend, article, Status.DONE)
    assert backend.articles.status(article) is Status.DONE
    assert backend.articles.status_counts()["done"] == 1
    assert [a.id for a in backend.articles.iter_all(Status.DONE)] == [article]
    editing.revert(backend, change)
    assert backend.articles.status(article) is Status.TODO


def test_on_the_server_each_coder_has_their_own_status_and_sees_only_their_own_coding(tmp_path, study):
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    seeded_file(tmp_path / "study.annotator").close()
    push(tmp_path / "study.annotator", study.admin_url)
    with ServerProject.open(study.url("ana")) as ana, ServerProject.open(study.url("ben")) as ben:
        assert (ana.coder, ben.coder) == ("ana", "ben")
        article = ana.articles.ids()[0]
        quote = ana.codebook.by_name("Quote")
        editing.add_annotation(ana, article, quote.id, 30, 54, ana.coder)
        editing.set_status(ana, article, Status.DONE)
        assert ben.articles.status(article) is Status.TODO
        assert ben.annotations.for_article(article) == []  # blind coding
        with pytest.raises(ServerWriteError, match="only their own coding"):
            editing.add_annotation(ben, article, quote.id, 30, 54, "ana")  # not his name to use
        assert len(ana.annotations.for_article(article)) == 1


def test_a_lost_connection_is_told_and_the_next_edit_connects_again(tmp_path, study):
    from annotator.actions import write_failures
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    seeded_file(tmp_path / "study.annotator").close()
    push(tmp_path / "study.annotator", study.admin_url)
    with ServerProject.open(study.url("ana")) as ana:
        article = ana.articles.ids()[0]
        quote = ana.codebook.by_name("Quote")
        pid = ana.db.pg.info.backend_pid
        import psycopg

        with psycopg.connect(study.admin_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        with pytest.raises(ServerWriteError) as refused:
            editing.add_annotation(ana, article, quote.id, 30, 54, ana.coder)
        message = write_failures.describe(refused.value)
        assert "connection to the study's server was lost" in message and "sends it when the server is back" in message
        change = editing.add_annotation(ana, article, quote.id, 30, 54, ana.coder)  # connects again
        assert [a.id for a in ana.annotations.for_article(article)] == [change.added[0].id]  # once
