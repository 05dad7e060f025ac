"""The window keeps the project one whole file: a checkpoint when idle, File > Save a copy…,
File > Restore from backup…, a backup on opening."""

from __future__ import annotations

import shutil
import sqlite3

from annotator.storage import Project
from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401


def _edit(window, n: int) -> None:
    project = window.session.project
    for i in range(n):
        project.set_meta(f"edit-{i}", "x" * 200)


def _meta_count(path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)  # the file alone
    try:
        return conn.execute("SELECT count(*) FROM project WHERE key LIKE 'edit-%'").fetchone()[0]
    finally:
        conn.close()


def test_the_window_checkpoints_when_idle_so_a_plain_copy_is_whole(project_path, settings, prompts, qtbot, tmp_path):
    window = open_window(project_path, settings, prompts, qtbot)
    window.session.project.db.execute("PRAGMA wal_autocheckpoint = 0")
    _edit(window, 300)
    assert _meta_count(project_path) < 300  # still in the -wal
    qtbot.waitUntil(lambda: _meta_count(project_path) == 300, timeout=6000)
    shutil.copyfile(project_path, tmp_path / "mailed.annotator")
    assert _meta_count(tmp_path / "mailed.annotator") == 300


def test_a_backup_is_taken_on_opening(project_path, settings, prompts, qtbot):
    window = open_window(project_path, settings, prompts, qtbot)
    window.safekeeping.opening_backup.wait(10_000)
    backups = list((project_path.parent / "study.backups").glob("study-*-open.annotator"))
    assert len(backups) == 1
    window.close()
    again = open_window(project_path, settings, prompts, qtbot)  # within the hour: no second one
    again.safekeeping.opening_backup.wait(10_000)
    assert len(list((project_path.parent / "study.backups").glob("study-*-open.annotator"))) == 1


def test_save_a_copy_writes_one_whole_file_while_open(project_path, settings, prompts, qtbot, tmp_path):
    window = open_window(project_path, settings, prompts, qtbot)
    window.session.project.db.execute("PRAGMA wal_autocheckpoint = 0")
    window.safekeeping.timer.stop()
    _edit(window, 50)
    target = tmp_path / "copy.annotator"
    window.safekeeping.ask_copy_path = lambda: str(target)
    window.actions.save_copy.trigger()
    assert _meta_count(target) == 50 and prompts.errors == []
    assert not (tmp_path / "copy.annotator-wal").exists()
    assert "Saved a copy" in window.statusBar().currentMessage()
    window.safekeeping.ask_copy_path = lambda: str(project_path)  # never over the project itself
    window.actions.save_copy.trigger()
    assert prompts.errors and "the project itself" in prompts.errors[-1][1]


def test_restore_from_backup_replaces_the_project_and_keeps_the_current_file(project_path, settings, prompts, qtbot):
    from annotator.actions.safekeeping import backup_now

    with Project.open(project_path) as project:
        before = project.articles.count()
        backup_now(project)
        project.set_meta("after-backup", "1")
    window = open_window(project_path, settings, prompts, qtbot)
    window.safekeeping.opening_backup.wait(10_000)
    chosen = []
    window.safekeeping.ask_backup = lambda backups: chosen.append(backups) or next(b for b in backups if b.reason == "manual")
    prompts.confirm = lambda parent, title, question: "never deleted" in question
    controller = window.controller
    window.actions.restore.trigger()
    assert chosen and all(b.articles == before for b in chosen[0])
    new_window = controller.windows[-1]
    qtbot.addWidget(new_window)
    assert new_window is not window and prompts.errors == []
    assert new_window.session.project.meta("after-backup") is None
    kept = list((project_path.parent / "study.backups").glob("study-*-replaced.annotator"))
    assert len(kept) == 1
    with Project.open(kept[0]) as replaced:
        assert replaced.meta("after-backup") == "1"
    assert "kept at" in new_window.statusBar().currentMessage()
