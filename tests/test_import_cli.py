"""``annotator import``: summary line, one line per failure on stderr, exit codes, --json."""

from __future__ import annotations

import io
import json

import pytest

from annotator.cli import cmd_import
from annotator.cli.main import main


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "study.annotator"
    assert main(["new", str(path)]) == 0
    return path


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text("Mayor resigns after budget row\n\nBody.\n", encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n\n\n\n\n\n{broken\n', encoding="utf-8")
    return path


def test_all_imported_exits_0(project_path, good, capsys):
    capsys.readouterr()
    assert main(["import", str(project_path), str(good)]) == 0


def test_summary_line(project_path, good, capsys):
    capsys.readouterr()
    main(["import", str(project_path), str(good), str(good.with_name("again.txt"))])
    assert capsys.readouterr().out == "added 1 articles, skipped 0 duplicates, 1 failed\n"


def test_duplicates_are_counted_in_the_summary(project_path, good, capsys):
    main(["import", str(project_path), str(good)])
    capsys.readouterr()
    main(["import", str(project_path), str(good)])
    assert capsys.readouterr().out == "added 0 articles, skipped 1 duplicates, 0 failed\n"


def test_some_inputs_failed_exits_1(project_path, good, bad):
    assert main(["import", str(project_path), str(good), str(bad)]) == 1


def test_each_failure_is_one_line_on_stderr(project_path, good, bad, capsys):
    capsys.readouterr()
    main(["import", str(project_path), str(good), str(bad)])
    assert capsys.readouterr().err == f"{bad}: not valid JSON on line 7 (Expecting property name enclosed in double quotes, column 2)\n"


def test_missing_project_exits_2(tmp_path, good, capsys):
    assert main(["import", str(tmp_path / "none.annotator"), str(good)]) == 2


def test_not_a_project_exits_2_with_one_line(tmp_path, good, capsys):
    not_project = tmp_path / "notes.annotator"
    not_project.write_text("hello")
    main(["import", str(not_project), str(good)])
    err = capsys.readouterr().err
    assert (err.count("\n"), "not a project file" in err) == (1, True)


def test_missing_paths_is_a_usage_error(project_path):
    assert main(["import", str(project_path)]) == 2


def test_json_report(project_path, good, bad, capsys):
    capsys.readouterr()
    main(["import", str(project_path), str(good), str(bad), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["articles_added"], data["duplicates_skipped"], data["failed"], data["failures"][0]["path"]) == (
        2, 0, 1, str(bad),
    )


def test_no_progress_when_stderr_is_not_a_terminal(project_path, good, capsys):
    capsys.readouterr()
    main(["import", str(project_path), str(good)])
    assert capsys.readouterr().err == ""


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_for_long_imports(monkeypatch, tmp_path):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(cmd_import, "PROGRESS_AFTER_SECONDS", 0.0)
    show = cmd_import._progress_printer()
    show(1, 2, tmp_path / "a.txt")
    show(2, 2, tmp_path / "b.txt")
    assert terminal.getvalue().endswith("[2/2] " + str(tmp_path / "b.txt")[-50:] + "\n")


def test_no_progress_for_quick_imports_even_on_a_terminal(monkeypatch, tmp_path):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    show = cmd_import._progress_printer()
    show(1, 2, tmp_path / "a.txt")
    show(2, 2, tmp_path / "b.txt")
    assert terminal.getvalue() == ""


def test_help_explains_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "Exit code 0" in capsys.readouterr().out
