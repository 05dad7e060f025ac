"""annotations.csv written by two processes at once: this one and a worker.

At a million rows the export is CPU-bound in code that holds the GIL (SQLite rows becoming
Python objects, then ``csv.writer``), so a second thread cannot help (measured), but a second
process can. The rows are split by article (``export_queries.annotation_split_rowids``) into two
runs of about equal size. The worker opens the project read-only and writes the second run to a
part file beside the destination while this process writes the header and the first run; the
part file is then appended. Both runs are the export's own query with an article rowid range,
so the file has exactly the bytes one process would write.

The worker is started by 'forkserver' (or 'spawn' where there is none), never by a plain fork:
the window runs Qt threads, and a forked child inherits their locks in whatever state they were.
No Qt here.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from annotator.actions.export_job import ExportError
from annotator.core.formats import csv_export
from annotator.core.formats.csv_export import AnnotationCsvPlan
from annotator.core.formats.progress import Ticker
from annotator.storage import Project, export_queries

# Below this many rows a second process saves less than it costs to start (about 0.3 s).
MIN_ROWS = 200_000
POLL_SECONDS = 0.1  # how often a waiting export reports progress and looks for a cancel
COPY_BUFFER = 1 << 20


def wanted(project: Project, rows: int) -> bool:
    """Whether ``rows`` rows of ``project`` are worth writing in two processes: at least
    :data:`MIN_ROWS` of them, from a project file (a worker cannot open an in-memory database),
    with a second core to run on, and not from a daemon process (which may not start one)."""
    return (
        project.path is not None
        and rows >= max(MIN_ROWS, 1)
        and _cores() > 1
        and not multiprocessing.current_process().daemon
    )


def write_annotations(
    project: Project, plan: AnnotationCsvPlan, where: dict, handle: TextIO, destination: Path, ticker: Ticker
) -> int:
    """Write annotations.csv to ``handle`` as ``csv_export.write_annotations`` would write the
    rows of ``export_queries.annotation_csv_chunks(project.db, plan, **where)``, with a worker
    process writing the second half. Returns the number of rows; ``ticker`` counts them all.

    The worker's part file is a temporary file in ``destination``'s folder, gone when this
    returns or raises. Raises :class:`ExportError` (one line) when the worker fails, and
    ``Cancelled`` as ``ticker`` says (the worker is ended first).
    """
    cuts = export_queries.annotation_split_rowids(project.db, 2, **where)
    if not cuts:
        return _write_run(project.db, plan, where, None, handle, ticker, header=True)
    with _Worker(project.path, plan, where, (cuts[0], None), destination) as worker:

        def progress(done: int, total: int) -> None:
            if ticker.progress is not None:
                ticker.progress(done + worker.rows_written(), total)

        def stop() -> bool:
            worker.raise_if_failed()  # a worker that failed early stops this half too
            return ticker.cancelled is not None and ticker.cancelled()

        own = Ticker(progress, stop, ticker.total, ticker.every)
        rows = _write_run(project.db, plan, where, (None, cuts[0]), handle, own, header=True)
        rows += worker.wait(own.check)
        handle.flush()
        worker.append_to(handle.buffer)
    ticker.tick(rows)
    return rows


def _write_run(db, plan, where, rowid_range, handle, ticker, *, header: bool) -> int:
    chunks = export_queries.annotation_csv_chunks(db, plan, rowid_range=rowid_range, **where)
    try:
        return csv_export.write_annotations(chunks, plan, handle, ticker=ticker, header=header)
    finally:
        chunks.close()  # ends the query at once on a cancel or an error


class _Worker:
    """The worker process writing one run of rows to a part file beside the destination. When
    the block ends, however it ends, the process is ended and the part file removed."""

    def __init__(self, project_path, plan, where, rowid_range, destination: Path):
        self._args = (str(project_path), plan, where, rowid_range)
        self._destination = destination
        self._outcome: tuple | None = None  # ("done", rows), ("error", why) or ("died", None)

    def __enter__(self) -> "_Worker":
        context = _context()
        folder = self._destination.parent
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self._destination.name}.", suffix=".part", dir=folder)
        except OSError as error:
            raise ExportError(f"cannot write in {folder} ({error.strerror})") from error
        os.close(fd)
        self.part = Path(name)
        self._written = context.RawValue("q", 0)  # the worker's rows so far, for progress
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_write_part, args=(*self._args, name, self._written, sender),
            name="annotator-csv-export", daemon=True,
        )
        try:
            self._process.start()
        except BaseException as error:
            self._close()
            raise ExportError(f"cannot start a second export process ({_one_line(error)})") from error
        finally:
            sender.close()  # the worker holds its own end: its exit shows here as end of file
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def rows_written(self) -> int:
        return self._written.value

    def raise_if_failed(self) -> None:
        """Raise :class:`ExportError` if the worker has reported an error or died."""
        if self._outcome is None and self._results.poll():
            self._receive()
        if self._outcome is None or self._outcome[0] == "done":
            return
        if self._outcome[0] == "error":
            raise ExportError(f"the second export process failed: {self._outcome[1]}")
        self._process.join(1)
        raise ExportError(f"the second export process stopped unexpectedly (exit code {self._process.exitcode})")

    def wait(self, check: Callable[[], None]) -> int:
        """The worker's row count once it is done; ``check()`` every :data:`POLL_SECONDS` until
        then (to report progress and raise on a cancel)."""
        while self._outcome is None:
            if self._results.poll(POLL_SECONDS):
                self._receive()
            else:
                check()
        self.raise_if_failed()
        return self._outcome[1]  # the worker closed the part file before it said so

    def append_to(self, binary) -> None:
        """Copy the part file's bytes to the end of ``binary`` (the rows are UTF-8, as the
        destination's; a BOM, if any, is at the start of the destination only)."""
        with self.part.open("rb") as part:
            shutil.copyfileobj(part, binary, COPY_BUFFER)

    def _receive(self) -> None:
        try:
            self._outcome = self._results.recv()
        except EOFError:  # the worker ended without a word: killed, or crashed in C
            self._outcome = ("died", None)

    def _close(self) -> None:
        process = getattr(self, "_process", None)
        try:
            if process is not None and process.pid is not None:
                if process.is_alive():
                    process.terminate()
                    process.join(5)
                if process.is_alive():
                    process.kill()
                process.join()
        finally:
            if hasattr(self, "_results"):
                self._results.close()
            self.part.unlink(missing_ok=True)


def _write_part(project_path, plan, where, rowid_range, part_path, written, results) -> None:
    """The worker: write the rows of ``rowid_range`` (no header) as UTF-8 to ``part_path``, then
    send ``("done", rows)`` or ``("error", why in one line)`` on ``results``."""
    # Ctrl+C in a terminal reaches the whole process group: the export that started this worker
    # ends it, so it need not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:

        def progress(done: int, total: int) -> None:
            written.value = done

        ticker = Ticker(progress, None, 0, every=export_queries.CHUNK_ROWS)
        with Project.open_read_only(project_path) as project:
            with open(part_path, "w", encoding="utf-8", newline="") as handle:
                rows = _write_run(project.db, plan, where, rowid_range, handle, ticker, header=False)
        results.send(("done", rows))
    except Exception as error:
        results.send(("error", _one_line(error)))
    finally:
        results.close()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
