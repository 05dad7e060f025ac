"""``annotator merge``: the plan, the clash message, dry runs, JSON, bad files."""

from __future__ import annotations

import json

from review_fixtures import file_bytes, two_projects

from annotator.cli.main import main
from annotator.storage import Project


def test_merge_prints_the_plan_and_merges(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path)
    assert main(["merge", str(ours), str(theirs)]) == 0
    out = capsys.readouterr().out
    assert "1 matched by content, 1 we lack" in out and "Only theirs" in out
    assert "to add: Frame" in out and "merged: 2 annotations added" in out
    assert "backup of the project before the merge" in out
    with Project.open(ours) as project:
        assert project.annotations.counts_by_annotator() == {"ann": 1, "ben": 2}


def test_dry_run_changes_nothing(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path)
    before = file_bytes(ours)
    assert main(["merge", str(ours), str(theirs), "--dry-run"]) == 0
    assert "dry run: nothing was changed" in capsys.readouterr().out
    assert file_bytes(ours) == before
    assert not list((tmp_path / "ours.backups").glob("ours-*-before-merge.annotator"))


def test_a_name_clash_exits_2_saying_how_to_pass_a_name(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path, their_name="ann")
    before = file_bytes(ours)
    assert main(["merge", str(ours), str(theirs)]) == 2
    err = capsys.readouterr().err
    assert "'ann' is already used" in err and "--as NAME" in err and len(err.strip().splitlines()) == 1
    assert file_bytes(ours) == before


def test_as_and_rename_resolve_a_clash(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path, their_name="ann")
    assert main(["merge", str(ours), str(theirs), "--as", "ann-2"]) == 0
    capsys.readouterr()
    with Project.open(ours) as project:
        assert project.annotations.counts_by_annotator() == {"ann": 1, "ann-2": 2}


def test_rename_must_be_old_equals_new(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path)
    assert main(["merge", str(ours), str(theirs), "--rename", "ben"]) == 2
    assert "OLD=NEW" in capsys.readouterr().err


def test_add_missing_articles_and_json(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path)
    assert main(["merge", str(ours), str(theirs), "--add-missing-articles", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"]["annotations_to_add"] == 2 and data["plan"]["annotations_on_missing_articles"] == 1
    assert data["result"]["articles_added"] == 1 and data["result"]["annotations_added"] == 3


def test_merging_again_says_there_is_nothing_to_merge(tmp_path, capsys):
    ours, theirs = two_projects(tmp_path)
    main(["merge", str(ours), str(theirs)])
    capsys.readouterr()
    assert main(["merge", str(ours), str(theirs)]) == 0
    assert "nothing to merge" in capsys.readouterr().out
    assert len(list((tmp_path / "ours.backups").glob("ours-*-before-merge.annotator"))) == 1


def test_a_corrupt_other_leaves_ours_untouched_and_says_why(tmp_path, capsys):
    ours, _ = two_projects(tmp_path)
    bad = tmp_path / "colleague.annotator"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    before = file_bytes(ours)
    assert main(["merge", str(ours), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "colleague.annotator" in err and "was not changed" in err and len(err.strip().splitlines()) == 1
    assert file_bytes(ours) == before


def test_an_unmergeable_file_is_named(tmp_path, capsys):
    ours, _ = two_projects(tmp_path)
    other = tmp_path / "notes.txt"
    other.write_text("just text")
    assert main(["merge", str(ours), str(other)]) == 2
    assert "neither an annotator project nor an export" in capsys.readouterr().err
