"""The sample project and the real material in ../shared: import end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.actions.import_files import import_paths
from annotator.actions.sample_project import build_sample_project, find_passage, load_coding, sample_data_dir
from annotator.core.text import content_id

SAMPLE = sample_data_dir()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    project = build_sample_project(tmp_path_factory.mktemp("demo") / "sample.annotator")
    yield project
    project.close()


def by_title(project, title):
    return next(a for a in project.articles.iter_all() if a.title == title)


def test_sample_project_has_every_article(sample):
    assert sample.articles.count() == 11


def test_sample_project_has_both_coders(sample):
    assert sample.annotations.counts_by_annotator() == {"maria": 30, "tomas": 20}


@pytest.mark.parametrize("coder", ["maria", "tomas"])
def test_every_coded_passage_is_found(sample, coder):
    _, passages = load_coding(SAMPLE / "coders" / f"{coder}.json")
    titles = {a.title: a.text for a in sample.articles.iter_all()}
    missing = []
    for p in passages:
        try:
            find_passage(titles[p.article], p.passage, p.occurrence)
        except (KeyError, ValueError):
            missing.append((p.article, p.passage))
    assert missing == []


def test_sample_uses_every_tag(sample):
    assert all(n > 0 for n in sample.annotations.counts_by_tag().values())


def test_coders_disagree_somewhere(sample):
    spans = {
        coder: {(a.article_id, a.start, a.end, a.tag_id) for a in sample.annotations.iter_all(annotators=[coder])}
        for coder in ("maria", "tomas")
    }
    assert spans["maria"] - spans["tomas"] and spans["tomas"] - spans["maria"]


def test_every_sample_article_says_it_is_fictional(sample):
    assert all("fictional" in a.text.lower() for a in sample.articles.iter_all())


def test_sample_page_leaves_out_comments_and_footer(sample):
    text = by_title(sample, "Harbour bridge to close for six weeks of urgent repairs").text
    assert ("gridlock" in text, "All rights reserved" in text, "Subscribe" in text) == (False, False, False)


def test_sample_text_dump_title_skips_the_boilerplate(sample):
    assert by_title(sample, "City council approves record budget as protesters fill the square")


def test_sample_windows_1252_file_is_decoded(sample):
    text = by_title(sample, "Café owner wins fight over pavement tables").text
    assert "Élise Moreau" in text and "council’s order" in text and "\r" not in text


def test_sample_unicode_file_survives_byte_for_byte(sample):
    path = SAMPLE / "articles" / "night-market-unicode.md"
    assert sample.articles.get(content_id(path.read_text(encoding="utf-8"))).text.encode("utf-8") == path.read_bytes()


def test_sample_batches_map_their_metadata(sample):
    article = by_title(sample, "Port strike ends after 12-day standoff")
    assert (article.outlet, article.author, article.published, article.extra) == (
        "Meridian Post", "Carla Ruiz", "2026-04-09", {"section": "economy"},
    )


# -- ../shared/corpus/wikinews: real news text with gold quotation offsets -----------------


def wikinews_files(shared_dir):
    files = sorted((shared_dir / "corpus" / "wikinews").glob("*.txt"))
    assert files
    return files


def test_every_wikinews_text_imports(project, shared_dir):
    files = wikinews_files(shared_dir)
    report = import_paths(project, files)
    assert (report.articles_added, report.failures) == (len(files), [])


def test_wikinews_titles_are_the_headlines(project, shared_dir):
    files = wikinews_files(shared_dir)
    import_paths(project, files)
    titles = {Path(a.source_file).name: a.title for a in project.articles.iter_all()}
    expected = {
        f.name: json.loads(f.with_suffix(".meta.json").read_text(encoding="utf-8"))["title"] for f in files
    }
    assert titles == expected


def test_wikinews_gold_quote_offsets_still_match(project, shared_dir):
    # Import must not change a single code point: gold spans measured on the file still fit.
    files = wikinews_files(shared_dir)
    import_paths(project, files)
    mismatches = []
    for f in files:
        text = project.articles.get(content_id(f.read_text(encoding="utf-8"))).text
        for line in f.with_suffix(".quotes.jsonl").read_text(encoding="utf-8").splitlines():
            span = json.loads(line)
            if text[span["start"] : span["end"]] != span["text"]:
                mismatches.append((f.name, span["start"]))
    assert mismatches == []
