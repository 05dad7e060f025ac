"""Importing from the window: files dropped on it, File > Import…, failures listed, cancel."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from annotator.storage import Project
from annotator.ui.import_dialog import ImportReportDialog
from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401


def article_files(folder):
    folder.mkdir()
    (folder / "council.txt").write_text("The council voted on the budget on Tuesday, officials said.\n")
    (folder / "flood.txt").write_text("The river flooded three streets, according to residents.\n")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text at all")
    return folder


def drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPointF(window.rect().center())
    enter = QDragEnterEvent(centre.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)


def test_dropping_files_imports_them_and_lists_the_failure(project_path, settings, prompts, qtbot, tmp_path):
    folder = article_files(tmp_path / "incoming")
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000) as blocker:
        drop(window, [folder / "council.txt", folder / "flood.txt", folder / "broken.txt"])
    report = blocker.args[0]
    assert report.articles_added == 2
    assert window.corpus_model.total() == 14
    dialog = prompts.dialogs[-1]
    assert isinstance(dialog, ImportReportDialog)
    assert dialog.failed_files() == [str(folder / "broken.txt")]
    with Project.open(project_path) as project:
        assert project.articles.count() == 14


def test_dropping_a_folder_imports_what_is_inside(project_path, settings, prompts, qtbot, tmp_path):
    folder = article_files(tmp_path / "incoming")
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000):
        drop(window, [folder])
    assert window.corpus_model.rowCount() == 14
    assert "Imported 2 articles" in window.statusBar().currentMessage()


def test_import_menu_uses_the_chosen_files(project_path, settings, prompts, qtbot, tmp_path):
    folder = article_files(tmp_path / "incoming")
    prompts.paths = [str(folder / "council.txt")]
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000) as blocker:
        window.actions.import_files.trigger()
    assert blocker.args[0].articles_added == 1
    assert prompts.dialogs == []  # nothing failed: no report dialog, a status-bar line


def test_cancelled_import_keeps_what_was_stored(project_path, settings, prompts, qtbot, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i:02d}.txt").write_text(f"Article number {i} about the council.\n")
    window = open_window(project_path, settings, prompts, qtbot)
    window.importer.cancel()  # cancelled before it starts: the flag is cleared by start
    with qtbot.waitSignal(window.importer.done, timeout=20_000) as blocker:
        window.importer.start([str(folder)])
        window.importer.cancel()
    report = blocker.args[0]
    with Project.open(project_path) as project:
        assert project.articles.count() == 12 + report.articles_added
    assert report.cancelled or report.articles_added == 40


def test_dropping_a_project_file_opens_it(project_path, settings, prompts, qtbot, tmp_path):
    other = tmp_path / "other.annotator"
    Project.create(other).close()
    window = open_window(project_path, settings, prompts, qtbot)
    controller = window.controller
    drop(window, [other])
    assert [w.session.project.path for w in controller.windows] == [other]
    for w in list(controller.windows):
        w.quit_app()


def test_dropping_another_tools_project_says_how_its_codings_were_placed(project_path, settings, prompts, qtbot, tmp_path):
    from tests.test_qdpx_other_tools import nvivo_like

    path = nvivo_like(tmp_path)
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000):
        drop(window, [path])
    dialog = prompts.dialogs[-1]
    assert isinstance(dialog, ImportReportDialog)
    lines = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("6 codings placed, 0 refused" in t and "UTF-16" in t for t in lines)
DUMP = """Jump directly to the content
POLITICS
Council closes the old bridge after a long vote
7
Credit: AFP
The council voted on Tuesday to close the old bridge across the river.
Share on Facebook
We use cookies to improve your experience. Accept all
Residents said they had not been consulted.
"""


def test_text_dump_boilerplate_is_offered_with_a_preview_and_kept_by_default(project_path, settings, prompts, qtbot, tmp_path):
    (tmp_path / "dump.txt").write_text(DUMP, encoding="utf-8")
    prompts.paths = [str(tmp_path / "dump.txt")]
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000):
        window.actions.import_files.trigger()
    [preview] = prompts.previews
    assert list(preview.files.values()) == [["Jump directly to the content", "7", "Credit: AFP", "Share on Facebook",
                                             "We use cookies to improve your experience. Accept all"]]
    with Project.open(project_path) as project:
        stored = [a for a in project.articles.iter_all() if a.source_file.endswith("dump.txt")]
    assert stored[0].text == DUMP  # off by default: the text is kept whole
    assert stored[0].title == "Council closes the old bridge after a long vote"  # skip link and kicker passed over


def test_text_dump_boilerplate_dropped_when_chosen(project_path, settings, prompts, qtbot, tmp_path):
    (tmp_path / "dump.txt").write_text(DUMP, encoding="utf-8")
    prompts.paths = [str(tmp_path / "dump.txt")]
    prompts.drop_boilerplate = True
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000):
        window.actions.import_files.trigger()
    with Project.open(project_path) as project:
        [stored] = [a for a in project.articles.iter_all() if a.source_file.endswith("dump.txt")]
    assert stored.text == ("POLITICS\nCouncil closes the old bridge after a long vote\nThe council voted on Tuesday to "
                           "close the old bridge across the river.\nResidents said they had not been consulted.\n")


def test_the_report_names_each_export_and_its_story_count(project_path, settings, prompts, qtbot, tmp_path):
    from tests.test_import_exports import factiva_html

    path = tmp_path / "Factiva.html"
    path.write_text(factiva_html([("Council closes old bridge", ["First.", "Second."], "HARBG00020260301e2310000a")]),
                    encoding="utf-8")
    prompts.paths = [str(path)]
    window = open_window(project_path, settings, prompts, qtbot)
    with qtbot.waitSignal(window.importer.done, timeout=20_000):
        window.actions.import_files.trigger()
    dialog = prompts.dialogs[-1]
    assert dialog.notes.text() == "Factiva.html: Factiva export: 1 story"
