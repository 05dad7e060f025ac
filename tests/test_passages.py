"""The coded-passage browser's queries and operations: filters that combine, orders, pages by
key, counts, export, text lines, and every bad filter value as one clear error."""

from __future__ import annotations

import csv

import pytest

from annotator.actions import passages as ps
from annotator.actions.export import export
from annotator.core.passages import DateError, Layer, PassageFilter, PassageSort, date_bounds, kwic_text
from passage_fixtures import build
from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)


@pytest.fixture
def coded(project):
    return project, build(project)


def ids(rows):
    return [r.id for r in rows]


def resolved(project, **request):
    return ps.resolve(project, ps.FilterRequest(**request))


def test_every_passage_without_a_filter_in_article_order(coded):
    project, data = coded
    q = ps.queries(project)
    rows = q.page()
    assert len(rows) == q.count() == project.annotations.count() == 33
    order = [(data["articles"].index(r.article_id), r.start) for r in rows]
    assert order == sorted(order)
    assert q.count_articles() == 5


@pytest.mark.parametrize("sort", list(PassageSort))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_by_key_join_up_to_the_whole_list_in_every_order(coded, sort, descending):
    project, _ = coded
    q = ps.queries(project)
    whole = q.page(PassageFilter(), sort, descending, limit=1000)
    pages, after = [], None
    while True:
        page = q.page(PassageFilter(), sort, descending, after=after, limit=4)
        pages += page
        if len(page) < 4:
            break
        after = page[-1]
    assert ids(pages) == ids(whole)
    assert len(set(ids(whole))) == 33


def test_orders_sort_by_their_column(coded):
    project, _ = coded
    q = ps.queries(project)
    tags = ps.tag_names(project)
    by_tag = [tags[r.tag_id].casefold() for r in q.page(sort=PassageSort.TAG)]
    assert by_tag == sorted(by_tag)
    by_coder = [r.annotator for r in q.page(sort=PassageSort.ANNOTATOR, descending=True)]
    assert by_coder == sorted(by_coder, reverse=True)
    by_date = [r.published for r in q.page(sort=PassageSort.PUBLISHED)]
    assert by_date == sorted(by_date)
    by_text = [r.text.casefold() for r in q.page(sort=PassageSort.PASSAGE)]
    assert by_text == sorted(by_text)


def test_filters_combine_and_values_of_one_part_are_alternatives(coded):
    project, _ = coded
    q = ps.queries(project)
    f = resolved(project, tags=("quote", "Claim"), annotators=("maria",))
    rows = q.page(f)
    assert {ps.tag_names(project)[r.tag_id] for r in rows} == {"Quote", "Claim"}
    assert {r.annotator for r in rows} == {"maria"}
    assert q.count(f) == len(rows) == 10


def test_field_values_any_case_yes_no_and_choices(coded):
    project, _ = coded
    q = ps.queries(project)
    assert q.count(resolved(project, fields=("speaker=THE MAYOR",))) == 5
    assert q.count(resolved(project, fields=("speaker=the mayor", "speaker=mayor"))) == 8
    assert q.count(resolved(project, fields=("checkable=yes",))) == 5
    assert q.count(resolved(project, fields=("checkable=no",))) == 5
    official = resolved(project, fields=("source_type=official",), annotators=("maria",))
    assert {r.text for r in q.page(official)} == {"Officials said"}


def test_reviewed_layer_and_coders_only(coded):
    project, _ = coded
    q = ps.queries(project)
    assert q.count(PassageFilter(layer=Layer.REVIEWED)) == 3
    assert q.count(PassageFilter(layer=Layer.CODERS)) == 30
    assert q.count(resolved(project, annotators=("reviewed",))) == 3


def test_outlet_dates_and_status_filter_by_article(coded):
    project, _ = coded
    q = ps.queries(project)
    daily = resolved(project, outlets=("daily example",))
    assert {r.title for r in q.page(daily)} == {"Budget rises", "Plan fails"}
    january = resolved(project, date_from="2026-01", date_to="2026-01")
    assert {r.title for r in q.page(january)} == {"Budget rises", "Mayor stands firm"}
    # A date-time on the last day counts; an undated article never passes a date filter.
    february = resolved(project, date_from="2026-02-03", date_to="2026-02-03")
    assert {r.title for r in q.page(february)} == {"Growth falls"}
    assert "Undated piece" not in {r.title for r in q.page(resolved(project, date_from="2026"))}
    done = resolved(project, statuses=("done",))
    assert {r.status for r in q.page(done)} == {"done"} and q.count(done) == 13


def test_search_passages_or_their_context(coded):
    project, _ = coded
    q = ps.queries(project)
    shock = resolved(project, search="SHOCK")
    assert {r.text for r in q.page(shock)} == {"shocking failure", "the plan was a shocking failure"}
    # "mayor" is in the context of the quotes, never in a passage.
    assert q.count(resolved(project, search="mayor")) == 0
    in_context = resolved(project, search="mayor", search_context=True)
    assert q.count(in_context) > 0
    assert all("mayor" in (r.context_before + r.text + r.context_after).lower() for r in q.page(in_context))
    # FTS5 syntax typed by a user is just words.
    assert q.count(resolved(project, search='" OR NEAR( *')) == 0


def test_search_follows_edits(coded):
    project, data = coded
    q = ps.queries(project)
    first = q.page(resolved(project, search="growth"))
    assert first == []
    text = data["texts"][data["articles"][0]]
    start = text.index("growth fell")
    added = project.annotations.create(data["articles"][0], data["tags"]["Claim"], start, start + 11, "sam")
    assert ids(q.page(resolved(project, search="growth"))) == [added.id]
    project.annotations.delete(added.id)
    assert q.count(resolved(project, search="growth")) == 0


def test_overlapping_passages_of_another_tag(coded):
    project, data = coded
    q = ps.queries(project)
    f = PassageFilter(tag_ids=(data["tags"]["Claim"],), overlapping_tag_ids=(data["tags"]["Sensational language"],))
    assert {r.text for r in q.page(f)} == {"the plan was a shocking failure"}
    assert q.count(f) == 5


def test_blind_coding_shows_only_the_coders_own_passages(coded):
    project, _ = coded
    q = ps.queries(project)
    f = ps.visible(resolved(project, annotators=("li", "maria")), "maria", blind=True)
    assert {r.annotator for r in q.page(f)} == {"maria"}
    assert ps.visible(PassageFilter(), "nobody", blind=True).only_annotators == ("nobody",)
    assert q.count(ps.visible(PassageFilter(), "nobody", blind=True)) == 0
    assert q.count(ps.visible(PassageFilter(), "maria", blind=False)) == 33


@pytest.mark.parametrize(
    "request_, message",
    [
        (dict(tags=("Quotes",)), "no tag named 'Quotes'"),
        (dict(fields=("speaker",)), "give it as NAME=VALUE"),
        (dict(fields=("spekaer=x",)), "no tag has a field 'spekaer'"),
        (dict(fields=("checkable=maybe",)), "yes/no field"),
        (dict(annotators=("mario",)), "no passages coded by 'mario'"),
        (dict(outlets=("Daily Exampel",)), "no articles from outlet 'Daily Exampel'"),
        (dict(date_from="March"), "give a date as YYYY"),
        (dict(date_from="2026-02-30"), "is not a date"),
        (dict(date_from="2026-03", date_to="2026-02"), "is empty"),
        (dict(statuses=("finished",)), "unknown status 'finished'"),
        (dict(layer="mine"), "unknown layer 'mine'"),
    ],
)
def test_bad_filter_values_are_one_clear_error(coded, request_, message):
    project, _ = coded
    with pytest.raises(ps.PassageError, match=message) as error:
        resolved(project, **request_)
    assert "\n" not in str(error.value)


def test_date_bounds_cover_whole_periods():
    assert date_bounds("2026", "2026") == ("2026", "2027")
    assert date_bounds("2026-12", "2026-12") == ("2026-12", "2027-01")
    assert date_bounds("", "2026-02-28") == (None, "2026-03-01")
    with pytest.raises(DateError):
        date_bounds("26-01-01", "")


def test_export_has_the_columns_and_rows_of_the_annotations_csv(coded, tmp_path):
    project, _ = coded
    f = resolved(project, tags=("Quote",), outlets=("Daily Example",))
    n = ps.export_csv(project, f, tmp_path / "quotes.csv")
    with open(tmp_path / "quotes.csv", encoding="utf-8", newline="") as handle:
        mine = list(csv.reader(handle))
    if ps.queries(project).server:  # the whole-corpus CSV export is the project file's alone
        assert [r[0] for r in mine[1:]] == [p.id for p in ps.iter_passages(project, f)] and n == 3
        assert mine[0][:3] == ["annotation_id", "article_id", "article_title"]
        return
    export(project, "csv", tmp_path / "all.csv", parallel=False)
    with open(tmp_path / "all.csv", encoding="utf-8", newline="") as handle:
        everything = list(csv.reader(handle))
    assert mine[0] == everything[0]
    wanted = [r for r in everything[1:] if r[everything[0].index("tag")] == "Quote"
              and r[everything[0].index("outlet")] == "Daily Example"]
    assert sorted(mine[1:]) == sorted(wanted) and n == len(wanted) == 3


def test_export_refuses_the_project_file_itself(project_file):
    build(project_file)
    from annotator.actions.export_job import ExportError

    with pytest.raises(ExportError, match="project file itself"):
        ps.export_csv(project_file, PassageFilter(), project_file.path)
    assert project_file.annotations.count() == 33


def test_text_lines_are_one_line_each_with_the_passage_in_brackets(coded):
    project, _ = coded
    rows = ps.queries(project).page(resolved(project, tags=("Quote",), annotators=("maria",)))
    lines = list(ps.as_text_lines(rows, ps.tag_names(project)))
    assert len(lines) == 5
    cells = lines[0].split("\t")
    assert cells[:2] == ["Quote", "maria"]
    assert "[We will not back down]" in cells[5]
    assert "speaker: the mayor" in cells[6] and cells[7] == "check the speaker"


def test_kwic_aligns_the_passage_and_keeps_the_spacing():
    from annotator.core.passages import Passage

    p = Passage(id="x", rowid=1, article_id="a", article_rowid=1, tag_id="t", start=0, end=1,
                text="shocking", context_before="a truly\n", context_after=", said", annotator="m", note="")
    assert kwic_text(p, 10) == "  a truly [shocking], said"
    other = Passage(id="y", rowid=2, article_id="a", article_rowid=1, tag_id="t", start=0, end=1,
                    text="x", context_before="", context_after="", annotator="m", note="")
    assert kwic_text(other, 10).index("[") == kwic_text(p, 10).index("[")
