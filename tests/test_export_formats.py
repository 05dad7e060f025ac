"""One registry of export formats: export(), the Export dialog and `annotator export` read it,
so a format registered once is offered everywhere; files keep the user's umask."""

from __future__ import annotations

import os
import stat

import pytest

from annotator.actions import export_formats
from annotator.actions.export import ExportError, export
from annotator.actions.export_formats import ExportFormat
from annotator.cli.main import build_parser, main
from tests.export_fixtures import fill


def write_lines(project, destination, filters, options, report) -> None:
    """A toy format: one line per article id."""
    from annotator.actions.export_job import replacing

    with replacing(destination, "utf-8") as handle:
        for article in project.articles.iter_all(status=filters.status):
            handle.write(article.id + "\n")
            report.articles += 1
    report.files.append(str(destination))


TOY = ExportFormat("ids", "Article ids", "One id per line.", "one article id per line", "-ids.txt",
                   write_lines, "Text (*.txt)")


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(export_formats, "_FORMATS", dict(export_formats._FORMATS))
    export_formats.register(TOY)
    return TOY


@pytest.fixture
def study(tmp_path):
    from annotator.storage import Project

    with Project.create(tmp_path / "study.annotator") as project:
        fill(project)
        project.db.conn.commit()
        yield project


def test_the_built_in_formats_are_registered_in_order():
    assert export_formats.names() == ["csv", "article-counts", "jsonl", "webanno", "brat", "qdpx", "label-studio", "doccano",
                                     "article-codes", "passages"]
    assert export_formats.get("brat").is_folder and not export_formats.get("csv").is_folder


def test_a_name_registers_once(toy):
    with pytest.raises(ValueError, match="registered already"):
        export_formats.register(TOY)


def test_an_unknown_option_is_refused_at_registration(monkeypatch):
    monkeypatch.setattr(export_formats, "_FORMATS", dict(export_formats._FORMATS))
    with pytest.raises(ValueError, match="unknown export options"):
        export_formats.register(ExportFormat("x", "x", "x", "x", ".x", write_lines, options=frozenset({"colour"})))


def test_a_registered_format_is_written_by_export(toy, study, tmp_path):
    report = export(study, "ids", tmp_path / "out.txt")
    assert report.articles == 3 and (tmp_path / "out.txt").read_text().count("\n") == 3


def test_options_a_format_does_not_take_are_refused_in_one_line(toy, study, tmp_path):
    with pytest.raises(ExportError, match=r"^--excel goes with --format csv, article-counts, article-codes, passages only$"):
        export(study, "ids", tmp_path / "out.txt", excel=True)
    with pytest.raises(ExportError, match=r"^--by-annotator goes with --format article-counts only$"):
        export(study, "csv", tmp_path / "out.csv", by_annotator=True)
    assert not (tmp_path / "out.txt").exists()


def test_the_cli_offers_and_documents_a_registered_format(toy, study, tmp_path, capsys):
    parser = build_parser()
    help_text = parser._subparsers._group_actions[0].choices["export"].format_help()
    assert "ids" in help_text and "one article id per line" in help_text
    assert main(["export", str(study.path), "--format", "ids", "-o", str(tmp_path / "x.txt")]) == 0
    assert (tmp_path / "x.txt").is_file()


def test_the_dialog_offers_a_registered_format_with_its_own_default(toy, qtbot, study):
    from annotator.ui.export_dialog import ExportDialog
    from annotator.ui.session import ProjectSession

    dialog = ExportDialog(ProjectSession(study, annotator="maria"), choose_destination=lambda *a: None)
    qtbot.addWidget(dialog)
    labels = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert labels == [f.label for f in export_formats.formats()]
    dialog.set_format("ids")
    assert dialog.destination.text().endswith("study-ids.txt")
    assert dialog.destination_label.text() == "File:"
    assert dialog.no_options.isVisibleTo(dialog) and not dialog.excel.isVisibleTo(dialog)
    destination, options = dialog.request()
    assert set(options) == {"annotators", "tags", "status"}


@pytest.mark.parametrize("format", ["csv", "article-counts", "jsonl", "webanno", "qdpx", "brat"])
def test_exported_files_follow_the_umask(format, study, tmp_path):
    """Exports were 0600 (mkstemp's mode): colleagues on a shared machine could not read them."""
    old = os.umask(0o022)
    try:
        report = export(study, format, tmp_path / f"out-{format}")
    finally:
        os.umask(old)
    path = tmp_path / f"out-{format}"
    files = [path] if path.is_file() else list(path.iterdir())
    assert files and report.files
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o644, file
