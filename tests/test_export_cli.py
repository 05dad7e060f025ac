"""``annotator export``: arguments, output, one-line errors, dispatch to every format."""

from __future__ import annotations

import csv
import sys
import types

import pytest

from annotator.cli.main import main
from tests.export_fixtures import fill


@pytest.fixture
def study(project_file):
    fill(project_file)
    project_file.db.conn.commit()
    return str(project_file.path)


def run(*argv):
    return main(["export", *map(str, argv)])


def test_csv_export_writes_the_file_and_says_so(study, tmp_path, capsys):
    assert run(study, "--format", "csv", "-o", tmp_path / "a.csv", "--articles", tmp_path / "b.csv") == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote 4 annotations and 3 articles to ") and str(tmp_path / "b.csv") in out
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 4


def test_csv_is_the_default_format(study, tmp_path):
    assert run(study, "-o", tmp_path / "a.csv") == 0
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("annotation_id,")


def test_repeated_annotator_and_tag_filters(study, tmp_path):
    assert run(study, "-o", tmp_path / "a.csv", "--annotator", "maria", "--annotator", "li", "--tag", "quote", "--tag", "Claim") == 0
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as handle:
        assert sorted(r["tag"] for r in csv.DictReader(handle)) == ["Claim", "Quote"]


def test_status_filter(study, tmp_path):
    assert run(study, "-o", tmp_path / "a.csv", "--status", "todo") == 0
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as handle:
        assert [r["tag"] for r in csv.DictReader(handle)] == ["Sensational language"]


def test_excel_and_no_formula_guard_flags(study, tmp_path):
    assert run(study, "-o", tmp_path / "a.csv", "--excel", "--no-formula-guard") == 0
    data = (tmp_path / "a.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b",-Daily," in data


def test_article_counts_by_annotator(study, tmp_path):
    assert run(study, "--format", "article-counts", "--by-annotator", "-o", tmp_path / "m.csv") == 0
    assert "Quote|maria" in (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()[0]


def test_jsonl_and_webanno(study, tmp_path):
    assert run(study, "-f", "jsonl", "-o", tmp_path / "a.jsonl") == 0
    assert run(study, "-f", "webanno", "-o", tmp_path / "a.jsonld") == 0
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert '"AnnotationCollection"' in (tmp_path / "a.jsonld").read_text(encoding="utf-8")


def test_json_report(study, tmp_path, capsys):
    import json

    assert run(study, "-o", tmp_path / "a.csv", "--json") == 0
    assert json.loads(capsys.readouterr().out)["annotations"] == 4


def test_unknown_tag_is_one_line_exit_2(study, tmp_path, capsys):
    assert run(study, "-o", tmp_path / "a.csv", "--tag", "Quotes") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no tag named 'Quotes'" in err and "Traceback" not in err
    assert not (tmp_path / "a.csv").exists()


def test_unknown_annotator_is_one_line_exit_2(study, tmp_path, capsys):
    assert run(study, "-o", tmp_path / "a.csv", "--annotator", "nobody") == 2
    assert "no annotations by 'nobody'" in capsys.readouterr().err


def test_articles_with_another_format_is_refused(study, tmp_path, capsys):
    assert run(study, "-f", "jsonl", "-o", tmp_path / "a.jsonl", "--articles", tmp_path / "b.csv") == 2
    assert "--articles goes with --format csv only" in capsys.readouterr().err


def test_missing_output_folder_is_one_line(study, tmp_path, capsys):
    assert run(study, "-o", tmp_path / "nowhere" / "a.csv") == 2
    assert "does not exist" in capsys.readouterr().err


def test_missing_project_is_one_line(tmp_path, capsys):
    assert run(tmp_path / "none.annotator", "-o", tmp_path / "a.csv") == 2
    assert "no such file" in capsys.readouterr().err


def test_output_is_required(study, capsys):
    assert run(study) == 2
    assert "-o/--output" in capsys.readouterr().err


def test_unknown_format_is_refused(study, tmp_path, capsys):
    assert run(study, "-f", "xlsx", "-o", tmp_path / "a.xlsx") == 2
    assert "invalid choice: 'xlsx'" in capsys.readouterr().err


def test_help_lists_formats_guard_and_examples(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = capsys.readouterr().out
    for word in ("article-counts", "webanno", "qdpx", "brat", "--no-formula-guard", "--excel", "apostrophe", "examples:"):
        assert word in text


@pytest.mark.parametrize("fmt,module,function", [("brat", "brat", "write_brat"), ("qdpx", "qdpx", "write_qdpx")])
def test_brat_and_qdpx_get_streamed_documents_and_the_codebook(study, tmp_path, monkeypatch, capsys, fmt, module, function):
    calls = []

    def writer(documents, tags, path, *, progress=None, cancelled=None, relations=None, memos=None):
        pairs = list(documents)
        calls.append((len(documents), [(a.id, len(anns)) for a, anns in pairs], [t.name for t in tags], path))
        return len(pairs)  # as the real writers do: articles written

    fake = types.ModuleType(f"annotator.core.formats.{module}")
    setattr(fake, function, writer)
    monkeypatch.setitem(sys.modules, f"annotator.core.formats.{module}", fake)
    assert run(study, "-f", fmt, "-o", tmp_path / "out", "--tag", "Quote") == 0
    count, pairs, tags, path = calls[0]
    assert count == 3 and [n for _, n in pairs] == [1, 0, 0]
    assert tags[:2] == ["Claim", "Quote"] and path == tmp_path / "out"
    assert capsys.readouterr().out.startswith("wrote 1 annotations and 3 articles")


@pytest.mark.parametrize("fmt,name", [("brat", "brat"), ("qdpx", "study.qdpx")])
def test_real_brat_and_qdpx_exports_are_found_again_by_detection(study, tmp_path, fmt, name):
    pytest.importorskip(f"annotator.core.formats.{fmt}")
    from annotator.core.formats.detect import exchange_reader

    assert run(study, "-f", fmt, "-o", tmp_path / name) == 0
    bundle = exchange_reader(tmp_path / name)(tmp_path / name)
    assert len(bundle.articles) == 3 and len(bundle.annotations) == 4


def test_exporting_onto_the_project_file_is_refused(study, capsys):
    before = open(study, "rb").read(16)
    assert run(study, "-o", study) == 2
    assert "is the project file itself" in capsys.readouterr().err
    assert open(study, "rb").read(16) == before == b"SQLite format 3\x00"
