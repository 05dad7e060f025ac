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


OTHER_TEXT = "A second article, which only the colleague has. It makes a claim."


def two_projects(tmp_path, *, their_name: str = "ben"):
    """Paths of our project (ann's coding) and theirs (``their_name``'s coding, tags named in
    other cases, a tag we lack, an article we lack); both closed."""
    from annotator.core.model import Tag
    from annotator.storage import Project

    ours, theirs = tmp_path / "ours.annotator", tmp_path / "theirs.annotator"
    with Project.create(ours) as project:
        article = add_article(project)
        annotate(project, article, "ann", "Claim", 0, 53)
    with Project.create(theirs, with_news_codebook=False) as project:
        for name, colour, key in (("CLAIM", "#112233", "1"), ("quote", "#223344", "2"), ("Frame", "#334455", "5")):
            project.codebook.add(Tag(name=name, colour=colour, key=key))
        article = add_article(project)
        annotate(project, article, their_name, "claim", 4, 53)
        annotate(project, article, their_name, "Frame", 54, 89)
        other = add_article(project, OTHER_TEXT, "Only theirs")
        annotate(project, other, their_name, "Claim", 49, 65)
    return ours, theirs


def file_bytes(path) -> bytes:
    """The file's bytes, less SQLite's change counter (header bytes 24-27 and 92-95), which
    every ``Project.open`` bumps (sqlite-utils' Migrations.apply opens a write transaction)."""
    data = bytearray(path.read_bytes())
    data[24:28] = data[92:96] = b"\0\0\0\0"
    return bytes(data)
