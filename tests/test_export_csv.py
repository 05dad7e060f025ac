"""annotations.csv, articles.csv and the document x code matrix."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.actions.export import Cancelled, ExportError, export
from annotator.core.formats.csv_export import annotation_header
from annotator.core.formats.csv_guard import guard, unguard
from annotator.core.model import Tag, TagField
from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (fixtures: file and server)
from tests.export_fixtures import FIRST_TEXT, build, fill, projects

FIELDS = ["checkable", "speaker", "quote_type", "source_name", "source_type"]


def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def export_csv(project, tmp_path, **options):
    out, articles = tmp_path / "annotations.csv", tmp_path / "articles.csv"
    export(project, "csv", out, articles_csv=articles, **options)
    return out, articles


@pytest.fixture
def sample(project):
    return fill(project)


def test_header_has_the_issue_columns_in_order_with_one_column_per_field(project, sample, tmp_path):
    out, _ = export_csv(project, tmp_path)
    with open(out, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "annotation_id", "article_id", "article_title", "outlet", "published", "url", "annotator", "tag",
        "start", "end", "text", "context_before", "context_after", "note", "review_comment", *FIELDS,
        "linked_annotation_id", "created_at", "updated_at",
    ]


def test_one_row_per_annotation_in_article_then_offset_order(project, sample, tmp_path):
    out, _ = export_csv(project, tmp_path)
    ids = [row["annotation_id"] for row in read_csv(out)]
    assert ids == [sample.claim.id, sample.attribution.id, sample.quote.id, sample.sensational.id]


def test_raw_export_passage_equals_article_text_slice(project, sample, tmp_path):
    out, articles = export_csv(project, tmp_path, formula_guard=False)
    texts = {row["article_id"]: row["text"] for row in read_csv(articles)}
    rows = read_csv(out)
    assert rows and all(r["text"] == texts[r["article_id"]][int(r["start"]):int(r["end"])] for r in rows)


def test_guarded_export_passage_equals_article_text_slice_after_unguard(project, sample, tmp_path):
    out, articles = export_csv(project, tmp_path)
    texts = {row["article_id"]: unguard(row["text"]) for row in read_csv(articles)}
    rows = read_csv(out)
    assert all(unguard(r["text"]) == texts[r["article_id"]][int(r["start"]):int(r["end"])] for r in rows)


def test_start_end_recover_the_raw_passage_the_guard_changed(project, sample, tmp_path):
    out, articles = export_csv(project, tmp_path)
    claim = next(r for r in read_csv(out) if r["annotation_id"] == sample.claim.id)
    article = unguard(read_csv(articles)[0]["text"])
    assert claim["text"] == "'" + sample.claim.text
    assert article[int(claim["start"]):int(claim["end"])] == sample.claim.text == '=HYPERLINK("http://evil.invalid")'


def test_newlines_quotes_and_commas_survive_the_csv_module(project, sample, tmp_path):
    out, articles = export_csv(project, tmp_path, formula_guard=False)
    quote = next(r for r in read_csv(out) if r["annotation_id"] == sample.quote.id)
    assert quote["note"] == 'Check, "verbatim"?\nSecond line of the note'
    assert quote["text"] == sample.quote.text and '"' in quote["text"] and "," in quote["text"]
    assert quote["article_title"] == 'Mayor, "defiant"'
    assert read_csv(articles)[0]["text"] == FIRST_TEXT


def test_records_end_in_crlf_and_embedded_newlines_are_quoted(project, sample, tmp_path):
    out, _ = export_csv(project, tmp_path, formula_guard=False)
    data = out.read_bytes()
    assert data.count(b"\r\n") == 5  # header + four records; notes keep their bare \n
    assert b'"Check, ""verbatim""?\nSecond line of the note"' in data


@pytest.mark.parametrize("cell", ["=1+1", "+2", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_guard_prefixes_formula_triggers(cell):
    assert guard(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "plain", "1-2", " =x", "“quoted”"])
def test_guard_leaves_safe_cells_alone(cell):
    assert guard(cell) == cell


@given(st.text())
def test_unguard_undoes_guard(value):
    assert unguard(guard(value)) == value


@given(st.text())
def test_guarded_cells_never_start_with_a_trigger(value):
    assert guard(value)[:1] not in set("=+-@\t\r")


def test_guard_is_on_by_default_in_every_text_cell(project, sample, tmp_path):
    out, articles = export_csv(project, tmp_path)
    rows = {r["annotation_id"]: r for r in read_csv(out)}
    quote = rows[sample.quote.id]
    assert quote["outlet"] == "'-Daily"
    assert quote["speaker"] == "'=the mayor"
    assert rows[sample.sensational.id]["note"] == "'+1"
    assert rows[sample.claim.id]["context_after"].startswith(" opened")
    assert read_csv(articles)[0]["text"].startswith("'=HYPERLINK")
    assert read_csv(articles)[0]["outlet"] == "'-Daily"


def test_no_formula_guard_writes_raw_values(project, sample, tmp_path):
    out, articles = export_csv(project, tmp_path, formula_guard=False)
    rows = {r["annotation_id"]: r for r in read_csv(out)}
    assert rows[sample.quote.id]["outlet"] == "-Daily"
    assert rows[sample.quote.id]["speaker"] == "=the mayor"
    assert rows[sample.claim.id]["text"] == '=HYPERLINK("http://evil.invalid")'
    assert read_csv(articles)[0]["text"] == FIRST_TEXT


def test_offsets_are_plain_numbers_even_with_the_guard(project, sample, tmp_path):
    out, _ = export_csv(project, tmp_path)
    rows = read_csv(out)
    assert all(r["start"].isdigit() and r["end"].isdigit() for r in rows)


def test_excel_writes_a_bom_and_plain_csv_does_not(project, sample, tmp_path):
    export(project, "csv", tmp_path / "excel.csv", excel=True)
    export(project, "csv", tmp_path / "plain.csv")
    assert (tmp_path / "excel.csv").read_bytes().startswith(b"\xef\xbb\xbfannotation_id,")
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"annotation_id,")


def test_excel_file_reads_back_with_utf8_sig(project, sample, tmp_path):
    export(project, "csv", tmp_path / "excel.csv", excel=True, formula_guard=False)
    rows = read_csv(tmp_path / "excel.csv", encoding="utf-8-sig")
    assert "annotation_id" in rows[0] and any("😀" in r["text"] for r in rows)


def test_field_columns_are_blank_where_the_tag_lacks_the_field(project, sample, tmp_path):
    out, _ = export_csv(project, tmp_path, formula_guard=False)
    rows = {r["annotation_id"]: r for r in read_csv(out)}
    assert [rows[sample.quote.id][f] for f in FIELDS] == ["", "=the mayor", "direct", "", ""]
    assert [rows[sample.claim.id][f] for f in FIELDS] == ["yes", "", "", "", ""]
    assert [rows[sample.attribution.id][f] for f in FIELDS] == ["", "", "", "mayor", "named person"]
    assert [rows[sample.sensational.id][f] for f in FIELDS] == ["", "", "", "", ""]


def test_a_stale_field_value_of_another_tag_is_not_exported(project, sample, tmp_path):
    claim_tag = project.codebook.by_name("Claim")
    article = sample.second
    project.annotations.create(article, claim_tag.id, 0, 3, "li", fields={"speaker": "not a claim field"})
    out, _ = export_csv(project, tmp_path)
    assert all(r["speaker"] != "not a claim field" for r in read_csv(out))


def test_false_yesno_field_is_no(project, sample, tmp_path):
    claim_tag = project.codebook.by_name("Claim")
    project.annotations.create(sample.second, claim_tag.id, 0, 3, "li", fields={"checkable": False})
    out, _ = export_csv(project, tmp_path)
    assert [r["checkable"] for r in read_csv(out)].count("no") == 1


def test_field_named_like_a_fixed_column_gets_a_prefixed_column(project, tmp_path):
    project.codebook.add(Tag(name="Odd", colour="#123456", fields=[TagField("note"), TagField('say "what"')]))
    tags = project.codebook.tags()
    header = annotation_header(tags)
    assert "field_note" in header and header.count("note") == 1 and 'say "what"' in header


def test_field_with_a_double_quote_in_its_name_is_exported(project, tmp_path):
    from annotator.core.model import NewArticle

    tag = project.codebook.add(Tag(name="Odd", colour="#123456", fields=[TagField('say "what"')]))
    article = project.articles.add(NewArticle(text="Some text here."))
    project.annotations.create(article, tag.id, 0, 4, "li", fields={'say "what"': "value"})
    export(project, "csv", tmp_path / "a.csv")
    assert read_csv(tmp_path / "a.csv")[0]['say "what"'] == "value"


def reference_rows(project):
    """annotations.csv's records built the plain way: dataclasses, csv_guard.guard, Python."""
    tags = {t.id: t for t in project.codebook.tags()}
    articles = {a.id: a for a in project.articles.iter_all()}
    expected = []
    for a in project.annotations.iter_all():
        art, tag = articles[a.article_id], tags[a.tag_id]
        values = []
        for name in FIELDS:
            value = a.fields.get(name) if tag.field_named(name) else None
            values.append("" if value is None else {True: "yes", False: "no"}.get(value, value))
        cells = [a.id, a.article_id, art.title, art.outlet, art.published, art.url, a.annotator, tag.name,
                 str(a.start), str(a.end), a.text, a.context_before, a.context_after, a.note,
                 "",  # review_comment: nothing is reviewed here (test_export_review_comments.py)
                 *values,
                 a.linked_id or "", a.created_at, a.updated_at]
        expected.append([c if i in (1, 8, 9) else guard(c) for i, c in enumerate(cells)])
    return expected


def test_export_matches_a_reference_built_with_the_csv_module(project, sample, tmp_path):
    """The storage layer computes cells in SQL for speed; they must equal the plain Python rule."""
    out, _ = export_csv(project, tmp_path)
    with open(out, encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1:] == reference_rows(project)


def test_articles_csv_has_every_article_with_metadata_and_text(project, sample, tmp_path):
    _, articles = export_csv(project, tmp_path, formula_guard=False)
    rows = read_csv(articles)
    assert [r["article_id"] for r in rows] == [sample.first, sample.second, sample.third]
    assert list(rows[0]) == ["article_id", "title", "outlet", "author", "url", "published", "language",
                             "source_file", "imported_at", "status", "extra", "text"]
    assert rows[0]["status"] == "done" and json.loads(rows[0]["extra"]) == {"section": "politics"}


def test_filter_by_several_annotators(project, sample, tmp_path):
    export(project, "csv", tmp_path / "a.csv", annotators=["maria"])
    export(project, "csv", tmp_path / "b.csv", annotators=["maria", "li"])
    assert {r["annotator"] for r in read_csv(tmp_path / "a.csv")} == {"maria"}
    assert len(read_csv(tmp_path / "b.csv")) == 4


def test_filter_by_several_tag_names_ignoring_case(project, sample, tmp_path):
    export(project, "csv", tmp_path / "a.csv", tags=["quote", "CLAIM"])
    assert sorted(r["tag"] for r in read_csv(tmp_path / "a.csv")) == ["Claim", "Quote"]


def test_filter_by_status(project, sample, tmp_path):
    export(project, "csv", tmp_path / "a.csv", status="done", articles_csv=tmp_path / "arts.csv")
    assert {r["article_id"] for r in read_csv(tmp_path / "a.csv")} == {sample.first}
    assert [r["article_id"] for r in read_csv(tmp_path / "arts.csv")] == [sample.first]


def test_unknown_tag_name_is_a_clear_error_and_writes_nothing(project, sample, tmp_path):
    with pytest.raises(ExportError, match="no tag named 'Quotes'.*Claim, Quote"):
        export(project, "csv", tmp_path / "a.csv", tags=["Quotes"])
    assert list(tmp_path.iterdir()) == []


def test_unknown_annotator_is_a_clear_error(project, sample, tmp_path):
    with pytest.raises(ExportError, match="no annotations by 'mario'.*li, maria"):
        export(project, "csv", tmp_path / "a.csv", annotators=["mario"])


def test_unknown_status_is_a_clear_error(project, sample, tmp_path):
    with pytest.raises(ExportError, match="unknown status 'finished'"):
        export(project, "csv", tmp_path / "a.csv", status="finished")


def test_destination_folder_must_exist(project, sample, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export(project, "csv", tmp_path / "missing" / "a.csv")


def test_destination_that_is_a_folder_is_refused(project, sample, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export(project, "csv", tmp_path)


def test_cancelling_leaves_no_file_and_keeps_an_earlier_export(project, sample, tmp_path):
    out = tmp_path / "a.csv"
    out.write_text("earlier export\n", encoding="utf-8")
    with pytest.raises(Cancelled):
        export(project, "csv", out, articles_csv=tmp_path / "arts.csv", cancelled=lambda: True)
    assert out.read_text(encoding="utf-8") == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_progress_ends_at_the_total(project, sample, tmp_path):
    seen = []
    export(project, "csv", tmp_path / "a.csv", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)


def test_report_counts_what_was_written(project, sample, tmp_path):
    report = export(project, "csv", tmp_path / "a.csv", articles_csv=tmp_path / "b.csv")
    assert (report.annotations, report.articles) == (4, 3)
    assert report.files == [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]


def test_articles_option_is_refused_for_other_formats(project, sample, tmp_path):
    with pytest.raises(ExportError, match="--articles"):
        export(project, "jsonl", tmp_path / "a.jsonl", articles_csv=tmp_path / "b.csv")


def test_empty_project_writes_the_header_only(project, tmp_path):
    export(project, "csv", tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").count("\n") == 1


def test_pandas_reads_the_offsets_exactly_when_installed(project, sample, tmp_path):
    pd = pytest.importorskip("pandas")
    out, articles = export_csv(project, tmp_path)
    read = lambda f: pd.read_csv(f, dtype=str, keep_default_na=False).map(unguard)  # noqa: E731
    a, t = read(out), read(articles).set_index("article_id")["text"]
    assert all(r.text == t[r.article_id][int(r.start):int(r.end)] for r in a.itertuples())


# -- the document x code matrix ---------------------------------------------------------------


def test_article_counts_has_one_row_per_article_with_tag_counts(project, sample, tmp_path):
    export(project, "article-counts", tmp_path / "m.csv")
    rows = read_csv(tmp_path / "m.csv")
    assert [r["article_id"] for r in rows] == [sample.first, sample.second, sample.third]
    counts = [[r[t] for t in ("Claim", "Quote", "Source attribution", "Sensational language")] for r in rows]
    assert counts == [["1", "1", "1", "0"], ["0", "0", "0", "1"], ["0", "0", "0", "0"]]


def test_article_counts_by_annotator_has_tag_and_annotator_columns(project, sample, tmp_path):
    export(project, "article-counts", tmp_path / "m.csv", by_annotator=True)
    rows = read_csv(tmp_path / "m.csv")
    assert "Quote|maria" in rows[0] and "Quote|li" in rows[0]
    assert (rows[0]["Quote|maria"], rows[0]["Quote|li"], rows[0]["Claim|li"]) == ("1", "0", "1")


def test_article_counts_with_filters_keeps_the_asked_tags_and_annotators(project, sample, tmp_path):
    export(project, "article-counts", tmp_path / "m.csv", tags=["Quote", "Claim"], annotators=["maria"], by_annotator=True)
    rows = read_csv(tmp_path / "m.csv")
    assert list(rows[0])[7:] == ["Claim|maria", "Quote|maria"]
    assert (rows[0]["Claim|maria"], rows[0]["Quote|maria"]) == ("0", "1")


def test_article_counts_guards_metadata(project, sample, tmp_path):
    export(project, "article-counts", tmp_path / "m.csv")
    assert read_csv(tmp_path / "m.csv")[0]["outlet"] == "'-Daily"


def test_by_annotator_is_refused_for_csv(project, sample, tmp_path):
    with pytest.raises(ExportError, match="--by-annotator"):
        export(project, "csv", tmp_path / "a.csv", by_annotator=True)


# -- a project file ---------------------------------------------------------------------------


def test_file_project_export_matches_the_reference(project_file, tmp_path):
    fill(project_file)
    export(project_file, "csv", tmp_path / "file.csv")
    with open(tmp_path / "file.csv", encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1:] == reference_rows(project_file)


def test_cancel_midway_leaves_nothing(project_file, tmp_path):
    from annotator.core.model import NewArticle

    tag = project_file.codebook.by_name("Claim")
    ids = project_file.articles.add_many(NewArticle(text=f"Article number {i}.") for i in range(300)).added
    for article_id in ids:
        for start in range(0, 14):
            project_file.annotations.create(article_id, tag.id, start, start + 1, "li")
    calls = []
    with pytest.raises(Cancelled):
        export(project_file, "csv", tmp_path / "a.csv", cancelled=lambda: calls.append(1) or True)
    assert calls and list(tmp_path.glob("*.csv*")) == []


def test_a_query_error_reaches_the_caller_and_leaves_nothing(project_file, tmp_path, monkeypatch):
    from annotator.storage import export_queries

    fill(project_file)
    monkeypatch.setattr(export_queries, "_annotation_csv_query", lambda *a: ("SELECT nonsense FROM nowhere", {}))
    with pytest.raises(Exception, match="no such table"):
        export(project_file, "csv", tmp_path / "a.csv")
    assert list(tmp_path.glob("a.csv*")) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recipe=projects(), formula_guard=st.booleans())
def test_generated_projects_survive_the_csv_module(tmp_path_factory, recipe, formula_guard):
    folder = tmp_path_factory.mktemp("csv")
    with build(recipe) as project:
        export(project, "csv", folder / "a.csv", articles_csv=folder / "b.csv", formula_guard=formula_guard)
        raw = unguard if formula_guard else (lambda s: s)
        texts = {r["article_id"]: raw(r["text"]) for r in read_csv(folder / "b.csv")}
        rows = {r["annotation_id"]: r for r in read_csv(folder / "a.csv")}
        assert len(rows) == project.annotations.count()
        for a in project.annotations.iter_all():
            row = rows[a.id]
            assert texts[a.article_id][int(row["start"]):int(row["end"])] == a.text == raw(row["text"])
            assert (raw(row["note"]), raw(row["annotator"])) == (a.note, a.annotator)
