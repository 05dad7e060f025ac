"""Reading import files in the background while the importer stores what came before.

Two helpers of :func:`annotator.actions.import_files.import_paths`: a thread that parses a big
batch file (JSONL, CSV) a chunk ahead, and a pool of worker processes that extracts saved web
pages (CPU-bound) a few files ahead. Both stop promptly when the import is cancelled, and a
pool whose workers die hands the rest of the pages back to this process.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from annotator.core.importing import Failure, is_html, read_file_list
from annotator.core.model import NewArticle

# Below this many pages, starting worker processes costs more than it saves.
MIN_PAGES_FOR_POOL = 16


def read_ahead(items: Iterator[NewArticle | Failure], chunk: int = 100) -> Iterator[NewArticle | Failure]:
    """``items``, parsed in a background thread while this one stores the previous batch.

    SQLite releases the GIL while it inserts and indexes, so on two cores reading a big batch
    file (JSON parsing, normalising) overlaps with storing it.
    """
    chunks: queue.Queue = queue.Queue(maxsize=4)
    stop = threading.Event()

    def produce() -> None:
        try:
            buffer = []
            for item in items:
                buffer.append(item)
                if len(buffer) >= chunk:
                    if not _put(chunks, buffer, stop):
                        return
                    buffer = []
            _put(chunks, buffer, stop)
            _put(chunks, None, stop)
        except BaseException as error:  # handed to the consumer, which re-raises it
            _put(chunks, error, stop)

    thread = threading.Thread(target=produce, name="annotator-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            got = chunks.get()
            if got is None:
                return
            if isinstance(got, BaseException):
                raise got
            yield from got
    finally:
        stop.set()  # the consumer stopped early (cancelled, or an error): let the reader end
        thread.join()


def _put(chunks: queue.Queue, value, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            chunks.put(value, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def worker_context():
    """How to start page workers. Never a plain fork: forking a process that runs Qt or holds
    SQLite handles is unsafe. A fork server (Linux, macOS) imports trafilatura once and forks
    workers from that clean process; elsewhere each worker is spawned afresh."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["annotator.core.importing", "annotator.core.importing.html_page", "trafilatura"])
        return context
    return multiprocessing.get_context("spawn")


class PagePool:
    """Extracts saved web pages in worker processes, a few files ahead of the importer."""

    def __init__(self, found: list, workers: int | None):
        self.pages = [e[0] for e in found if not isinstance(e, Failure) and e[1] is None and is_html(e[0])]
        cores = os.cpu_count() or 1
        self.workers = max(1, min(workers or cores, cores, len(self.pages)))
        self.executor: ProcessPoolExecutor | None = None
        self.pending: deque[tuple[Path, Future]] = deque()
        self.queue: Iterator[Path] = iter(self.pages)

    def __enter__(self) -> "PagePool":
        if len(self.pages) >= MIN_PAGES_FOR_POOL and self.workers > 1:
            self.executor = ProcessPoolExecutor(self.workers, mp_context=worker_context())
            self._top_up()
        return self

    def __exit__(self, *exc) -> None:
        self._stop_pool()

    def results(self, path: Path) -> list[NewArticle | Failure]:
        """The page's articles or failure; computed here when there is no pool."""
        if self.executor is None:
            return read_file_list(path)
        submitted, future = self.pending.popleft()
        assert submitted == path, "pages are taken in the order they were found"
        try:
            result = future.result()
        except BrokenProcessPool:
            # The workers could not start or died: finish the import here, slower but whole.
            self._stop_pool()
            return read_file_list(path)
        except Exception as error:  # an error the worker could not turn into a Failure
            result = [Failure(path, f"could not be read ({type(error).__name__})")]
        self._top_up()
        return result

    def _top_up(self) -> None:
        # Keep every worker busy with one page in hand and one queued, no more: cancelling
        # then waits for at most a couple of pages.
        while self.executor is not None and len(self.pending) < 2 * self.workers:
            path = next(self.queue, None)
            if path is None:
                return
            try:
                self.pending.append((path, self.executor.submit(read_file_list, path)))
            except (BrokenProcessPool, RuntimeError):
                self._stop_pool()
                return

    def _stop_pool(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
            self.pending.clear()
