"""An article's light span rows come by start, then end, on both backends: the window's model
keeps them in that order without sorting them again (issue 8's opening time)."""

from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)

from annotator.core.model import Annotation, NewArticle

TEXT = "One two three four five six seven eight nine ten."


def test_an_articles_light_rows_come_by_start_then_end(project):
    article_id = project.articles.add(NewArticle(text=TEXT, title="t"))
    tag = project.codebook.active()[0].id
    for start, end in [(8, 13), (4, 13), (0, 3), (4, 7), (4, 5), (8, 9)]:  # added out of order
        project.annotations.add(Annotation(article_id=article_id, tag_id=tag, start=start, end=end,
                                           text=TEXT[start:end], annotator="ana"))
    rows = project.annotations.spans_for_article(article_id)
    assert [(r[2], r[3]) for r in rows] == [(0, 3), (4, 5), (4, 7), (4, 13), (8, 9), (8, 13)]
