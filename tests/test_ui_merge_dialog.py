"""File > Merge: the preview writes nothing, Merge writes in one go, errors are one line."""

from __future__ import annotations

import pytest

from annotator.core.review import REVIEWED  # noqa: F401 - the layer a merge must not confuse
from tests.review_fixtures import TEXT, add_article, annotate

EXTRA = "An article only the colleague has. It says the river is rising fast."


@pytest.fixture
def ours(tmp_path):
    from annotator.storage import Project

    project = Project.create(tmp_path / "ours.annotator")
    article = add_article(project, TEXT, "Budget")
    annotate(project, article, "alice", "Claim", 18, 53)
    yield project
    project.close()


@pytest.fixture
def theirs(tmp_path):
    """Their project: the same article coded by bob, one article we lack, a tag we lack."""
    from annotator.core.model import Tag
    from annotator.storage import Project

    path = tmp_path / "theirs.annotator"
    with Project.create(path) as project:
        article = add_article(project, TEXT, "Budget")
        annotate(project, article, "bob", "Claim", 18, 53)
        annotate(project, article, "bob", "Quote", 120, 157)
        extra = add_article(project, EXTRA, "River")
        project.codebook.add(Tag(name="Hedge", colour="#999999"))
        annotate(project, extra, "bob", "Hedge", 0, 10)
    return path


@pytest.fixture
def session(qtbot, ours):
    from annotator.ui.session import ProjectSession

    return ProjectSession(ours, annotator="alice")


def open_dialog(qtbot, session, path):
    from annotator.ui.merge_dialog import MergeDialog

    dialog = MergeDialog(session, path=path)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_shows_the_plan_and_writes_nothing(qtbot, session, theirs):
    before = session.project.annotations.count()
    dialog = open_dialog(qtbot, session, theirs)
    assert dialog.plan.annotations_to_add == 2
    assert "<b>2</b> annotations to add" in dialog.summary.text()
    assert "Hedge" in dialog.summary.text()
    assert not dialog.add_missing.isHidden()
    assert session.project.annotations.count() == before
    assert session.project.codebook.by_name("Hedge") is None


def test_merge_writes_their_annotations_under_their_name(qtbot, session, theirs):
    dialog = open_dialog(qtbot, session, theirs)
    assert dialog.apply()
    assert session.project.annotations.counts_by_annotator()["bob"] == 2
    assert dialog.report.backup is not None and dialog.report.backup.exists()


def test_missing_articles_are_added_only_when_ticked(qtbot, session, theirs):
    dialog = open_dialog(qtbot, session, theirs)
    dialog.add_missing.setChecked(True)
    dialog.apply()
    assert session.project.articles.count() == 2
    assert session.project.annotations.counts_by_annotator()["bob"] == 3


def test_merging_the_same_file_again_has_nothing_to_do(qtbot, session, theirs):
    open_dialog(qtbot, session, theirs).apply()
    again = open_dialog(qtbot, session, theirs)
    assert not again.merge_button.isEnabled()
    assert "Nothing to merge" in again.message.text()


def test_their_coder_with_our_name_must_be_renamed(qtbot, session, tmp_path):
    from annotator.storage import Project

    path = tmp_path / "clash.annotator"
    with Project.create(path) as project:
        annotate(project, add_article(project, TEXT, "Budget"), "alice", "Quote", 120, 157)
    dialog = open_dialog(qtbot, session, path)
    assert not dialog.merge_button.isEnabled()
    assert "alice" in dialog.rename_edits
    dialog.rename_edits["alice"].setText("alice (laptop)")
    dialog.preview()
    assert dialog.merge_button.isEnabled()
    dialog.apply()
    assert session.project.annotations.counts_by_annotator()["alice (laptop)"] == 1


def test_a_file_that_is_not_a_project_is_one_line_and_changes_nothing(qtbot, session, tmp_path):
    junk = tmp_path / "notes.annotator"
    junk.write_bytes(b"this is not a database")
    before = session.project.annotations.count()
    dialog = open_dialog(qtbot, session, junk)
    assert dialog.plan is None
    assert "\n" not in dialog.message.text() and dialog.message.text()
    assert not dialog.merge_button.isEnabled()
    assert session.project.annotations.count() == before


def test_a_missing_file_says_so(qtbot, session, tmp_path):
    dialog = open_dialog(qtbot, session, tmp_path / "nowhere.annotator")
    assert "no such file" in dialog.message.text()


def test_blind_coding_hides_the_newly_merged_coder(qtbot, session, theirs):
    session.set_hidden_annotators({"carol"})
    open_dialog(qtbot, session, theirs).apply()
    assert "bob" in session.hidden_annotators


@pytest.mark.parametrize(("format", "name"), [("jsonl", "theirs.jsonl"), ("qdpx", "theirs.qdpx")])
def test_their_export_merges_like_their_project(qtbot, session, theirs, tmp_path, format, name):
    from annotator.actions.export import export
    from annotator.storage import Project

    with Project.open(theirs) as project:
        export(project, format, tmp_path / name)
    dialog = open_dialog(qtbot, session, tmp_path / name)
    assert dialog.plan is not None and dialog.plan.annotations_to_add == 2
    assert dialog.apply()
    assert session.project.annotations.counts_by_annotator()["bob"] == 2
