"""The README documents every command and keeps exactly two set-up commands."""

import re
from pathlib import Path

from annotator.cli.main import COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_in_the_readme():
    missing = [name for name in COMMANDS if not re.search(rf"annotator {name}\b", README)]
    assert missing == []


def test_readme_has_the_two_setup_commands():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    python3 -m venv")]
    assert len(commands) == 2
    assert commands[0].endswith("annotator --demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "python -m pytest" in ci


def test_readme_pandas_example_checks_an_export(tmp_path, monkeypatch):
    """The three-line pandas check in the README runs on a real export, formula guard on."""
    import pytest

    pytest.importorskip("pandas")
    from annotator.actions.export import export
    from annotator.core.model import NewArticle
    from annotator.storage import Project

    text = "=SUM(A1) said the mayor, \u201cno\u201d \U0001F600\nnew line, \"quoted\"; -5 percent @home"
    with Project.in_memory() as project:
        article_id = project.articles.add(NewArticle(text=text, title="=cmd|' /C calc'!A0, title"))
        tags = project.codebook.tags()
        for start, end in [(0, 8), (27, 31), (34, 54), (55, 65), (60, 68)]:
            project.annotations.create(article_id, tags[1].id, start, end, "maria", note="-note, \"x\"\nline")
        export(project, "csv", tmp_path / "annotations.csv", articles_csv=tmp_path / "articles.csv")
    code = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    assert "pd.read_csv" in code and code.count("\n") == 4  # import + three lines
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
