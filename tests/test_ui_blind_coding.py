"""Blind coding is the project's setting, not the user's (issue 13): showing other coders in one
project never carries over to another or to a fresh demo; revealing asks first; the owner can
mark a project not blind; the corpus list counts only the coder's own work while blind; and the
status bar and the View menu say the same thing."""

from __future__ import annotations

from annotator.actions import blind
from annotator.actions.merge import apply_merge, plan_merge
from annotator.storage import Project
from annotator.ui.blind_coding import OFF_TEXT, ON_TEXT
from tests.corpus_fixtures import add_articles
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401 - fixtures


def coded_by_others(path, coders=("Other", "Third")):
    """A project of 5 articles: the first coded by Tester once and by each of ``coders`` twice."""
    with Project.create(path) as project:
        ids = add_articles(project, 5)
        tag = project.codebook.active()[0]
        project.annotations.create(ids[0], tag.id, 0, 4, "Tester")
        for coder in coders:
            project.annotations.create(ids[0], tag.id, 5, 12, coder)
            project.annotations.create(ids[1], tag.id, 0, 4, coder)
    return path, ids


def coders_seen(window) -> set[str]:
    return {a.annotator for a in window.session.annotations()}


def corpus_cells(window, row: int) -> tuple:
    model = window.corpus_model
    return model.index(row, 4).data(), model.index(row, 5).data()


def test_new_demo_and_merged_projects_are_blind(tmp_path):
    from annotator.actions.sample_project import build_sample_project

    with Project.create(tmp_path / "new.annotator") as project:
        assert blind.is_blind(project)
    with build_sample_project(tmp_path / "demo.annotator") as demo:
        assert blind.is_blind(demo)
    ours, _ = coded_by_others(tmp_path / "ours.annotator", coders=())
    theirs, _ = coded_by_others(tmp_path / "theirs.annotator", coders=("Bea",))
    with Project.open(theirs) as project:
        blind.set_blind(project, False)  # their copy was opened up; ours must not follow
    with Project.open(ours) as project:
        plan = plan_merge(project, theirs, rename={"Tester": "Tess"})
        apply_merge(project, plan)
        assert blind.is_blind(project)


def test_showing_others_in_one_project_leaves_the_next_project_blind(tmp_path, settings, prompts, qtbot):
    first, ids = coded_by_others(tmp_path / "first.annotator")
    second, _ = coded_by_others(tmp_path / "second.annotator")
    window = open_window(first, settings, prompts, qtbot)
    window.session.open_article(ids[0])
    assert coders_seen(window) == {"Tester"}
    window.actions.hide_others.trigger()
    assert coders_seen(window) == {"Tester", "Other", "Third"}
    window.close()

    other = open_window(second, settings, prompts, qtbot)
    other.session.open_article(ids[0])
    assert coders_seen(other) == {"Tester"}
    assert other.actions.hide_others.isChecked()
    other.close()
    # And the project where they were shown is blind again when reopened.
    again = open_window(first, settings, prompts, qtbot)
    again.session.open_article(ids[0])
    assert coders_seen(again) == {"Tester"}


def test_a_fresh_demo_is_blind_after_others_were_shown_elsewhere(tmp_path, settings, prompts, qtbot):
    from annotator.ui.app import launch

    path, _ = coded_by_others(tmp_path / "first.annotator")
    window = open_window(path, settings, prompts, qtbot)
    window.actions.hide_others.trigger()
    assert not window.blind.on
    window.close()
    controller = launch(None, demo=True, annotator="Tester", settings=settings, prompts=prompts)
    demo = controller.windows[0]
    qtbot.addWidget(demo)
    assert demo.blind.on and demo.actions.hide_others.isChecked()
    assert demo.session.hidden_annotators  # the sample's two coders are out of sight
    assert not demo.session.annotations()
    demo.close()
    controller.cleanup()


def test_revealing_others_asks_first_and_no_keeps_them_hidden(tmp_path, settings, prompts, qtbot):
    path, ids = coded_by_others(tmp_path / "study.annotator")
    window = open_window(path, settings, prompts, qtbot)
    window.session.open_article(ids[0])
    prompts.confirm_answer = False
    window.actions.hide_others.trigger()
    assert len(prompts.questions) == 1
    title, question = prompts.questions[0]
    assert "Other, Third" in question
    assert coders_seen(window) == {"Tester"}
    assert window.actions.hide_others.isChecked()  # the tick went back
    assert window.review_mode.indicator.text() == ON_TEXT
    prompts.confirm_answer = True
    window.review_mode.indicator.click()  # the status bar asks the same question
    assert len(prompts.questions) == 2
    assert coders_seen(window) == {"Tester", "Other", "Third"}
    window.actions.hide_others.trigger()  # hiding again never asks
    assert len(prompts.questions) == 2
    assert coders_seen(window) == {"Tester"}


def test_the_owner_can_mark_the_project_not_blind(tmp_path, settings, prompts, qtbot):
    path, ids = coded_by_others(tmp_path / "study.annotator")
    window = open_window(path, settings, prompts, qtbot)
    assert window.actions.project_blind.isChecked()
    prompts.confirm_answer = False
    window.actions.project_blind.trigger()
    assert window.actions.project_blind.isChecked() and window.blind.on
    prompts.confirm_answer = True
    window.actions.project_blind.trigger()
    assert not window.actions.project_blind.isChecked() and not window.blind.on
    window.close()
    with Project.open(path) as project:
        assert not blind.is_blind(project)

    asked = len(prompts.questions)
    again = open_window(path, settings, prompts, qtbot)
    again.session.open_article(ids[0])
    assert coders_seen(again) == {"Tester", "Other", "Third"}
    assert again.review_mode.indicator.text() == OFF_TEXT
    again.actions.hide_others.trigger()  # a coder may still hide others, and show them unasked
    again.actions.hide_others.trigger()
    assert len(prompts.questions) == asked
    assert coders_seen(again) == {"Tester", "Other", "Third"}


def test_corpus_tags_and_by_show_only_the_coders_own_while_blind(tmp_path, settings, prompts, qtbot):
    path, _ = coded_by_others(tmp_path / "study.annotator")
    window = open_window(path, settings, prompts, qtbot)
    assert corpus_cells(window, 0) == (1, "Tester")
    assert corpus_cells(window, 1) == ("", "")
    window.actions.hide_others.trigger()
    assert corpus_cells(window, 0) == (3, "Other, Tester, Third")
    assert corpus_cells(window, 1) == (2, "Other, Third")
    window.actions.hide_others.trigger()
    assert corpus_cells(window, 1) == ("", "")


def test_status_bar_and_view_menu_say_the_same_in_a_one_coder_project(tmp_path, settings, prompts, qtbot):
    path, _ = coded_by_others(tmp_path / "alone.annotator", coders=())
    window = open_window(path, settings, prompts, qtbot)
    indicator, menu_item = window.review_mode.indicator, window.actions.hide_others
    assert indicator.text() == ON_TEXT  # it said "Showing all coders" with nobody else to hide
    assert menu_item.isChecked() and menu_item.text().replace("&", "").startswith("Blind coding")
    window.actions.hide_others.trigger()
    assert indicator.text() == OFF_TEXT and not menu_item.isChecked()


def test_a_colleague_with_only_memos_is_hidden_and_their_memos_stay_out_of_the_export(tmp_path, settings, prompts, qtbot):
    """Regression: blind coding hid only coders with annotations, so under blind coding the
    Export dialog saw nobody to hide and exported everyone's memos (articles CSV, JSONL, .qdpx)."""
    from annotator.actions import memos
    from annotator.actions.export import export
    from annotator.ui.export_filters import ExportFilters

    path, ids = coded_by_others(tmp_path / "memos.annotator", coders=())
    with Project.open(path) as project:
        memos.set_memo(project, ids[0], "Bea", "Bea's private reading of the article.")
        memos.set_memo(project, ids[0], "Tester", "Mine.")
    window = open_window(path, settings, prompts, qtbot)
    assert window.session.hidden_annotators == {"Bea"}
    options = ExportFilters(window.session).options()
    assert options["annotators"] == ["Tester"]
    export(window.session.project, "jsonl", tmp_path / "out.jsonl", **options)
    text = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert "Mine." in text and "Bea" not in text
