"""File > Export…: filters reach the file, cancel leaves nothing, errors are one line."""

from __future__ import annotations

import csv
import threading

import pytest
from PySide6.QtCore import Qt

from tests.export_fixtures import fill
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401 - fixtures


@pytest.fixture
def filled(tmp_path):
    from annotator.storage import Project

    with Project.create(tmp_path / "study.annotator") as project:
        sample = fill(project)
        yield project, sample


@pytest.fixture
def session(qtbot, filled):
    from annotator.ui.session import ProjectSession

    return ProjectSession(filled[0], annotator="maria")


class Recorder:
    """Stands in for the file picker and the desktop's file manager."""

    def __init__(self, answer=None):
        self.answer, self.asked, self.opened = answer, [], []

    def choose(self, parent, choice, current):
        self.asked.append((choice.name, current))
        return self.answer

    def open_folder(self, folder):
        self.opened.append(folder)
        return getattr(self, "file_manager", True)


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def documents(tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    return folder


@pytest.fixture
def folders(settings, documents):  # noqa: F811
    """The default folders over test settings; pytest's tmp_path counts as a real folder here."""
    from annotator.ui.export_destination import ExportFolders

    return ExportFolders(settings, documents=lambda: documents, temporary=lambda path: False)


@pytest.fixture
def dialog(qtbot, session, recorder, folders):
    from annotator.ui.export_dialog import ExportDialog

    d = ExportDialog(session, choose_destination=recorder.choose, open_folder=recorder.open_folder, folders=folders)
    qtbot.addWidget(d)
    return d


def run(qtbot, dialog) -> None:
    assert dialog.start_export()
    with qtbot.waitSignal(dialog.task.ended, timeout=20_000):
        pass


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_export_with_a_tag_filter_writes_only_that_tag(qtbot, dialog, tmp_path):
    dialog.tags.set_checked(["Quote"])
    dialog.destination.setText(str(tmp_path / "quotes.csv"))
    run(qtbot, dialog)
    rows = read_rows(tmp_path / "quotes.csv")
    assert [r["tag"] for r in rows] == ["Quote"]
    assert rows[0]["annotator"] == "maria"
    assert "Exported 1 annotation" in dialog.message.text()


def test_annotator_and_status_filters_reach_the_export(qtbot, dialog, tmp_path):
    dialog.annotators.set_checked(["li"])
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("done"))
    dialog.destination.setText(str(tmp_path / "li.csv"))
    run(qtbot, dialog)
    assert [(r["annotator"], r["tag"]) for r in read_rows(tmp_path / "li.csv")] == [("li", "Claim")]


def test_articles_file_is_written_beside_the_annotations(qtbot, dialog, tmp_path):
    dialog.destination.setText(str(tmp_path / "study-annotations.csv"))
    assert dialog.with_articles.isChecked()
    run(qtbot, dialog)
    articles = read_rows(tmp_path / "study-articles.csv")
    assert len(articles) == 3
    assert dialog.report.articles == 3


def test_excel_option_writes_a_byte_order_mark(qtbot, dialog, tmp_path):
    dialog.excel.setChecked(True)
    dialog.with_articles.setChecked(False)
    dialog.destination.setText(str(tmp_path / "excel.csv"))
    run(qtbot, dialog)
    assert (tmp_path / "excel.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_formula_guard_is_on_by_default_and_can_be_turned_off(qtbot, dialog, tmp_path):
    dialog.with_articles.setChecked(False)
    dialog.formula_guard.setChecked(False)
    dialog.destination.setText(str(tmp_path / "raw.csv"))
    run(qtbot, dialog)
    speakers = [r["speaker"] for r in read_rows(tmp_path / "raw.csv") if r["speaker"]]
    assert speakers == ["=the mayor"]


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path, monkeypatch):
    import annotator.ui.export_dialog as module

    # Hold the worker until the cancel is in, so the test does not race the export.
    gate, real_export = threading.Event(), module.export
    monkeypatch.setattr(module, "export", lambda *a, **k: (gate.wait(10), real_export(*a, **k))[1])
    dialog.destination.setText(str(tmp_path / "cancelled.csv"))
    assert dialog.start_export()
    with qtbot.waitSignal(dialog.task.ended, timeout=20_000):
        dialog.reject()  # Esc / the Cancel button while running: cancels, keeps the dialog
        gate.set()
    assert sorted(p.name for p in tmp_path.iterdir() if "cancelled" in p.name or p.suffix == ".part") == []
    assert not (tmp_path / "study-articles.csv").exists()
    assert "cancelled" in dialog.message.text()
    assert dialog.result() == 0 and dialog.close_button.text() == "Close"


def test_missing_folder_is_one_clear_line(qtbot, dialog, tmp_path):
    dialog.destination.setText(str(tmp_path / "no such folder" / "out.csv"))
    run(qtbot, dialog)
    text = dialog.message.text()
    assert "does not exist" in text and "Traceback" not in text
    assert dialog.report is None and dialog.open_folder_button.isHidden()


def test_a_folder_as_csv_destination_is_refused(qtbot, dialog, tmp_path):
    (tmp_path / "afolder").mkdir()
    dialog.destination.setText(str(tmp_path / "afolder"))
    run(qtbot, dialog)
    assert "is a folder" in dialog.message.text()


def test_nothing_ticked_does_not_start(dialog):
    dialog.tags.set_all(False)
    assert not dialog.start_export()
    assert "Tick at least one tag" in dialog.message.text()
    assert dialog.task is None


def test_open_folder_after_export_opens_the_containing_folder(qtbot, dialog, recorder, tmp_path):
    dialog.destination.setText(str(tmp_path / "out.csv"))
    run(qtbot, dialog)
    assert not dialog.open_folder_button.isHidden()
    dialog.open_folder_button.click()
    assert recorder.opened == [str(tmp_path)]


def test_brat_writes_a_folder_and_opens_it(qtbot, dialog, recorder, tmp_path):
    dialog.set_format("brat")
    assert dialog.destination_label.text() == "Folder:"
    assert dialog.formula_guard.isHidden() and not dialog.no_options.isHidden()
    dialog.destination.setText(str(tmp_path / "brat"))
    run(qtbot, dialog)
    assert (tmp_path / "brat" / "annotation.conf").exists()
    dialog.open_folder_button.click()
    assert recorder.opened == [str(tmp_path / "brat")]


def test_default_destination_is_the_documents_folder_and_follows_the_format(dialog, documents):
    assert dialog.destination.text() == str(documents / "study-annotations.csv")
    dialog.set_format("qdpx")
    assert dialog.destination.text() == str(documents / "study.qdpx")


def test_a_typed_destination_survives_a_format_change(dialog, tmp_path):
    dialog.destination.setText(str(tmp_path / "mine.jsonl"))
    dialog.set_format("jsonl")
    assert dialog.destination.text() == str(tmp_path / "mine.jsonl")


def test_browse_asks_the_picker_and_uses_its_answer(dialog, recorder, tmp_path, documents):
    recorder.answer = str(tmp_path / "picked.csv")
    dialog.browse()
    assert recorder.asked == [("csv", str(documents / "study-annotations.csv"))]
    assert dialog.destination.text() == str(tmp_path / "picked.csv")


def test_lists_show_the_projects_annotators_and_tags(dialog, session):
    assert dialog.annotators.keys() == ["li", "maria"]
    assert dialog.tags.keys() == [t.name for t in session.tags(include_retired=True)]
    assert dialog.annotators.filter() is None and dialog.tags.filter() is None


def test_an_in_memory_project_exports_without_a_thread(qtbot, recorder, tmp_path):
    from annotator.storage import Project
    from annotator.ui.export_dialog import ExportDialog
    from annotator.ui.session import ProjectSession

    with Project.in_memory() as project:
        fill(project)
        dialog = ExportDialog(ProjectSession(project), choose_destination=recorder.choose)
        qtbot.addWidget(dialog)
        dialog.set_format("jsonl")
        dialog.destination.setText(str(tmp_path / "memory.jsonl"))
        assert dialog.start_export()
        assert dialog.task is None and dialog.report.articles == 3
    assert len((tmp_path / "memory.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def window_on_a_filled_project(qtbot, tmp_path, settings, prompts, documents, monkeypatch):  # noqa: F811
    """The real window on menu.annotator (the export fixtures' project), documents in tmp_path."""
    from annotator.storage import Project
    from annotator.ui import export_destination

    monkeypatch.setattr(export_destination, "documents_folder", lambda: documents)
    path = tmp_path / "menu.annotator"
    with Project.create(path) as project:
        fill(project)
    return open_window(path, settings, prompts, qtbot)


def test_file_menu_export_opens_the_dialog(qtbot, tmp_path, settings, prompts, documents, monkeypatch):  # noqa: F811
    from annotator.ui.export_dialog import ExportDialog

    window = window_on_a_filled_project(qtbot, tmp_path, settings, prompts, documents, monkeypatch)
    assert window.actions.export.isEnabled()
    window.actions.export.trigger()
    assert isinstance(prompts.dialogs[-1], ExportDialog)
    assert prompts.dialogs[-1].destination.text() == str(documents / "menu-annotations.csv")


# -- issue 13: exports that stay, Enter exports, a missing file manager is said -------------


def test_the_demo_exports_to_the_documents_folder_not_its_temporary_one(qtbot, settings, prompts, documents, monkeypatch):  # noqa: F811
    from annotator.ui import export_destination
    from annotator.ui.app import AppController

    monkeypatch.setattr(export_destination, "documents_folder", lambda: documents)
    controller = AppController(settings, prompts)
    controller.annotator = "Tester"
    window = controller.open_sample()
    qtbot.addWidget(window)
    demo_folder = window.session.project.path.parent
    assert export_destination.is_temporary(demo_folder)
    # pytest's folders are in the system's temporary folder too: only the demo's counts here.
    monkeypatch.setattr(export_destination, "temporary_roots", lambda: [demo_folder.resolve()])
    settings.last_export_folder = str(demo_folder)  # remembered from an older version: skipped
    window.actions.export.trigger()
    dialog = prompts.dialogs[-1]
    assert dialog.destination.text() == str(documents / "sample-annotations.csv")
    assert dialog.destination_note.isHidden()
    dialog.destination.setText(str(demo_folder / "kept.csv"))  # typed by hand: allowed, but said
    assert "temporary" in dialog.destination_note.text() and not dialog.destination_note.isHidden()
    window.close()
    controller.cleanup()


def test_the_next_export_starts_in_the_folder_last_used(qtbot, session, recorder, folders, tmp_path, settings):  # noqa: F811
    from annotator.ui.export_dialog import ExportDialog

    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    first = ExportDialog(session, choose_destination=recorder.choose, folders=folders)
    qtbot.addWidget(first)
    first.destination.setText(str(elsewhere / "mine.csv"))
    run(qtbot, first)
    assert settings.last_export_folder == str(elsewhere)
    second = ExportDialog(session, choose_destination=recorder.choose, folders=folders)
    qtbot.addWidget(second)
    assert second.destination.text() == str(elsewhere / "study-annotations.csv")


def test_a_temporary_or_vanished_last_folder_is_not_offered(settings, documents, tmp_path):  # noqa: F811
    import tempfile

    from annotator.ui.export_destination import ExportFolders

    folders = ExportFolders(settings, documents=lambda: documents)
    folders.remember(tmp_path)  # pytest's folders are in the system's temporary folder
    assert settings.last_export_folder == ""
    settings.last_export_folder = tempfile.gettempdir()
    assert folders.default() == documents
    settings.last_export_folder = str(tmp_path / "gone")
    assert ExportFolders(settings, documents=lambda: documents, temporary=lambda p: False).default() == documents


def test_enter_exports(qtbot, dialog, tmp_path):
    dialog.destination.setText(str(tmp_path / "enter.csv"))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.format_combo.setFocus()
    assert dialog.export_button.isDefault() and not dialog.close_button.isDefault()
    qtbot.keyClick(dialog.format_combo, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter pressed Close before
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.running(), timeout=20_000)
    assert (tmp_path / "enter.csv").exists()
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_open_folder_without_a_file_manager_says_so(qtbot, dialog, recorder, tmp_path):
    recorder.file_manager = False  # QDesktopServices.openUrl answered False
    dialog.destination.setText(str(tmp_path / "out.csv"))
    run(qtbot, dialog)
    assert not dialog.open_destination_folder()
    text = dialog.message.text()
    assert "Could not open the folder" in text and str(tmp_path) in text


# -- blind coding: the dialog names, counts and exports only the coder's own work -----------


def test_under_blind_coding_the_lists_count_only_the_coder_s_own_annotations(qtbot, session, recorder, folders):
    from annotator.ui.export_dialog import ExportDialog

    session.set_hidden_annotators({"li"})  # what the window's blind coding does for maria
    dialog = ExportDialog(session, choose_destination=recorder.choose, folders=folders)
    qtbot.addWidget(dialog)
    labels = [dialog.annotators.model.item(r).text() for r in range(dialog.annotators.model.rowCount())]
    assert labels == ["maria  (2)"]  # li's name and li's two annotations are not shown
    counts = {dialog.tags.model.item(r).data(Qt.ItemDataRole.UserRole + 1): dialog.tags.model.item(r).text()
              for r in range(dialog.tags.model.rowCount())}
    assert counts["Quote"].startswith("Quote  (1)") and counts["Source attribution"].startswith("Source attribution  (1)")
    assert counts["Claim"].startswith("Claim  (0)") and counts["Sensational language"].startswith("Sensational language  (0)")
    assert not dialog.filters.blind_note.isHidden() and "only your annotations (maria)" in dialog.filters.blind_note.text()


def test_under_blind_coding_only_the_coder_s_annotations_are_exported(qtbot, session, recorder, folders, tmp_path):
    from annotator.ui.export_dialog import ExportDialog

    session.set_hidden_annotators({"li"})
    dialog = ExportDialog(session, choose_destination=recorder.choose, folders=folders)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(tmp_path / "mine.csv"))
    run(qtbot, dialog)
    assert sorted((r["annotator"], r["tag"]) for r in read_rows(tmp_path / "mine.csv")) == [
        ("maria", "Quote"), ("maria", "Source attribution")]


def test_with_everyone_shown_the_lists_and_the_export_have_every_coder(dialog):
    assert dialog.filters.blind_note.isHidden()
    labels = [dialog.annotators.model.item(r).text() for r in range(dialog.annotators.model.rowCount())]
    assert labels == ["li  (2)", "maria  (2)"]


def test_the_window_s_export_dialog_is_blind_by_default(qtbot, tmp_path, settings, prompts, documents, monkeypatch):  # noqa: F811
    window = window_on_a_filled_project(qtbot, tmp_path, settings, prompts, documents, monkeypatch)
    window.session.set_annotator("maria")
    window.actions.export.trigger()
    dialog = prompts.dialogs[-1]
    assert dialog.annotators.keys() == ["maria"]


def test_a_coder_with_only_memos_is_listed_and_can_be_chosen_alone(qtbot, session, tmp_path):
    from annotator.actions import memos
    from annotator.actions.export import export
    from annotator.ui.export_filters import ExportFilters

    first = session.project.articles.ids()[0]
    memos.set_memo(session.project, first, "zoe", "Zoe has tagged nothing yet.")
    memos.set_memo(session.project, first, "li", "Li's memo.")
    filters = ExportFilters(session)
    assert filters.annotators.keys() == ["li", "maria", "zoe"]
    filters.annotators.set_checked(["zoe"])
    export(session.project, "jsonl", tmp_path / "zoe.jsonl", **filters.options())
    text = (tmp_path / "zoe.jsonl").read_text(encoding="utf-8")
    assert "Zoe has tagged nothing yet." in text and "Li's memo." not in text
