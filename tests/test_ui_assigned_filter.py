"""A coder in a team sees only their assigned articles at first, and can see all with one click."""

from __future__ import annotations

import pytest

from annotator.core.model import NewArticle
from annotator.storage import Project
from pg_fixtures import study  # noqa: F401  (fixture)
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401


def _assigned_project(path):
    with Project.create(path) as project:
        ids = project.articles.add_many(
            NewArticle(text=f"Fictional story {i}: the mayor spoke.", title=f"Story {i}") for i in range(6)
        ).added
        project.assignments.replace({ids[0]: ["ana"], ids[2]: ["ana", "ben"], ids[5]: ["ana"], ids[3]: ["ben"]},
                                    overlap=[ids[2]])
    return ids


def _listed(window):
    model = window.corpus_model
    return [model.article_id(row) for row in range(model.rowCount())]


def test_a_coder_with_assigned_articles_sees_them_first_and_can_see_all(tmp_path, settings, prompts, qtbot):  # noqa: F811
    ids = _assigned_project(tmp_path / "study.annotator")
    window = open_window(tmp_path / "study.annotator", settings, prompts, qtbot, annotator="ana")
    panel = window.corpus_panel
    assert panel.assigned_only.isVisibleTo(window) and panel.assigned_only.isChecked()
    assert _listed(window) == [ids[0], ids[2], ids[5]]
    qtbot.waitUntil(lambda: panel.count_label.text() == "3 articles assigned to you", timeout=2000)
    panel.assigned_only.click()  # see all
    assert _listed(window) == ids
    qtbot.waitUntil(lambda: panel.count_label.text() == "6 articles", timeout=2000)
    panel.assigned_only.click()
    panel.search.setText("story 5")
    panel.apply_filter()
    assert _listed(window) == [ids[5]]
    qtbot.waitUntil(lambda: panel.count_label.text() == "1 article assigned to you", timeout=2000)
    window.close()


def test_someone_with_nothing_assigned_sees_everything_and_no_box(tmp_path, settings, prompts, qtbot):  # noqa: F811
    ids = _assigned_project(tmp_path / "study.annotator")
    window = open_window(tmp_path / "study.annotator", settings, prompts, qtbot, annotator="lena")
    assert not window.corpus_panel.assigned_only.isVisibleTo(window)
    assert _listed(window) == ids
    window.session.set_annotator("ben")  # the name changed to a coder's: their articles
    assert window.corpus_panel.assigned_only.isChecked()
    assert _listed(window) == [ids[2], ids[3]]
    qtbot.waitUntil(lambda: window.corpus_panel.count_label.text() == "2 articles assigned to you", timeout=2000)
    window.close()


def test_on_a_server_study_the_login_sees_their_assignment(study, tmp_path, settings, prompts, qtbot):  # noqa: F811
    pytest.importorskip("psycopg")
    from annotator.storage.pg.transfer import push
    from annotator.ui.app import launch

    ids = _assigned_project(tmp_path / "study.annotator")
    push(tmp_path / "study.annotator", study.admin_url)
    controller = launch(study.postgres_url("ben"), settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    assert window.corpus_panel.assigned_only.isChecked()
    assert _listed(window) == [ids[2], ids[3]]
    window.corpus_panel.assigned_only.click()
    assert _listed(window) == ids
    qtbot.waitUntil(lambda: window.corpus_panel.count_label.text() == "6 articles", timeout=2000)
    window.close()
