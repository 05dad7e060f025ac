"""Article view speed, offscreen: open, highlight, tag, switch, and one enormous paragraph.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_article_view.py

Each figure is the median of several runs and includes the SQLite commit where one happens and
a forced repaint of the viewport (so layout of what is on screen is paid for). Wall time is
what the user waits; CPU time (this process only) is shown too, because on a shared machine
other processes inflate wall time. The verdict uses CPU time.

"Opened (lazy)" is what a reader waits for: the text shown with the paragraphs on screen
highlighted (the rest is highlighted while idle). The last rows add a covering index on
(article_id, start, end, tag_id, annotator, id), proposed as a migration, which turns reading an
article's 20,000 annotation rows from one table lookup per row into one index scan.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import article_text, spans  # noqa: E402
from timing import print_table  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import Annotation, NewArticle  # noqa: E402
from annotator.storage import Project  # noqa: E402
from annotator.ui.article_view import ArticleView  # noqa: E402
from annotator.ui.session import ProjectSession  # noqa: E402
from annotator.ui.tagging_pane import TaggingPane  # noqa: E402


COVERING_INDEX = (
    'CREATE INDEX IF NOT EXISTS annotations_spans ON annotations(article_id, start, "end", tag_id, annotator, id)'
)


def add_article(project: Project, rng: random.Random, words: int, n_spans: int, paragraph_words: int = 80) -> str:
    text = f"{rng.random()}\n\n" + article_text(rng, words, paragraph_words)
    article_id = project.articles.add(NewArticle(text=text, title=f"{words:,} words"))
    tags = [t.id for t in project.codebook.active()]
    project.annotations.add_many(
        Annotation(article_id=article_id, tag_id=rng.choice(tags), start=s, end=e, text=text[s:e], annotator="bench")
        for s, e in spans(rng, len(text), n_spans)
    )
    return article_id


def medians(fn, runs: int = 5, setup=None) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn()`` (``setup()`` untimed before each run)."""
    walls, cpus = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp())
    project = Project.create(folder / "bench.annotator")
    medium = add_article(project, rng, 10_000, 2_000)
    large = add_article(project, rng, 200_000, 20_000)
    small_a = add_article(project, rng, 1_000, 50)
    small_b = add_article(project, rng, 1_000, 50)
    giant = add_article(project, rng, 50_000, 1_000, paragraph_words=10**9)

    session = ProjectSession(project, "bench")
    view = ArticleView(session)
    view.resize(1200, 900)
    view.show()
    app.processEvents()
    rows = []

    def open_fully(article_id):
        session.open_article(article_id)
        view.finish_highlighting()
        view.edit.viewport().repaint()

    def open_lazily(article_id):
        session.open_article(article_id)
        view.edit.viewport().repaint()

    def record(label, seconds, target_ms):
        wall, cpu = seconds[0] * 1000, seconds[1] * 1000
        rows.append((label, f"{wall:.1f}", f"{cpu:.1f}", f"< {target_ms}", "ok" if cpu < target_ms else "SLOW"))

    record("10k words, 2k annotations, fully highlighted", medians(lambda: open_fully(medium)), 50)
    # Opening comes from another (ordinary) article, untimed; "over itself" also pays for
    # discarding the same large article, fully highlighted, just before.
    from_small = lambda: open_lazily(small_a)  # noqa: E731
    record(
        "200k words, 20k annotations, opened (lazy)",
        medians(lambda: open_lazily(large), runs=7, setup=from_small),
        100,
    )
    open_fully(large)
    record("  re-opened over itself", medians(lambda: open_lazily(large)), 100)
    record(
        "  of which: reading its 20k annotation rows",
        medians(lambda: project.annotations.spans_for_article(large)),
        100,
    )
    record("200k words, 20k annotations, fully highlighted", medians(lambda: open_fully(large), runs=3), 1000)

    open_lazily(large)
    text = session.article.text
    positions = iter(rng.sample(range(1000, len(text) - 100), 40))

    def tag_one(article_id=large):
        start = next(positions)
        view.scroll_to(start)
        view.select_range(start, start + 25)
        view.edit.viewport().repaint()
        tag = session.tags()[0].id
        return lambda: (view.tag_selection(tag), view.edit.viewport().repaint())

    pending = {}
    record(
        "200k words: apply one tag (highlight + commit)",
        medians(lambda: pending["fn"](), runs=15, setup=lambda: pending.update(fn=tag_one())),
        16,
    )

    toggle = iter([small_a, small_b] * 50)
    record("switch between two 1k-word articles", medians(lambda: open_lazily(next(toggle)), runs=11), 30)

    pane = TaggingPane(session, view)
    pane.resize(450, 900)
    pane.show()
    toggle = iter([small_a, small_b] * 50)
    record(
        "  the same, with the tagging pane beside it",
        medians(lambda: (open_lazily(next(toggle)), pane.repaint()), runs=11),
        30,
    )
    open_lazily(large)
    text = session.article.text
    positions = iter(rng.sample(range(1000, len(text) - 100), 40))
    record(
        "200k words: apply one tag, with the tagging pane",
        medians(lambda: (pending["fn"](), pane.repaint()), runs=15, setup=lambda: pending.update(fn=tag_one())),
        16,
    )
    pane.hide()

    record("50k-word single paragraph: open", medians(lambda: open_lazily(giant)), 100)
    open_lazily(giant)
    bar = view.edit.verticalScrollBar()
    targets = iter(rng.sample(range(bar.maximum()), 20))
    record(
        "50k-word single paragraph: scroll",
        medians(lambda: (bar.setValue(next(targets)), view.edit.viewport().repaint()), runs=9),
        100,
    )
    text = session.article.text
    positions = iter(rng.sample(range(1000, len(text) - 100), 40))
    record(
        "50k-word single paragraph: apply one tag",
        medians(lambda: pending["fn"](), runs=9, setup=lambda: pending.update(fn=tag_one())),
        100,
    )
    # The proposed migration: a covering index lets the view's light query skip the table.
    project.db.execute(COVERING_INDEX)
    record(
        "200k words opened, with the covering index",
        medians(lambda: open_lazily(large), runs=7, setup=from_small),
        100,
    )
    record(
        "  of which: reading its 20k annotation rows",
        medians(lambda: project.annotations.spans_for_article(large)),
        100,
    )
    # What an application gains by freezing its start-up objects (gc.freeze()): the cyclic
    # collector, which building 20,000 records sets off, then skips everything Qt and the
    # modules created.
    gc.freeze()
    record(
        "  and with gc.freeze() after start-up",
        medians(lambda: open_lazily(large), runs=7, setup=from_small),
        100,
    )
    gc.unfreeze()
    print_table(rows, ("case", "wall ms", "CPU ms", "target ms", ""))
    project.close()


if __name__ == "__main__":
    main()
