"""Starting the app in-process: start page, opening projects, the demo, the annotator's name."""

from __future__ import annotations

from annotator.storage import Project
from annotator.ui.app import launch, run
from annotator.ui.main_window import MainWindow
from annotator.ui.start_page import StartPage
from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401


def close_all(controller):
    for window in list(controller.windows):
        window.quit_app()
    if controller.start_page is not None:
        controller.start_page.close()
    controller.cleanup()


def test_bare_start_shows_the_start_page_with_recent_projects(settings, prompts, project_path, qtbot):
    settings.add_recent(project_path)
    controller = launch(None, settings=settings, prompts=prompts)
    page = controller.start_page
    assert isinstance(page, StartPage) and page.isVisible()
    assert project_path.stem in page.recent.item(0).text()
    close_all(controller)


def test_choosing_a_recent_project_opens_it(settings, prompts, project_path, qtbot):
    settings.add_recent(project_path)
    controller = launch(None, settings=settings, prompts=prompts)
    controller.start_page.recentChosen.emit(str(project_path))
    assert len(controller.windows) == 1
    assert controller.start_page is None
    close_all(controller)


def test_open_button_opens_the_chosen_file(settings, prompts, project_path, qtbot):
    prompts.open_path = str(project_path)
    controller = launch(None, settings=settings, prompts=prompts)
    controller.start_page.open_button.click()
    assert controller.windows[0].session.project.path == project_path
    assert settings.recent_projects[0] == str(project_path.resolve())
    close_all(controller)


def test_new_project_button_creates_the_file(settings, prompts, tmp_path, qtbot):
    prompts.new_path = str(tmp_path / "fresh.annotator")
    controller = launch(None, settings=settings, prompts=prompts)
    controller.start_page.new_button.click()
    assert (tmp_path / "fresh.annotator").exists()
    assert controller.windows[0].session.project.codebook.active()
    close_all(controller)


def test_sample_button_opens_a_fresh_sample_project(settings, prompts, qtbot):
    controller = launch(None, settings=settings, prompts=prompts)
    controller.start_page.sample_button.click()
    window = controller.windows[0]
    assert window.session.project.articles.count() > 5
    assert window.session.article_id is not None
    close_all(controller)


def test_demo_opens_the_sample_in_a_temporary_folder_removed_on_quit(settings, prompts, qtbot):
    controller = launch(None, demo=True, annotator="Demo", settings=settings, prompts=prompts)
    window = controller.windows[0]
    folder = window.session.project.path.parent
    assert folder.name.startswith("annotator-demo-")
    assert window.session.annotator == "Demo"
    assert prompts.asked_name == 0
    close_all(controller)
    assert not folder.exists()


def test_name_is_asked_once_and_remembered(settings, prompts, project_path, qtbot):
    prompts.name = "Bea"
    first = launch(str(project_path), settings=settings, prompts=prompts)
    assert first.windows[0].session.annotator == "Bea"
    close_all(first)
    second = launch(str(project_path), settings=settings, prompts=prompts)
    assert prompts.asked_name == 1
    assert second.windows[0].annotator_button.text().endswith("Bea")
    close_all(second)


def test_annotator_option_sets_the_name_without_asking(settings, prompts, project_path, qtbot):
    controller = launch(str(project_path), annotator="Cal", settings=settings, prompts=prompts)
    assert prompts.asked_name == 0
    assert controller.windows[0].session.annotator == "Cal"
    close_all(controller)


def test_bad_project_path_is_one_line_and_exit_2(tmp_path, capsys):
    not_a_project = tmp_path / "notes.txt"
    not_a_project.write_text("hello")
    assert run(str(not_a_project), demo=False, annotator="x") == 2
    assert run(str(tmp_path / "missing.annotator"), demo=False, annotator="x") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert err[0].startswith("annotator: error:") and "not a project file" in err[0]
    assert "no such file" in err[1]


def test_opening_a_bad_file_from_the_start_page_explains_it(settings, prompts, tmp_path, qtbot):
    bad = tmp_path / "bad.annotator"
    bad.write_bytes(b"junk")
    prompts.open_path = str(bad)
    controller = launch(None, settings=settings, prompts=prompts)
    controller.start_page.open_button.click()
    assert controller.windows == []
    assert "not a project file" in prompts.errors[0][1]
    close_all(controller)


def test_close_project_returns_to_the_start_page(settings, prompts, project_path, qtbot):
    controller = launch(str(project_path), annotator="x", settings=settings, prompts=prompts)
    window: MainWindow = controller.windows[0]
    window.actions.close.trigger()
    assert controller.windows == []
    assert isinstance(controller.start_page, StartPage)
    with Project.open(project_path) as project:  # the file is closed cleanly and still opens
        assert project.articles.count() == 12
    close_all(controller)


def test_start_page_modules_leave_storage_unimported():
    import subprocess
    import sys

    code = (
        "import sys; import annotator.ui.app, annotator.ui.start_page, annotator.ui.prompts, "
        "annotator.ui.name_dialog; print('sqlite_utils' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_project_suffix_matches_storage():
    from annotator.storage.project import PROJECT_SUFFIX
    from annotator.ui import prompts

    assert prompts.PROJECT_SUFFIX == PROJECT_SUFFIX


def test_cli_with_a_missing_project_exits_2_with_one_line(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "annotator", str(tmp_path / "nowhere.annotator")],
        capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"annotator: error: {tmp_path / 'nowhere.annotator'}: no such file"]


def test_no_display_is_recognised_before_qt_would_abort():
    from annotator.ui.app import has_display

    assert not has_display({}, "linux")
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert has_display({}, "darwin")
