"""Round trips through other tools' formats, property-tested.

1. Our export -> the other format -> our import gives back the same annotations (article, tag,
   start, end, annotator, note, fields, link, typed relations) for REFI-QDA, brat, doccano JSONL,
   Label Studio JSON and W3C Web Annotation, on texts with emoji, combining marks and
   right-to-left scripts.
2. Files written the way each tool writes them (Label Studio's UTF-16 offsets, NVivo's UTF-16
   over CRLF, doccano's and brat's code points over the text as given, with CRLF) land every
   span exactly on the passage its coder marked, or refuse it — never elsewhere; empty spans are
   always refused.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.actions.bundle_import import import_bundle
from annotator.actions.export import export
from annotator.core.bundle import Bundle
from annotator.core.formats.brat import read_brat
from annotator.core.formats.doccano import read_doccano
from annotator.core.formats.label_studio import read_label_studio
from annotator.core.formats.qdpx import read_qdpx
from annotator.core.formats.webanno_reader import read_webanno
from annotator.core.text import normalise_text
from annotator.storage import Project
from tests.exchange_fixtures import projects

RELATION_TYPES = ["foundedBy", "said_by", "cites"]
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def projects_with_relations(draw) -> Project:
    """A random project whose linked annotations also carry typed relations to their neighbours."""
    project = draw(projects())
    by_article: dict[str, list] = {}
    for a in project.annotations.iter_all():
        by_article.setdefault(a.article_id, []).append(a)
    relations = []
    for group in by_article.values():
        for a in group:
            if a.linked_id and len(group) > 1 and draw(st.booleans()):
                target = draw(st.sampled_from([b for b in group if b.id != a.id]))
                relations.append((a.id, target.id, draw(st.sampled_from(RELATION_TYPES))))
    project.relations.add_many(relations)
    return project


def snapshot(project: Project) -> tuple[set, set]:
    names = {t.id: t.name for t in project.codebook.tags()}
    annotations = {
        (a.id, a.article_id, names[a.tag_id], a.start, a.end, a.text, a.annotator, a.note,
         json.dumps(a.fields, sort_keys=True), a.linked_id)
        for a in project.annotations.iter_all()
    }
    relations = {(s, t, k) for s, pairs in project.relations.all().items() for t, k in pairs}
    return annotations, relations


def round_trip(project: Project, fmt: str, path: Path, reader) -> Project:
    export(project, fmt, path)
    target = Project.in_memory(with_news_codebook=False)
    if fmt == "webanno":  # Web Annotation names its articles but does not carry them
        import_bundle(target, Bundle(articles=list(project.articles.iter_all())))
        bundle = read_webanno(path, target.articles.text)
    else:
        bundle = reader(path)
    assert bundle.problems == [] and bundle.refused == {}
    report = import_bundle(target, bundle)
    assert report.problems == []
    return target


@SETTINGS
@given(project=projects_with_relations())
def test_qdpx_round_trip(tmp_path, project):
    assert snapshot(round_trip(project, "qdpx", tmp_path / "p.qdpx", read_qdpx)) == snapshot(project)


@SETTINGS
@given(project=projects_with_relations())
def test_brat_round_trip(tmp_path, project):
    folder = tmp_path / f"brat-{uuid.uuid4().hex}"
    assert snapshot(round_trip(project, "brat", folder, read_brat)) == snapshot(project)


@SETTINGS
@given(project=projects_with_relations())
def test_doccano_round_trip(tmp_path, project):
    assert snapshot(round_trip(project, "doccano", tmp_path / "d.jsonl", read_doccano)) == snapshot(project)


@SETTINGS
@given(project=projects_with_relations())
def test_label_studio_round_trip(tmp_path, project):
    assert snapshot(round_trip(project, "label-studio", tmp_path / "ls.json", read_label_studio)) == snapshot(project)


@SETTINGS
@given(project=projects())
def test_web_annotation_round_trip(tmp_path, project):
    got, _ = snapshot(round_trip(project, "webanno", tmp_path / "w.jsonld", None))
    assert got == snapshot(project)[0]


# -- files as the other tools write them ---------------------------------------------------------

PIECES = ["word", "Ana", "😀", "👩🏽‍🔬", "e\u0301", "שָׁלוֹם", "مرحبا", "\u200f", " ", " ", "\r\n", "\n", ",", "é"]


@st.composite
def coded_texts(draw) -> tuple[str, list[tuple[int, int]]]:
    """A raw text as a tool holds it (CRLF, emoji, combining marks, RTL) and spans its coder
    marked, in code points of that raw text, each on piece boundaries (never inside a CRLF or
    between a letter and its combining mark); some spans are empty."""
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=2, max_size=25))
    raw = "".join(pieces)
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.sampled_from(bounds[:-1]))
        end = draw(st.sampled_from([b for b in bounds if b >= start]))
        spans.append((start, end))
    return raw, spans


def js(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def expected(raw: str, spans) -> tuple[list[str], int]:
    """The passages that must be placed (sorted) and how many spans must be refused (empty)."""
    good = [normalise_text(raw[s:e]) for s, e in spans if normalise_text(raw[s:e])]
    return sorted(good), len(spans) - len(good)


def check(bundle: Bundle, raw: str, spans) -> None:
    passages, empty = expected(raw, spans)
    text = normalise_text(raw)
    for a in bundle.annotations:
        assert text[a.start:a.end] == a.text
    got = sorted(a.text for a in bundle.annotations)
    # Exact duplicates (the same span twice) may be kept once; nothing is placed elsewhere.
    assert sorted(set(got)) == sorted(set(passages))
    assert sum(bundle.refused.values()) >= empty


@SETTINGS
@given(case=coded_texts())
def test_label_studio_utf16_offsets_land_on_their_passages(tmp_path, case):
    raw, spans = case
    results = [{"id": f"r{n}", "type": "labels", "from_name": "label", "to_name": "text",
                "value": {"start": js(raw, s), "end": js(raw, e), "text": raw[s:e], "labels": ["X"]}}
               for n, (s, e) in enumerate(spans)]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([{"id": 1, "data": {"text": raw}, "annotations": [{"completed_by": 1, "result": results}]}]),
                    "utf-8")
    check(read_label_studio(path), raw, spans)


@SETTINGS
@given(case=coded_texts())
def test_doccano_code_points_over_crlf_text_land_on_their_passages(tmp_path, case):
    raw, spans = case
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": raw, "label": [[s, e, "X"] for s, e in spans]}) + "\n", "utf-8")
    check(read_doccano(path), raw, spans)


@SETTINGS
@given(case=coded_texts())
def test_brat_code_points_over_the_shipped_text_land_on_their_passages(tmp_path, case):
    raw, spans = case
    folder = tmp_path / f"b{uuid.uuid4().hex}"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(raw.encode("utf-8"))
    lines = [f"T{n}\tX {s} {e}\t{raw[s:e]}" for n, (s, e) in enumerate(spans, 1) if "\n" not in raw[s:e]
             and "\r" not in raw[s:e] and s < e]
    (folder / "doc.ann").write_bytes("\n".join(lines).encode("utf-8"))
    bundle = read_brat(folder)
    kept = [(s, e) for s, e in spans if "\n" not in raw[s:e] and "\r" not in raw[s:e] and s < e]
    check(bundle, raw, kept)


@SETTINGS
@given(case=coded_texts())
def test_nvivo_utf16_over_crlf_lands_on_the_passages_or_is_refused(tmp_path, case):
    raw, spans = case
    selections = "".join(
        f'<PlainTextSelection guid="{uuid.uuid4()}" name="" startPosition="{js(raw, s)}" endPosition="{js(raw, e)}">'
        f'<Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="cccccccc-0000-0000-0000-000000000001"/></Coding>'
        "</PlainTextSelection>" for s, e in spans)
    xml = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" '
           'origin="NVivo for Windows 12.6"><CodeBook><Codes><Code guid="cccccccc-0000-0000-0000-000000000001" '
           'name="X" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="dddddddd-0000-0000-0000-'
           f'000000000001" name="t" plainTextPath="internal://t.txt">{selections}</TextSource></Sources></Project>')
    path = tmp_path / "n.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr("Sources/t.txt", b"\xef\xbb\xbf" + raw.encode("utf-8"))
    bundle = read_qdpx(path)
    if bundle.refused.get("offset convention unknown"):
        assert bundle.annotations == []  # refused as a whole, never guessed
        return
    check(bundle, raw, spans)
