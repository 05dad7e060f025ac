"""The REFI-QDA codebook (.qdc): valid, exact for our tags, tolerant of other tools', clear on bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli.main import main
from annotator.core.codebook import CodebookError, news_codebook
from annotator.core.formats.refi_codebook import from_qdc, to_qdc
from annotator.core.model import FieldType, Tag, TagField


@pytest.fixture(scope="module")
def codebook_schema():
    from tests.conftest import SHARED

    xsd = SHARED / "formats" / "refi" / "Codebook.xsd"
    if not xsd.is_file():
        pytest.skip("../shared is not present")
    import xmlschema

    return xmlschema.XMLSchema(str(xsd))


def record(tag: Tag) -> tuple:
    return (tag.id, tag.name, tag.colour, tag.key, tag.definition, tag.example, tag.fields, tag.retired)


def qdc(codes: str) -> str:
    return f'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>'


def test_news_codebook_validates_against_the_codebook_schema(codebook_schema):
    codebook_schema.validate(to_qdc(news_codebook()))


def test_news_codebook_round_trips_exactly():
    tags = news_codebook()
    assert [record(t) for t in from_qdc(to_qdc(tags))] == [record(t) for t in tags]


def test_retired_tags_are_not_codable_and_come_back_retired():
    tags = news_codebook()
    tags[1].retired = True
    document = to_qdc(tags)
    assert 'name="Quote" isCodable="false"' in document
    assert [t.retired for t in from_qdc(document)] == [False, True, False, False]


def test_definition_stays_readable_for_other_tools():
    document = to_qdc(news_codebook())
    assert "<Description>A statement presented as fact" in document
    assert "Example: Unemployment in the region" in document


def test_an_empty_codebook_still_validates(codebook_schema):
    codebook_schema.validate(to_qdc([]))


_names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(lambda s: s.strip() == s and s)
_prose = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00\x0b\x0c\x1c\x1d\x1e\x1f\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\ufffe\uffff"), max_size=80)


@settings(max_examples=60, deadline=None)
@given(name=_names, definition=_prose, example=_prose, key=st.sampled_from(["", "q", "5"]),
       choices=st.lists(st.text(min_size=1, max_size=8).filter(lambda s: "\x00" not in s), min_size=1, max_size=3, unique=True))
def test_generated_tags_round_trip(name, definition, example, key, choices):
    tag = Tag(name=name, colour="#12ab34", key=key, definition=definition, example=example,
              fields=[TagField("f", FieldType.CHOICE, choices)])
    back = from_qdc(to_qdc([tag]))
    assert [record(t) for t in back] == [record(tag)]


def test_other_tools_nested_codes_are_flattened_with_their_path():
    document = qdc('<Code guid="11111111-0000-0000-0000-000000000001" name="Actors" isCodable="true">'
                   '<Code guid="11111111-0000-0000-0000-000000000002" name="Police" isCodable="true"/></Code>')
    assert [t.name for t in from_qdc(document)] == ["Actors", "Actors/Police"]


def test_other_tools_colours_and_descriptions_are_kept():
    document = qdc('<Code guid="{11111111-0000-0000-0000-00000000000A}" name="Fear" isCodable="true" color="#abc">'
                   "<Description>Words that frighten.</Description></Code>")
    [tag] = from_qdc(document)
    assert (tag.id, tag.colour, tag.definition) == ("11111111-0000-0000-0000-00000000000a", "#aabbcc", "Words that frighten.")


def test_a_code_without_colour_gets_a_palette_colour():
    [tag] = from_qdc(qdc('<Code guid="11111111-0000-0000-0000-000000000001" name="Plain" isCodable="true"/>'))
    assert tag.colour.startswith("#") and len(tag.colour) == 7


@pytest.mark.parametrize("document, reason", [
    ("this is not xml", "not well-formed"),
    ('<Project xmlns="urn:QDA-XML:project:1.0"/>', "not a REFI-QDA codebook"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "no <Codes>"),
    (qdc('<Code name="No guid" isCodable="true"/>'), "no valid GUID"),
    (qdc('<Code guid="11111111-0000-0000-0000-000000000001" name="A" isCodable="true"/>'
         '<Code guid="11111111-0000-0000-0000-000000000002" name="a" isCodable="true"/>'), "already a tag"),
    ('<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><CodeBook>&b;</CodeBook>', "refused"),
    ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CodeBook>&e;</CodeBook>', "refused"),
])
def test_bad_codebooks_raise_a_codebook_error_with_a_plain_reason(document, reason):
    with pytest.raises(CodebookError, match=reason):
        from_qdc(document)


def test_cli_exports_and_imports_a_qdc(tmp_path, capsys):
    project_path, qdc_path = tmp_path / "study.annotator", tmp_path / "codebook.qdc"
    assert main(["new", str(project_path)]) == 0
    assert main(["codebook", str(project_path), "--export", str(qdc_path)]) == 0
    assert "urn:QDA-XML:codebook:1.0" in qdc_path.read_text("utf-8")
    assert main(["codebook", str(project_path), "--import", str(qdc_path)]) == 0
    assert "read 4 tags" in capsys.readouterr().out
