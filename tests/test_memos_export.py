"""Article memos leave with the project: in a .qdpx as Notes on their sources (REFI-QDA's way
of attaching a note to what it is about), in the JSONL on each article's line; and come back
on import, each under its coder, never over a memo the project already has."""

from __future__ import annotations

import json
import zipfile
from xml.etree import ElementTree as ET

import pytest

from annotator.actions import editing, memos
from annotator.actions.export import export
from annotator.actions.import_files import import_paths
from annotator.core.formats.qdpx import check_qdpx
from annotator.core.formats.refi_project_writer import user_guid
from annotator.core.model import NewArticle
from annotator.storage import Project

NS = {"r": "urn:QDA-XML:project:1.0"}
ANA = "Framing: economic.\nCheck the second quote against the radio interview."
BEN = "Sourcing is one-sided: only the council speaks."
CEM = "Odd characters kept:\x07 a bell, and a CRLF\r\nline."


@pytest.fixture
def study(tmp_path):
    """Three articles; ana and ben wrote memos on the first, cem on the second, nobody on the third."""
    with Project.create(tmp_path / "study.annotator") as project:
        for n, title in enumerate(["Council plan", "Harbour fire", "Budget"]):
            project.articles.add(NewArticle(text=f"The council said the plan was shocking ({n}).", title=title))
        first, second, _ = project.articles.ids()
        quote = project.codebook.by_name("Quote")
        editing.add_annotation(project, first, quote.id, 4, 11, "ana")
        memos.set_memo(project, first, "ana", ANA)
        memos.set_memo(project, first, "ben", BEN)
        memos.set_memo(project, second, "cem", CEM)
        yield project


def stored(project):
    return sorted((project.articles.get(m.article_id).title, m.annotator, m.text, m.updated_at)
                  for m in project.memos.all())


def fresh(tmp_path, name="fresh"):
    return Project.create(tmp_path / f"{name}.annotator", with_news_codebook=False)


def test_each_memo_is_a_note_on_its_source_with_its_coder_and_date(study, tmp_path):
    path = tmp_path / "study.qdpx"
    export(study, "qdpx", path)
    root = ET.fromstring(zipfile.ZipFile(path).read("project.qde"))
    users = {u.get("name"): u.get("guid") for u in root.find("r:Users", NS)}
    assert set(users) == {"ana", "ben", "cem"}  # ben and cem coded no passage, but wrote memos
    notes = {n.get("guid"): n for n in root.find("r:Notes", NS)}
    source = next(s for s in root.find("r:Sources", NS) if s.get("name") == "Council plan")
    attached = [notes[ref.get("targetGUID")] for ref in source.findall("r:NoteRef", NS)]
    by_coder = {n.get("creatingUser"): n for n in attached}
    assert set(by_coder) == {users["ana"], users["ben"]} == {user_guid("ana"), user_guid("ben")}
    ana = by_coder[users["ana"]]
    assert ana.find("r:PlainTextContent", NS).text == ANA
    assert ana.get("modifyingUser") == users["ana"] and ana.get("name") == "memo by ana: Council plan"
    assert ana.get("modifiedDateTime") == study.memos.get(study.articles.ids()[0], "ana").updated_at
    # QualCoder reads a source's memo from its Description only: the memos are there too, headed.
    description = source.find("r:Description", NS).text
    assert description.startswith("ana (") and ANA in description and "\n\nben (" in description
    budget = next(s for s in root.find("r:Sources", NS) if s.get("name") == "Budget")
    assert budget.find("r:NoteRef", NS) is None and budget.find("r:Description", NS) is None
    assert check_qdpx(path) == []


def test_the_export_with_memos_validates_against_the_refi_schema(study, tmp_path):
    from tests.conftest import SHARED

    xsd = SHARED / "formats" / "refi" / "Project.xsd"
    if not xsd.is_file():
        pytest.skip("../shared is not present")
    import xmlschema

    path = tmp_path / "study.qdpx"
    export(study, "qdpx", path)
    xmlschema.XMLSchema(str(xsd)).validate(zipfile.ZipFile(path).read("project.qde").decode("utf-8"))


@pytest.mark.parametrize("format", ["qdpx", "jsonl"])
def test_a_round_trip_brings_every_coders_memo_back_exactly(study, tmp_path, format):
    path = tmp_path / f"study.{format}"
    export(study, format, path)
    with fresh(tmp_path) as project:
        report = import_paths(project, [path])
        assert report.failures == []
        assert stored(project) == stored(study)  # text (the bell and the CR too), coder and date
        assert report.per_file[str(path)].memos == 3
        again = import_paths(project, [path])  # the same file twice adds nothing
        assert again.per_file[str(path)].memos == 0 and project.memos.count() == 3


def test_an_import_never_writes_over_a_memo_the_project_has(study, tmp_path):
    path = tmp_path / "study.qdpx"
    export(study, "qdpx", path)
    with fresh(tmp_path) as project:
        import_paths(project, [path])
        first = project.articles.ids()[0]
        memos.set_memo(project, first, "ana", "Rewritten here after the import.")
        report = import_paths(project, [path])
        counts = report.per_file[str(path)]
        assert memos.memo_text(project, first, "ana") == "Rewritten here after the import."
        assert (counts.memos, counts.memos_kept) == (0, 1) and report.failures == []
        assert "1 memo kept as the project has it" in counts.codings_line("study.qdpx")


@pytest.mark.parametrize("format", ["qdpx", "jsonl"])
def test_under_blind_coding_only_the_coders_own_memos_leave(study, tmp_path, format):
    """The Export dialog passes the coder's name as the only annotator under blind coding."""
    path = tmp_path / f"ben.{format}"
    export(study, format, path, annotators=["ben"])
    with fresh(tmp_path) as project:
        import_paths(project, [path])
        assert [(m.annotator, m.text) for m in project.memos.all()] == [("ben", BEN)]
    if format == "qdpx":
        qde = zipfile.ZipFile(path).read("project.qde").decode("utf-8")
        assert "radio interview" not in qde and "ana" not in qde.replace("Framing", "")


def test_the_jsonl_line_carries_the_memos_by_coder(study, tmp_path):
    path = tmp_path / "study.jsonl"
    export(study, "jsonl", path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    first = lines[0]
    assert [(m["annotator"], m["text"]) for m in first["memos"]] == [("ana", ANA), ("ben", BEN)]
    assert all(m["updated_at"] for m in first["memos"])
    assert lines[2]["memos"] == []


QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="from another tool" origin="MAXQDA 2022"
  creatingUserGUID="11111111-1111-1111-1111-111111111111">
<Users><User guid="11111111-1111-1111-1111-111111111111" name="Dora"/>
<User guid="22222222-2222-2222-2222-222222222222" name="Emil"/></Users>
<Sources><TextSource guid="33333333-3333-3333-3333-333333333333" name="Interview"
  plainTextPath="internal://33333333-3333-3333-3333-333333333333.txt">
<NoteRef targetGUID="{44444444-4444-4444-4444-444444444444}"/>
<NoteRef targetGUID="55555555-5555-5555-5555-555555555555"/>
<NoteRef targetGUID="66666666-6666-6666-6666-666666666666"/>
<NoteRef targetGUID="77777777-7777-7777-7777-777777777777"/>
</TextSource></Sources>
<Notes>
<Note guid="44444444-4444-4444-4444-444444444444" creatingUser="22222222-2222-2222-2222-222222222222"
  modifiedDateTime="2024-03-01T09:00:00Z"><PlainTextContent>Emil's first thought.</PlainTextContent></Note>
<Note guid="55555555-5555-5555-5555-555555555555" modifyingUser="22222222-2222-2222-2222-222222222222"
  modifiedDateTime="2024-03-02T09:00:00Z" plainTextPath="internal://55555555-5555-5555-5555-555555555555.txt"/>
<Note guid="66666666-6666-6666-6666-666666666666"><PlainTextContent>Nobody signed this.</PlainTextContent></Note>
<Note guid="77777777-7777-7777-7777-777777777777" creatingUser="22222222-2222-2222-2222-222222222222">
  <PlainTextContent>A note on a passage</PlainTextContent>
  <PlainTextSelection guid="88888888-8888-8888-8888-888888888888" startPosition="0" endPosition="3"/></Note>
</Notes></Project>
"""


def test_another_tools_notes_on_a_source_become_memos_of_their_users(tmp_path):
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", QDE)
        archive.writestr("Sources/33333333-3333-3333-3333-333333333333.txt", "The interview text.\r\n")
        archive.writestr("Sources/55555555-5555-5555-5555-555555555555.txt", "Emil's second, kept in a file.")
    with fresh(tmp_path) as project:
        report = import_paths(project, [path])
        got = {m.annotator: (m.text, m.updated_at) for m in project.memos.all()}
        # Two notes by one coder make one memo (a memo per coder), dated by the later one; an
        # unsigned note is the project creator's; a note holding a selection is about a passage.
        assert got == {"Emil": ("Emil's first thought.\n\nEmil's second, kept in a file.", "2024-03-02T09:00:00Z"),
                       "Dora": ("Nobody signed this.", got["Dora"][1])}
        assert any("1 note(s) on passages" in reason for _, reason in report.failures)
