"""Label Studio JSON: tasks read with UTF-16 offsets converted and checked; our export."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.actions.bundle_import import import_bundle
from annotator.actions.export import export
from annotator.actions.import_files import import_paths
from annotator.core.formats.detect import exchange_reader
from annotator.core.formats.label_studio import read_label_studio
from annotator.storage import Project
from tests.exchange_fixtures import small_project

TEXT = "Fans 😀😀 cheered as Ana Silva 🇵🇹 scored.\nThe coach said: “we were lucky”."


def js(offset: int, text: str = TEXT) -> int:
    """The JavaScript string index (UTF-16 code units) of a code-point offset."""
    return len(text[:offset].encode("utf-16-le")) // 2


def region(rid: str, passage: str, label: str, *, text: str = TEXT, quote=True, **extra) -> dict:
    start = text.index(passage)
    value = {"start": js(start, text), "end": js(start + len(passage), text), "labels": [label]}
    if quote:
        value["text"] = passage
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value, **extra}


def task(*results, completed_by=7, text: str = TEXT, predictions=()) -> dict:
    return {"id": 12, "data": {"text": text, "title": "Match report"}, "meta": {},
            "annotations": [{"id": 3, "completed_by": completed_by, "result": list(results),
                             "created_at": "2026-11-30T10:00:00.000Z"}],
            "predictions": [{"result": list(predictions)}] if predictions else []}


def write(path: Path, *tasks) -> Path:
    path.write_text(json.dumps(list(tasks), ensure_ascii=False, indent=2), "utf-8")
    return path


def test_utf16_offsets_land_on_the_labelled_passages(tmp_path):
    bundle = read_label_studio(write(tmp_path / "ls.json", task(
        region("a1", "Ana Silva", "PERSON"), region("a2", "we were lucky", "QUOTE"))))
    assert [a.text for a in bundle.annotations] == ["Ana Silva", "we were lucky"]
    assert bundle.refused == {}
    assert "UTF-16" in bundle.offsets
    assert bundle.articles[0].title == "Match report"


def test_completed_by_is_the_annotator_in_each_of_its_shapes(tmp_path):
    shapes = [(7, "Label Studio user 7"), ({"id": 2, "email": "ana@example.org"}, "ana@example.org"),
              ({"id": 3, "first_name": "Ana", "last_name": "Silva"}, "Ana Silva")]
    for completed_by, name in shapes:
        bundle = read_label_studio(write(tmp_path / "ls.json", task(region("a", "Ana Silva", "P"), completed_by=completed_by)))
        assert bundle.annotations[0].annotator == name


def test_relations_become_typed_relations_and_the_first_a_link(tmp_path):
    relation = {"from_id": "q", "to_id": "p", "type": "relation", "direction": "right", "labels": ["said by"]}
    bundle = read_label_studio(write(tmp_path / "ls.json", task(
        region("p", "The coach", "PERSON"), region("q", "we were lucky", "QUOTE"), relation)))
    by_id = {a.id: a for a in bundle.annotations}
    [kept] = bundle.relations
    assert (by_id[kept.source_id].text, kept.type, by_id[kept.target_id].text) == ("we were lucky", "said by", "The coach")
    assert by_id[kept.source_id].linked_id == kept.target_id


def test_region_text_areas_and_choices_become_fields_and_task_choices_metadata(tmp_path):
    bundle = read_label_studio(write(tmp_path / "ls.json", task(
        region("q", "we were lucky", "QUOTE", meta={"text": ["check the tape"]}),
        {"id": "q", "from_name": "speaker", "to_name": "text", "type": "textarea", "value": {"text": ["the coach"]}},
        {"id": "doc", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["positive"]}},
    )))
    [annotation] = bundle.annotations
    assert annotation.fields == {"speaker": "the coach"} and annotation.note == "check the tape"
    assert bundle.articles[0].extra["sentiment"] == "positive"


def test_a_region_whose_text_is_not_its_passage_is_refused(tmp_path):
    wrong = region("a", "Ana Silva", "PERSON")
    wrong["value"]["text"] = "Silva scored"
    good = [region(f"g{n}", p, "X") for n, p in enumerate(["Fans", "cheered", "The coach", "lucky"])]
    bundle = read_label_studio(write(tmp_path / "ls.json", task(wrong, *good)))
    assert len(bundle.annotations) == 4
    assert bundle.refused == {"passage does not match the text": 1}


def test_code_point_offsets_proved_by_their_texts_are_read_as_such(tmp_path):
    # Some scripts write Label Studio files with Python offsets; the passage texts show it.
    results = []
    for n, passage in enumerate(["Ana Silva", "scored", "The coach", "lucky"]):
        r = region(f"r{n}", passage, "X")
        r["value"]["start"] = TEXT.index(passage)
        r["value"]["end"] = TEXT.index(passage) + len(passage)
        results.append(r)
    bundle = read_label_studio(write(tmp_path / "ls.json", task(*results)))
    assert [a.text for a in bundle.annotations] == ["Ana Silva", "scored", "The coach", "lucky"]
    assert bundle.offsets.startswith("code points")


def test_predictions_are_left_out_and_counted(tmp_path):
    bundle = read_label_studio(write(tmp_path / "ls.json", task(
        region("a", "Ana Silva", "P"), predictions=[region("m", "Fans", "P")])))
    assert [a.text for a in bundle.annotations] == ["Ana Silva"]
    assert bundle.refused == {"prediction (a model's, not a coder's)": 1}


def test_an_empty_region_is_refused(tmp_path):
    empty = region("a", "Ana Silva", "P")
    empty["value"]["end"] = empty["value"]["start"]
    bundle = read_label_studio(write(tmp_path / "ls.json", task(empty)))
    assert bundle.annotations == [] and bundle.refused == {"empty or invalid span": 1}


def test_detected_and_reported_by_import(tmp_path):
    path = write(tmp_path / "ls.json", task(region("a", "Ana Silva", "P")))
    assert exchange_reader(path) is not None
    project = Project.in_memory(with_news_codebook=False)
    report = import_paths(project, [path])
    counts = report.per_file[str(path)]
    assert (counts.annotations, counts.refused) == (1, 0) and "UTF-16" in counts.offsets


def test_export_writes_utf16_offsets_label_studio_can_check(tmp_path):
    project = small_project()
    export(project, "label-studio", tmp_path / "out.json")
    tasks = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert len(tasks) == 2
    for t in tasks:
        text = t["data"]["text"].encode("utf-16-le")
        for a in t["annotations"]:
            assert isinstance(a["completed_by"], dict)
            for r in a["result"]:
                if r["type"] == "labels":
                    v = r["value"]
                    assert text[2 * v["start"]:2 * v["end"]].decode("utf-16-le") == v["text"]


def test_export_round_trips_through_our_import(tmp_path):
    project = small_project()
    export(project, "label-studio", tmp_path / "out.json")
    target = Project.in_memory(with_news_codebook=False)
    report = import_bundle(target, read_label_studio(tmp_path / "out.json"))
    assert report.problems == []

    def key(p):
        return {(a.id, a.start, a.end, a.annotator, a.note, json.dumps(a.fields, sort_keys=True), a.linked_id)
                for a in p.annotations.iter_all()}

    assert key(project) == key(target)


def test_region_ids_repeat_across_tasks_without_joining_them(tmp_path):
    other = "Another match. The coach was angry."
    relation = {"from_id": "q", "to_id": "p", "type": "relation", "labels": []}
    first = task(region("p", "The coach", "PERSON"), region("q", "we were lucky", "QUOTE"), relation)
    second = task(region("p", "The coach", "PERSON", text=other), text=other)
    second["data"]["title"] = "Second"
    bundle = read_label_studio(write(tmp_path / "ls.json", first, second))
    assert len(bundle.annotations) == 3
    [quote] = [a for a in bundle.annotations if a.text == "we were lucky"]
    target = next(a for a in bundle.annotations if a.id == quote.linked_id)
    assert target.article_id == quote.article_id
