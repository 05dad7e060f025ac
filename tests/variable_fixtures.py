"""A project with article-level variables of every type, coded by three coders."""

from __future__ import annotations

from annotator.core.model import NewArticle
from annotator.core.variables import Option, Variable, VariableType

TONE = ["very negative", "negative", "neutral", "positive", "very positive"]


def add_variables(project) -> dict[str, Variable]:
    """tone (scale), topic (one-of), frames (several-of), sources (number, ratio), victim
    (yes/no), actor (text)."""
    made = [
        Variable("tone", VariableType.SCALE, [Option(t) for t in TONE], definition="The article's overall tone."),
        Variable("topic", VariableType.ONE_OF, [Option(t) for t in ("politics", "economy", "crime")]),
        Variable("frames", VariableType.SEVERAL_OF, [Option(t) for t in ("conflict", "human interest", "economic")]),
        Variable("sources", VariableType.NUMBER, level="ratio"),
        Variable("victim", VariableType.YES_NO),
        Variable("actor", VariableType.TEXT),
    ]
    return {v.name: project.variables.add(v) for v in made}


def add_articles(project, n: int = 6) -> list[str]:
    ids = []
    for i in range(n):
        project.articles.add(NewArticle(text=f"Article {i}: the council met on Tuesday and argued. " * 3,
                                        title=f"Story {i}", outlet="Gazette"))
    ids = project.articles.ids()
    return ids
