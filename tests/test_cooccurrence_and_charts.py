"""Co-occurrence counts, chart numbers (outlets, periods, fields, per 1,000 words), and the
figures matplotlib writes (PNG, SVG, PDF, CSV)."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.actions import charts, cooccurrence
from annotator.actions import passages as ps
from annotator.core.charts import ChartBy, build_chart, period_of, periods_between
from annotator.core.passages import PassageFilter
from passage_fixtures import build
from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)


@pytest.fixture
def coded(project):
    return project, build(project)


def test_cooccurrence_counts_overlapping_passages_and_articles(coded):
    project, data = coded
    t = data["tags"]
    table = cooccurrence.table(project)
    assert [name for _, name in table.tags] == ["Claim", "Quote", "Source attribution", "Sensational language"]
    # li's claim "the plan was a shocking failure" holds the sensational "shocking failure".
    assert table.passage_count(t["Claim"], t["Sensational language"]) == 5
    assert table.passage_count(t["Sensational language"], t["Claim"]) == 5
    # maria's quote and the reviewed one cover the same words: each overlaps the other.
    assert table.passage_count(t["Quote"], t["Quote"]) == 6
    assert table.passage_count(t["Claim"], t["Quote"]) == 0
    assert table.article_count(t["Claim"], t["Quote"]) == 5
    assert table.totals[t["Claim"]] == 10


def test_a_cell_lists_exactly_the_passages_it_counts(coded):
    project, data = coded
    t = data["tags"]
    f = ps.resolve(project, ps.FilterRequest(annotators=("li",)))
    table = cooccurrence.table(project, f)
    q = ps.queries(project)
    for row, _ in table.tags:
        for column, _ in table.tags:
            cell = cooccurrence.cell_filter(f, row, column)
            assert q.count(cell) == table.passage_count(row, column), (row, column)
    assert table.passage_count(t["Quote"], t["Quote"]) == 0  # li coded no quote


def test_cooccurrence_json_and_csv(coded, tmp_path):
    project, _ = coded
    table = cooccurrence.table(project, ps.resolve(project, ps.FilterRequest(tags=("Claim", "Sensational language"))))
    doc = table.to_json()
    assert doc["tags"] == ["Claim", "Sensational language"]
    assert {"row": "Claim", "column": "Sensational language", "passages": 5, "articles": 5} in doc["cells"]
    cooccurrence.write_csv(table, tmp_path / "c.csv")
    rows = list(csv.reader(open(tmp_path / "c.csv", encoding="utf-8", newline="")))
    assert rows[0][:2] == ["row_tag", "column_tag"] and len(rows) == 5


def test_periods_iso_weeks_and_gaps():
    assert period_of("2026-01-01", ChartBy.WEEK) == "2026-W01"
    assert period_of("2027-01-01", ChartBy.WEEK) == "2026-W53"  # belongs to the year of its Thursday
    assert period_of("2026-03-05T10:00:00+01:00", ChartBy.MONTH) == "2026-03"
    assert period_of("March 2026", ChartBy.MONTH) is None
    assert period_of("2026-02-30", ChartBy.DAY) is None
    assert periods_between("2026-11", "2027-02", ChartBy.MONTH) == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert periods_between("2026-W52", "2027-W01", ChartBy.WEEK) == ["2026-W52", "2026-W53", "2027-W01"]


def test_time_chart_fills_empty_periods_and_counts_the_undated():
    data = build_chart(ChartBy.MONTH, [("2026-01-03", "Quote", 2), ("2026-03-09", "Quote", 1), ("", "Quote", 4)])
    assert data.categories == ["2026-01", "2026-02", "2026-03"]
    assert [data.value("Quote", c) for c in data.categories] == [2, 0, 1]
    assert data.undated == 4


def test_chart_by_outlet_per_tag(coded):
    project, _ = coded
    data = charts.chart_data(project, PassageFilter(), "outlet")
    assert data.categories[0] == "Daily Example"  # the most passages first
    assert data.series == ["Claim", "Quote", "Source attribution", "Sensational language"]
    assert data.value("Quote", "Daily Example") == 3  # two articles: maria's two, one reviewed
    assert data.colours["Quote"].startswith("#")


def test_chart_of_a_field_s_values_over_time(coded):
    project, _ = coded
    data = charts.chart_data(project, PassageFilter(), "month", field="source_type")
    assert data.series == ["official", "anonymous"]  # the codebook's order of choices
    assert data.categories == ["2026-01", "2026-02", "2026-03"]
    assert data.value("anonymous", "2026-01") == 2
    assert data.undated == 2
    yesno = charts.chart_data(project, PassageFilter(), "year", field="checkable")
    assert set(yesno.series) == {"yes", "no"}


def test_per_1000_words_divides_by_the_coded_articles_words(coded):
    project, data = coded
    words = {i: len(data["texts"][i].split()) for i in data["articles"]}
    chart = charts.chart_data(project, PassageFilter(), "outlet", per_1000_words=True)
    daily = [i for i, a in zip(data["articles"], ["Daily Example", "x", "y", "Daily Example", "z"]) if a == "Daily Example"]
    expected = 1000 * 4 / sum(words[i] for i in daily)  # two claims in each of two articles
    assert chart.value("Claim", "Daily Example") == pytest.approx(expected)
    rows = chart.csv_rows()
    assert rows[0] == ["outlet", "tag", "passages", "words", "per_1000_words"]


def test_bad_chart_requests_are_one_clear_error(coded, tmp_path):
    project, _ = coded
    with pytest.raises(charts.ChartError, match="no tag has a field 'speakr'"):
        charts.chart_data(project, PassageFilter(), "outlet", field="speakr")
    with pytest.raises(charts.ChartError, match="unknown axis"):
        charts.chart_data(project, PassageFilter(), "decade")
    data = charts.chart_data(project, PassageFilter(), "outlet")
    with pytest.raises(charts.ChartError, match="give a file ending in"):
        charts.save(data, tmp_path / "chart.jpg")
    with pytest.raises(charts.ChartError, match="does not exist"):
        charts.save(data, tmp_path / "missing" / "chart.png")


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_figures_are_written_in_each_format(coded, tmp_path, suffix, magic):
    project, _ = coded
    data = charts.chart_data(project, PassageFilter(), "month")
    path = charts.save(data, tmp_path / f"chart{suffix}", title="Passages by month")
    assert path.read_bytes()[:5].startswith(magic)
    if suffix == ".svg":
        assert "Passages by month" in path.read_text(encoding="utf-8")  # text stays text


def test_png_is_print_resolution(coded, tmp_path):
    from PIL import Image

    project, _ = coded
    path = charts.save(charts.chart_data(project, PassageFilter(), "outlet"), tmp_path / "c.png")
    with Image.open(path) as image:
        assert image.size == (2100, 1200)  # 7 x 4 inches at 300 dpi


def test_an_empty_chart_says_so(project, tmp_path):
    data = charts.chart_data(project, PassageFilter(), "week")
    assert data.is_empty
    path = charts.save(data, tmp_path / "empty.svg")
    assert "No coded passages match the filter" in path.read_text(encoding="utf-8")
    charts.save(data, tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8").startswith("week,tag,")


def test_matplotlib_stays_off_the_start_up_path():
    import subprocess
    import sys

    code = ("import sys; import annotator.cli.main as m; m.build_parser(); "
            "import annotator.actions.charts, annotator.actions.cooccurrence, annotator.actions.passages; "
            "print(json.dumps([n for n in sys.modules if n.startswith('matplotlib')]))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
