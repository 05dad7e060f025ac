"""Editing speed in a crowded article, offscreen, with the tagging pane shown; autocode over a corpus.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_editing.py [--articles 10000]

A 200k-word article holding 20,000 annotations is open in the article view beside the tagging
pane (tag buttons with counts, the annotation list, the editor), as in the window. Each figure
is the median of several runs and includes the SQLite commit and a forced repaint of both
widgets. Wall time is what the user waits; CPU time (this process only) is shown too, since on
a shared machine other processes inflate wall time; the verdict uses CPU time.

The "bare" rows are baselines measured in the same run: one INSERT and COMMIT on the same file
(what any write costs here), each operation alone through ``annotator.actions.editing`` with
no Qt, and repainting the two widgets with nothing changed (part of every windowed figure). The ratio column relates each windowed figure to its bare operation.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_article_view import add_article, medians  # noqa: E402
from synth import article_text  # noqa: E402
from timing import print_table  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.actions import autocode, editing  # noqa: E402
from annotator.core.model import NewArticle  # noqa: E402
from annotator.storage import Project  # noqa: E402
from annotator.ui.article_view import ArticleView  # noqa: E402
from annotator.ui.session import ProjectSession  # noqa: E402
from annotator.ui.tagging_pane import TaggingPane  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size for autocode")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rng = random.Random(11)
    folder = Path(tempfile.mkdtemp())
    project = Project.create(folder / "bench.annotator")
    large = add_article(project, rng, 200_000, 20_000)
    small = add_article(project, rng, 1_000, 50)

    session = ProjectSession(project, "bench")
    view = ArticleView(session)
    view.resize(1000, 900)
    view.show()
    pane = TaggingPane(session, view)
    pane.resize(420, 900)
    pane.show()
    app.processEvents()
    rows: list[tuple] = []

    def paint() -> None:
        view.edit.viewport().repaint()
        pane.repaint()

    def record(label, seconds, target_ms=None, bare=None):
        wall, cpu = seconds[0] * 1000, seconds[1] * 1000
        ratio = f"{cpu / (bare[1] * 1000):.1f}×" if bare else ""
        verdict = "" if target_ms is None else ("ok" if cpu <= target_ms else "SLOW")
        rows.append((label, f"{wall:.1f}", f"{cpu:.2f}", ratio, f"≤ {target_ms}" if target_ms else "", verdict))

    # -- bare baselines -------------------------------------------------------------------
    project.db.execute("CREATE TABLE IF NOT EXISTS bench_bare (x)")

    def bare_write():
        with project.db.atomic():
            project.db.execute("INSERT INTO bench_bare VALUES (1)")

    bare_commit = medians(bare_write, runs=21)
    record("bare: one INSERT + COMMIT on this file", bare_commit)
    text = project.articles.text(large)
    tag_ids = [t.id for t in project.codebook.active()]
    starts = iter(rng.sample(range(1000, len(text) - 100), 200))
    added: list[str] = []

    def bare_add():
        start = next(starts)
        added.append(editing.add_annotation(project, large, tag_ids[0], start, start + 20, "bench", text=text).added[0].id)

    bare_tag = medians(bare_add, runs=15)
    record("bare: add one annotation (operation, no Qt)", bare_tag)
    bare_nudge = medians(lambda: editing.move_boundary(project, added[-1], "end", 1, text=text), runs=15)
    record("bare: nudge its end one word (operation, no Qt)", bare_nudge)
    history_changes = [editing.move_boundary(project, added[-1], "end", 1, text=text) for _ in range(15)]
    undo_iter = iter(reversed(history_changes))
    bare_undo = medians(lambda: editing.revert(project, next(undo_iter), {large: text}), runs=15)
    record("bare: undo one nudge (operation, no Qt)", bare_undo)

    # -- in the window's widgets ----------------------------------------------------------
    def open_large():
        session.open_article(large)
        paint()

    open_large()
    record("bare: repaint the article and the pane (no edit)", medians(paint, runs=15))
    record("open the 200k-word, 20k-annotation article", medians(open_large, runs=7, setup=lambda: session.open_article(small)), 60)
    open_large()
    positions = iter(rng.sample(range(1000, len(text) - 100), 60))
    pending = {}

    def prepare_tag():
        start = next(positions)
        view.scroll_to(start)
        view.select_range(start, start + 25)
        paint()
        pending["fn"] = lambda: (view.tag_selection(tag_ids[1]), paint())

    record("apply one tag (tag key → highlight, list, counts)", medians(lambda: pending["fn"](), runs=15, setup=prepare_tag), 8, bare_tag)
    record("nudge the selected annotation's end one word", medians(lambda: (session.nudge("end", 1), paint()), runs=15), 8, bare_nudge)
    record("nudge by one character", medians(lambda: (session.nudge("end", 1, "character"), paint()), runs=15), 8, bare_nudge)
    record("undo (a nudge)", medians(lambda: (session.undo(), paint()), runs=15), 8, bare_undo)
    record("undo (a tag)", medians(lambda: (session.undo(), paint()), runs=9), 8, bare_undo)

    # -- autocode over a corpus -----------------------------------------------------------
    corpus = Project.create(folder / "corpus.annotator")
    corpus.articles.add_many(
        NewArticle(text=f"{i} " + article_text(rng, 250) + " according to officials, it said.", title=str(i))
        for i in range(args.articles)
    )
    tag = corpus.codebook.by_name("Source attribution")
    search = autocode.Search(phrase="according to officials")

    def run_autocode():
        plan = autocode.preview(corpus, tag.id, "bench", search)
        change = autocode.apply_plan(corpus, plan)
        return change

    started, cpu = time.perf_counter(), time.process_time()
    change = run_autocode()
    seconds = (time.perf_counter() - started, time.process_time() - cpu)
    record(f"autocode a phrase over {args.articles:,} articles ({len(change.added):,} tags)", seconds, 5000)
    started, cpu = time.perf_counter(), time.process_time()
    editing.revert(corpus, change)
    record("  and undo it", (time.perf_counter() - started, time.process_time() - cpu), 5000)
    print_table(rows, ("case", "wall ms", "CPU ms", "vs bare", "target ms", ""))
    corpus.close()
    project.close()


if __name__ == "__main__":
    main()
