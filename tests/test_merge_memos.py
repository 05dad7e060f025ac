"""Merging a colleague's project brings their article memos (issue 13), under the name they
arrive as, on our articles (matched by content), and on articles we add; merging again
changes nothing, and one of our own coders' names needs a rename as for annotations."""

from __future__ import annotations

from review_fixtures import two_projects

from annotator.actions import memos
from annotator.actions.merge import apply_merge, plan_merge
from annotator.storage import Project

MEMO = "Ben: framing is economic.\nSecond quote doubtful."


def add_their_memos(theirs, name="ben"):
    with Project.open(theirs) as project:
        shared, only_theirs = project.articles.ids()
        memos.set_memo(project, shared, name, MEMO)
        memos.set_memo(project, only_theirs, name, "On the article we lack.")
        return shared, only_theirs


def test_their_memos_arrive_on_our_articles_and_on_articles_we_add(tmp_path):
    ours, theirs = two_projects(tmp_path)
    shared, only_theirs = add_their_memos(theirs)
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
        assert plan.to_json()["article_memos"] == {"memos_to_add": 1, "memos_already_present": 0,
                                                   "memos_on_missing_articles": 1}
        report = apply_merge(project, plan, add_missing_articles=True)
        assert report.memos_added == 2
        assert memos.memo_text(project, shared, "ben") == MEMO  # content ids: the same article
        assert memos.memo_text(project, only_theirs, "ben") == "On the article we lack."
    with Project.open(ours) as project:  # again: nothing new
        plan = plan_merge(project, theirs)
        assert plan.memos.to_write == [] and plan.memos.already_present == 2
        assert not plan.changes_anything(add_missing_articles=True)


def test_memos_alone_make_a_merge_and_a_memo_by_one_of_our_coders_needs_a_rename(tmp_path):
    ours, theirs = two_projects(tmp_path, their_name="ann")  # "ann" codes here too
    with Project.open(theirs) as project:
        for annotation in list(project.annotations.iter_all()):
            project.annotations.delete_many([annotation.id])  # their file holds only a memo
        memos.set_memo(project, project.articles.ids()[0], "ann", MEMO)
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
        assert plan.clashes == ["ann"]
        plan = plan_merge(project, theirs, rename={"ann": "ann (laptop)"})
        assert plan.changes_anything()
        apply_merge(project, plan)
        assert memos.memo_text(project, project.articles.ids()[0], "ann (laptop)") == MEMO
        assert memos.memo_text(project, project.articles.ids()[0], "ann") == ""
