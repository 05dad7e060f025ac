"""W3C Web Annotation export."""

from __future__ import annotations

import json

import pytest

from annotator.actions.export import export
from tests.export_fixtures import FIRST_TEXT, fill


@pytest.fixture
def sample(project):
    return fill(project)


@pytest.fixture
def collection(project, sample, tmp_path):
    export(project, "webanno", tmp_path / "a.jsonld")
    return json.loads((tmp_path / "a.jsonld").read_text(encoding="utf-8"))


def item(collection, annotation):
    return next(i for i in collection["first"]["items"] if i["id"] == f"urn:uuid:{annotation.id}")


def test_is_an_annotation_collection_with_every_annotation(collection):
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["first"]["type"] == "AnnotationPage"
    assert collection["total"] == len(collection["first"]["items"]) == 4


def test_position_selector_is_code_points_end_exclusive(collection, sample):
    selectors = item(collection, sample.quote)["target"]["selector"]
    position = next(s for s in selectors if s["type"] == "TextPositionSelector")
    assert FIRST_TEXT[position["start"]:position["end"]] == sample.quote.text and sample.quote.text.endswith("😀")


def test_quote_selector_has_prefix_exact_suffix(collection, sample):
    selectors = item(collection, sample.quote)["target"]["selector"]
    quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
    assert quote["prefix"] + quote["exact"] + quote["suffix"] in FIRST_TEXT
    assert (quote["exact"], len(quote["prefix"])) == (sample.quote.text, 30)


def test_target_source_is_the_content_id(collection, sample):
    assert item(collection, sample.quote)["target"]["source"]["id"] == f"urn:sha256:{sample.first}"


def test_body_has_tag_note_and_fields(collection, sample):
    body = {b["purpose"]: b for b in item(collection, sample.quote)["body"]}
    assert body["classifying"]["value"] == "Quote"
    assert body["commenting"]["value"] == sample.quote.note
    assert json.loads(body["describing"]["value"]) == {"speaker": "=the mayor", "quote_type": "direct"}


def test_link_is_a_linking_body(collection, sample):
    body = {b["purpose"]: b for b in item(collection, sample.attribution)["body"]}
    assert body["linking"]["source"] == f"urn:uuid:{sample.quote.id}"


def test_annotation_without_note_or_fields_has_only_the_tag_body(collection, sample):
    body = item(collection, sample.sensational)["body"]
    assert [b["purpose"] for b in body] == ["classifying", "commenting"]  # its note is "+1"


def test_creator_and_timestamps(collection, sample):
    annotation = item(collection, sample.claim)
    assert annotation["creator"] == {"type": "Person", "name": "li"}
    assert (annotation["created"], annotation["modified"]) == (sample.claim.created_at, sample.claim.updated_at)


def test_empty_project_is_still_valid_json(project, tmp_path):
    export(project, "webanno", tmp_path / "a.jsonld")
    data = json.loads((tmp_path / "a.jsonld").read_text(encoding="utf-8"))
    assert data["first"]["items"] == [] and data["total"] == 0


def test_non_uuid_ids_get_an_annotator_urn():
    from annotator.core.formats.webanno import annotation_iri

    assert annotation_iri("T1 from brat") == "urn:annotator:annotation:T1%20from%20brat"
    assert annotation_iri("{6F9619FF-8B86-D011-B42D-00C04FC964FF}") == "urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff"


# -- reading ---------------------------------------------------------------------------------


def read_back(project, path):
    from annotator.core.formats.webanno_reader import read_webanno

    return read_webanno(path, project.articles.text)


def test_reader_gives_back_every_annotation(project, sample, tmp_path):
    export(project, "webanno", tmp_path / "a.jsonld")
    bundle = read_back(project, tmp_path / "a.jsonld")
    assert bundle.problems == []
    got = {a.id: (a.start, a.end, a.text, a.annotator, a.note, a.fields, a.linked_id, a.created_at) for a in bundle.annotations}
    for a in (sample.quote, sample.claim, sample.attribution, sample.sensational):
        assert got[a.id] == (a.start, a.end, a.text, a.annotator, a.note, a.fields, a.linked_id, a.created_at)


def test_reader_round_trips_into_an_empty_codebook_project(project, sample, tmp_path):
    from annotator.actions.bundle_import import import_bundle
    from annotator.core.model import NewArticle
    from annotator.storage import Project

    export(project, "webanno", tmp_path / "a.jsonld")
    with Project.in_memory(with_news_codebook=False) as other:
        for article in project.articles.iter_all():
            other.articles.add(NewArticle(text=article.text))
        report = import_bundle(other, read_back(other, tmp_path / "a.jsonld"))
        assert report.annotations_added == 4 and report.problems == []


def annotation(start, end, exact, prefix="", suffix=""):
    return {
        "type": "Annotation", "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "body": [{"type": "TextualBody", "purpose": "classifying", "value": "Claim"}],
        "target": {"source": "urn:sha256:doc", "selector": [
            {"type": "TextPositionSelector", "start": start, "end": end},
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]},
    }


def read_items(tmp_path, items, text="The mayor said no. The mayor left."):
    from annotator.core.formats.webanno_reader import read_webanno

    (tmp_path / "w.json").write_text(json.dumps(items), encoding="utf-8")
    return read_webanno(tmp_path / "w.json", lambda i: text if i == "doc" else None)


def test_reader_reanchors_by_a_unique_quote_and_says_so(tmp_path):
    bundle = read_items(tmp_path, [annotation(0, 4, "left", prefix="mayor ")])
    assert [(a.start, a.end) for a in bundle.annotations] == [(29, 33)]
    assert "anchored by the quote at 29-33" in bundle.problems[0]


def test_reader_refuses_an_ambiguous_quote(tmp_path):
    bundle = read_items(tmp_path, [annotation(1, 3, "The mayor")])
    assert bundle.annotations == [] and "cannot be found" in bundle.problems[0]


def test_reader_reports_an_unknown_document(tmp_path):
    item = annotation(0, 3, "The")
    item["target"]["source"] = "urn:sha256:elsewhere"
    bundle = read_items(tmp_path, item)
    assert bundle.annotations == [] and "not in the project" in bundle.problems[0]


def test_reader_reports_a_file_that_is_not_json(tmp_path):
    from annotator.core.formats.webanno_reader import read_webanno

    (tmp_path / "w.json").write_text("{nope", encoding="utf-8")
    assert "not a readable JSON file" in read_webanno(tmp_path / "w.json", lambda i: None).problems[0]
