"""Our JSONL export and its reader; exchange-format detection."""

from __future__ import annotations

import json

import pytest

from annotator.actions.export import export
from annotator.core.formats.detect import exchange_reader
from annotator.core.formats.jsonl import read_jsonl
from tests.export_fixtures import FIRST_TEXT, fill


@pytest.fixture
def sample(project):
    return fill(project)


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def exported(project, sample, tmp_path):
    path = tmp_path / "corpus.jsonl"
    export(project, "jsonl", path)
    return path


def test_one_line_per_article_each_with_the_marker(exported, sample):
    data = lines(exported)
    assert [d["id"] for d in data] == [sample.first, sample.second, sample.third]
    assert all(d["annotator_export"] == 1 for d in data)


def test_only_the_first_line_carries_the_codebook(exported):
    data = lines(exported)
    assert [t["name"] for t in data[0]["codebook"]] == ["Claim", "Quote", "Source attribution", "Sensational language"]
    assert data[0]["codebook"][1]["fields"][1] == {"name": "quote_type", "type": "choice", "choices": ["direct", "indirect"]}
    assert all("codebook" not in d for d in data[1:])


def test_line_has_text_metadata_and_status(exported):
    first = lines(exported)[0]
    assert first["text"] == FIRST_TEXT
    assert (first["title"], first["outlet"], first["status"], first["extra"]) == (
        'Mayor, "defiant"', "-Daily", "done", {"section": "politics"})


def test_annotations_carry_every_field(exported, sample):
    quote = next(a for a in lines(exported)[0]["annotations"] if a["id"] == sample.quote.id)
    assert quote == {
        "id": sample.quote.id, "tag": "Quote", "tag_id": sample.quote.tag_id, "start": sample.quote.start,
        "end": sample.quote.end, "text": sample.quote.text, "annotator": "maria", "note": sample.quote.note,
        "fields": {"speaker": "=the mayor", "quote_type": "direct"}, "linked_id": None, "reviewer": "",
        "created_at": sample.quote.created_at, "updated_at": sample.quote.updated_at,
    }


def test_label_list_is_doccano_shaped(exported, sample):
    first = lines(exported)[0]
    assert [sample.quote.start, sample.quote.end, "Quote"] in first["label"]
    assert all(first["text"][s:e] for s, e, _ in first["label"])


def test_link_is_exported(exported, sample):
    annotations = lines(exported)[0]["annotations"]
    assert next(a for a in annotations if a["id"] == sample.attribution.id)["linked_id"] == sample.quote.id


def test_filters_apply_to_annotations_not_articles(project, sample, tmp_path):
    export(project, "jsonl", tmp_path / "a.jsonl", annotators=["li"])
    data = lines(tmp_path / "a.jsonl")
    assert len(data) == 3 and {a["annotator"] for d in data for a in d["annotations"]} == {"li"}


def test_status_filter_keeps_only_those_articles(project, sample, tmp_path):
    export(project, "jsonl", tmp_path / "a.jsonl", status="done")
    assert [d["id"] for d in lines(tmp_path / "a.jsonl")] == [sample.first]


def test_empty_project_writes_one_codebook_line(project, tmp_path):
    export(project, "jsonl", tmp_path / "a.jsonl")
    data = lines(tmp_path / "a.jsonl")
    assert len(data) == 1 and "text" not in data[0] and len(data[0]["codebook"]) == 4


def test_reader_gives_back_articles_tags_and_annotations(exported, sample):
    bundle = read_jsonl(exported)
    assert bundle.problems == []
    assert [a.id for a in bundle.articles] == [sample.first, sample.second, sample.third]
    assert {a.id for a in bundle.annotations} == {sample.quote.id, sample.claim.id, sample.attribution.id, sample.sensational.id}
    assert bundle.tags[0].colour == "#56B4E9" and bundle.tags[0].key == "1"


def write_lines(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def record(text, annotations):
    return {"annotator_export": 1, "text": text, "annotations": annotations}


def test_reader_reports_a_passage_that_does_not_match_and_does_not_shift_it(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [record("Hello brave world", [
        {"id": "x1", "tag": "Claim", "start": 6, "end": 11, "text": "brave", "annotator": "li"},
        {"id": "x2", "tag": "Claim", "start": 5, "end": 10, "text": "brave", "annotator": "li"},
    ])])
    bundle = read_jsonl(path)
    assert [a.id for a in bundle.annotations] == ["x1"]
    assert len(bundle.problems) == 1 and "x2" in bundle.problems[0] and "does not match" in bundle.problems[0]


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 3), (5, 99), ("1", 3), (1.0, 3)])
def test_reader_reports_spans_outside_the_text(tmp_path, start, end):
    path = write_lines(tmp_path / "a.jsonl", [record("Hello world", [{"tag": "Claim", "start": start, "end": end}])])
    bundle = read_jsonl(path)
    assert bundle.annotations == [] and "outside the text" in bundle.problems[0]


def test_reader_reports_a_broken_line_and_reads_the_rest(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record("First text", [])) + "\n{not json\n" + json.dumps(record("Third text", [])) + "\n")
    bundle = read_jsonl(path)
    assert [a.text for a in bundle.articles] == ["First text", "Third text"]
    assert bundle.problems == ["a.jsonl line 2: not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)); skipped"]


def test_reader_refuses_text_that_is_not_normalised(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [record("Line one\r\nLine two", [{"tag": "Claim", "start": 10, "end": 14}])])
    bundle = read_jsonl(path)
    assert bundle.articles == [] and bundle.annotations == [] and "not normalised" in bundle.problems[0]


def test_reader_adds_a_tag_the_codebook_lacks(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [record("Hello world", [{"tag": "Irony", "start": 0, "end": 5}])])
    bundle = read_jsonl(path)
    assert [t.name for t in bundle.tags] == ["Irony"] and bundle.annotations[0].tag_id == bundle.tags[0].id


def test_reader_takes_doccano_labels_when_annotations_are_absent(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"annotator_export": 1, "text": "Hello world", "label": [[6, 11, "Claim"]]}])
    bundle = read_jsonl(path)
    assert [(a.start, a.end, a.text) for a in bundle.annotations] == [(6, 11, "world")]


def test_reader_skips_lines_without_the_marker(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"text": "A plain article"}])
    bundle = read_jsonl(path)
    assert bundle.articles == [] and "not a line of an annotator export" in bundle.problems[0]


# -- detection -------------------------------------------------------------------------------


def test_detect_finds_our_jsonl(exported):
    assert exchange_reader(exported)(exported).articles


def test_detect_leaves_a_plain_article_jsonl_to_the_importers(tmp_path):
    path = write_lines(tmp_path / "plain.jsonl", [{"title": "A", "text": "An article"}])
    assert exchange_reader(path) is None


def test_detect_leaves_csv_and_text_files_to_the_importers(tmp_path):
    (tmp_path / "a.csv").write_text("title,text\nA,B\n")
    (tmp_path / "a.txt").write_text('{"annotator_export": 1}\n')
    assert exchange_reader(tmp_path / "a.csv") is None and exchange_reader(tmp_path / "a.txt") is None


def test_detect_leaves_an_undecodable_jsonl_to_the_importers(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    assert exchange_reader(tmp_path / "a.jsonl") is None


def test_detect_recognises_a_brat_folder_by_ann_files_or_conf(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "doc.ann").write_text("")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "annotation.conf").write_text("")
    (tmp_path / "three").mkdir()
    (tmp_path / "three" / "doc.txt").write_text("")
    readers = [exchange_reader(tmp_path / n) for n in ("one", "two", "three")]
    assert readers[0] is not None and readers[0] is readers[1] and readers[2] is None


def test_detect_recognises_qdpx_in_any_case(tmp_path):
    assert exchange_reader(tmp_path / "a.QDPX") is not None
    assert exchange_reader(tmp_path / "a.QDPX") is not exchange_reader(tmp_path / "a.jsonl")


def test_detected_brat_reader_calls_read_brat(tmp_path, monkeypatch):
    import sys
    import types

    fake = types.ModuleType("annotator.core.formats.brat")
    fake.read_brat = lambda folder: ("read", folder)
    monkeypatch.setitem(sys.modules, "annotator.core.formats.brat", fake)
    (tmp_path / "doc.ann").write_text("")
    assert exchange_reader(tmp_path)(tmp_path) == ("read", tmp_path)
