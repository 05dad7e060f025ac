"""brat standoff folders: what we write, exact round trips, folders brat wrote."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.actions.bundle_import import import_bundle
from annotator.core.formats.brat import read_brat, write_brat
from annotator.core.formats.progress import Cancelled
from annotator.storage import Project
from tests.exchange_fixtures import article_records, comparable, documents, projects, small_project, tag_records


def export(project: Project, folder: Path) -> Path:
    write_brat(documents(project), project.codebook.tags(), folder)
    return folder


def round_trip(project: Project, folder: Path) -> Project:
    bundle = read_brat(export(project, folder))
    assert bundle.problems == []
    target = Project.in_memory(with_news_codebook=False)
    assert import_bundle(target, bundle).problems == []
    return target


def ann_lines(folder: Path, article_id: str) -> list[str]:
    return (folder / f"{article_id}.ann").read_text("utf-8").splitlines()


def brat_folder(tmp_path: Path, text: str, ann: str, conf: str = "") -> Path:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(text.encode("utf-8"))
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    if conf:
        (folder / "annotation.conf").write_text(conf, encoding="utf-8")
    return folder


# -- what we write -----------------------------------------------------------------------------


def test_each_article_is_a_txt_and_ann_named_by_content_id(tmp_path):
    project = small_project()
    folder = export(project, tmp_path / "out")
    for article in project.articles.iter_all():
        assert (folder / f"{article.id}.txt").read_bytes() == article.text.encode("utf-8")
        assert (folder / f"{article.id}.ann").is_file()
    assert not any("Flood" in p.name for p in folder.iterdir())  # the title has slashes and quotes


def test_export_returns_the_number_of_articles(tmp_path):
    project = small_project()
    assert write_brat(documents(project), project.codebook.tags(), tmp_path / "out") == 2


def test_t_lines_hold_label_offsets_and_the_passage(tmp_path):
    project = small_project()
    folder = export(project, tmp_path / "out")
    article = next(a for a in project.articles.iter_all() if a.title.startswith("Flood"))
    assert "T1\tSource_attribution 0 14\tOfficials said" in ann_lines(folder, article.id)


def test_a_passage_with_a_newline_is_written_as_fragments_on_one_line(tmp_path):
    project = small_project()
    folder = export(project, tmp_path / "out")
    article = next(a for a in project.articles.iter_all() if a.title.startswith("Flood"))
    line = next(l for l in ann_lines(folder, article.id) if l.split("\t")[1].startswith("Sensational_language"))
    assert line == "T3\tSensational_language 53 56;57 68\t 😀. Residents c"


def test_fields_links_and_notes_become_a_r_and_annotator_notes_lines(tmp_path):
    project = small_project()
    folder = export(project, tmp_path / "out")
    article = next(a for a in project.articles.iter_all() if a.title.startswith("Flood"))
    lines = ann_lines(folder, article.id)
    assert any(l.startswith("A") and l.endswith("\tquote_type T2 direct") for l in lines)
    assert any(l.startswith("A") and l.endswith("\tspeaker T2 Jane_Doe_mayor") for l in lines)
    assert "R1\tLinked Arg1:T1 Arg2:T2" in lines
    assert '#1\tAnnotatorNotes T2\tdirect quote checked "twice"' in lines


def test_annotation_conf_declares_entities_attributes_and_relations(tmp_path):
    conf = (export(small_project(), tmp_path / "out") / "annotation.conf").read_text("utf-8")
    body = [l for l in conf.splitlines() if not l.startswith("#")]
    assert body[:5] == ["[entities]", "Claim", "Quote", "Source_attribution", "Sensational_language"]
    assert "Linked\tArg1:<ENTITY>, Arg2:<ENTITY>" in body
    assert "quote_type\tArg:Quote, Value:direct|indirect" in body
    assert "checkable\tArg:Claim, Value:no|yes" in body


def test_visual_conf_gives_brat_the_tag_names_and_colours(tmp_path):
    visual = (export(small_project(), tmp_path / "out") / "visual.conf").read_text("utf-8")
    assert "Source_attribution | Source attribution" in visual
    assert "Source_attribution\tbgColor:#009E73" in visual


def test_tag_names_that_make_the_same_label_stay_apart(tmp_path):
    from annotator.core.model import Tag

    project = small_project()
    article_id = project.articles.ids()[1]
    for name in ("Loaded word", "Loaded_word", "Loaded/word"):
        tag = project.codebook.add(Tag(name=name, colour=""))
        project.annotations.create(article_id, tag.id, 0, 6, "Ann")
    target = round_trip(project, tmp_path / "out")
    assert comparable(target) == comparable(project)
    labels = (tmp_path / "out" / "visual.conf").read_text("utf-8")
    assert "Loaded_word_2 | Loaded_word" in labels and "Loaded_word_3 | Loaded/word" in labels


def test_cancelled_export_raises_and_leaves_nothing(tmp_path):
    project = small_project()
    with pytest.raises(Cancelled):
        write_brat(documents(project), project.codebook.tags(), tmp_path / "out", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


# -- round trips -------------------------------------------------------------------------------


def test_round_trip_gives_back_the_annotations_exactly(tmp_path):
    project = small_project()
    assert comparable(round_trip(project, tmp_path / "out")) == comparable(project)


def test_round_trip_gives_back_the_articles_and_their_metadata(tmp_path):
    project = small_project()
    assert article_records(round_trip(project, tmp_path / "out")) == article_records(project)


def test_round_trip_gives_back_the_codebook(tmp_path):
    project = small_project()
    assert tag_records(round_trip(project, tmp_path / "out")) == tag_records(project)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(project=projects())
def test_round_trip_of_generated_projects(tmp_path, project):
    folder = tmp_path / "generated"
    shutil.rmtree(folder, ignore_errors=True)
    target = round_trip(project, folder)
    expected, got = comparable(project), comparable(target)
    assert [got.get(k) for k in expected] == list(expected.values())
    assert article_records(target) == article_records(project)


def test_an_edit_made_in_brat_wins_over_the_side_car(tmp_path):
    project = small_project()
    folder = export(project, tmp_path / "out")
    article = next(a for a in project.articles.iter_all() if a.title.startswith("Flood"))
    ann = folder / f"{article.id}.ann"
    ann.write_text(ann.read_text("utf-8").replace('checked "twice"', "edited in brat"), encoding="utf-8")
    bundle = read_brat(folder)
    assert any(a.note == "direct quote edited in brat" for a in bundle.annotations)


# -- folders brat (or others) wrote ------------------------------------------------------------


def test_wikinews_brat_files_read_with_spans_equal_to_the_gold_quotes(shared_dir):
    folder = shared_dir / "corpus" / "wikinews"
    bundle = read_brat(folder)
    assert bundle.problems == []
    titles = {a.id: a.title for a in bundle.articles}
    got: dict[str, set] = {}
    for a in bundle.annotations:
        got.setdefault(titles[a.article_id], set()).add((a.start, a.end, a.text))
    assert len(got) == 8
    for gold_file in folder.glob("*.quotes.jsonl"):
        gold = {(r["start"], r["end"], r["text"]) for r in map(json.loads, gold_file.read_text("utf-8").splitlines())}
        assert got[gold_file.name.split(".")[0]] == gold


def test_wikinews_brat_folder_imports_into_an_empty_project(shared_dir):
    target = Project.in_memory(with_news_codebook=False)
    report = import_bundle(target, read_brat(shared_dir / "corpus" / "wikinews"))
    assert (report.articles_added, report.annotations_added, report.problems) == (8, 77, [])


def test_brat_example_reads_attributes_relation_note_and_a_split_span(tmp_path, shared_dir):
    folder = tmp_path / "example"
    folder.mkdir()
    for suffix in (".txt", ".ann"):
        shutil.copy(shared_dir / "formats" / f"brat-example{suffix}", folder / f"brat-example{suffix}")
    bundle = read_brat(folder)
    assert bundle.problems == []
    by_text = {a.text: a for a in bundle.annotations}
    quote = by_text['"the worst in a century"']
    assert quote.fields == {"Verified": "no", "Direct": True}
    assert quote.linked_id == by_text["Officials said"].id
    assert by_text["catastrophe"].note == "hyperbole; check the sensationalism guideline"
    assert "Residents called it" in by_text  # fragments 55-64;65-74 joined by their space


def test_reading_a_brat_folder_twice_gives_the_same_ids(tmp_path, shared_dir):
    folder = shared_dir / "corpus" / "wikinews"
    assert [a.id for a in read_brat(folder).annotations] == [a.id for a in read_brat(folder).annotations]


def test_a_text_field_that_does_not_match_is_reported_not_shifted(tmp_path):
    folder = brat_folder(tmp_path, "Officials said it.", "T1\tClaim 1 10\tOfficials\n")
    bundle = read_brat(folder)
    assert bundle.annotations == []
    assert any("does not match" in p for p in bundle.problems)


def test_a_span_outside_the_text_is_reported(tmp_path):
    bundle = read_brat(brat_folder(tmp_path, "Short.", "T1\tClaim 0 60\tShort.\n"))
    assert bundle.annotations == [] and any("outside the text" in p for p in bundle.problems)


def test_a_discontinuous_span_with_words_between_is_reported(tmp_path):
    bundle = read_brat(brat_folder(tmp_path, "one two three", "T1\tClaim 0 3;8 13\tone three\n"))
    assert bundle.annotations == [] and any("discontinuous" in p for p in bundle.problems)


def test_crlf_text_offsets_are_mapped_onto_the_normalised_text(tmp_path):
    bundle = read_brat(brat_folder(tmp_path, "Line one\r\nLine two", "T1\tClaim 10 18\tLine two\n"))
    [annotation] = bundle.annotations
    assert bundle.articles[0].text == "Line one\nLine two"
    assert (annotation.start, annotation.end, annotation.text) == (9, 17, "Line two")


def test_nfd_text_offsets_are_mapped_onto_the_nfc_text(tmp_path):
    bundle = read_brat(brat_folder(tmp_path, "Cafe\u0301 au lait", "T1\tClaim 6 12\tau lai\n"))
    [annotation] = bundle.annotations
    assert (annotation.start, annotation.end, annotation.text) == (5, 11, "au lai")


def test_a_span_ending_inside_a_composed_character_is_reported(tmp_path):
    bundle = read_brat(brat_folder(tmp_path, "Cafe\u0301 au lait", "T1\tClaim 0 4\tCafe\n"))
    assert bundle.annotations == [] and any("cannot be mapped" in p for p in bundle.problems)


def test_an_ann_without_its_txt_is_reported(tmp_path):
    folder = brat_folder(tmp_path, "x", "")
    (folder / "lonely.ann").write_text("T1\tClaim 0 1\tx\n", encoding="utf-8")
    assert any("lonely.ann" in p for p in read_brat(folder).problems)


def test_unsupported_event_lines_are_reported(tmp_path):
    bundle = read_brat(brat_folder(tmp_path, "boom", "T1\tClaim 0 4\tboom\nE1\tClaim:T1\n"))
    assert len(bundle.annotations) == 1 and any("'E'" in p for p in bundle.problems)


def test_a_foreign_conf_gives_tags_and_their_fields(tmp_path):
    conf = "[entities]\nPerson\n[relations]\n[events]\n[attributes]\nRole\tArg:Person, Value:lead|minor\n"
    bundle = read_brat(brat_folder(tmp_path, "Ann", "T1\tPerson 0 3\tAnn\nA1\tRole T1 lead\n", conf))
    [tag] = bundle.tags
    assert tag.name == "Person" and [f.choices for f in tag.fields] == [["lead", "minor"]]
    assert bundle.annotations[0].fields == {"Role": "lead"}


def test_the_export_action_writes_a_folder_that_reads_back_filtered(tmp_path):
    from annotator.actions.export import export as export_action

    project = small_project()
    export_action(project, "brat", tmp_path / "out", tags=["quote"])
    bundle = read_brat(tmp_path / "out")
    names = {t.id: t.name for t in bundle.tags}
    assert sorted(names[a.tag_id] for a in bundle.annotations) == ["Quote", "Quote"]


def test_a_path_that_is_not_a_folder_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a folder"):
        read_brat(tmp_path / "missing")
