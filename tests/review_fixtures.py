"""Small projects with two coders, shared by the review, agreement and merge tests."""

from __future__ import annotations

from annotator.core.model import NewArticle

TEXT = (
    "The minister said the budget would rise by 4 percent. Critics called it a shocking "
    "betrayal. According to the ministry, schools will get more money next year."
)


def add_article(project, text: str = TEXT, title: str = "Budget") -> str:
    return project.articles.add(NewArticle(text=text, title=title))


def tag_id(project, name: str) -> str:
    return project.codebook.by_name(name).id


def annotate(project, article_id: str, annotator: str, tag: str, start: int, end: int, **options):
    return project.annotations.create(article_id, tag_id(project, tag), start, end, annotator, **options)
