"""The news codebook and the rules of codebook editing."""

import json

import pytest

from annotator.core import codebook
from annotator.core.codebook import CodebookError
from annotator.core.model import FieldType, Tag, TagField

from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)


def test_news_codebook_has_four_keyed_distinct_tags():
    tags = codebook.news_codebook()
    assert [t.key for t in tags] == ["1", "2", "3", "4"]
    assert len({t.colour for t in tags}) == 4
    assert all(t.definition and t.example for t in tags)
    codebook.validate(tags)


def test_news_codebook_fields():
    tags = {t.name: t for t in codebook.news_codebook()}
    assert tags["Quote"].field_named("quote_type").choices == ["direct", "indirect"]
    assert "anonymous" in tags["Source attribution"].field_named("source_type").choices
    assert tags["Claim"].field_named("checkable").type is FieldType.YESNO


def test_json_round_trip():
    tags = codebook.news_codebook()
    back = codebook.from_json(codebook.to_json(tags))
    assert [(t.name, t.colour, t.key, t.fields, t.definition) for t in back] == [
        (t.name, t.colour, t.key, t.fields, t.definition) for t in tags
    ]


@pytest.mark.parametrize(
    "document,reason",
    [
        ("{not json", "not valid JSON"),
        ("[]", "no \"tags\" list"),
        (json.dumps({"tags": [{"colour": "#000000"}]}), "tag 1 is malformed"),
        (json.dumps({"tags": [{"name": "A", "colour": "red"}]}), "#rrggbb"),
        (json.dumps({"tags": [{"name": "A", "key": "1"}, {"name": "a"}]}), "already a tag"),
        (json.dumps({"tags": [{"name": "A", "key": "1"}, {"name": "B", "key": "1"}]}), "used by both"),
    ],
)
def test_bad_codebook_json_is_refused_with_reason(document, reason):
    with pytest.raises(CodebookError, match=reason):
        codebook.from_json(document)


def test_choice_field_needs_choices():
    with pytest.raises(CodebookError, match="choices"):
        codebook.validate([Tag("A", "#000000", fields=[TagField("x", FieldType.CHOICE)])])


def test_retired_tag_frees_its_key(project):
    claim = project.codebook.by_name("claim")
    project.codebook.retire(claim.id)
    project.codebook.add(Tag(name="Frame", colour="", key="1"))
    assert [t.name for t in project.codebook.active()][-1] == "Frame"
    assert project.codebook.get(claim.id).retired


def test_add_picks_free_colour_and_goes_last(project):
    tag = project.codebook.add(Tag(name="Frame", colour=""))
    assert tag.colour not in {t.colour for t in project.codebook.tags() if t.id != tag.id}
    assert project.codebook.tags()[-1].name == "Frame"


def test_rename_to_existing_name_is_refused(project):
    quote = project.codebook.by_name("Quote")
    with pytest.raises(CodebookError):
        project.codebook.rename(quote.id, "claim")
    assert project.codebook.get(quote.id).name == "Quote"


def test_rekey_recolour_reorder(project):
    tags = project.codebook.tags()
    project.codebook.rekey(tags[0].id, "c")
    project.codebook.recolour(tags[0].id, "#123456")
    project.codebook.reorder([tags[3].id, tags[0].id])
    after = project.codebook.tags()
    assert [t.name for t in after][:2] == ["Sensational language", "Claim"]
    assert (after[1].key, after[1].colour) == ("c", "#123456")


def test_edit_fields(project):
    quote = project.codebook.by_name("Quote")
    quote.fields.append(TagField("on_record", FieldType.YESNO))
    project.codebook.update(quote)
    assert project.codebook.get(quote.id).field_named("on_record").type is FieldType.YESNO


def test_field_names_are_csv_columns_in_codebook_order():
    assert codebook.field_names(codebook.news_codebook()) == [
        "checkable", "speaker", "quote_type", "source_name", "source_type",
    ]
