"""``annotator agree``: the table, JSON, CSV, and one-line errors."""

from __future__ import annotations

import csv
import json

import pytest
from review_fixtures import add_article, annotate

from annotator.cli.main import main
from annotator.storage import Project


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        first = add_article(project)
        annotate(project, first, "ann", "Claim", 0, 53)
        annotate(project, first, "ben", "Claim", 4, 53)
        annotate(project, first, "ann", "Quote", 120, 130)
        annotate(project, first, "ben", "Quote", 120, 130)
        only_ann = add_article(project, "An article only ann coded.", "Only ann")
        annotate(project, only_ann, "ann", "Claim", 0, 10)
    return path


def test_the_table_shows_each_tag_overall_and_the_exclusions(study, capsys):
    assert main(["agree", str(study), "--between", "ann", "ben"]) == 0
    out = capsys.readouterr().out
    assert "1 articles only one of them coded, excluded" in out
    quote = next(line for line in out.splitlines() if line.strip().startswith("Quote"))
    assert quote.split()[1:3] == ["1.000", "1.000"]
    assert any(line.strip().startswith("(all tags)") for line in out.splitlines())
    assert "Krippendorff's alpha across ann, ben" in out


def test_json_carries_the_figures(study, capsys):
    assert main(["agree", str(study), "--between", "ann", "ben", "--json", "--tag", "claim"]) == 0
    data = json.loads(capsys.readouterr().out)
    [pair] = data["pairs"]
    assert [t["tag"] for t in pair["per_tag"]] == ["Claim"]
    assert pair["per_tag"][0]["overlap"]["f1"] == 1.0 and pair["per_tag"][0]["exact"]["f1"] == 0.0
    assert pair["excluded_articles"] == 1


def test_csv_is_one_tidy_table(study, tmp_path, capsys):
    target = tmp_path / "agreement.csv"
    assert main(["agree", str(study), "--between", "ann", "ben", "--csv", str(target), "--per-article"]) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {r["tag"] for r in rows} >= {"Claim", "Quote", "(all tags)"}
    assert len([r for r in rows if r["article_id"]]) == 1  # one article both coded
    assert [r for r in rows if r["tag"] == "Source attribution"][0]["kappa"] == ""  # undefined


def test_per_article_lists_the_articles(study, capsys):
    assert main(["agree", str(study), "--between", "ann", "ben", "--per-article"]) == 0
    assert "Budget" in capsys.readouterr().out


def test_three_annotators_give_the_pairwise_table(study, capsys):
    with Project.open(study) as project:
        annotate(project, project.articles.ids()[0], "cat", "Claim", 0, 50)
    assert main(["agree", str(study), "--between", "ann", "ben", "cat", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [("ann", "ben"), ("ann", "cat"), ("ben", "cat")]
    assert data["all_annotators"]["overall"] is not None


@pytest.mark.parametrize(
    "args, message",
    [
        (["--between", "ann", "zed"], "no annotations by zed"),
        (["--between", "ann", "ann"], "two different annotator names"),
        (["--between", "ann", "ben", "--tag", "Frame"], "no tag called 'Frame'"),
    ],
)
def test_bad_input_is_one_line_exit_2(study, capsys, args, message):
    assert main(["agree", str(study), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_file_that_is_not_a_project_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.annotator"
    bad.write_text("nope")
    assert main(["agree", str(bad), "--between", "a", "b"]) == 2
    assert "not a project file" in capsys.readouterr().err
