"""A server study on a fresh profile: the login is the coder's name, so nothing asks for one.

The server records every edit under the login; asking for a name there (pre-filled with the
machine's user name) only invited a name that differs from what the server writes."""

from __future__ import annotations

import pytest

from annotator.core.model import NewArticle
from annotator.storage import Project
from pg_fixtures import study  # noqa: F401  (fixture)
from tests.ui_shell_fixtures import project_path, prompts, settings  # noqa: F401

pytest.importorskip("psycopg")


@pytest.fixture
def fresh_profile_window(study, tmp_path, settings, prompts, qtbot):  # noqa: F811
    from annotator.storage.pg.transfer import push
    from annotator.ui.app import launch

    with Project.create(tmp_path / "to-push.annotator") as project:
        project.articles.add(NewArticle(text="Fictional story: the mayor said the cafe would reopen.", title="Story"))
    push(tmp_path / "to-push.annotator", study.admin_url)
    assert settings.annotator_name == ""  # never given a name
    controller = launch(study.postgres_url("ben"), settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    yield controller, window
    window.session.project.close()


def test_a_server_study_opens_under_the_login_without_asking(fresh_profile_window, settings, prompts):
    _, window = fresh_profile_window
    assert prompts.asked_name == 0
    assert window.session.annotator == "ben"
    assert window.annotator_button.text() == "Coding as: ben"
    assert settings.annotator_name == ""  # the login is not the name this profile codes files under


def test_changing_the_name_on_a_server_explains_instead_of_asking(fresh_profile_window, prompts):
    _, window = fresh_profile_window
    window.annotator_button.click()
    window.actions.annotator.trigger()
    assert prompts.asked_name == 0 and window.session.annotator == "ben"
    assert [title for title, _ in prompts.messages] == ["Your name on this server"] * 2
    assert "your login, ben" in prompts.messages[0][1]


def test_a_file_opened_afterwards_still_asks_for_the_name(fresh_profile_window, project_path, settings, prompts):  # noqa: F811
    controller, _ = fresh_profile_window
    window = controller.open_project(project_path)
    assert prompts.asked_name == 1 and window.session.annotator == "Tester" == settings.annotator_name
    window.session.project.close()
