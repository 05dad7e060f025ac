"""Run a long action on a project in a worker thread, with progress and cancellation.

SQLite connections belong to the thread that made them, so the worker opens its own
:class:`~annotator.storage.Project` on the same file and closes it before it ends. A project
with no file (in memory, in tests and scripts) cannot be shared that way: its work runs at once
in the calling thread, with the same signals.

``work(project, progress, cancelled)`` gets ``progress(done, total)`` to report and
``cancelled()`` to poll, the callbacks the actions take. The result or the exception comes back
on the GUI thread through :attr:`ProjectTask.succeeded` / :attr:`ProjectTask.failed`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Work = Callable[[Any, Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, path, work: Work, cancel: threading.Event):
        super().__init__()
        self.path, self.work, self.cancel = path, work, cancel

    def run(self) -> None:
        from annotator.storage import Project

        try:
            with Project.open(self.path) as project:
                result = self.work(project, self.progressed.emit, self.cancel.is_set)
        except Exception as error:  # reported to the user; a worker must never crash the app
            self.failed.emit(error)
            return
        self.succeeded.emit(result)


class ProjectTask(QObject):
    """One run of ``work`` on ``project``'s file. Start it once; connect the signals first."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # what work returned
    failed = Signal(object)  # the exception work raised
    ended = Signal()  # after succeeded or failed, once the thread has stopped

    def __init__(self, project, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self.project, self.work = project, work
        self._cancel = threading.Event()
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    def running(self) -> bool:
        return self._thread is not None

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        if self.project.path is None:
            self._run_here()
            return
        self._thread = QThread(self)
        self._worker = _Worker(self.project.path, self.work, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        # Bound methods of this GUI-thread object, so the results arrive queued on the GUI thread.
        self._worker.succeeded.connect(self._worker_succeeded)
        self._worker.failed.connect(self._worker_failed)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check; ``failed`` then carries its ``Cancelled``."""
        self._cancel.set()

    def wait(self, ms: int = 30_000) -> None:
        """Cancel and block until the thread has ended (for closing a window mid-task)."""
        if self._thread is not None:
            self._cancel.set()
            self._thread.quit()
            self._thread.wait(ms)

    def _run_here(self) -> None:
        try:
            result = self.work(self.project, self.progressed.emit, self._cancel.is_set)
        except Exception as error:  # same contract as the worker thread
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        self.ended.emit()

    def _worker_succeeded(self, result) -> None:
        self._end(self.succeeded, result)

    def _worker_failed(self, error) -> None:
        self._end(self.failed, error)

    def _end(self, signal, value) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
            worker.deleteLater()
        signal.emit(value)
        self.ended.emit()
