"""The command line's own promises: help, exit codes, one-line errors."""

import json
import subprocess
import sys

import pytest

from annotator.cli.main import COMMANDS, main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=120
    )


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert len(capsys.readouterr().out.splitlines()) > 3


def test_new_then_info_json(tmp_path, capsys):
    path = tmp_path / "study.annotator"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    assert main(["info", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 0
    assert list(data["annotations_per_tag"]) == ["Claim", "Quote", "Source attribution", "Sensational language"]


def test_new_refuses_existing_project(tmp_path, capsys):
    path = tmp_path / "study.annotator"
    assert main(["new", str(path)]) == 0
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_info_on_text_file_is_one_line_exit_2(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    result = run_cli("info", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "not an SQLite database" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_usage_error(capsys):
    assert main(["info"]) == 2
    assert "usage" in capsys.readouterr().err


def test_codebook_export_import_json(tmp_path, capsys):
    path, book = tmp_path / "s.annotator", tmp_path / "codebook.json"
    main(["new", str(path)])
    assert main(["codebook", str(path), "--export", str(book)]) == 0
    data = json.loads(book.read_text(encoding="utf-8"))
    data["tags"][0]["name"] = "Factual claim"
    data["tags"].append({"name": "Frame", "colour": "#0072B2", "key": "5"})
    book.write_text(json.dumps(data), encoding="utf-8")
    assert main(["codebook", str(path), "--import", str(book)]) == 0  # tags matched by id
    capsys.readouterr()
    main(["info", str(path), "--json"])
    names = list(json.loads(capsys.readouterr().out)["annotations_per_tag"])
    assert names == ["Factual claim", "Quote", "Source attribution", "Sensational language", "Frame"]


def test_codebook_import_into_other_project_gives_file_keys_precedence(tmp_path):
    from annotator.core.codebook import to_json
    from annotator.core.model import Tag
    from annotator.storage import Project

    path, book = tmp_path / "s.annotator", tmp_path / "codebook.json"
    book.write_text(to_json([Tag(name="Frame", colour="#0072B2", key="1")]), encoding="utf-8")
    main(["new", str(path)])
    assert main(["codebook", str(path), "--import", str(book)]) == 0
    with Project.open(path) as project:
        keys = {t.name: t.key for t in project.codebook.tags()}
    assert keys["Frame"] == "1" and keys["Claim"] == ""


def test_codebook_import_bad_file_is_one_line(tmp_path, capsys):
    path, book = tmp_path / "s.annotator", tmp_path / "codebook.json"
    main(["new", str(path)])
    book.write_text("{broken", encoding="utf-8")
    capsys.readouterr()
    assert main(["codebook", str(path), "--import", str(book)]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and err.count("\n") == 1
