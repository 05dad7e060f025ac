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
