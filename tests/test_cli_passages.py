"""``annotator passages``, ``cooccurrence`` and ``chart``: output, files, and one-line errors."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.cli.main import main
from annotator.storage import Project
from passage_fixtures import build


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        build(project)
    return path


def test_passages_prints_one_kwic_line_per_passage(study, capsys):
    assert main(["passages", str(study), "--tag", "Quote", "--field", "speaker=the mayor",
                 "--outlet", "daily example", "--from", "2026-01", "--to", "2026-03"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all("[We will not back down]" in line and line.startswith("Quote\tmaria") for line in lines)


def test_passages_json_and_csv(study, tmp_path, capsys):
    assert main(["passages", str(study), "--annotator", "li", "--search", "shocking", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 10 and {i["annotator"] for i in items} == {"li"}
    assert {"text", "context_before", "fields", "article_title", "tag"} <= set(items[0])
    out = tmp_path / "p.csv"
    assert main(["passages", str(study), "--tag", "claim", "--csv", str(out)]) == 0
    assert "wrote 10 passages" in capsys.readouterr().out
    rows = list(csv.DictReader(open(out, encoding="utf-8", newline="")))
    assert len(rows) == 10 and {r["tag"] for r in rows} == {"Claim"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tag", "Quotes"], "no tag named 'Quotes'"),
        (["--field", "speaker"], "give it as NAME=VALUE"),
        (["--from", "yesterday"], "give a date as YYYY"),
        (["--outlet", "Nowhere"], "no articles from outlet 'Nowhere'"),
    ],
)
def test_passages_bad_filters_are_one_line(study, capsys, args, message):
    assert main(["passages", str(study), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_passages_refuses_to_overwrite_the_project(study, capsys):
    assert main(["passages", str(study), "--csv", str(study)]) != 0
    assert "project file itself" in capsys.readouterr().err
    with Project.open(study) as project:
        assert project.annotations.count() == 33


def test_cooccurrence_table_json_and_csv(study, tmp_path, capsys):
    assert main(["cooccurrence", str(study)]) == 0
    out = capsys.readouterr().out
    claim = next(line for line in out.splitlines() if line.startswith("Claim"))
    assert claim.split()[1] == "10"
    assert main(["cooccurrence", str(study), "--json", "--annotator", "li"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["passages_per_tag"]["Quote"] == 0
    assert main(["cooccurrence", str(study), "--csv", str(tmp_path / "c.csv")]) == 0
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").startswith("row_tag,column_tag")


def test_chart_writes_every_format(study, tmp_path, capsys):
    for name in ("a.png", "a.svg", "a.pdf", "a.csv"):
        assert main(["chart", str(study), "--by", "month", "--tag", "Claim", "--tag", "Quote",
                     "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).stat().st_size > 0
    rows = list(csv.reader(open(tmp_path / "a.csv", encoding="utf-8", newline="")))
    assert rows[0] == ["month", "tag", "passages", "words", "per_1000_words"]
    assert {r[1] for r in rows[1:]} == {"Claim", "Quote"}


def test_chart_by_a_field_with_a_field_filter_per_1000_words(study, tmp_path, capsys):
    out = tmp_path / "sources.csv"
    assert main(["chart", str(study), "--by", "outlet", "--field", "source_type", "--field", "source_type=anonymous",
                 "--per-1000-words", "-o", str(out)]) == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8", newline="")))
    assert {r["source_type"] for r in rows} == {"anonymous"}
    assert all(float(r["per_1000_words"]) > 0 for r in rows)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--by", "outlet", "-o", "x.jpg"], "give a file ending in"),
        (["--by", "outlet", "--field", "nope", "-o", "x.png"], "no tag has a field 'nope'"),
        (["--by", "outlet", "--field", "a", "--field", "b", "-o", "x.png"], "one field's values at a time"),
    ],
)
def test_chart_errors_are_one_line(study, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["chart", str(study), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
