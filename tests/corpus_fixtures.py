"""Small corpora for the corpus list and window tests."""

from __future__ import annotations

from annotator.core.model import NewArticle


def add_articles(project, n: int, *, words: str = "plain words") -> list[str]:
    """Add ``n`` articles titled "Article 0".. with outlets and dates that sort differently."""
    outlets = ["Zeta Post", "Alpha Daily", "Mid Times"]
    result = project.articles.add_many(
        NewArticle(
            text=f"Body of article {i}. {words} number{i}.",
            title=f"Article {i}",
            outlet=outlets[i % 3],
            published=f"2026-01-{1 + (n - i) % 28:02d}",
        )
        for i in range(n)
    )
    return result.added
