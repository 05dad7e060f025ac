"""Input that must not hurt: one bad record never aborts a batch, memory stays bounded on
every input (measured on generated files in a fresh process), control characters follow the
README's rule, terminal output is plain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile

import pytest

from annotator.cli.main import main
from annotator.storage import Project
from tests.safety_fixtures import REPO

PEAK_LIMIT_MB = 500
# The CI setting; ANNOTATOR_HOSTILE_GB=3 (RELIABILITY.md's full setting) writes 3 GB files.
BIG_GB = float(os.environ.get("ANNOTATOR_HOSTILE_GB", "1"))


def peak_import(project, *paths) -> tuple[int, dict]:
    """Import ``paths`` in a fresh process; (peak resident memory in MB, the JSON report)."""
    code = textwrap.dedent(
        f"""
        import json, resource, sys
        from annotator.actions.import_files import import_paths
        from annotator.storage import Project
        with Project.open({str(project)!r}) as project:
            report = import_paths(project, {[str(p) for p in paths]!r}, workers=1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({{"peak": peak, "report": report.to_json()}}, default=str))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["peak"], data["report"]


def failures_of(report) -> list[str]:
    return [str(f.get("reason", f)) if isinstance(f, dict) else str(f) for f in report["failures"]]


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "study.annotator"
    Project.create(path).close()
    return path


def _write_long_line(path, size: int, opening: bytes, closing: bytes) -> None:
    chunk = b"a" * (8 * 1024 * 1024)
    with open(path, "wb") as handle:
        handle.write(opening)
        written = 0
        while written < size:
            handle.write(chunk)
            written += len(chunk)
        handle.write(closing)


def test_a_lone_surrogate_is_one_reported_record(project_path, tmp_path):
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for n in range(1200):
            text = f"Article {n} about the harbour." + (" \\ud800 broken" if n == 700 else "")
            handle.write('{"title": "T%d", "text": "%s"}\n' % (n, text))
    with Project.open(project_path) as project:
        from annotator.actions.import_files import import_paths

        report = import_paths(project, [batch])
        assert project.articles.count() == 1199
    reasons = [reason for _, reason in report.failures]
    assert len(reasons) == 1 and "line 701" in reasons[0] and "unpaired surrogate" in reasons[0]


def test_a_single_line_jsonl_of_a_gigabyte_is_reported_in_bounded_memory(project_path, tmp_path):
    big = tmp_path / "one-line.jsonl"
    _write_long_line(big, int(BIG_GB * 1024**3), b'{"title": "huge", "text": "', b'"}\n{"text": "A small article after it."}\n')
    peak, report = peak_import(project_path, big)
    os.unlink(big)
    assert peak <= PEAK_LIMIT_MB, f"peak {peak} MB"
    assert report["articles_added"] == 1
    assert any("line 1 is longer than the limit" in r for r in failures_of(report))


def test_a_gigabyte_json_document_is_refused_unread(project_path, tmp_path):
    big = tmp_path / "dump.json"
    _write_long_line(big, int(BIG_GB * 1024**3 / 4), b'[{"text": "', b'"}]')
    peak, report = peak_import(project_path, big)
    assert peak <= PEAK_LIMIT_MB, f"peak {peak} MB"
    assert any("larger than the limit" in r for r in failures_of(report))


def test_a_100_mb_csv_field_is_one_reported_record(project_path, tmp_path):
    batch = tmp_path / "batch.csv"
    with batch.open("w", encoding="utf-8", newline="") as handle:
        handle.write("title,text\n")
        for n in range(300):
            handle.write(f"T{n},Article {n} about the harbour.\n")
        handle.write("Huge,")
        chunk = "b" * (1024 * 1024)
        for _ in range(100):
            handle.write(chunk)
        handle.write("\n")
        for n in range(300, 600):
            handle.write(f"T{n},Article {n} about the harbour.\n")
    peak, report = peak_import(project_path, batch)
    assert peak <= PEAK_LIMIT_MB, f"peak {peak} MB"
    assert report["articles_added"] == 600
    reasons = failures_of(report)
    assert len(reasons) == 1 and "line 302" in reasons[0] and "longer than the limit" in reasons[0]


def test_a_quoted_csv_field_over_the_limit_across_lines_is_reported(project_path, tmp_path):
    batch = tmp_path / "batch.csv"
    with batch.open("w", encoding="utf-8", newline="") as handle:
        handle.write("title,text\nA,First article.\n")
        handle.write('Huge,"' + ("line of the long field\n" * 900_000) + '"\n')
        handle.write("B,Last article.\n")
    with Project.open(project_path) as project:
        from annotator.actions.import_files import import_paths

        report = import_paths(project, [batch])
        assert project.articles.count() >= 1
    assert any("field longer than the limit" in reason for _, reason in report.failures)


def _docx_bomb(path, xml_bytes: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with archive.open("word/document.xml", "w") as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = b"<w:p><w:r><w:t>" + b"a" * 4000 + b"</w:t></w:r></w:p>"
            for _ in range(xml_bytes // len(chunk)):
                member.write(chunk)
            member.write(b"</w:body></w:document>")


def test_a_docx_zip_bomb_is_refused_in_bounded_memory(project_path, tmp_path):
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 400 * 1024**2)
    assert bomb.stat().st_size < 2 * 1024**2
    peak, report = peak_import(project_path, bomb)
    assert peak <= PEAK_LIMIT_MB, f"peak {peak} MB"
    reasons = failures_of(report)
    assert len(reasons) == 1 and "refused" in reasons[0]


def test_a_docx_of_mostly_xml_below_the_limits_imports(project_path, tmp_path):
    ok = tmp_path / "long.docx"
    import docx

    document = docx.Document()
    for n in range(2000):
        document.add_paragraph(f"Paragraph {n} of a long council report on the harbour plan.")
    document.save(ok)
    peak, report = peak_import(project_path, ok)
    assert report["articles_added"] == 1 and peak <= PEAK_LIMIT_MB


def test_control_characters_are_removed_from_imported_text(project_path, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"title": "Bell\x07 and \x1b[31mred", "text": "NUL\x00 here,\x0c form feed, tab\tand\nnewline \x85."}) + "\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.txt"
    page.write_bytes(b"Headline of the story\n\nBody with a NUL \x00 and an escape \x1b[2J inside it.\n")
    with Project.open(project_path) as project:
        from annotator.actions.import_files import import_paths

        report = import_paths(project, [batch, page])
        texts = {a.title: project.articles.get(a.id).text for a in project.articles.iter_all()}
    assert report.articles_added == 2, report.failures
    assert texts["Bell and [31mred"] == "NUL here, form feed, tab\tand\nnewline ."
    assert all("\x00" not in t and "\x1b" not in t for t in texts.values())


def test_an_exchange_article_with_control_characters_is_refused_with_its_annotations(project_path, tmp_path):
    from annotator.actions.bundle_import import import_bundle
    from annotator.core.bundle import Bundle
    from annotator.core.model import Annotation, Article

    text = "A quote\x00 here and a claim there."
    article = Article(id="x1", text=text, title="Doc", imported_at="2026-01-01T00:00:00Z")
    bundle = Bundle(articles=[article], tags=[], annotations=[], source="x")
    with Project.open(project_path) as project:
        report = import_bundle(project, bundle)
        assert project.articles.count() == 0
    assert any("control characters" in p for p in report.problems)
    del Annotation


def test_export_refuses_to_write_over_a_project(tmp_path, capsys):
    ours = tmp_path / "ours.annotator"
    other = tmp_path / "other.annotator"
    Project.create(ours).close()
    Project.create(other).close()
    before = other.read_bytes()
    assert main(["export", str(ours), "-o", str(other)]) == 2
    err = capsys.readouterr().err
    assert "never writes over a project" in err and err.count("\n") == 1
    assert other.read_bytes() == before
    renamed = tmp_path / "other.csv"
    other.rename(renamed)  # a project under another name is still a project
    assert main(["export", str(ours), "-o", str(renamed)]) == 2
    assert "never writes over a project" in capsys.readouterr().err


def test_terminal_output_strips_control_and_bidi_characters(tmp_path, capsys):
    from annotator.core.model import NewArticle

    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        project.articles.add(NewArticle(text="Plain text.", title="t"))
        project.set_meta("x", "y")
    # A colleague's annotator name with an escape sequence and a right-to-left override.
    import sqlite3

    conn = sqlite3.connect(path)
    tag = conn.execute("SELECT id FROM tags LIMIT 1").fetchone()[0]
    article = conn.execute("SELECT id FROM articles").fetchone()[0]
    conn.execute(
        "INSERT INTO annotations (id, article_id, tag_id, start, \"end\", text, annotator, created_at, updated_at) "
        "VALUES ('a1', ?, ?, 0, 5, 'Plain', ?, '', '')",
        [article, tag, "eve\x1b]0;owned\x07\u202egnp.exe"],
    )
    conn.commit()
    conn.close()
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "eve]0;ownedgnp.exe" in out
    assert not any(c in out for c in "\x1b\x07\u202e")
    assert main(["info", str(path), "--json"]) == 0
    data = capsys.readouterr().out
    assert "\\u202e" in data and json.loads(data)["annotations_per_annotator"] == {"eve\x1b]0;owned\x07\u202egnp.exe": 1}


def _text_file(path, mb: float) -> None:
    line = "Sentence with an emoji \U0001F600 and words about the harbour plan.\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Council backs the harbour plan\n\n")
        for _ in range(int(mb * 1024 * 1024) // len(line.encode())):
            handle.write(line)


def _page_file(path, mb: float) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("<html><head><title>Big page</title></head><body><article><h1>Big page</h1>")
        for i in range(int(mb * 1024 * 1024) // 80):
            handle.write(f"<p>Paragraph {i} with words about the harbour plan and the council.</p>\n")
        handle.write("</article></body></html>")


@pytest.mark.parametrize("name, write, mb", [("big.txt", _text_file, 30), ("big.html", _page_file, 5.8)])
def test_the_largest_accepted_single_article_files_stay_in_bounds(project_path, tmp_path, name, write, mb):
    path = tmp_path / name
    write(path, mb)
    peak, report = peak_import(project_path, path)
    assert report["articles_added"] == 1, report["failures"]
    assert peak <= PEAK_LIMIT_MB, f"peak {peak} MB"
