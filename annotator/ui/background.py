"""The one way the window runs work off the GUI thread: a :class:`BackgroundRunner` per window
starts :class:`Task`\\ s, each with progress, cancellation and its result back on the GUI thread
(in the spirit of Anki's ``CollectionOp`` and its task manager).

``work(project, progress, cancelled)`` is what actions take: ``progress(done, total[, label])``
reports, ``cancelled()`` is polled. SQLite connections belong to the thread that made them, so a
task given a project file opens a connection of its own in the worker (read-only when it only
reads) and closes it before it ends. A project with no file (in memory: tests and scripts)
cannot be shared that way, so its work runs at once on the calling thread, with the same
signals. Work with no project at all (``project=None``) gets ``work(None, progress, cancelled)``.

The runner keeps every task until it has ended, so a dialog may close while its task runs (the
task's result then goes nowhere: Qt drops a connection when its receiver is deleted). The
window calls :meth:`BackgroundRunner.shutdown` when it closes, which cancels and waits. Nothing
is kept in module-level lists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Work = Callable[[Any, Callable[..., None], Callable[[], bool]], Any]


class Access(Enum):
    WRITE = "write"  # the worker opens the project for writing (imports)
    READ = "read"  # read-only: never contends with the window's writes (exports, counts)


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, path, access: Access, work: Work, cancel: threading.Event):
        super().__init__()
        self.path, self.access, self.work, self.cancel = path, access, work, cancel

    def progress(self, done: int, total: int, label: object = "") -> None:
        self.progressed.emit(int(done), int(total), str(label))

    def run(self) -> None:
        from annotator.actions import projects

        try:
            if self.path is None:
                result = self.work(None, self.progress, self.cancel.is_set)
            else:
                opener = projects.open_read_only if self.access is Access.READ else projects.open_project
                with opener(self.path) as project:
                    result = self.work(project, self.progress, self.cancel.is_set)
        except Exception as error:  # reported to the user; a worker must never crash the app
            self.failed.emit(error)
            return
        self.succeeded.emit(result)


class Task(QObject):
    """One run of ``work``. Made by :meth:`BackgroundRunner.start`, which connects the
    callbacks before the work starts."""

    progressed = Signal(int, int, str)  # done, total, what is being done ("" if nothing to say)
    succeeded = Signal(object)  # what work returned
    failed = Signal(object)  # the exception work raised (Cancelled after a cancel)
    ended = Signal()  # after succeeded or failed, once the thread has stopped

    def __init__(self, work: Work, project, access: Access, parent: QObject):
        super().__init__(parent)
        self.work, self.project, self.access = work, project, access
        self._cancel = threading.Event()
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._running = False

    def running(self) -> bool:
        return self._running

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next check; ``failed`` then carries its ``Cancelled``."""
        self._cancel.set()

    def wait(self, ms: int = 30_000, *, cancel: bool = True) -> bool:
        """Cancel (unless ``cancel`` is false) and block until the thread has ended; False if it
        did not within ``ms``."""
        if self._thread is None:
            return True
        if cancel:
            self._cancel.set()
        self._thread.quit()  # the thread's event loop ends as soon as the work returns
        return self._thread.wait(ms)

    def _start(self) -> None:
        self._running = True
        path = None if self.project is None else self.project.location
        if self.project is not None and path is None:
            self._run_here()
            return
        self._thread = QThread(self)
        self._worker = _Worker(path, self.access, self.work, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        # Bound methods of this GUI-thread object, so the results arrive queued on the GUI thread.
        self._worker.succeeded.connect(self._worker_succeeded)
        self._worker.failed.connect(self._worker_failed)
        self._thread.start()

    def _run_here(self) -> None:
        def progress(done, total, label=""):
            self.progressed.emit(int(done), int(total), str(label))

        try:
            result = self.work(self.project, progress, self._cancel.is_set)
        except Exception as error:  # same contract as the worker thread
            self._end(self.failed, error)
        else:
            self._end(self.succeeded, result)

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
        self._running = False
        signal.emit(value)
        self.ended.emit()


class BackgroundRunner(QObject):
    """Starts tasks and keeps them until they end. One per window (dialogs are handed the
    window's); a dialog made on its own makes its own and shuts it down when it closes."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: list[Task] = []

    def start(
        self,
        work: Work,
        *,
        project=None,
        access: Access = Access.READ,
        progressed: Callable[[int, int, str], None] | None = None,
        succeeded: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        ended: Callable[[], None] | None = None,
    ) -> Task:
        """Run ``work(project, progress, cancelled)`` off the GUI thread; the callbacks are
        called on the GUI thread (at once, before this returns, for an in-memory project)."""
        task = Task(work, project, access, self)
        for signal, callback in ((task.progressed, progressed), (task.succeeded, succeeded),
                                 (task.failed, failed), (task.ended, ended)):
            if callback is not None:
                signal.connect(callback)
        task.ended.connect(self._forget_ended)  # a bound method: no cycle through a lambda
        self._tasks.append(task)
        task._start()
        return task

    def active(self) -> list[Task]:
        return [t for t in self._tasks if t.running()]

    def shutdown(self, ms: int = 30_000) -> None:
        """Cancel every task and wait for its thread (the window is closing)."""
        for task in list(self._tasks):
            task.wait(ms)

    def _forget_ended(self) -> None:
        for task in [t for t in self._tasks if not t.running()]:
            self._tasks.remove(task)
            task.deleteLater()
