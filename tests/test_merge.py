"""Merging a colleague's annotations: plan, one transaction after a backup, idempotent."""

from __future__ import annotations

import sqlite3

import pytest
from review_fixtures import annotate, file_bytes, two_projects

from annotator.actions.merge import MergeError, apply_merge, plan_merge
from annotator.storage import Project


@pytest.fixture
def pair(tmp_path):
    return two_projects(tmp_path)


def test_the_plan_matches_articles_by_content_and_tags_by_name_ignoring_case(pair):
    ours, theirs = pair
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
    assert plan.source == "project"
    assert plan.articles_matched == 1
    assert [(m.title, m.annotations) for m in plan.articles_missing] == [("Only theirs", 1)]
    assert sorted(plan.tags_matched) == ["Claim", "Quote"]
    assert plan.tags_to_add == ["Frame"]
    [ben] = plan.annotators
    assert (ben.name, ben.arrives_as, ben.to_add, ben.on_missing_articles, ben.clash) == ("ben", "ben", 2, 1, False)


def test_planning_writes_nothing(pair):
    ours, theirs = pair
    before = file_bytes(ours)
    with Project.open(ours) as project:
        plan_merge(project, theirs)
        assert project.annotations.count() == 1
    assert file_bytes(ours) == before


def test_apply_adds_their_annotations_under_their_name_with_our_tags(pair):
    ours, theirs = pair
    with Project.open(ours) as project:
        report = apply_merge(project, plan_merge(project, theirs))
        assert report.annotations_added == 2 and report.tags_added == ["Frame"]
        [claim] = [a for a in project.annotations.iter_all(annotators=["ben"]) if a.start == 4]
        assert claim.tag_id == project.codebook.by_name("Claim").id


def test_merging_twice_changes_nothing(pair):
    ours, theirs = pair
    with Project.open(ours) as project:
        apply_merge(project, plan_merge(project, theirs))
    before = file_bytes(ours)
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
        assert plan.annotations_to_add == 0 and plan.annotations_already_present == 2
        report = apply_merge(project, plan)
        assert report.annotations_added == 0 and report.backup is None
        assert project.annotations.count() == 3
    assert file_bytes(ours) == before


def test_a_backup_is_made_in_the_backups_folder_before_writing(pair):
    ours, theirs = pair
    with Project.open(ours) as project:
        report = apply_merge(project, plan_merge(project, theirs))
    assert report.backup.parent == ours.parent / "ours.backups"
    assert report.backup.name.startswith("ours-") and report.backup.name.endswith("-before-merge.annotator")
    with Project.open(report.backup) as backup:
        assert backup.annotations.count() == 1  # the state before the merge


def test_articles_we_lack_are_added_only_when_asked(pair):
    ours, theirs = pair
    with Project.open(ours) as project:
        report = apply_merge(project, plan_merge(project, theirs), add_missing_articles=True)
        assert report.articles_added == 1
        assert project.articles.count() == 2
        assert project.annotations.count() == 4


def test_a_name_clash_requires_a_rename(tmp_path):
    ours, theirs = two_projects(tmp_path, their_name="ann")
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
        assert plan.clashes == ["ann"]
        with pytest.raises(MergeError, match="already used"):
            apply_merge(project, plan)
        assert project.annotations.count() == 1
        renamed = plan_merge(project, theirs, rename={"ann": "ben"})
        assert renamed.clashes == []
        apply_merge(project, renamed)
        assert project.annotations.counts_by_annotator() == {"ann": 1, "ben": 2}


def test_as_names_their_only_annotator(tmp_path):
    ours, theirs = two_projects(tmp_path, their_name="ann")
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs, as_name="ann (colleague)")
        assert plan.renames == {"ann": "ann (colleague)"} and plan.clashes == []


def test_renaming_a_name_to_itself_confirms_the_same_coder(tmp_path):
    ours, theirs = two_projects(tmp_path, their_name="ann")
    with Project.open(ours) as project:
        assert plan_merge(project, theirs, rename={"ann": "ann"}).clashes == []


def test_an_unknown_rename_is_refused(pair):
    ours, theirs = pair
    with Project.open(ours) as project, pytest.raises(MergeError, match="no annotator 'zed'"):
        plan_merge(project, theirs, rename={"zed": "x"})


def test_a_colleague_merged_before_is_not_a_clash_when_they_send_more(pair):
    ours, theirs = pair
    with Project.open(ours) as project:
        apply_merge(project, plan_merge(project, theirs))
    with Project.open(theirs) as colleague:
        [article] = [a.id for a in colleague.articles.iter_all() if a.title == "Budget"]
        annotate(colleague, article, "ben", "quote", 120, 130)
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
        assert plan.clashes == [] and plan.annotations_to_add == 1


def _damaged_copy(source, target):
    data = bytearray(source.read_bytes())
    data[200:6000] = b"\xff" * 5800  # the header survives; the pages do not
    target.write_bytes(bytes(data))
    return target


def _text_file(target):
    target.write_text("not a project")
    return target


def _foreign(target):
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    return target


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged", "missing", "folder"])
def test_a_bad_other_file_leaves_our_project_byte_identical_and_says_why(pair, tmp_path, kind):
    ours, theirs = pair
    other = {
        "text": lambda: _text_file(tmp_path / "notes.annotator"),
        "foreign": lambda: _foreign(tmp_path / "recipes.db"),
        "damaged": lambda: _damaged_copy(theirs, tmp_path / "damaged.annotator"),
        "missing": lambda: tmp_path / "nowhere.annotator",
        "folder": lambda: tmp_path,
    }[kind]()
    before = file_bytes(ours)
    with Project.open(ours) as project:
        with pytest.raises(MergeError) as error:
            plan_merge(project, other)
    assert "\n" not in str(error.value) and str(other.name) in str(error.value)
    assert file_bytes(ours) == before
    assert not list((tmp_path / "ours.backups").glob("ours-*-before-merge.annotator"))


def test_merging_the_project_into_itself_is_refused(pair):
    ours, _ = pair
    with Project.open(ours) as project, pytest.raises(MergeError, match="this project itself"):
        plan_merge(project, ours)


@pytest.mark.parametrize("format", ["jsonl", "qdpx"])
def test_an_export_merges_like_a_project(pair, tmp_path, format):
    export = pytest.importorskip("annotator.actions.export")
    ours, theirs = pair
    path = tmp_path / f"theirs.{format}"
    with Project.open(theirs) as colleague:
        export.export(colleague, format, path)
    with Project.open(ours) as project:
        plan = plan_merge(project, path)
        assert plan.source != "project"
        assert plan.articles_matched == 1 and len(plan.articles_missing) == 1
        apply_merge(project, plan)
        assert project.annotations.counts_by_annotator().get("ben") == 2
        again = plan_merge(project, path)
        assert again.annotations_to_add == 0


def test_annotations_keep_their_ids_so_the_review_sees_them(pair):
    ours, theirs = pair
    with Project.open(theirs) as colleague:
        their_ids = {a.id for a in colleague.annotations.iter_all()}
    with Project.open(ours) as project:
        apply_merge(project, plan_merge(project, theirs), add_missing_articles=True)
        assert their_ids <= {a.id for a in project.annotations.iter_all()}


def test_links_between_their_annotations_survive_and_dangling_ones_are_dropped(pair):
    ours, theirs = pair
    with Project.open(theirs) as colleague:
        budget = next(a.id for a in colleague.articles.iter_all() if a.title == "Budget")
        only_theirs = next(a.id for a in colleague.articles.iter_all() if a.title == "Only theirs")
        target = annotate(colleague, budget, "ben", "quote", 120, 130)
        linked = annotate(colleague, budget, "ben", "claim", 131, 140, linked_id=target.id)
        elsewhere = colleague.annotations.for_article(only_theirs)[0]
        dangling = annotate(colleague, budget, "ben", "claim", 141, 150, linked_id=elsewhere.id)
    with Project.open(ours) as project:
        apply_merge(project, plan_merge(project, theirs))  # the article "Only theirs" stays out
        assert project.annotations.get(linked.id).linked_id == target.id
        assert project.annotations.get(dangling.id).linked_id is None


def test_a_project_from_a_newer_annotator_is_refused(pair):
    ours, theirs = pair
    conn = sqlite3.connect(theirs)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '0099_future', '')")
    conn.commit()
    conn.close()
    with Project.open(ours) as project, pytest.raises(MergeError, match="newer version"):
        plan_merge(project, theirs)


def test_no_backup_no_merge(pair, tmp_path, monkeypatch):
    import annotator.storage.backups as backups
    from annotator.storage import ProjectError

    ours, theirs = pair
    monkeypatch.setattr(backups, "backups_folder", lambda path: tmp_path / "no-such-folder" / "backups")
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs)
        with pytest.raises(ProjectError, match="cannot write the backup"):
            apply_merge(project, plan)
        assert project.annotations.count() == 1
