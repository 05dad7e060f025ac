"""brat folders from other projects: every relation kept with its type, type names as tags."""

from __future__ import annotations

from pathlib import Path

from annotator.actions.bundle_import import import_bundle
from annotator.actions.export import export
from annotator.core.formats.brat import read_brat
from annotator.storage import Project

TEXT = "Google was founded by Larry Page and Sergey Brin in Menlo Park.\n"
ANN = (
    "T1\tORG 0 6\tGoogle\n"
    "T2\tPER 22 32\tLarry Page\n"
    "T3\tPER 37 48\tSergey Brin\n"
    "T4\tGPE 52 62\tMenlo Park\n"
    "R1\tfoundedBy Arg1:T1 Arg2:T2\n"
    "R2\tfoundedBy Arg1:T1 Arg2:T3\n"
    "R3\tlocatedIn Arg1:T1 Arg2:T4\n"
    "R4\tcolleague Arg1:T2 Arg2:T3\n"
)
VISUAL = "[labels]\nGPE | Geo-political entity | GPE\nPER | Person\nORG | Organization\n"
CONF = "[entities]\nORG\nPER\nGPE\n[relations]\nfoundedBy\tArg1:ORG, Arg2:PER\n"


def folder(tmp_path: Path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "doc.txt").write_text(TEXT, "utf-8")
    (path / "doc.ann").write_text(ANN, "utf-8")
    (path / "visual.conf").write_text(VISUAL, "utf-8")
    (path / "annotation.conf").write_text(CONF, "utf-8")
    return path


def test_every_relation_of_an_annotation_is_kept_with_its_type(tmp_path):
    bundle = read_brat(folder(tmp_path))
    text = {a.id: a.text for a in bundle.annotations}
    assert sorted((text[r.source_id], r.type, text[r.target_id]) for r in bundle.relations) == [
        ("Google", "foundedBy", "Larry Page"), ("Google", "foundedBy", "Sergey Brin"),
        ("Google", "locatedIn", "Menlo Park"), ("Larry Page", "colleague", "Sergey Brin")]
    assert bundle.problems == [] and bundle.refused == {}
    google = next(a for a in bundle.annotations if a.text == "Google")
    assert text[google.linked_id] == "Larry Page"  # the first is also the link the window shows


def test_type_names_are_the_tags_and_display_labels_their_definitions(tmp_path):
    tags = {t.name: t.definition for t in read_brat(folder(tmp_path)).tags}
    assert tags == {"ORG": "Organization", "PER": "Person", "GPE": "Geo-political entity"}


def test_relations_survive_import_and_export_back_to_brat(tmp_path):
    project = Project.in_memory(with_news_codebook=False)
    report = import_bundle(project, read_brat(folder(tmp_path)))
    assert report.relations_added == 4
    export(project, "brat", tmp_path / "out")
    again = read_brat(tmp_path / "out")
    text = {a.id: a.text for a in again.annotations}
    assert sorted((text[r.source_id], r.type, text[r.target_id]) for r in again.relations) == [
        ("Google", "foundedBy", "Larry Page"), ("Google", "foundedBy", "Sergey Brin"),
        ("Google", "locatedIn", "Menlo Park"), ("Larry Page", "colleague", "Sergey Brin")]
    conf = (tmp_path / "out" / "annotation.conf").read_text("utf-8")
    assert "foundedBy\tArg1:<ENTITY>, Arg2:<ENTITY>" in conf and "colleague\t" in conf


def test_a_relation_to_an_unknown_annotation_is_counted(tmp_path):
    path = folder(tmp_path)
    (path / "doc.ann").write_text(ANN + "R5\tfoundedBy Arg1:T1 Arg2:T9\n", "utf-8")
    bundle = read_brat(path)
    assert len(bundle.relations) == 4 and bundle.refused == {"relation to an unknown annotation": 1}
