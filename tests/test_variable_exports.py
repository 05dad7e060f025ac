"""Article-level variables in exports: article_codes (long), the articles CSV's columns, JSONL."""

import csv
import json

import pytest

from annotator.actions import variables as ops
from annotator.actions.export import export
from annotator.core.review import REVIEWED
from tests.variable_fixtures import add_articles, add_variables


@pytest.fixture
def coded(project_file):
    project = project_file
    v = add_variables(project)
    ids = add_articles(project, 4)
    ops.code_from_text(project, ids[0], ["tone=negative", "frames=conflict;economic", "sources=3", "victim=yes", "actor==SUM(A1)"], "maria")
    ops.code_from_text(project, ids[0], ["tone=neutral", "frames=none"], "li")
    ops.code_from_text(project, ids[2], ["topic=crime", "sources=2.5"], "li")
    return project, v, ids


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_article_codes_is_long_for_every_coder(coded, tmp_path):
    project, v, ids = coded
    out = tmp_path / "codes.csv"
    export(project, "article-codes", out)
    rows = read(out)
    assert list(rows[0]) == ["article_id", "annotator", "variable", "value"]
    maria = [(r["variable"], r["value"]) for r in rows if r["annotator"] == "maria"]
    assert maria == [("tone", "negative"), ("frames", "conflict"), ("frames", "economic"), ("sources", "3"),
                     ("victim", "yes"), ("actor", "'=SUM(A1)")]  # formula guarded
    li = [(r["article_id"], r["variable"], r["value"]) for r in rows if r["annotator"] == "li"]
    assert li == [(ids[0], "tone", "neutral"), (ids[0], "frames", ""), (ids[2], "topic", "crime"), (ids[2], "sources", "2.5")]
    export(project, "article-codes", out, annotators=["li"])
    assert {r["annotator"] for r in read(out)} == {"li"}


def test_articles_csv_gains_a_column_per_variable_for_the_chosen_coder(coded, tmp_path):
    project, v, ids = coded
    articles = tmp_path / "articles.csv"
    export(project, "csv", tmp_path / "a.csv", articles_csv=articles, annotators=["maria"])
    rows = read(articles)
    header = list(rows[0])
    assert header[-8:] == ["extra", "tone", "topic", "frames", "sources", "victim", "actor", "text"]
    first = next(r for r in rows if r["article_id"] == ids[0])
    assert (first["tone"], first["frames"], first["sources"], first["victim"]) == ("negative", "conflict; economic", "3", "yes")
    assert next(r for r in rows if r["article_id"] == ids[2])["topic"] == ""  # li's, not maria's


def test_articles_csv_uses_the_reviewed_layer_when_it_has_values(coded, tmp_path):
    project, v, ids = coded
    ops.set_value(project, ids[0], v["tone"], REVIEWED, v["tone"].options[1].id, reviewer="ann")
    articles = tmp_path / "articles.csv"
    export(project, "csv", tmp_path / "a.csv", articles_csv=articles)
    first = next(r for r in read(articles) if r["article_id"] == ids[0])
    assert first["tone"] == "negative" and first["frames"] == ""


def test_articles_csv_leaves_the_columns_out_when_the_coder_is_not_chosen(coded, tmp_path):
    project, _, _ = coded
    articles = tmp_path / "articles.csv"
    export(project, "csv", tmp_path / "a.csv", articles_csv=articles)
    assert "tone" not in read(articles)[0]


def test_jsonl_carries_every_coders_values_and_the_variables(coded, tmp_path):
    project, v, ids = coded
    out = tmp_path / "corpus.jsonl"
    export(project, "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [x["name"] for x in lines[0]["article_variables"]] == ["tone", "topic", "frames", "sources", "victim", "actor"]
    first = next(line for line in lines if line["id"] == ids[0])
    assert first["variables"]["maria"] == {"tone": "negative", "frames": ["conflict", "economic"], "sources": 3.0,
                                           "victim": True, "actor": "=SUM(A1)"}
    assert first["variables"]["li"]["frames"] == []
