"""The window over a large corpus, and start-up time. Run offscreen:

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window.py [--articles 100000]

Each measurement runs in a fresh subprocess (so imports, caches and peak memory are that of a
real start), several times; the table shows medians.

- corpus window: with the code already imported, open a project of N articles and show the
  window on its first article to do, then browse (scroll the list through 5 more pages, sort by title, search the full text);
- start to usable window: from process start to the window shown on the sample project with
  its event loop running, and the part of it spent importing Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

RUNS = 5


def build_corpus(path: Path, n: int) -> None:
    from synth import records

    from annotator.core.model import NewArticle
    from annotator.storage import Project

    with Project.create(path) as project:
        project.articles.add_many(
            NewArticle(text=r["text"], title=r["title"], outlet=r["outlet"], published=r["published"])
            for r in records(n, words=300)
        )


def child_corpus(project: str, ini: str) -> None:
    """Open the window on ``project``, browse, print timings and peak memory as JSON."""
    start = time.perf_counter()
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    import annotator.ui.main_window  # noqa: F401  (imports are timed apart: see the start-up table)
    import annotator.ui.session  # noqa: F401
    from annotator.ui.app import launch
    from annotator.ui.settings import Settings
    from timing import peak_rss_mb

    app = QApplication([])
    imported = time.perf_counter()
    controller = launch(project, annotator="bench", settings=Settings(QSettings(ini, QSettings.Format.IniFormat)))
    window = controller.windows[0]
    app.processEvents()
    shown = time.perf_counter()
    table = window.corpus_panel.table
    bar = table.verticalScrollBar()
    for _ in range(5):  # scroll to the bottom of what is loaded: the view fetches the next page
        bar.setValue(bar.maximum())
        app.processEvents()
    scrolled = time.perf_counter()
    loaded = window.corpus_model.rowCount()
    window.corpus_panel.search.setText("flood emergency")
    window.corpus_panel.apply_filter()
    app.processEvents()
    searched = time.perf_counter()
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    app.processEvents()
    sorted_ = time.perf_counter()
    print(json.dumps({
        "imports": imported - start,
        "shown": shown - imported,
        "scroll": scrolled - shown,
        "rows": loaded,
        "search": searched - scrolled,
        "sort": sorted_ - searched,
        "rss": peak_rss_mb(),
    }))
    window.quit_app()


def child_start(project: str, ini: str, t0: float) -> None:
    """From process start (``t0``, wall clock in the parent) to a usable window."""
    before_qt = time.time()
    from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401  (timed: Qt's own import)

    after_qt = time.time()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import application, launch
    from annotator.ui.settings import Settings

    app = application()
    controller = launch(project, annotator="bench", settings=Settings(QSettings(ini, QSettings.Format.IniFormat)))

    def usable() -> None:
        print(json.dumps({"total": time.time() - t0, "qt_import": after_qt - before_qt,
                          "interpreter": before_qt - t0}))
        controller.windows[0].quit_app()
        QApplication.quit()

    QTimer.singleShot(0, usable)
    app.exec()


def run_child(*args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    from timing import print_table

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "corpus":
            child_corpus(*rest)
        else:
            child_start(rest[0], rest[1], float(rest[2]))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ini = str(tmp / "settings.ini")
        rows = []
        for n in (100, args.articles):
            path = tmp / f"corpus{n}.annotator"
            t = time.perf_counter()
            build_corpus(path, n)
            print(f"(built a corpus of {n:,} articles in {time.perf_counter() - t:.0f} s)", flush=True)
            runs = [run_child("corpus", str(path), ini) for _ in range(RUNS)]
            rows.append((
                f"{n:,} articles",
                f"{median(runs, 'shown') * 1000:.0f} ms",
                f"{median(runs, 'scroll') * 1000:.0f} ms ({runs[0]['rows']:,} rows)",
                f"{median(runs, 'search') * 1000:.0f} ms",
                f"{median(runs, 'sort') * 1000:.0f} ms",
                f"{median(runs, 'rss'):.0f} MB",
            ))
            os.remove(ini) if os.path.exists(ini) else None
        print(f"\nCorpus window (medians of {RUNS} fresh processes; window shown = open project, "
              "build and show the window on its first article)")
        print_table(rows, ("corpus", "window shown", "scroll 5 pages", "full-text search",
                           "then sort by title", "peak memory"))

        from annotator.actions.sample_project import build_sample_project

        sample = tmp / "sample.annotator"
        build_sample_project(sample).close()
        starts = [run_child("start", str(sample), ini, repr(time.time())) for _ in range(RUNS)]
        total, qt = median(starts, "total"), median(starts, "qt_import")
        print(f"\nProcess start to a usable window on the sample project (medians of {RUNS})")
        print_table(
            [
                ("start to usable window", f"{total * 1000:.0f} ms", "100%"),
                ("  of which Qt's own import", f"{qt * 1000:.0f} ms", f"{qt / total:.0%}"),
                ("  of which Python start-up", f"{median(starts, 'interpreter') * 1000:.0f} ms",
                 f"{median(starts, 'interpreter') / total:.0%}"),
            ],
            ("measure", "time", "share"),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
