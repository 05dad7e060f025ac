"""The ``passages`` export format: one writer behind the browser's Export…, ``annotator passages
--csv``, ``annotator export --format passages`` and the Export dialog; the export's own choices
narrow the browser's filter; a passage filter on another format is one clear error."""

from __future__ import annotations

import csv

import pytest

from annotator.actions import export_formats
from annotator.actions import passages as ps
from annotator.actions.export import export
from annotator.actions.export_job import ExportError
from annotator.cli.main import main
from annotator.storage import Project
from passage_fixtures import build


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def coded(project):
    build(project)
    return project


def test_the_format_is_registered_for_every_face():
    chosen = export_formats.get("passages")
    assert chosen is not None and chosen.takes(export_formats.EXCEL) and chosen.takes(export_formats.FORMULA_GUARD)
    assert not chosen.takes(export_formats.ARTICLES)


def test_the_browser_filter_and_the_export_s_choices_both_apply(coded, tmp_path):
    f = ps.resolve(coded, ps.FilterRequest(tags=("Quote", "Claim"), outlets=("Daily Example",)))
    report = export(coded, "passages", tmp_path / "a.csv", passages=f)
    assert report.annotations == ps.queries(coded).count(f) == 7 and report.articles == 2
    assert {r["tag"] for r in rows(tmp_path / "a.csv")} == {"Quote", "Claim"}
    narrowed = export(coded, "passages", tmp_path / "b.csv", passages=f, tags=["quote"], annotators=["maria"])
    got = rows(tmp_path / "b.csv")
    assert narrowed.annotations == len(got) == 2 and {(r["tag"], r["annotator"]) for r in got} == {("Quote", "maria")}
    nothing = export(coded, "passages", tmp_path / "c.csv", passages=f, tags=["Sensational language"])
    assert nothing.annotations == 0 and rows(tmp_path / "c.csv") == []
    assert open(tmp_path / "c.csv", encoding="utf-8").readline().startswith("annotation_id")


def test_without_a_filter_it_is_the_whole_annotations_csv(coded, tmp_path):
    export(coded, "passages", tmp_path / "p.csv")
    export(coded, "csv", tmp_path / "all.csv", parallel=False)
    assert sorted(map(sorted, (r.items() for r in rows(tmp_path / "p.csv")))) == \
        sorted(map(sorted, (r.items() for r in rows(tmp_path / "all.csv"))))


def test_a_passage_filter_on_another_format_is_refused(coded, tmp_path):
    with pytest.raises(ExportError, match="^a passage filter goes with the passages format only, not jsonl$"):
        export(coded, "jsonl", tmp_path / "x.jsonl", passages=ps.resolve(coded, ps.FilterRequest(tags=("Quote",))))
    assert not (tmp_path / "x.jsonl").exists()


def test_the_command_line_reaches_the_same_writer(tmp_path, capsys):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        build(project)
    assert main(["export", str(path), "--format", "passages", "-o", str(tmp_path / "e.csv"),
                 "--tag", "Quote", "--status", "done"]) == 0
    assert main(["passages", str(path), "--tag", "Quote", "--status", "done", "--csv", str(tmp_path / "p.csv")]) == 0
    capsys.readouterr()
    assert rows(tmp_path / "e.csv") == rows(tmp_path / "p.csv") and len(rows(tmp_path / "p.csv")) == 3
