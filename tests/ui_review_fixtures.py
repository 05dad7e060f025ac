"""A project with two coders (alice, bob) over three articles, and a session on it, for the
review, agreement and merge window tests."""

from __future__ import annotations

import pytest

from tests.review_fixtures import TEXT, add_article, annotate

SECOND = "Police said two people were hurt. The mayor said the city is safe. Residents disagree."
THIRD = "Nothing to see here. Both coders agree on this one entirely."


@pytest.fixture
def two_coders(tmp_path):
    """Article 1: one agreement, A only, B only, boundaries differ, tag differs.
    Article 2: one disagreement. Article 3: full agreement."""
    from annotator.storage import Project

    project = Project.create(tmp_path / "two.annotator")
    first = add_article(project, TEXT, "Budget")
    second = add_article(project, SECOND, "Police")
    third = add_article(project, THIRD, "Calm")
    # Agreement: "The minister said" (Source attribution, 0-17).
    for coder in ("alice", "bob"):
        annotate(project, first, coder, "Source attribution", 0, 17)
    annotate(project, first, "alice", "Claim", 18, 53)  # A only: "the budget would rise by 4 percent."
    annotate(project, first, "bob", "Sensational language", 74, 82)  # B only: "shocking"
    annotate(project, first, "alice", "Source attribution", 93, 118)  # boundaries differ
    annotate(project, first, "bob", "Source attribution", 93, 111)
    annotate(project, first, "alice", "Claim", 120, 157)  # tag differs
    annotate(project, first, "bob", "Quote", 120, 157)
    annotate(project, second, "alice", "Claim", 0, 33)
    for coder in ("alice", "bob"):
        annotate(project, third, coder, "Claim", 0, 20)
    project.ids = [first, second, third]
    yield project
    project.close()


@pytest.fixture
def session(qtbot, two_coders):
    from annotator.ui.session import ProjectSession

    return ProjectSession(two_coders, annotator="rita")
