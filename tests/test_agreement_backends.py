"""Agreement read from a study on the server gives the same figures as from a project file.

The same coding — three articles, two coders who agree, disagree, overlap and miss each other,
one article only one of them touched — is stored on each backend (the ``project`` fixture: a
file, and a study on the throwaway server) and measured; the server's figures must equal those
of a project file holding the same rows.
"""

from __future__ import annotations

import pytest

from annotator.actions import agreement
from annotator.core.model import NewArticle
from annotator.storage import Project
from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (fixtures)

TEXTS = [
    "Fictional: the minister said the plan would work, and critics said it would not, twice over.",
    "Fictional: caf\u00e9 owners cheered \U0001F600 as the bridge reopened, according to officials.",
    "Fictional: only one coder read this one about the harbour and its cranes.",
]


def _code(project) -> list[str]:
    ids = project.articles.add_many(NewArticle(text=t, title=f"Story {i}") for i, t in enumerate(TEXTS)).added
    tags = {t.name: t.id for t in project.codebook.tags()}
    spans = [
        (0, "ana", "Claim", 11, 49), (0, "ben", "Claim", 15, 49), (0, "ana", "Quote", 55, 80),
        (0, "ben", "Claim", 55, 80), (1, "ana", "Quote", 11, 37), (1, "ben", "Quote", 11, 37),
        (1, "ben", "Source attribution", 55, 79), (2, "ana", "Claim", 0, 20),
    ]
    for index, coder, tag, start, end in spans:
        project.annotations.create(ids[index], tags[tag], start, end, coder)
    return ids


def test_agreement_on_the_server_equals_the_file(project):
    _code(project)
    with Project.in_memory() as reference:
        _code(reference)
        expected = agreement.measure(reference, ["ana", "ben"], per_article=True).to_json()
    measured = agreement.measure(project, ["ana", "ben"], per_article=True)
    assert measured.to_json() == expected
    claim = measured.pair("ana", "ben")
    assert claim is not None


def test_an_unknown_coder_is_one_line_on_both(project):
    _code(project)
    with pytest.raises(ValueError, match="no annotations by cem; annotators in this project: ana, ben"):
        agreement.measure(project, ["ana", "cem"])
