"""Article memos (migration 0014) on both backends, and the server's rule that a memo is the
coder's own: written only under their login, read by no other coder while coding is blind."""

from __future__ import annotations

import pytest

from annotator.actions import memos
from annotator.actions.history import History
from annotator.storage.errors import ServerWriteError

from pg_fixtures import file_or_server, study  # noqa: F401  (fixture)
from test_pg_backend import seeded_file

MEMO = "Framing: conflict.\nAsk Ben about the second quote."


@pytest.fixture(params=["file", "server"])
def backend(request, tmp_path):
    with file_or_server(request, tmp_path, seeded_file) as project:
        yield project


def test_a_memo_is_set_undone_and_redone_on_both_backends(backend):
    article = backend.articles.ids()[0]
    history = History(backend)
    history.push(memos.set_memo(backend, article, "ana", MEMO))
    assert memos.memo_text(backend, article, "ana") == MEMO
    history.push(memos.set_memo(backend, article, "ana", MEMO + "\nDone."))  # the upsert path
    history.undo()
    assert memos.memo_text(backend, article, "ana") == MEMO
    history.undo()
    assert memos.memo_text(backend, article, "ana") == "" and backend.memos.count() == 0
    history.redo()
    assert [m.text for m in backend.memos.all()] == [MEMO]


def test_on_the_server_a_memo_is_the_coders_own(tmp_path, study):
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    seeded_file(tmp_path / "study.annotator").close()
    push(tmp_path / "study.annotator", study.admin_url)
    with ServerProject.open(study.url("ana")) as ana, ServerProject.open(study.url("ben")) as ben:
        article = ana.articles.ids()[0]
        memos.set_memo(ana, article, "ana", MEMO)
        assert memos.memo_text(ben, article, "ana") == "" and ben.memos.count() == 0  # blind
        with pytest.raises(ServerWriteError, match="only their own coding"):
            memos.set_memo(ben, article, "ana", "forged")
        memos.set_memo(ben, article, "ben", "Ben's memo.")
        assert memos.memo_text(ana, article, "ana") == MEMO
    with ServerProject.open(study.url("lena")) as lead:  # the lead reads everyone's
        assert {m.annotator for m in lead.memos.all()} == {"ana", "ben"}


def test_field_completion_reads_the_same_values_on_both_backends(backend):
    from annotator.actions import editing, field_values

    article = backend.articles.ids()[0]
    quote = backend.codebook.by_name("Quote")
    text = backend.articles.text(article)
    for phrase, speaker in (("the minister", "The minister"), ("Critics", "the minister"), ("Tuesday", "Critics")):
        start = text.index(phrase)
        editing.add_annotation(backend, article, quote.id, start, start + len(phrase), "ana",
                               fields={"speaker": speaker})
    assert field_values.used_values(backend, "speaker") == ["The minister", "Critics"]
    assert field_values.used_values(backend, "speaker", only_annotator="ben") == []
