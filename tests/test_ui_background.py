"""One way to run background work: a runner per window, tasks with progress, cancel and their
result back on the GUI thread, kept by the runner (no module-level lists) until they end."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from annotator.core.formats.progress import Cancelled
from annotator.core.model import NewArticle
from annotator.ui.background import Access, BackgroundRunner

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"


@pytest.fixture
def runner(qtbot):
    runner = BackgroundRunner()
    yield runner
    runner.shutdown()


def count_articles(project, progress, cancelled):
    progress(1, 2, "counting")
    return project.articles.count(), threading.current_thread() is threading.main_thread()


def test_a_file_project_is_read_on_a_worker_with_its_own_connection(qtbot, runner, project_file):
    project_file.articles.add(NewArticle(text="One article."))
    project_file.db.conn.commit()
    seen = []
    with qtbot.waitSignal(runner.start(count_articles, project=project_file, progressed=lambda *a: seen.append(a),
                                       succeeded=seen.append).ended, timeout=10_000):
        pass
    assert seen == [(1, 2, "counting"), (1, False)]  # counted off the GUI thread
    assert runner.active() == []


def test_an_in_memory_project_runs_at_once_with_the_same_signals(qtbot, runner, project):
    seen = []
    task = runner.start(count_articles, project=project, progressed=lambda *a: seen.append(a), succeeded=seen.append)
    assert seen == [(1, 2, "counting"), (0, True)] and not task.running()


def test_cancel_reaches_the_work_and_comes_back_as_a_failure(qtbot, runner, project_file):
    started = threading.Event()

    def slow(project, progress, cancelled):
        started.set()
        while not cancelled():
            time.sleep(0.01)
        raise Cancelled()

    failures = []
    task = runner.start(slow, project=project_file, access=Access.WRITE, failed=failures.append)
    assert started.wait(10)
    with qtbot.waitSignal(task.ended, timeout=10_000):
        task.cancel()
    assert len(failures) == 1 and isinstance(failures[0], Cancelled)


def test_an_error_in_the_work_is_a_failure_not_a_crash(qtbot, runner, project_file):
    def broken(project, progress, cancelled):
        raise ValueError("no such column")

    failures = []
    with qtbot.waitSignal(runner.start(broken, project=project_file, failed=failures.append).ended, timeout=10_000):
        pass
    assert [str(e) for e in failures] == ["no such column"]


def test_a_receiver_deleted_mid_task_gets_nothing_and_nothing_crashes(qtbot, runner, project_file):
    from PySide6.QtWidgets import QLabel

    release = threading.Event()

    def wait_for_release(project, progress, cancelled):
        release.wait(10)
        return "late"

    label = QLabel()
    task = runner.start(wait_for_release, project=project_file, succeeded=label.setText)
    label.deleteLater()
    qtbot.wait(50)  # the label is gone
    with qtbot.waitSignal(task.ended, timeout=10_000):
        release.set()
    assert runner.active() == []


def test_shutdown_cancels_and_waits(qtbot, project_file):
    runner = BackgroundRunner()
    started = threading.Event()

    def until_cancelled(project, progress, cancelled):
        started.set()
        while not cancelled():
            time.sleep(0.01)

    runner.start(until_cancelled, project=project_file)
    assert started.wait(10)
    runner.shutdown(5_000)
    assert all(not t._thread or t._thread.isFinished() for t in runner._tasks)


def test_no_other_threads_or_module_level_task_lists_in_the_ui():
    """Three ways (ProjectTask, the import dialog's thread, QRunnables kept in module lists)
    became one: background.py is the only ui module that starts a thread."""
    offenders = []
    for path in (PACKAGE / "ui").glob("*.py"):
        if path.name == "background.py":
            continue
        source = path.read_text(encoding="utf-8")
        if any(word in source for word in ("QThread", "QRunnable", "QThreadPool", "threading.", "_RUNNING")):
            offenders.append(path.name)
    assert offenders == []
