"""The coded-passage browser, co-occurrence and charts on 100,000 articles with 1,000,000
annotations (``passage_corpus.py``). Targets: the browser's first page <= 200 ms, any filter
change (its first page) <= 500 ms, the count of a filter <= 500 ms (its passages, and the
articles holding them, which the browser shows beside it), a chart <= 2 s (numbers and a
PNG). Medians of several runs, with a bare baseline measured in the same run (a count of
every annotation, ``SELECT count(*)``) so a loaded machine shows as a ratio.

    python benchmarks/bench_passages.py [--project FILE] [--runs R]

``--project FILE`` builds the corpus there once and reuses it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from passage_corpus import build  # noqa: E402
from timing import median_seconds, print_table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="only the rows whose label holds this text (and the bare one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.project or Path(folder) / "passages.annotator"
        if not path.exists():
            started = time.perf_counter()
            build(path, args.articles)
            print(f"setup: {time.perf_counter() - started:.0f} s", flush=True)
        run(path, args.runs, args.only)
    return 0


def run(path: Path, runs: int, only: str = "") -> None:
    from annotator.actions import charts, cooccurrence
    from annotator.actions import passages as ps
    from annotator.core.passages import Layer, PassageFilter, PassageSort
    from annotator.storage import Project

    from passage_corpus import add_tone

    with Project.open(path) as project:
        add_tone(project)  # a corpus built before the variable filter lacks it
        q = ps.queries(project)
        r = lambda **kw: ps.resolve(project, ps.FilterRequest(**kw))  # noqa: E731
        filters = {
            "two tags": r(tags=("Quote", "Claim")),
            "a coder": r(annotators=("sam",)),
            "reviewed layer": PassageFilter(layer=Layer.REVIEWED),
            "an outlet": r(outlets=("Daily Example",)),
            "a month": r(date_from="2025-03", date_to="2025-03"),
            "speaker = the mayor": r(fields=("speaker=the mayor",)),
            "source type = official": r(fields=("source_type=official",)),
            "search 'shocking'": r(search="shocking"),
            "search, with context": r(search="shocking", search_context=True),
            "search, no match": r(search="zzzqqq"),
            "tag+field+coder+outlet+dates": r(tags=("Quote",), fields=("speaker=the mayor",), annotators=("maria",),
                                              outlets=("Daily Example",), date_from="2025-03", date_to="2025-06"),
            "tone = negative (article variable)": r(variables=("tone=negative",)),
            "tone + tag + outlet": r(variables=("tone=negative",), tags=("Quote",), outlets=("Daily Example",)),
            "co-occurrence cell": cooccurrence.cell_filter(PassageFilter(), *[t.id for t in project.codebook.tags()][:2]),
        }
        bare = median_seconds(lambda: project.db.execute("SELECT count(*) FROM annotations").fetchone(), runs)
        rows = [("bare: SELECT count(*) FROM annotations", f"{bare * 1000:.0f}", "", "")]

        def row(label, fn, target, n=runs):
            if only and only not in label:
                return
            seconds = median_seconds(fn, n)
            rows.append((label, f"{seconds * 1000:.0f}", f"{seconds / bare:.1f}x",
                         "ok" if seconds <= target else f"OVER {target * 1000:.0f} ms"))

        row("first page (no filter, article order)", lambda: q.page(), 0.2)
        row("articles: no filter", lambda: q.count_articles(), 0.5)
        for name, f in filters.items():
            row(f"page: {name}", lambda f=f: q.page(f), 0.5)
            row(f"count: {name}", lambda f=f: q.count(f), 0.5)
            row(f"articles: {name}", lambda f=f: q.count_articles(f), 0.5)
        for sort in PassageSort:
            first = q.page(PassageFilter(), sort)
            row(f"sort by {sort.value}: next page", lambda s=sort, a=first[-1]: q.page(PassageFilter(), s, after=a), 0.5)
        charts.chart_data(project, PassageFilter(), "outlet", per_1000_words=True)  # word counts, once

        def chart(by, **kw):
            out = Path(tempfile.gettempdir()) / "bench-chart.png"
            return lambda: charts.save(charts.chart_data(project, PassageFilter(), by, **kw), out)

        for label, fn in (("chart by outlet (PNG)", chart("outlet")), ("chart by month (PNG)", chart("month")),
                          ("chart by week, source_type (PNG)", chart("week", field="source_type")),
                          ("chart by outlet per 1,000 words (PNG)", chart("outlet", per_1000_words=True))):
            row(label, fn, 2.0, n=max(1, runs // 2))
        row("co-occurrence table (no target)", lambda: cooccurrence.table(project), 1e9, n=1)
    print_table(rows, ("what", "median ms", "vs bare", "target"))
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
