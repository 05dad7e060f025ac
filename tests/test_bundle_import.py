"""Bringing a bundle (exchange file, colleague's project) into a project."""

from annotator.actions.bundle_import import import_bundle, preview_bundle
from annotator.core.bundle import Bundle
from annotator.core.model import Annotation, Article, Tag

TEXT = "Mayor \U0001F600 said \u201cno\u201d on Tuesday."


def make_bundle() -> Bundle:
    article = Article(id="their-local-id", text=TEXT, title="Mayor says no")
    quote = Tag(name="QUOTE", colour="#000000", key="2")  # ours is "Quote"
    frame = Tag(name="Frame", colour="#111111", key="1")  # key 1 is taken by Claim
    said = TEXT.index("\u201c")
    a1 = Annotation(article_id=article.id, tag_id=quote.id, start=said, end=said + 4,
                    text=TEXT[said : said + 4], annotator="tomas", note="a, \"quoted\"\nnote")
    a2 = Annotation(article_id=article.id, tag_id=frame.id, start=0, end=5, text="Mayor",
                    annotator="tomas", linked_id=a1.id)
    return Bundle(articles=[article], tags=[quote, frame], annotations=[a2, a1])


def test_articles_match_by_content_and_tags_by_name(project):
    report = import_bundle(project, make_bundle())
    assert report.articles_added == 1 and report.annotations_added == 2
    assert report.tags_added == ["Frame"]
    frame = project.codebook.by_name("frame")
    assert frame.key == ""  # its key clashed with Claim's
    stored = {a.text: a for a in project.annotations.iter_all()}
    assert project.codebook.get(stored["\u201cno\u201d"].tag_id).name == "Quote"
    assert stored["Mayor"].linked_id == stored["\u201cno\u201d"].id


def test_importing_twice_changes_nothing(project):
    bundle = make_bundle()
    import_bundle(project, bundle)
    again = import_bundle(project, bundle)
    assert again.annotations_added == 0 and again.annotations_already_present == 2
    assert again.articles_matched == 1
    assert project.annotations.count() == 2


def test_mismatched_span_is_reported_not_shifted(project):
    bundle = make_bundle()
    bundle.annotations[1].start += 1  # passage no longer matches its offsets
    report = import_bundle(project, bundle)
    assert report.annotations_added == 1
    assert any("does not match" in p for p in report.problems)


def test_preview_writes_nothing(project):
    report = preview_bundle(project, make_bundle())
    assert report.annotations_added == 2
    assert project.articles.count() == 0 and project.annotations.count() == 0
    assert project.codebook.by_name("Frame") is None


def test_missing_articles_are_listed_when_not_added(project):
    report = import_bundle(project, make_bundle(), add_articles=False)
    assert report.articles_missing == ["Mayor says no"]
    assert project.annotations.count() == 0


def test_annotator_rename(project):
    import_bundle(project, make_bundle(), annotator_renames={"tomas": "tomas (2nd coder)"})
    assert project.annotations.annotators() == ["tomas (2nd coder)"]
