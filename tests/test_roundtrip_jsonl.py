"""Export to JSONL, import into an empty project: the same articles and annotations come back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from annotator.actions.bundle_import import import_bundle
from annotator.actions.export import export
from annotator.core.formats.jsonl import read_jsonl
from annotator.storage import Project
from tests.export_fixtures import build, projects

def snapshot(project: Project):
    names = {t.id: t.name for t in project.codebook.tags()}
    articles = [(a.id, a.text, a.title, a.outlet, a.status) for a in project.articles.iter_all()]
    annotations = sorted(
        (a.id, a.article_id, names[a.tag_id], a.start, a.end, a.text, a.annotator, a.note, a.fields,
         a.linked_id, a.reviewer, a.created_at, a.updated_at, a.context_before, a.context_after)
        for a in project.annotations.iter_all()
    )
    return articles, annotations


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recipe=projects())
def test_jsonl_round_trip_gives_back_the_same_project(tmp_path_factory, recipe):
    path = tmp_path_factory.mktemp("rt") / "corpus.jsonl"
    with build(recipe) as original:
        export(original, "jsonl", path)
        expected = snapshot(original)
    bundle = read_jsonl(path)
    assert bundle.problems == []
    with Project.in_memory(with_news_codebook=False) as empty:
        report = import_bundle(empty, bundle)
        assert report.problems == []
        assert snapshot(empty) == expected


def test_codebook_round_trips_with_colours_keys_and_fields(project, tmp_path):
    project.codebook.recolour(project.codebook.by_name("Quote").id, "#010203")
    export(project, "jsonl", tmp_path / "a.jsonl")
    with Project.in_memory(with_news_codebook=False) as empty:
        import_bundle(empty, read_jsonl(tmp_path / "a.jsonl"))
        strip = lambda tags: [(t.name, t.colour, t.key, t.definition, t.example, t.fields, t.retired) for t in tags]  # noqa: E731
        assert strip(empty.codebook.tags()) == strip(project.codebook.tags())


def test_importing_the_export_twice_adds_nothing_the_second_time(project, tmp_path):
    from tests.export_fixtures import fill

    fill(project)
    export(project, "jsonl", tmp_path / "a.jsonl")
    with Project.in_memory() as other:
        import_bundle(other, read_jsonl(tmp_path / "a.jsonl"))
        again = import_bundle(other, read_jsonl(tmp_path / "a.jsonl"))
        assert (again.annotations_added, again.annotations_already_present) == (0, 4)
