"""The window on a study on a PostgreSQL server: it opens, tags under the login, lists the corpus."""

from __future__ import annotations

import pytest

from annotator.core.model import NewArticle, Status
from annotator.storage import Project
from pg_fixtures import study  # noqa: F401  (fixture)
from tests.ui_shell_fixtures import prompts, settings  # noqa: F401

pytest.importorskip("psycopg")


@pytest.fixture
def server_window(study, tmp_path, settings, prompts, qtbot):  # noqa: F811
    from annotator.storage.pg.transfer import push
    from annotator.ui.app import launch

    with Project.create(tmp_path / "study.annotator") as project:
        project.articles.add_many(
            NewArticle(text=f"Fictional story {i}: the mayor said the caf\u00e9 would reopen.", title=f"Story {i}")
            for i in range(5)
        )
    push(tmp_path / "study.annotator", study.admin_url)
    settings.annotator_name = "somebody else"  # the login wins on a server
    controller = launch(study.postgres_url("ana"), settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield window, study
    window.session.project.close()


def test_the_window_codes_on_the_server_under_the_login(server_window):
    window, study = server_window
    session = window.session
    assert session.annotator == "ana"
    assert window.corpus_model.rowCount() == 5
    article = session.article_id
    tag = session.project.codebook.by_name("Quote")
    added = session.add_annotation(tag.id, 19, 28)
    assert added is not None
    with study.connect("lena") as lead:
        assert lead.execute("SELECT annotator, text FROM annotations").fetchall() == [("ana", "the mayor")]
        assert lead.execute("SELECT coder, status FROM coder_status WHERE article_id = %s",
                            [article]).fetchall() == [("ana", Status.IN_PROGRESS.value)]
    session.undo()
    with study.connect("lena") as lead:
        assert lead.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0


def test_the_recent_list_keeps_no_password(server_window):
    window, study = server_window
    recent = window.settings.recent_projects[0]
    assert recent.startswith("postgresql://ana@") and "secret" not in recent


def test_corpus_search_and_status_filter_on_the_server(server_window):
    from annotator.actions.queries import CorpusFilter, corpus_listing

    window, _study = server_window
    listing = corpus_listing(window.session.project)
    assert listing.count(CorpusFilter(search="cafe")) == 5  # diacritics folded, prefix while typing
    assert listing.count(CorpusFilter(search="Story 3")) == 1
    first = listing.page(limit=2)
    assert [r.title for r in first] == ["Story 0", "Story 1"]
    assert [r.title for r in listing.page(after=first[-1], limit=2)] == ["Story 2", "Story 3"]
    assert listing.first_with_status("todo") == first[0].id


@pytest.fixture
def lead_window(study, tmp_path, settings, prompts, qtbot):  # noqa: F811
    from annotator.storage.pg.transfer import push
    from annotator.ui.app import launch

    with Project.create(tmp_path / "study.annotator") as project:
        project.articles.add_many(
            NewArticle(text=f"Fictional story {i}: the mayor said the bridge would reopen.", title=f"Story {i}")
            for i in range(3)
        )
    push(tmp_path / "study.annotator", study.admin_url)
    controller = launch(study.postgres_url("lena"), settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield window, study
    window.live_updates.close()
    window.session.project.close()


def test_a_colleagues_new_edited_and_deleted_annotation_show_within_a_second(lead_window, qtbot):
    from annotator.actions import editing
    from annotator.storage.pg.project import ServerProject

    window, study = lead_window
    session = window.session
    article = session.article_id
    with ServerProject.open(study.url("ben")) as ben:
        quote = ben.codebook.by_name("Quote")
        added = editing.add_annotation(ben, article, quote.id, 18, 27, "ben").added[0]
        qtbot.waitUntil(lambda: session.model.ref(added.id) is not None, timeout=1000)
        assert [a.annotator for a in session.annotations()] == ["ben"]  # the lead sees colleagues
        editing.move_boundary(ben, added.id, "end", 1, by="word")
        qtbot.waitUntil(lambda: session.model.ref(added.id).end > 27, timeout=1000)
        editing.remove_annotation(ben, added.id)
        qtbot.waitUntil(lambda: session.model.ref(added.id) is None, timeout=1000)


def test_the_leads_codebook_change_reaches_an_open_window_within_a_second(server_window, qtbot):
    window, study = server_window
    with study.connect("lena") as lead:
        lead.execute("UPDATE tags SET name = 'Direct quote' WHERE lower(name) = 'quote'")
    qtbot.waitUntil(lambda: any(t.name == "Direct quote" for t in window.session.tags()), timeout=1000)


def test_the_passage_browser_lists_filters_and_searches_on_the_server(study, tmp_path, settings, prompts, qtbot):  # noqa: F811
    from annotator.storage.pg.transfer import push
    from annotator.ui.app import launch
    from passage_fixtures import build

    with Project.create(tmp_path / "coded.annotator") as project:
        build(project)
    push(tmp_path / "coded.annotator", study.admin_url)
    controller = launch(study.postgres_url("lena"), settings=settings, prompts=prompts)  # the lead reads all
    window = controller.windows[0]
    qtbot.addWidget(window)
    window.actions.hide_others.setChecked(False)
    window.actions.passages.trigger()
    browser = window.passages_dock.browser
    try:
        assert browser.model.rowCount() == 33 and browser.count.text() == "33 passages in 5 articles"
        browser.filters.search.setText("shock")  # a prefix, through the server's text search
        qtbot.waitUntil(lambda: browser.model.rowCount() == 10, timeout=5000)
        assert {browser.model.passage(r).text for r in range(10)} <= {"shocking failure", "the plan was a shocking failure"}
        next(a for a in browser.filters.outlets.menu().actions() if a.text() == "Daily Example").setChecked(True)
        assert browser.model.rowCount() == 4 and browser.problem.text() == ""
        browser.table.sortByColumn(4, browser.table.horizontalHeader().sortIndicatorOrder())
        assert browser.model.rowCount() == 4
    finally:
        window.session.project.close()
