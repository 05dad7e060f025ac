"""`annotator import` reads W3C Web Annotation files against the articles the project has."""

from annotator.actions.export import export
from annotator.actions.import_files import import_paths
from annotator.core.model import NewArticle
from annotator.storage import Project

TEXT = "Mayor \U0001F600 said \u201cno\u201d on Tuesday.\nOfficials agreed."


def annotated_project(path):
    project = Project.create(path)
    article_id = project.articles.add(NewArticle(text=TEXT, title="Mayor says no"))
    quote = project.codebook.by_name("Quote")
    start = TEXT.index("\u201c")
    project.annotations.create(article_id, quote.id, start, start + 4, "maria", note="direct, \"short\"",
                               fields={"speaker": "Mayor"})
    return project


def test_web_annotation_comes_back_onto_the_same_article(tmp_path):
    with annotated_project(tmp_path / "a.annotator") as source:
        export(source, "webanno", tmp_path / "tags.jsonld")
        original = source.annotations.iter_all().__next__()
    with Project.create(tmp_path / "b.annotator") as target:
        target.articles.add(NewArticle(text=TEXT, title="Same article, other title"))
        report = import_paths(target, [tmp_path / "tags.jsonld"])
        (back,) = list(target.annotations.iter_all())
    assert report.failures == [] and report.annotations_added == 1
    assert (back.id, back.start, back.end, back.text, back.annotator, back.note, back.fields) == (
        original.id, original.start, original.end, original.text, "maria", original.note, {"speaker": "Mayor"},
    )


def test_web_annotation_on_an_article_we_lack_is_reported(tmp_path):
    with annotated_project(tmp_path / "a.annotator") as source:
        export(source, "webanno", tmp_path / "tags.jsonld")
    with Project.create(tmp_path / "b.annotator") as target:
        report = import_paths(target, [tmp_path / "tags.jsonld"])
        assert target.annotations.count() == 0
    assert any("not in the project" in reason for _, reason in report.failures)
