"""REFI-QDA projects (.qdpx): valid output, exact round trips, other tools' files."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.actions.bundle_import import import_bundle
from annotator.core.formats.progress import Cancelled
from annotator.core.formats.qdpx import check_qdpx, read_qdpx, write_qdpx
from annotator.storage import Project
from tests.exchange_fixtures import article_records, comparable, documents, projects, small_project, tag_records

NS = "urn:QDA-XML:project:1.0"


@pytest.fixture(scope="module")
def project_schema():
    from tests.conftest import SHARED

    xsd = SHARED / "formats" / "refi" / "Project.xsd"
    if not xsd.is_file():
        pytest.skip("../shared is not present")
    import xmlschema

    return xmlschema.XMLSchema(str(xsd))


def export(project: Project, path: Path) -> Path:
    write_qdpx(documents(project), project.codebook.tags(), path)
    return path


def round_trip(project: Project, path: Path) -> Project:
    export(project, path)
    bundle = read_qdpx(path)
    assert bundle.problems == []
    target = Project.in_memory(with_news_codebook=False)
    report = import_bundle(target, bundle)
    assert report.problems == []
    return target


def qde(path: Path) -> str:
    return zipfile.ZipFile(path).read("project.qde").decode("utf-8")


def make_qdpx(path: Path, project_xml: str, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project_xml)
        for name, data in files.items():
            archive.writestr(name, data)
    return path


# -- what we write -----------------------------------------------------------------------------


def test_export_validates_against_the_refi_schema(tmp_path, project_schema):
    path = export(small_project(), tmp_path / "study.qdpx")
    project_schema.validate(qde(path))


def test_export_passes_the_checks_the_schema_cannot_make(tmp_path):
    assert check_qdpx(export(small_project(), tmp_path / "study.qdpx")) == []


def test_export_of_an_empty_project_validates(tmp_path, project_schema):
    path = export(Project.in_memory(), tmp_path / "empty.qdpx")
    project_schema.validate(qde(path))


def test_sources_are_utf8_lf_without_bom_and_referenced_as_internal_paths(tmp_path):
    project = small_project()
    path = export(project, tmp_path / "study.qdpx")
    archive = zipfile.ZipFile(path)
    texts = sorted(n for n in archive.namelist() if n.startswith("sources/"))
    assert len(texts) == 2
    for name in texts:
        data = archive.read(name)
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        assert f'plainTextPath="internal://{name.removeprefix("sources/")}"' in qde(path)
    assert {archive.read(n).decode("utf-8") for n in texts} == {a.text for a in project.articles.iter_all()}


def test_selections_carry_the_annotation_uuid_offsets_user_and_code(tmp_path):
    project = small_project()
    root = _root(export(project, tmp_path / "study.qdpx"))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{{{NS}}}User")}
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{{{NS}}}Code")}
    selections = {s.get("guid"): s for s in root.iter(f"{{{NS}}}PlainTextSelection")}
    names = {t.id: t.name for t in project.codebook.tags()}
    for a in project.annotations.iter_all():
        selection = selections[a.id]
        assert (int(selection.get("startPosition")), int(selection.get("endPosition"))) == (a.start, a.end)
        assert users[selection.get("creatingUser")] == a.annotator
        assert selection.get("creationDateTime") == a.created_at
        ref = selection.find(f"{{{NS}}}Coding/{{{NS}}}CodeRef")
        assert codes[ref.get("targetGUID")] == names[a.tag_id]


def test_one_user_per_annotator_with_a_guid_stable_across_exports(tmp_path):
    first = _root(export(small_project(), tmp_path / "a.qdpx"))
    second = _root(export(small_project(), tmp_path / "b.qdpx"))
    users = lambda root: {u.get("name"): u.get("guid") for u in root.iter(f"{{{NS}}}User")}  # noqa: E731
    assert users(first) == users(second)
    assert set(users(first)) == {"Ann", "Bob Smith", "Zoë 😀"}


def test_codes_carry_the_tag_colours(tmp_path):
    project = small_project()
    root = _root(export(project, tmp_path / "study.qdpx"))
    colours = {c.get("name"): c.get("color") for c in root.iter(f"{{{NS}}}Code")}
    assert colours == {t.name: t.colour for t in project.codebook.tags()}


def test_fields_are_readable_in_a_note_other_tools_show(tmp_path):
    root = _root(export(small_project(), tmp_path / "study.qdpx"))
    contents = [n.findtext(f"{{{NS}}}PlainTextContent") for n in root.iter(f"{{{NS}}}Note")]
    assert any("speaker: Jane Doe, mayor" in c for c in contents)


def test_links_become_refi_links_between_selections(tmp_path):
    project = small_project()
    root = _root(export(project, tmp_path / "study.qdpx"))
    linked = [a for a in project.annotations.iter_all() if a.linked_id]
    links = {(l.get("originGUID"), l.get("targetGUID")) for l in root.iter(f"{{{NS}}}Link")}
    assert links == {(a.id, a.linked_id) for a in linked}


def test_article_metadata_is_kept_as_variables(tmp_path):
    root = _root(export(small_project(), tmp_path / "study.qdpx"))
    variables = {v.get("guid"): v.get("name") for v in root.iter(f"{{{NS}}}Variable")}
    source = next(s for s in root.iter(f"{{{NS}}}TextSource") if s.get("name").startswith("Flood"))
    values = {
        variables[v.find(f"{{{NS}}}VariableRef").get("targetGUID")]: v.findtext(f"{{{NS}}}TextValue")
        for v in source.iter(f"{{{NS}}}VariableValue")
    }
    assert values["outlet"] == "The Fictional Times" and values["status"] == "done"


# -- round trips -------------------------------------------------------------------------------


def test_round_trip_gives_back_the_annotations_exactly(tmp_path):
    project = small_project()
    target = round_trip(project, tmp_path / "study.qdpx")
    assert comparable(target) == comparable(project)


def test_round_trip_gives_back_the_articles_and_their_metadata(tmp_path):
    project = small_project()
    target = round_trip(project, tmp_path / "study.qdpx")
    assert article_records(target) == article_records(project)


def test_round_trip_gives_back_the_codebook(tmp_path):
    project = small_project()
    target = round_trip(project, tmp_path / "study.qdpx")
    assert tag_records(target) == tag_records(project)


def test_reimporting_the_same_export_adds_nothing(tmp_path):
    project = small_project()
    target = round_trip(project, tmp_path / "study.qdpx")
    report = import_bundle(target, read_qdpx(tmp_path / "study.qdpx"))
    assert report.annotations_added == 0 and report.annotations_already_present == 5


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(project=projects())
def test_round_trip_of_generated_projects(tmp_path, project):
    path = tmp_path / "generated.qdpx"
    target = round_trip(project, path)
    assert comparable(target) == comparable(project)
    assert article_records(target) == article_records(project)
    assert check_qdpx(path) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(project=projects())
def test_generated_projects_validate(tmp_path, project_schema, project):
    project_schema.validate(qde(export(project, tmp_path / "generated.qdpx")))


# -- progress and cancelling -------------------------------------------------------------------


def test_progress_reaches_the_number_of_articles(tmp_path):
    project = small_project()
    seen = []
    write_qdpx(documents(project), project.codebook.tags(), tmp_path / "s.qdpx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2, 2)


def test_cancelled_export_raises_and_leaves_no_file(tmp_path):
    project = small_project()
    with pytest.raises(Cancelled):
        write_qdpx(documents(project), project.codebook.tags(), tmp_path / "s.qdpx", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


# -- other tools' projects ---------------------------------------------------------------------


def test_gold_wikinews_project_reads_with_spans_equal_to_the_gold_quotes(shared_dir):
    bundle = read_qdpx(shared_dir / "formats" / "refi" / "wikinews-gold-quotes.qdpx")
    assert bundle.problems == []
    titles = {a.id: a.title.removesuffix(".txt") for a in bundle.articles}
    got: dict[str, set] = {}
    for a in bundle.annotations:
        got.setdefault(titles[a.article_id], set()).add((a.start, a.end, a.text))
    assert len(got) == 3
    for doc, spans in got.items():
        gold_file = shared_dir / "corpus" / "wikinews" / f"{doc}.quotes.jsonl"
        gold = {(r["start"], r["end"], r["text"]) for r in map(json.loads, gold_file.read_text("utf-8").splitlines())}
        assert spans == gold


def test_gold_wikinews_project_names_its_coder(shared_dir):
    bundle = read_qdpx(shared_dir / "formats" / "refi" / "wikinews-gold-quotes.qdpx")
    assert bundle.annotators() == ["GUM annotators"]


def test_atlasti_nested_codes_are_flattened_with_their_path(shared_dir):
    bundle = read_qdpx(shared_dir / "formats" / "refi" / "third-party" / "atlasti-target-project.qdpx")
    assert [t.name for t in bundle.tags] == [
        "Commits", "Commits/2022-05-10T02:05:59Z 19e4dce", "Commits/2022-02-11T10:39:25Z cdbfd92",
    ]


THIRD_PARTY = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other tool" creatingUserGUID="{{AAAAAAAA-0000-0000-0000-000000000001}}">
<Users><User guid="{{AAAAAAAA-0000-0000-0000-000000000001}}" name="Owner"/><User guid="bbbbbbbb-0000-0000-0000-000000000002" name="Coder Two"/></Users>
<CodeBook><Codes>
 <Code guid="CCCCCCCC-0000-0000-0000-000000000001" name="Actors" isCodable="false">
  <Code guid="CCCCCCCC-0000-0000-0000-000000000002" name="Police" isCodable="true" color="#F00"/>
 </Code>
 <Code guid="cccccccc-0000-0000-0000-000000000003" name="Claim" isCodable="true"><Description>Their definition.</Description></Code>
</Codes></CodeBook>
<Sources>
 <TextSource guid="DDDDDDDD-0000-0000-0000-000000000001" name="crlf.txt" plainTextPath="internal://DDDDDDDD-0000-0000-0000-000000000001.txt">
  {selections}
 </TextSource>
</Sources>
</Project>"""


def _third_party(tmp_path, selections: str, text: bytes) -> Path:
    return make_qdpx(
        tmp_path / "other.qdpx", THIRD_PARTY.format(selections=selections),
        {"Sources/dddddddd-0000-0000-0000-000000000001.txt": text},
    )


def _selection(guid: str, start: int, end: int, code: str, user: str = "", name: str = "") -> str:
    user_attr = f' creatingUser="{user}"' if user else ""
    return (f'<PlainTextSelection guid="{guid}" name="{name}" startPosition="{start}" endPosition="{end}"{user_attr}>'
            f'<Coding guid="{uuid.uuid4()}"{user_attr}><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def test_other_tools_crlf_bom_sources_map_offsets_onto_the_normalised_text(tmp_path):
    text = "\ufeffFirst line\r\nSecond line with police\r\n".encode("utf-8")
    selection = _selection("EEEEEEEE-0000-0000-0000-000000000001", 29, 35, "{CCCCCCCC-0000-0000-0000-000000000002}",
                           "BBBBBBBB-0000-0000-0000-000000000002", name="police")
    bundle = read_qdpx(_third_party(tmp_path, selection, text))
    [annotation] = bundle.annotations
    article = bundle.articles[0]
    assert article.text == "First line\nSecond line with police\n"
    assert (annotation.start, annotation.end, annotation.text) == (28, 34, "police")
    assert bundle.problems == []


def test_other_tools_guids_in_any_case_and_braces_are_matched(tmp_path):
    selection = _selection("{EEEEEEEE-0000-0000-0000-000000000001}", 0, 5, "cccccccc-0000-0000-0000-000000000002")
    bundle = read_qdpx(_third_party(tmp_path, selection, b"Hello world"))
    [annotation] = bundle.annotations
    assert annotation.id == "eeeeeeee-0000-0000-0000-000000000001"
    assert {t.id: t.name for t in bundle.tags}[annotation.tag_id] == "Actors/Police"


def test_other_tools_coder_comes_from_creating_user_or_the_project_owner(tmp_path):
    selections = (_selection(str(uuid.uuid4()), 0, 5, "CCCCCCCC-0000-0000-0000-000000000003", "BBBBBBBB-0000-0000-0000-000000000002")
                  + _selection(str(uuid.uuid4()), 6, 11, "CCCCCCCC-0000-0000-0000-000000000003"))
    bundle = read_qdpx(_third_party(tmp_path, selections, b"Hello world"))
    assert sorted(a.annotator for a in bundle.annotations) == ["Coder Two", "Owner"]


def test_other_tools_short_colours_are_expanded_and_descriptions_kept(tmp_path):
    bundle = read_qdpx(_third_party(tmp_path, "", b"Hello"))
    tags = {t.name: t for t in bundle.tags}
    assert tags["Actors/Police"].colour == "#FF0000"
    assert tags["Claim"].definition == "Their definition."
    assert "Actors" not in tags  # a category that cannot be coded is only a path


def test_crlf_selection_counted_on_lf_text_is_accepted_when_its_name_proves_it(tmp_path):
    selection = _selection(str(uuid.uuid4()), 28, 34, "CCCCCCCC-0000-0000-0000-000000000003", name="police")
    bundle = read_qdpx(_third_party(tmp_path, selection, b"First line\r\nSecond line with police\r\n"))
    assert bundle.annotations[0].text == "police"
    assert bundle.problems == []


def test_crlf_selection_that_cannot_be_verified_is_refused_not_placed_by_a_guess(tmp_path):
    selection = _selection(str(uuid.uuid4()), 12, 18, "CCCCCCCC-0000-0000-0000-000000000003")
    bundle = read_qdpx(_third_party(tmp_path, selection, b"First line\r\nSecond"))
    assert bundle.annotations == []
    assert bundle.refused == {"offset convention unknown": 1}
    assert any("cannot be shown" in p for p in bundle.problems)


def test_other_tools_memos_become_the_note(tmp_path):
    selection = (
        '<PlainTextSelection guid="EEEEEEEE-0000-0000-0000-000000000009" startPosition="0" endPosition="5">'
        "<Description>seen twice</Description>"
        '<Coding guid="EEEEEEEE-0000-0000-0000-00000000000A"><CodeRef targetGUID="CCCCCCCC-0000-0000-0000-000000000003"/></Coding>'
        '<NoteRef targetGUID="FFFFFFFF-0000-0000-0000-000000000001"/></PlainTextSelection>'
    )
    xml = THIRD_PARTY.format(selections=selection).replace(
        "</Sources>", '</Sources><Notes><Note guid="ffffffff-0000-0000-0000-000000000001" name="memo">'
        "<PlainTextContent>Ask the editor.</PlainTextContent></Note></Notes>")
    path = make_qdpx(tmp_path / "memo.qdpx", xml, {"sources/DDDDDDDD-0000-0000-0000-000000000001.txt": b"Hello world"})
    assert read_qdpx(path).annotations[0].note == "seen twice\n\nAsk the editor."


def test_a_source_with_inline_plain_text_content_is_read(tmp_path):
    xml = THIRD_PARTY.format(selections="").replace(
        'plainTextPath="internal://DDDDDDDD-0000-0000-0000-000000000001.txt">',
        "><PlainTextContent>Inline text.</PlainTextContent>")
    bundle = read_qdpx(make_qdpx(tmp_path / "inline.qdpx", xml, {}))
    assert [a.text for a in bundle.articles] == ["Inline text."]


def test_selection_outside_its_text_is_reported_not_shifted(tmp_path):
    selection = _selection(str(uuid.uuid4()), 3, 99, "CCCCCCCC-0000-0000-0000-000000000003")
    bundle = read_qdpx(_third_party(tmp_path, selection, b"Hello world"))
    assert bundle.annotations == []
    assert any("outside its text" in p for p in bundle.problems)


def test_missing_internal_file_is_reported(tmp_path):
    path = make_qdpx(tmp_path / "other.qdpx", THIRD_PARTY.format(selections=""), {})
    bundle = read_qdpx(path)
    assert bundle.articles == []
    assert any("missing" in p for p in bundle.problems)
    assert check_qdpx(path) != []


def test_a_zip_without_project_qde_is_refused_with_a_clear_message(tmp_path):
    path = make_qdpx(tmp_path / "x.qdpx", "<Project/>", {})
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("other.txt", "hello")
    with pytest.raises(ValueError, match="no project.qde"):
        read_qdpx(path)


def test_the_export_action_writes_a_project_that_reads_back_filtered(tmp_path):
    from annotator.actions.export import export as export_action

    project = small_project()
    export_action(project, "qdpx", tmp_path / "ann.qdpx", annotators=["Ann"])
    bundle = read_qdpx(tmp_path / "ann.qdpx")
    assert bundle.annotators() == ["Ann"] and len(bundle.annotations) == 3


def _root(path: Path):
    from xml.etree import ElementTree as ET

    return ET.fromstring(qde(path))
