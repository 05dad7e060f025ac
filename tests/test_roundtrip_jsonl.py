"""Export to JSONL, import into an empty project: the same articles and annotations come back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.actions.bundle_import import import_bundle
from annotator.actions.export import export
from annotator.core.formats.jsonl import read_jsonl
from annotator.core.model import NewArticle, Status
from annotator.core.text import normalise_text
from annotator.storage import Project

# Letters, punctuation that CSV and JSON care about, newlines, accents and emoji.
ALPHABET = st.sampled_from(list("ab ,;\"'\n\t=-+@\\") + ["é", "ß", "😀", "👩", "\u200d", "🔬", "\u2028", "“", "”"])
TEXTS = st.text(ALPHABET, min_size=1, max_size=60).map(normalise_text).filter(bool)
NOTES = st.text(ALPHABET, max_size=30)
FIELD_VALUES = st.one_of(st.just(""), st.text(ALPHABET, max_size=10))


@st.composite
def projects(draw):
    """A recipe: articles (with metadata), and annotations on them (overlaps allowed)."""
    texts = draw(st.lists(TEXTS, min_size=1, max_size=4, unique=True))
    articles = [
        dict(text=t, title=draw(st.text(ALPHABET, max_size=15)), outlet=draw(st.sampled_from(["", "Daily, Post"])),
             status=draw(st.sampled_from(list(Status))))
        for t in texts
    ]
    annotations = []
    for _ in range(draw(st.integers(0, 8))):
        index = draw(st.integers(0, len(texts) - 1))
        start = draw(st.integers(0, len(texts[index]) - 1))
        end = draw(st.integers(start + 1, len(texts[index])))
        annotations.append(dict(
            article=index, start=start, end=end,
            tag=draw(st.sampled_from(["Claim", "Quote", "Source attribution", "Sensational language"])),
            annotator=draw(st.sampled_from(["maria", "li", "Zoë, R."])), note=draw(NOTES),
            speaker=draw(FIELD_VALUES), checkable=draw(st.sampled_from([None, True, False])),
            link=draw(st.booleans()),
        ))
    return articles, annotations


def build(recipe) -> Project:
    articles, annotations = recipe
    project = Project.in_memory()
    ids = []
    for a in articles:
        article_id = project.articles.add(NewArticle(text=a["text"], title=a["title"], outlet=a["outlet"]))
        project.articles.set_status(article_id, a["status"])
        ids.append(article_id)
    made = []
    for a in annotations:
        tag = project.codebook.by_name(a["tag"])
        fields = {}
        if a["tag"] == "Quote":
            fields["speaker"] = a["speaker"]
        if a["tag"] == "Claim" and a["checkable"] is not None:
            fields["checkable"] = a["checkable"]
        linked = made[-1].id if a["link"] and made else None
        made.append(project.annotations.create(ids[a["article"]], tag.id, a["start"], a["end"], a["annotator"],
                                               note=a["note"], fields=fields, linked_id=linked))
    return project


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
