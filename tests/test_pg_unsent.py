"""Edits made while the team study's server is away: kept, sent later, applied exactly once.

The server really goes away: the coder's connection is killed (``pg_terminate_backend``) and,
while the test says so, the login may not connect again (``ALTER ROLE … NOLOGIN``), as when
the network is down. A lost COMMIT acknowledgement is made by letting the COMMIT through and
then cutting the connection before the client hears of it.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from annotator.actions import editing
from annotator.actions.unsent import OfflineView, UnsentEdits
from annotator.core.model import NewArticle, Status
from annotator.storage import Project
from annotator.storage.errors import ConnectionLostError
from annotator.storage.unsent_journal import UnsentJournal

from pg_fixtures import study  # noqa: F401  (fixture)

pytest.importorskip("psycopg")

TEXT = ("Fictional: the minister said \u201cwe will not back down\u201d on Tuesday. Critics laughed, "
        "and the mayor said the caf\u00e9 would reopen.")


@pytest.fixture
def coder(study, tmp_path):  # noqa: F811
    """``ana`` on a study with one article, her queue journalled in a temporary folder."""
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    with Project.create(tmp_path / "study.annotator") as project:
        project.articles.add_many([NewArticle(text=TEXT, title="Story", outlet="Daily Ledger")])
    push(tmp_path / "study.annotator", study.admin_url)
    ana = ServerProject.open(study.url("ana"))
    state = Window(ana)
    edits = UnsentEdits.for_study(ana, tmp_path / "journal.sqlite", state.offline)
    yield ana, edits, state, study
    edits.journal.close()
    ana.close()


class Window:
    """What a window holds: the open article and its annotations (kept in step with edits)."""

    def __init__(self, project):
        self.article = project.articles.get(project.articles.ids()[0])
        self.tags = {t.id: t for t in project.codebook.tags()}
        self.annotations = {}

    def offline(self) -> OfflineView:
        return OfflineView(self.article, self.annotations, self.tags)

    def follow(self, change) -> None:
        for a in change.added:
            self.annotations[a.id] = a
        for _old, new in change.updated:
            self.annotations[new.id] = new
        for a in change.removed:
            self.annotations.pop(a.id, None)
        for s in change.statuses:
            from dataclasses import replace

            self.article = replace(self.article, status=s.new)


@contextmanager
def server_away(project, study):  # noqa: F811
    """The coder's connection cut and no new one allowed, until the block ends."""
    with _admin(study) as admin:
        admin.execute(f"ALTER ROLE {project.coder} NOLOGIN")
        admin.execute("SELECT pg_terminate_backend(%s)", [project.db.pg.info.backend_pid])
        try:
            yield
        finally:
            admin.execute(f"ALTER ROLE {project.coder} LOGIN")


@contextmanager
def _admin(study):  # noqa: F811
    import psycopg

    with psycopg.connect(study.admin_url, autocommit=True) as admin:
        yield admin


def _rows(study, sql, params=()):  # noqa: F811
    with study.connect("lena") as lead:
        return lead.execute(sql, list(params)).fetchall()


def _add(edits, state, project, start, end, tag="Quote"):
    tag_id = next(t.id for t in state.tags.values() if t.name == tag)
    change = edits.run(editing.add_annotation, state.article.id, tag_id, start, end, project.coder,
                       text=state.article.text, annotation_id=_fresh_id())
    state.follow(change)
    return change


def _fresh_id():
    from annotator.core.model import new_uuid

    return new_uuid()


def test_edits_made_while_the_server_is_away_wait_and_are_sent_once(coder):
    project, edits, state, study = coder
    first = _add(edits, state, project, 11, 19)  # online: stored at once
    assert edits.waiting() == 0
    with server_away(project, study):
        quote = _add(edits, state, project, 29, 51)
        nudged = edits.run(editing.move_boundary, quote.added[0].id, "end", 1, by="character", text=state.article.text)
        state.follow(nudged)
        removed = edits.run(editing.remove_annotation, first.added[0].id)
        state.follow(removed)
        done = edits.run(editing.set_status, state.article.id, Status.DONE)
        state.follow(done)
        assert edits.waiting() == 4
        assert [e.label for e in edits.waiting_entries()] == ["Add Quote", "Move End of Quote", "Delete Quote", "Mark Done"]
        report = edits.send_all()  # still away: nothing sent, nothing lost
        assert report.sent == [] and report.waiting == 4 and report.lost
    report = edits.send_all()
    assert len(report.sent) == 4 and report.waiting == 0 and report.conflicts == []
    assert _rows(study, "SELECT id, text FROM annotations") == [(quote.added[0].id, TEXT[29:52])]
    assert _rows(study, "SELECT coder, status FROM coder_status") == [("ana", "done")]
    assert edits.send_all().sent == []  # sending again writes nothing
    assert _rows(study, "SELECT count(*) FROM applied_operations") == [(5,)]


def test_an_edit_waiting_survives_quitting_and_is_sent_by_the_next_session(coder, tmp_path):
    from annotator.storage.pg.project import ServerProject

    project, edits, state, study = coder
    with server_away(project, study):
        kept = _add(edits, state, project, 29, 51)
    edits.journal.close()
    project.close()  # annotator quits with the edit unsent
    with ServerProject.open(study.url("ana")) as again:
        later = UnsentEdits.for_study(again, tmp_path / "journal.sqlite", Window(again).offline)
        assert later.waiting() == 1
        assert len(later.send_all().sent) == 1
        later.journal.close()
    assert _rows(study, "SELECT id FROM annotations") == [(kept.added[0].id,)]


def _lose_acknowledgements(project, study, count=1):  # noqa: F811
    """The next ``count`` transactions COMMIT on the server, then the connection is cut before
    the client hears back: it sees a lost connection for an edit that was stored."""
    real = project.db.atomic
    left = [count]

    @contextmanager
    def atomic():
        outer = project.db._depth == 0
        with real():
            yield
        if outer and left[0] > 0:
            left[0] -= 1
            with _admin(study) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [project.db.pg.info.backend_pid])
            try:  # the client finds its socket closed, as it would waiting for the answer
                project.db.pg.execute("SELECT 1")
            except Exception:
                pass
            assert project.db.pg.broken
            raise ConnectionLostError("the connection to the study's server was lost", "")

    project.db.atomic = atomic


def test_a_lost_commit_acknowledgement_does_not_store_the_edit_twice(coder):
    project, edits, state, study = coder
    _lose_acknowledgements(project, study)
    change = _add(edits, state, project, 29, 51)  # stored; the answer lost; asked again at once
    assert edits.waiting() == 0
    assert _rows(study, "SELECT id FROM annotations") == [(change.added[0].id,)]
    assert _rows(study, "SELECT count(*) FROM applied_operations") == [(1,)]


def test_a_lost_acknowledgement_while_the_server_goes_away_is_settled_by_the_operation_id(coder):
    project, edits, state, study = coder
    _add(edits, state, project, 11, 19)
    _lose_acknowledgements(project, study)
    with _admin(study) as admin:
        admin.execute("ALTER ROLE ana NOLOGIN")
        try:
            # A status change is not keyed by a UUID of its own: only the operation id tells
            # that the COMMIT got through.
            done = edits.run(editing.set_status, state.article.id, Status.DONE)
            state.follow(done)
            assert edits.waiting() == 1
        finally:
            admin.execute("ALTER ROLE ana LOGIN")
    assert _rows(study, "SELECT status FROM coder_status") == [("done",)]  # it was stored
    report = edits.send_all()
    assert report.already == 1 and report.sent == [] and edits.waiting() == 0
    assert _rows(study, "SELECT count(*) FROM applied_operations") == [(2,)]


def test_an_edit_the_study_no_longer_fits_is_kept_with_the_reason(coder):
    project, edits, state, study = coder
    doomed = _add(edits, state, project, 29, 51)
    with server_away(project, study):
        noted = edits.run(editing.edit_note, doomed.added[0].id, "check the source")
        state.follow(noted)
        later = _add(edits, state, project, 11, 19)
        with _admin(study) as admin:  # the lead deletes the annotation meanwhile
            admin.execute("DELETE FROM annotations WHERE id = %s", [doomed.added[0].id])
    report = edits.send_all()
    assert [label for label, _why in report.conflicts] == ["Edit Note"]
    assert "was deleted meanwhile" in report.conflicts[0][1]
    assert len(report.sent) == 1  # the next edit does not depend on it and is sent
    kept = edits.conflicts()
    assert [e.label for e in kept] == ["Edit Note"] and "deleted meanwhile" in kept[0].problem
    assert edits.waiting() == 0
    assert _rows(study, "SELECT id FROM annotations") == [(later.added[0].id,)]
    assert edits.send_all().conflicts == []  # kept, not sent again by itself
    edits.discard(kept[0].operation_id)  # the coder lets it go
    assert edits.entries() == []


def test_a_refused_edit_is_a_conflict_not_a_retry_loop(coder, tmp_path):
    project, edits, state, study = coder
    with server_away(project, study):
        _add(edits, state, project, 29, 51)
        with _admin(study) as admin:  # the lead retires and deletes the tag meanwhile
            quote = next(t.id for t in state.tags.values() if t.name == "Quote")
            admin.execute("DELETE FROM tags WHERE id = %s", [quote])
    report = edits.send_all()
    assert report.sent == [] and "deleted from the codebook" in report.conflicts[0][1]
    assert _rows(study, "SELECT count(*) FROM annotations") == [(0,)]


def test_the_journal_keeps_rows_per_study_and_login(tmp_path):
    ana = UnsentJournal(tmp_path / "j.sqlite", "postgresql://ana@h/one", "ana")
    other = UnsentJournal(tmp_path / "j.sqlite", "postgresql://ana@h/two", "ana")
    ana.add("op-1", "Add Quote", "{}")
    ana.add("op-1", "Add Quote", "{}")  # the same edit twice is kept once
    assert ana.count() == 1 and other.count() == 0
    ana.close(), other.close()
