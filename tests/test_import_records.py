"""JSONL and CSV batches: one article per record, a text field required, the rest kept."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.core.importing import Failure, read_file
from annotator.core.model import NewArticle


def jsonl(tmp_path, records, name="batch.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def write_csv(tmp_path, rows, name="batch.csv", delimiter=",", encoding="utf-8"):
    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows(rows)
    return path


def articles(path):
    return [i for i in read_file(path) if isinstance(i, NewArticle)]


def failures(path):
    return [i.reason for i in read_file(path) if isinstance(i, Failure)]


def test_jsonl_one_article_per_line(tmp_path):
    path = jsonl(tmp_path, [{"text": "First."}, {"text": "Second."}])
    assert [a.text for a in articles(path)] == ["First.", "Second."]


def test_jsonl_known_fields_become_metadata(tmp_path):
    record = {
        "text": "Body.", "headline": "A title", "source": "Daily Example", "byline": "A. Writer",
        "link": "https://example.invalid/1", "date": "2026-01-02", "lang": "en",
    }
    (article,) = articles(jsonl(tmp_path, [record]))
    assert (article.title, article.outlet, article.author, article.url, article.published, article.language) == (
        "A title", "Daily Example", "A. Writer", "https://example.invalid/1", "2026-01-02", "en",
    )


def test_jsonl_unknown_fields_are_kept_in_extra(tmp_path):
    (article,) = articles(jsonl(tmp_path, [{"text": "Body.", "section": "health", "score": 3, "tags": ["a"]}]))
    assert article.extra == {"section": "health", "score": 3, "tags": ["a"]}


def test_field_names_ignore_case(tmp_path):
    (article,) = articles(jsonl(tmp_path, [{"Text": "Body.", "Title": "T"}]))
    assert (article.text, article.title) == ("Body.", "T")


def test_a_second_title_field_is_kept_not_lost(tmp_path):
    (article,) = articles(jsonl(tmp_path, [{"text": "Body.", "title": "One", "headline": "Two"}]))
    assert (article.title, article.extra) == ("One", {"headline": "Two"})


def test_jsonl_text_is_normalised(tmp_path):
    (article,) = articles(jsonl(tmp_path, [{"text": "cafe\u0301\r\nline"}]))
    assert article.text == "café\nline"


def test_bad_json_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": f"Article {i}."}) for i in range(1, 7)] + ['{"text": "broken', json.dumps({"text": "Eight."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert failures(path) == ["not valid JSON on line 7 (Invalid control character, column 17)"]


def test_good_lines_around_a_bad_one_still_import(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "One."}\nnot json\n{"text": "Three."}\n', encoding="utf-8")
    assert [a.text for a in articles(path)] == ["One.", "Three."]


def test_record_without_text_is_reported(tmp_path):
    path = jsonl(tmp_path, [{"text": "One."}, {"title": "no text here"}])
    assert failures(path) == ['line 2: no "text" field']


def test_file_where_no_record_has_text_is_one_failure(tmp_path):
    path = jsonl(tmp_path, [{"title": "a"}, {"title": "b"}, {"title": "c"}])
    assert failures(path) == ['no "text" field in any record']


def test_non_object_line_is_reported(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('["a list"]\n', encoding="utf-8")
    assert failures(path) == ["line 1 is not a JSON object"]


def test_text_that_is_not_a_string_is_reported(tmp_path):
    assert failures(jsonl(tmp_path, [{"text": 42}])) == ['line 1: "text" is not a string']


def test_many_bad_lines_are_listed_then_counted(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "ok"}\n' + "oops\n" * 30, encoding="utf-8")
    reasons = failures(path)
    assert (len(reasons), reasons[-1]) == (21, "and 10 more records with problems")


def test_jsonl_with_bom_and_crlf(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}\r\n')
    assert [a.text for a in articles(path)] == ["One.", "Two."]


def test_jsonl_in_utf16_broken_mid_character_is_a_clear_problem(tmp_path):
    # A UTF-16 byte-order mark, then half a character: the decoder's own error named no file.
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xff\xfe\x00")
    (reason,) = failures(path)
    assert reason.startswith("not readable as utf-16-le text") and "UTF-8" in reason


def test_json_in_utf16_broken_mid_character_is_the_same_clear_problem(tmp_path):
    path = tmp_path / "article.json"
    path.write_bytes('{"text": "One."}'.encode("utf-16") + b"\x00")
    (reason,) = failures(path)
    assert reason == ("not readable as utf-16-le text (a broken character before the first record); "
                      "save it again as UTF-8 and import it again")


def test_csv_broken_in_its_header_is_the_same_clear_problem(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_bytes("text,title\n".encode("utf-16") + b"\x00")
    (reason,) = failures(path)
    assert reason.startswith("not readable as utf-16-le text (a broken character before the first record)")


def test_csv_broken_after_64_kb_names_the_line_it_broke_after(tmp_path):
    # UTF-8 judged from the first 64 KB; a Latin-1 byte far below them breaks the decoder.
    rows = "".join(f"Row number {i} of plain words,Title {i}\n" for i in range(3000))
    path = tmp_path / "batch.csv"
    path.write_bytes(b"text,title\n" + rows.encode() + b"Caf\xe9 at the end,Broken\n")
    items = list(read_file(path))
    (reason,) = [i.reason for i in items if isinstance(i, Failure)]
    assert reason.startswith("not readable as utf-8 text (a broken character after line ")
    assert reason.endswith("); save it again as UTF-8 and import it again")
    line = int(reason.split("after line ")[1].split(")")[0])
    # The decoder reads ahead in chunks: the line named is read whole and at most a chunk
    # (8 KB, some 230 of these rows) before the broken one, line 3002.
    assert 3002 - 300 < line < 3002


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_json_in_utf16_is_read(tmp_path, suffix):
    path = tmp_path / f"batch{suffix}"
    path.write_bytes('{"text": "Caf\u00e9 one."}\n{"text": "Two."}\n'.encode("utf-16"))
    assert [a.text for a in articles(path)] == ["Caf\u00e9 one.", "Two."]


def test_an_unpaired_surrogate_in_a_key_or_nested_value_is_that_records_problem(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "Kept."}\n{"text": "One.", "\\ud800k": "v"}\n'
                    '{"text": "Two.", "tags": ["ok", {"x": "\\udfff"}]}\n', encoding="utf-8")
    assert [a.text for a in articles(path)] == ["Kept."]
    assert failures(path) == [
        "line 2: holds an unpaired surrogate (\\ud800), which is not valid Unicode text",
        "line 3: holds an unpaired surrogate (\\udfff), which is not valid Unicode text",
    ]


def test_empty_jsonl_is_refused(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert failures(path) == ["empty file (no records)"]


def test_csv_one_article_per_row(tmp_path):
    path = write_csv(tmp_path, [["title", "text"], ["A", "First."], ["B", "Second,\nwith a line break."]])
    assert [(a.title, a.text) for a in articles(path)] == [("A", "First."), ("B", "Second,\nwith a line break.")]


def test_csv_extra_columns_are_kept(tmp_path):
    (article,) = articles(write_csv(tmp_path, [["text", "section", "empty"], ["Body.", "health", ""]]))
    assert article.extra == {"section": "health"}


def test_csv_without_text_column_is_refused(tmp_path):
    path = write_csv(tmp_path, [["title", "summary"], ["A", "First."]])
    assert failures(path) == ['no "text" column (columns: title, summary)']


def test_csv_with_semicolons(tmp_path):
    path = write_csv(tmp_path, [["titel", "text"], ["A", "Eins, zwei."]], delimiter=";")
    assert [a.text for a in articles(path)] == ["Eins, zwei."]


def test_csv_from_excel_in_utf16(tmp_path):
    path = write_csv(tmp_path, [["text", "title"], ["Zoë’s café.", "A"]], encoding="utf-16", delimiter="\t")
    assert [a.text for a in articles(path)] == ["Zoë’s café."]


def test_csv_in_windows_1252(tmp_path):
    path = write_csv(tmp_path, [["text"], ["“Café” — naïve"]], encoding="cp1252")
    assert [a.text for a in articles(path)] == ["“Café” — naïve"]


def test_csv_row_with_empty_text_is_reported(tmp_path):
    path = write_csv(tmp_path, [["title", "text"], ["A", "Body."], ["B", "  "]])
    assert failures(path) == ['line 3: empty "text"']


def test_csv_row_with_too_many_cells_is_reported(tmp_path):
    path = write_csv(tmp_path, [["title", "text"], ["A", "Body.", "surplus"]])
    assert failures(path) == ["line 2 has 3 cells, the header 2"]


def test_csv_with_a_long_article(tmp_path):
    long_text = "word " * 60_000  # beyond csv's default 128 KB field limit
    assert len(articles(write_csv(tmp_path, [["text"], [long_text]]))) == 1
