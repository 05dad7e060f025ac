"""Review mode and the Agreement dialog at corpus scale (what the window does on the GUI thread).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_review_window.py [articles] [annotations]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_agreement import add_coders, build_articles  # noqa: E402
from timing import median_seconds, peak_rss_mb, print_table  # noqa: E402

from annotator.storage import Project  # noqa: E402


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from annotator.actions import review as review_actions
    from annotator.ui.agreement_dialog import AgreementDialog
    from annotator.ui.review_panel import ReviewPanel
    from annotator.ui.session import ProjectSession

    app = QApplication.instance() or QApplication([])
    n_articles = int(argv[0]) if argv else 10_000
    n_annotations = int(argv[1]) if len(argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ours.annotator"
        build_articles(path, n_articles)
        add_coders(path, ["alice", "bob"], n_annotations // 2, seed=1)
        rows = []
        with Project.open(path) as project:
            session = ProjectSession(project, annotator="rita")
            ids = project.articles.ids()
            def agreement() -> None:
                from PySide6.QtCore import QEventLoop

                dialog = AgreementDialog(project, session, annotators=["alice", "bob"])
                loop = QEventLoop()
                dialog.reportReady.connect(lambda _report: loop.quit())
                dialog.compute()
                loop.exec()  # idle while the worker computes, as the window does
                dialog.grab()  # tables and both charts painted

            started = time.perf_counter()
            agreement()
            rows.append(("agreement dialog: load, compute, show, paint", f"{time.perf_counter() - started:.2f}"))
            rows.append(("review progress, whole corpus (worker thread, not waited for)",
                         f"{median_seconds(lambda: review_actions.review_progress(project, 'alice', 'bob'), runs=1):.2f}"))
            started = time.perf_counter()
            panel = ReviewPanel(session)
            panel.set_pair("alice", "bob")
            rows.append(("enter review mode (panel, pair, first article)", f"{time.perf_counter() - started:.3f}"))
            session.open_article(ids[0])
            article = iter(ids[1:])
            rows.append(("open one article in review mode (diff + list + view)",
                         f"{median_seconds(lambda: session.open_article(next(article)), runs=20):.3f}"))
            rows.append(("corpus list: progress pie for one row (first look)",
                         f"{median_seconds(lambda: panel.tracker.decorate(next(article), 1), runs=20):.4f}"))
            rows.append(("F8 to the next article with disagreements",
                         f"{median_seconds(lambda: panel.step(1), runs=20):.3f}"))

        print(f"{n_articles:,} articles, {n_annotations:,} annotations (two coders)")
        print_table(rows, ("operation", "median s"))
        print(f"peak memory {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
