"""doccano JSONL: the three shapes doccano exports, read into a project; our doccano export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.actions.bundle_import import import_bundle
from annotator.actions.import_files import import_paths
from annotator.core.formats.detect import exchange_reader
from annotator.core.formats.doccano import read_doccano
from annotator.storage import Project


def write_lines(path: Path, *records, pretty: bool = False) -> Path:
    indent = 4 if pretty else None
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False, indent=indent) for r in records) + "\n", "utf-8")
    return path


SEQUENCE = [
    {"text": "Mayor Ana Silva said the flood 🌊 was the worst in Lisbon.", "label": [[6, 15, "PER"], [50, 56, "LOC"]],
     "meta": {"source": "wire"}},
    {"text": "Nothing labelled here.", "label": []},
    {"label": [[0, 1, "PER"]], "meta": {"wikiPageID": 3}},
]
RELATION = {
    "text": "Google was founded on September 4, 1998, by Larry Page and Sergey Brin.",
    "entities": [
        {"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"},
        {"id": 1, "start_offset": 22, "end_offset": 39, "label": "DATE"},
        {"id": 2, "start_offset": 44, "end_offset": 54, "label": "PERSON"},
        {"id": 3, "start_offset": 59, "end_offset": 70, "label": "PERSON"},
    ],
    "relations": [
        {"id": 0, "from_id": 0, "to_id": 1, "type": "foundedAt"},
        {"id": 1, "from_id": 0, "to_id": 2, "type": "foundedBy"},
        {"id": 2, "from_id": 0, "to_id": 3, "type": "foundedBy"},
    ],
}
CLASSIFICATION = [{"text": "Terrible customer service.", "label": ["negative"]},
                  {"text": "Really great transaction.", "label": ["positive", "short"]}]


def test_span_labels_become_annotations_on_their_passages(tmp_path):
    bundle = read_doccano(write_lines(tmp_path / "seq.jsonl", *SEQUENCE))
    assert [(a.text, a.annotator) for a in bundle.annotations] == [("Ana Silva", "doccano"), ("Lisbon", "doccano")]
    assert [t.name for t in bundle.tags] == ["PER", "LOC"]
    assert bundle.articles[0].extra == {"source": "wire"}


def test_a_record_without_text_is_refused_with_its_labels_counted(tmp_path):
    bundle = read_doccano(write_lines(tmp_path / "seq.jsonl", *SEQUENCE))
    assert bundle.refused == {"record without text": 1}
    assert any("line 3: no text" in p and "1 label" in p for p in bundle.problems)


def test_entities_and_relations_keep_every_relation_with_its_type(tmp_path):
    bundle = read_doccano(write_lines(tmp_path / "rel.jsonl", RELATION, pretty=True))
    by_id = {a.id: a.text for a in bundle.annotations}
    assert sorted(by_id.values()) == ["Google", "Larry Page", "September 4, 1998", "Sergey Brin"]
    assert sorted((by_id[r.source_id], r.type, by_id[r.target_id]) for r in bundle.relations) == [
        ("Google", "foundedAt", "September 4, 1998"), ("Google", "foundedBy", "Larry Page"),
        ("Google", "foundedBy", "Sergey Brin")]
    google = next(a for a in bundle.annotations if a.text == "Google")
    assert by_id[google.linked_id] == "September 4, 1998"


def test_relations_are_stored_and_counted_by_the_import(tmp_path):
    project = Project.in_memory(with_news_codebook=False)
    report = import_paths(project, [write_lines(tmp_path / "rel.jsonl", RELATION, pretty=True)])
    counts = report.per_file[str(tmp_path / "rel.jsonl")]
    assert (counts.annotations, counts.relations, counts.refused) == (4, 3, 0)
    assert sum(len(v) for v in project.relations.all().values()) == 3


def test_document_labels_become_article_metadata_and_the_summary_says_so(tmp_path):
    project = Project.in_memory(with_news_codebook=False)
    path = write_lines(tmp_path / "cls.jsonl", *CLASSIFICATION)
    report = import_paths(project, [path])
    assert sorted(a.extra["labels"] for a in project.articles.iter_all()) == ["negative", "positive; short"]
    assert report.per_file[str(path)].kept_as == {"document labels as article metadata 'labels'": 3}
    assert report.failures == []


def test_the_same_label_twice_on_a_span_is_kept_once_and_said(tmp_path):
    bundle = read_doccano(write_lines(tmp_path / "o.jsonl", {"text": "exampleA", "label": [[0, 1, "LOC"], [0, 1, "LOC"]]}))
    assert len(bundle.annotations) == 1 and bundle.refused == {"exact duplicate": 1}


@pytest.mark.parametrize("label,reason", [
    ([3, 3, "PER"], "empty or invalid span"), ([5, 99, "PER"], "outside its text"), ([0, 2, ""], "no label"),
])
def test_bad_spans_are_refused_with_a_reason(tmp_path, label, reason):
    bundle = read_doccano(write_lines(tmp_path / "bad.jsonl", {"text": "Hello world", "label": [label]}))
    assert bundle.annotations == [] and bundle.refused == {reason: 1}


def test_crlf_text_offsets_are_mapped_onto_the_normalised_text(tmp_path):
    bundle = read_doccano(write_lines(tmp_path / "crlf.jsonl", {"text": "One\r\nTwo words", "label": [[5, 8, "X"]]}))
    assert [a.text for a in bundle.annotations] == ["Two"]
    assert bundle.articles[0].text == "One\nTwo words"


def test_emoji_count_as_one_code_point(tmp_path):
    bundle = read_doccano(write_lines(tmp_path / "e.jsonl", {"text": "😀😀 Lisbon", "label": [[3, 9, "LOC"]]}))
    assert [a.text for a in bundle.annotations] == ["Lisbon"]


def test_detection_tells_doccano_from_a_plain_jsonl_of_articles(tmp_path):
    assert exchange_reader(write_lines(tmp_path / "d.jsonl", *CLASSIFICATION)) is not None
    assert exchange_reader(write_lines(tmp_path / "r.jsonl", RELATION, pretty=True)) is not None
    assert exchange_reader(write_lines(tmp_path / "a.jsonl", {"text": "An article.", "title": "T"})) is None


def test_import_json_reports_each_doccano_file(tmp_path, capsys):
    from annotator.cli.main import main

    project_path = tmp_path / "p.annotator"
    Project.create(project_path).close()
    path = write_lines(tmp_path / "seq.jsonl", *SEQUENCE)
    assert main(["import", str(project_path), str(path), "--json"]) == 1  # one record had no text
    data = json.loads(capsys.readouterr().out)
    counts = data["files"][str(path)]
    assert (counts["placed"], counts["refused"], counts["refused_why"]) == (2, 1, {"record without text": 1})
    assert counts["offsets"].startswith("code points")


# -- the samples doccano itself exported (../shared) ---------------------------------------------


def test_doccano_samples_import_with_nothing_lost_silently(shared_dir):
    folder = shared_dir / "formats" / "other-tools"
    project = Project.in_memory(with_news_codebook=False)
    paths = sorted(folder.glob("doccano-*.jsonl"))
    report = import_paths(project, paths)
    files = {Path(p).name: c for p, c in report.per_file.items()}
    assert files["doccano-relation-extraction-export.jsonl"].relations == 3
    assert files["doccano-text-classification-export.jsonl"].kept_as
    assert files["doccano-sequence-labeling.jsonl"].refused_why == {"record without text": 1}
    texts = {a.id: a.text for a in project.articles.iter_all()}
    for annotation in project.annotations.iter_all():
        assert texts[annotation.article_id][annotation.start:annotation.end] == annotation.text
    assert project.annotations.count() == 5


def test_doccano_export_round_trips_through_our_import(tmp_path):
    from annotator.actions.export import export
    from tests.exchange_fixtures import small_project

    project = small_project()
    export(project, "doccano", tmp_path / "out.jsonl")
    target = Project.in_memory(with_news_codebook=False)
    report = import_bundle(target, read_doccano(tmp_path / "out.jsonl"))
    assert report.problems == []
    assert {(a.id, a.start, a.end, a.annotator, a.note, a.linked_id) for a in project.annotations.iter_all()} == \
        {(a.id, a.start, a.end, a.annotator, a.note, a.linked_id) for a in target.annotations.iter_all()}
