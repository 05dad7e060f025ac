"""A small coded corpus for the passage browser, co-occurrence and chart tests: three outlets,
dates over three months, several coders and the reviewed layer, fields, notes, overlaps."""

from __future__ import annotations

from annotator.core.model import NewArticle, Status

TEXT = (
    "Officials said the budget would rise. \u201cWe will not back down,\u201d the mayor said. "
    "An anonymous source told reporters the plan was a shocking failure. "
    "According to the ministry, growth fell by two percent."
)


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


ARTICLES = [
    # (title, outlet, published, status)
    ("Budget rises", "Daily Example", "2026-01-05", Status.DONE),
    ("Mayor stands firm", "The Fictional Times", "2026-01-20", Status.IN_PROGRESS),
    ("Growth falls", "Placeholder Post", "2026-02-03T08:00:00", Status.TODO),
    ("Plan fails", "Daily Example", "2026-03-15", Status.DONE),
    ("Undated piece", "The Fictional Times", "", Status.TODO),
]


def build(project) -> dict:
    """Fill ``project``; return ``{"articles": [ids], "tags": {name: id}, "texts": {id: text}}``."""
    ids = []
    for i, (title, outlet, published, _status) in enumerate(ARTICLES):
        text = f"{title}.\n\n{TEXT} Paragraph {i}."
        ids.append(project.articles.add(NewArticle(text=text, title=title, outlet=outlet, published=published)))
    for article_id, (*_, status) in zip(ids, ARTICLES):
        project.articles.set_status(article_id, status)
    tags = {t.name: t.id for t in project.codebook.tags()}
    texts = {i: project.articles.text(i) for i in ids}
    a = project.annotations

    def code(article_id, tag, phrase, annotator, **values):
        start, end = span(texts[article_id], phrase)
        return a.create(article_id, tags[tag], start, end, annotator, **values)

    for n, article_id in enumerate(ids):
        code(article_id, "Claim", "the budget would rise", "maria", fields={"checkable": True})
        code(article_id, "Source attribution", "Officials said", "maria",
             fields={"source_type": "official", "source_name": "officials"})
        code(article_id, "Quote", "We will not back down", "maria",
             fields={"speaker": "the mayor", "quote_type": "direct"}, note="check the speaker")
        code(article_id, "Sensational language", "shocking failure", "li")
        code(article_id, "Source attribution", "An anonymous source told reporters", "li",
             fields={"source_type": "anonymous"})
        # Overlaps the attribution above: "the plan was a shocking failure" as a claim by li.
        code(article_id, "Claim", "the plan was a shocking failure", "li", fields={"checkable": False})
        if n % 2 == 0:
            code(article_id, "Quote", "We will not back down", "reviewed",
                 fields={"speaker": "Mayor", "quote_type": "direct"})
    return {"articles": ids, "tags": tags, "texts": texts}
