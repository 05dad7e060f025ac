"""Fuzzing every importer: mutated samples of each format, and random bytes under each file
name, are imported; never an exception, never a hang, never a file that vanished unreported
(each file either brought something in or is listed with a reason), and the project stays whole.

CI setting: ANNOTATOR_FUZZ_EXAMPLES=25 examples per format (~1 minute). Full setting
(RELIABILITY.md): ANNOTATOR_FUZZ_EXAMPLES=2000.
"""

from __future__ import annotations

import io
import json
import os
import signal
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.actions.import_files import import_paths
from annotator.storage import Project
from annotator.storage.integrity import full_check

EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "25"))
HANG_SECONDS = 60  # generous: a loaded CI machine is slow, a hang is forever


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Council backs plan"
    document.add_paragraph("\u201cWe will act,\u201d the mayor said.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _qdpx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "project.qde",
            '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">'
            '<CodeBook><Codes><Code guid="c1" name="Claim" isCodable="true"/></Codes></CodeBook>'
            '<Sources><TextSource guid="s1" name="a" plainTextPath="internal://s1.txt">'
            '<PlainTextSelection guid="x1" startPosition="0" endPosition="7"><Coding guid="k1">'
            '<CodeRef targetGUID="c1"/></Coding></PlainTextSelection></TextSource></Sources></Project>',
        )
        archive.writestr("sources/s1.txt", "Council backs the river plan.")
    return out.getvalue()


SAMPLES = {
    "a.txt": "Council backs plan\n\nThe council voted on Tuesday.\n".encode(),
    "a.md": b"# Council backs plan\n\nThe council voted.\n",
    "a.html": b"<html><head><title>Plan</title></head><body><article><h1>Plan</h1><p>The council voted on the harbour plan on Tuesday evening after a long debate.</p></article></body></html>",
    "a.jsonl": (json.dumps({"title": "A", "text": "First article."}) + "\n" + json.dumps({"text": "Second \u00e9"}) + "\n").encode(),
    "a.csv": b"title,text\nA,First article.\nB,\"Second, with a comma\"\n",
    "a.json": json.dumps([{"title": "A", "text": "First article."}]).encode(),
    "export.jsonl": (json.dumps({"annotator_export": 1, "id": "x", "text": "A quote here.", "annotations": [
        {"start": 2, "end": 7, "text": "quote", "tag": "Quote", "annotator": "ann"}]}) + "\n").encode(),
    "doccano.jsonl": (json.dumps({"text": "A quote here.", "label": [[2, 7, "Quote"]]}) + "\n").encode(),
    "ls.json": json.dumps([{"data": {"text": "A quote here."}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 2, "end": 7, "text": "quote", "labels": ["Quote"]}}]}]}]).encode(),
    "a.rtf": b"{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 Council backs plan\\par The council voted.}",
    "a.eml": b"From: a@example.org\nSubject: Council backs plan\nContent-Type: text/plain\n\nThe council voted on Tuesday.\n",
    "a.docx": _docx(),
    "a.qdpx": _qdpx(),
}


@st.composite
def mutated(draw, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"\x00", "\ud800".encode("utf-8", "surrogatepass"),
                                                b"\\ud800", b"\x1b[2J", "\u202e".encode(), b'"', b"\n", b"\r", b"\xff\xfe", b"{", b"<"]))
        elif kind == "delete" and data:
            del data[at : at + draw(st.integers(1, 20))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "repeat" and data:
            data[at:at] = data[at : at + 50] * draw(st.integers(1, 40))
    return bytes(data)


def _files(name: str):
    return st.one_of(mutated(SAMPLES[name]), st.binary(max_size=2000))


def _import_survives(tmp_path, name: str, data: bytes) -> None:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    path = folder / name
    path.write_bytes(data)

    def hang(*_):
        raise AssertionError(f"{name}: import took more than {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(HANG_SECONDS)
    try:
        with Project.in_memory() as project:
            report = import_paths(project, [path], workers=1)
            count = report.per_file.get(str(path))
            brought = count is not None and (count.added + count.duplicates + count.annotations) > 0
            listed = any(p == str(path) for p, _ in report.failures) or (count is not None and count.failed)
            assert brought or listed or report.annotations_added or report.annotations_refused, (name, report.to_json())
            assert full_check(project.db.conn, writable=True).ok
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_importer_survives_fuzzed_input(tmp_path_factory, name):
    tmp_path = tmp_path_factory.mktemp("fuzz")

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=_files(name))
    def run(data):
        _import_survives(tmp_path, name, data)

    run()


def test_the_unmutated_samples_import(tmp_path):
    for name, data in SAMPLES.items():
        _import_survives(tmp_path, name, data)
