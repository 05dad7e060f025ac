"""File-mode team work: assign, each coder codes their own file, merge back, see progress."""

from __future__ import annotations

import json

import pytest

from annotator.actions.assign import assign_corpus, plan_for_project
from annotator.actions.merge import apply_merge, plan_merge
from annotator.actions.progress import team_progress
from annotator.cli.main import main
from annotator.core.model import NewArticle, Status
from annotator.storage import Project, ProjectError

OUTLETS = ("Daily Ledger", "The Courier", "Metro Herald")


def lead_project(tmp_path, n: int = 30) -> Project:
    project = Project.create(tmp_path / "study.annotator")
    project.articles.add_many(
        NewArticle(text=f"Fictional story number {i}. The mayor said the bridge would open soon.",
                   title=f"Story {i}", outlet=OUTLETS[i % 3], published=f"2026-0{1 + i % 3}-01")
        for i in range(n)
    )
    return project


def code_some(path, coder: str, done: int, tag_name: str = "Quote") -> list[str]:
    """Open a coder's file, tag the first word of ``done`` articles and mark them done."""
    with Project.open(path) as theirs:
        tag = theirs.codebook.by_name(tag_name)
        ids = theirs.assignments.articles_of(coder)
        for article_id in ids[:done]:
            if theirs.articles.get(article_id).status is not Status.DONE:
                theirs.annotations.create(article_id, tag.id, 0, 9, coder)
                theirs.articles.set_status(article_id, Status.DONE)
        return ids[:done]


def test_assign_writes_one_file_per_coder_with_their_articles_and_the_codebook(tmp_path):
    with lead_project(tmp_path) as lead:
        plan = plan_for_project(lead, ["ana", "ben", "cem"], overlap=6, seed=11, stratify=None)
        result = assign_corpus(lead, plan, tmp_path)
        lead_tags = [t.name for t in lead.codebook.tags()]
        for coder, path in result.files.items():
            with Project.open(path) as theirs:
                assert sorted(theirs.articles.ids()) == sorted(plan.articles_of(coder))
                assert [t.name for t in theirs.codebook.tags()] == lead_tags
                assert theirs.annotations.count() == 0
                assert theirs.assignments.coders() == [coder]  # not told who else codes the sample
            assert not path.with_name(path.name + "-wal").exists()  # whole at rest
        assert lead.assignments.coders_of() == {a: sorted(cs) for a, cs in plan.coders_of.items()}


def test_existing_coder_files_are_never_overwritten_and_nothing_is_recorded(tmp_path):
    with lead_project(tmp_path) as lead:
        (tmp_path / "study-ben.annotator").write_bytes(b"ben's weeks of work")
        plan = plan_for_project(lead, ["ana", "ben"], overlap=2, seed=1, stratify=None)
        with pytest.raises(ProjectError, match="already exists"):
            assign_corpus(lead, plan, tmp_path)
        assert (tmp_path / "study-ben.annotator").read_bytes() == b"ben's weeks of work"
        assert not (tmp_path / "study-ana.annotator").exists()
        assert not lead.assignments.is_assigned()


def test_merging_coders_files_brings_their_work_and_progress(tmp_path):
    with lead_project(tmp_path) as lead:
        plan = plan_for_project(lead, ["ana", "ben"], overlap=4, seed=5, stratify=None)
        files = assign_corpus(lead, plan, tmp_path).files
        ana_done = code_some(files["ana"], "ana", 5)
        apply_merge(lead, plan_merge(lead, files["ana"]))
        progress = team_progress(lead)
        rows = {c.coder: c for c in progress.coders}
        assert rows["ana"].done == 5 and rows["ben"].done == 0
        assert rows["ana"].assigned == len(plan.articles_of("ana"))
        assert lead.annotations.counts_by_annotator().get("ana") == 5
        assert not progress.overlap_complete

        # Everyone finishes everything: the reliability sample is complete.
        code_some(files["ana"], "ana", 999)
        code_some(files["ben"], "ben", 999)
        for path in files.values():
            apply_merge(lead, plan_merge(lead, path))
        progress = team_progress(lead)
        assert progress.articles_done == progress.articles == 30
        assert progress.overlap == progress.overlap_done == 4 and progress.overlap_complete
        assert set(ana_done) <= set(plan.articles_of("ana"))


def test_a_coder_file_with_only_status_changes_still_merges_its_progress(tmp_path):
    with lead_project(tmp_path, n=6) as lead:
        plan = plan_for_project(lead, ["ana", "ben"], overlap=0, seed=2, stratify=None)
        files = assign_corpus(lead, plan, tmp_path).files
        with Project.open(files["ben"]) as theirs:
            first = theirs.assignments.articles_of("ben")[0]
            theirs.articles.set_status(first, Status.IN_PROGRESS)
        merge_plan = plan_merge(lead, files["ben"])
        assert merge_plan.changes_anything() and len(merge_plan.progress) == 1
        apply_merge(lead, merge_plan)
        assert {c.coder: c.in_progress for c in team_progress(lead).coders}["ben"] == 1
        assert not plan_merge(lead, files["ben"]).changes_anything()  # merging again: nothing new


def test_cli_assign_and_progress(tmp_path, capsys):
    lead_project(tmp_path, n=20).close()
    out = tmp_path / "out"
    out.mkdir()
    project = str(tmp_path / "study.annotator")
    assert main(["assign", project, "--coders", "ana,ben,cem", "--overlap", "15%", "--seed", "4",
                 "--stratify", "outlet", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "reliability sample: 3 articles, seed 4, stratified by outlet" in text
    assert sorted(p.name for p in out.iterdir()) == ["study-ana.annotator", "study-ben.annotator", "study-cem.annotator"]
    assert main(["progress", project, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["seed"] == "4" and data["overlap"] == 3 and not data["overlap_complete"]
    assert sum(c["assigned"] for c in data["coders"]) == 23
    assert main(["progress", project]) == 0
    assert "reliability sample 0/3 (not complete); seed 4" in capsys.readouterr().out


def test_cli_dry_run_writes_nothing(tmp_path, capsys):
    lead_project(tmp_path, n=10).close()
    project = str(tmp_path / "study.annotator")
    assert main(["assign", project, "--coders", "ana,ben", "--overlap", "2", "--seed", "1",
                 "--out", str(tmp_path), "--dry-run"]) == 0
    assert "would assign 10 articles" in capsys.readouterr().out
    assert not (tmp_path / "study-ana.annotator").exists()
    with Project.open(tmp_path / "study.annotator") as lead:
        assert not lead.assignments.is_assigned()


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--coders", "ana", "--overlap", "20%"], "needs 2 coders"),
        (["--coders", "ana,ben", "--overlap", "lots"], "give a share"),
        (["--coders", "ana,ben", "--out", "/nonexistent/folder"], "does not exist"),
    ],
)
def test_cli_bad_options_are_one_line_errors(tmp_path, capsys, extra, message):
    lead_project(tmp_path, n=10).close()
    assert main(["assign", str(tmp_path / "study.annotator"), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_by_hand_csv(tmp_path, capsys):
    with lead_project(tmp_path, n=8) as lead:
        first = sorted(lead.articles.ids())[0]
    (tmp_path / "hand.csv").write_text(f"article_id,coder\n{first},ben\n", encoding="utf-8")
    assert main(["assign", str(tmp_path / "study.annotator"), "--coders", "ana,ben", "--seed", "3",
                 "--by-hand", str(tmp_path / "hand.csv")]) == 0
    with Project.open(tmp_path / "study.annotator") as lead:
        assert lead.assignments.coders_of()[first] == ["ben"]


def test_progress_without_an_assignment_says_what_to_do(tmp_path, capsys):
    lead_project(tmp_path, n=3).close()
    assert main(["progress", str(tmp_path / "study.annotator")]) == 0
    assert "annotator assign" in capsys.readouterr().out
