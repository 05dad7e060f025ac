"""View > Team progress… shows each coder's progress after their files are merged back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.actions.assign import assign_corpus, plan_for_project
from annotator.actions.merge import apply_merge, plan_merge
from annotator.core.model import Status
from annotator.storage import Project
from annotator.ui.team_progress_dialog import TeamProgressDialog
from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401


def assigned_with_progress(project_path, tmp_path):
    out = tmp_path / "team"
    out.mkdir()
    with Project.open(project_path) as lead:
        plan = plan_for_project(lead, ["ana", "ben"], overlap=2, seed=8, stratify=None)
        files = assign_corpus(lead, plan, out).files
    with Project.open(files["ana"]) as ana:
        for article_id in ana.assignments.articles_of("ana")[:3]:
            ana.articles.set_status(article_id, Status.DONE)
    with Project.open(project_path) as lead:
        apply_merge(lead, plan_merge(lead, files["ana"]))
    return plan


def test_the_dialog_lists_each_coder(project_path, tmp_path, qtbot, qtmodeltester):
    plan = assigned_with_progress(project_path, tmp_path)
    with Project.open(project_path) as lead:
        dialog = TeamProgressDialog(lead)
        qtbot.addWidget(dialog)
        model = dialog.model
        qtmodeltester.check(model)
        rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())}
        assert rows["ana"][1:4] == [str(len(plan.articles_of("ana"))), "3", "0"]
        assert rows["ben"][2] == "0"
        assert "Reliability sample: " in dialog.summary.text() and "Seed 8" in dialog.summary.text()
        assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)


def test_without_an_assignment_the_dialog_says_what_to_do(project_path, qtbot):
    with Project.open(project_path) as lead:
        dialog = TeamProgressDialog(lead)
        qtbot.addWidget(dialog)
        assert dialog.model.rowCount() == 0 and "annotator assign" in dialog.summary.text()


def test_the_view_menu_opens_it(project_path, settings, prompts, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(TeamProgressDialog, "exec", lambda self: shown.append(self.model.rowCount()) or 0)
    window = open_window(project_path, settings, prompts, qtbot)
    window.actions.team_progress.trigger()
    assert shown == [0]
