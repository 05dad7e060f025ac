"""annotations.csv carries the reviewer's comment on the reviewed layer's rows (issue 13): the
comment of the decision that wrote each reviewed annotation; coders' rows leave it blank."""

from __future__ import annotations

import csv

import pytest

from annotator.actions import review
from annotator.actions.export import export
from annotator.core.review import REVIEWED
from annotator.storage import Project
from tests.review_fixtures import TEXT, add_article, annotate


def rows_of(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def reviewed(tmp_path):
    """Two coders over one article, three differences settled: two with comments (one of them a
    formula-like comment over two lines), one without."""
    project = Project.create(tmp_path / "study.annotator")
    article = add_article(project, TEXT)
    for coder in ("alice", "bob"):
        annotate(project, article, coder, "Source attribution", 0, 17)  # agreement
    annotate(project, article, "alice", "Claim", 18, 53)  # A only
    annotate(project, article, "bob", "Sensational language", 74, 82)  # B only
    annotate(project, article, "alice", "Source attribution", 93, 118)  # boundaries differ
    annotate(project, article, "bob", "Source attribution", 93, 111)
    found = {d.kind.value + ":" + (d.a.tag_id if d.a else d.b.tag_id): d
             for d in review.differences(project, article, "alice", "bob") if d.is_disagreement}
    by_start = sorted(found.values(), key=lambda d: d.start)
    claim, shocking, bounds = by_start
    review.decide(project, claim, "accept_a", "rita", comment="A is right: a claim, not a fact")
    review.decide(project, shocking, "accept_b", "rita")
    review.decide(project, bounds, "accept_a", "rita", comment="=longer span\nincludes 'According to'")
    yield project, (claim, shocking, bounds)
    project.close()


def test_reviewed_rows_carry_the_decisions_comment(reviewed, tmp_path):
    project, (claim, shocking, bounds) = reviewed
    out = tmp_path / "annotations.csv"
    export(project, "csv", out, formula_guard=False)
    rows = rows_of(out)
    mine = {(r["annotator"], int(r["start"])): r["review_comment"] for r in rows}
    assert mine[(REVIEWED, 18)] == "A is right: a claim, not a fact"
    assert mine[(REVIEWED, 74)] == ""  # decided without a comment
    assert mine[(REVIEWED, 93)] == "=longer span\nincludes 'According to'"
    assert all(r["review_comment"] == "" for r in rows if r["annotator"] != REVIEWED)
    assert len([r for r in rows if r["annotator"] == REVIEWED]) == 3


def test_review_comment_is_guarded_like_every_text_cell(reviewed, tmp_path):
    project, _ = reviewed
    out = tmp_path / "annotations.csv"
    export(project, "csv", out)
    comments = {int(r["start"]): r["review_comment"] for r in rows_of(out) if r["annotator"] == REVIEWED}
    assert comments[93] == "'=longer span\nincludes 'According to'"


def test_a_changed_decision_exports_its_new_comment(reviewed, tmp_path):
    project, (claim, _, _) = reviewed
    review.decide(project, claim, "reject", "rita", comment="on second thought: not a claim")
    review.decide(project, claim, "accept_a", "rita", comment="it is a claim after all")
    out = tmp_path / "annotations.csv"
    export(project, "csv", out)
    comments = [r["review_comment"] for r in rows_of(out) if r["annotator"] == REVIEWED and r["start"] == "18"]
    assert comments == ["it is a claim after all"]
