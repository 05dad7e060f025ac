"""CSV export of 1,000,000 annotations over 100,000 articles: target under 15 s with flat memory
(peak under 300 MB), measured in a fresh subprocess per run.

Also prints rows/s and the ratio to writing the same rows with the bare csv module from a list
already in memory (the floor: no database, no formula guard, no field columns).

    python benchmarks/bench_export.py [--articles N] [--per-article K] [--runs R]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import article_text, spans  # noqa: E402
from timing import print_table  # noqa: E402

TARGET_SECONDS = 15.0
TARGET_PEAK_MB = 300.0


def build_project(path: Path, n_articles: int, per_article: int) -> None:
    """A project with ``n_articles`` short articles and ``per_article`` annotations on each,
    written with executemany (the stores' own bulk path for articles)."""
    from annotator.core.model import Annotation, NewArticle
    from annotator.core.text import content_id, context_around
    from annotator.storage import Project
    from annotator.storage.rows import ANNOTATION_COLUMNS, annotation_to_row, quoted

    rng = random.Random(7)
    with Project.create(path) as project:
        tags = project.codebook.tags()
        annotators = ["maria", "li", "sam"]

        def articles():
            for i in range(n_articles):
                yield NewArticle(text=f"Article {i}\n\n" + article_text(rng, 60), title=f"Title {i}, synthetic",
                                 outlet="Daily Example", url=f"https://example.invalid/{i}", published="2026-01-02")

        insert = (f"INSERT INTO annotations ({quoted(ANNOTATION_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})")
        batch: list[NewArticle] = []

        def flush():
            project.articles.add_many(batch)
            rows = []
            for article in batch:
                text = article.text
                article_id = content_id(text)
                for start, end in spans(rng, len(text), per_article, max_len=40):
                    tag = rng.choice(tags)
                    fields = {f.name: (f.choices[0] if f.choices else "Ann Example") for f in tag.fields}
                    before, after = context_around(text, start, end)
                    rows.append(annotation_to_row(Annotation(
                        article_id=article_id, tag_id=tag.id, start=start, end=end, text=text[start:end],
                        annotator=rng.choice(annotators), context_before=before, context_after=after,
                        note="checked, see \"memo\"" if rng.random() < 0.1 else "", fields=fields,
                    )))
            with project.db.atomic():
                project.db.conn.executemany(insert, rows)
            batch.clear()

        for article in articles():
            batch.append(article)
            if len(batch) == 2000:
                flush()
        if batch:
            flush()


def child(project_path: str, out: str) -> None:
    """One timed export, in its own process so that peak memory is the export's alone."""
    from timing import peak_rss_mb

    from annotator.actions.export import export
    from annotator.storage import Project

    with Project.open(project_path) as project:
        started = time.perf_counter()
        report = export(project, "csv", out)
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": report.annotations, "peak_mb": peak_rss_mb()}))


def bare_csv_seconds(csv_path: Path, out: Path) -> float:
    """Time to write the same rows with csv.writer from a list already in memory."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    started = time.perf_counter()
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        project = folder / "bench.annotator"
        started = time.perf_counter()
        build_project(project, args.articles, args.per_article)
        print(f"setup: {args.articles} articles, {args.articles * args.per_article} annotations "
              f"in {time.perf_counter() - started:.1f} s", flush=True)
        out = folder / "annotations.csv"
        results = []
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, __file__, "--child", str(project), str(out)],
                                  check=True, capture_output=True, text=True)
            results.append(json.loads(done.stdout))
        results.sort(key=lambda r: r["seconds"])
        median = results[len(results) // 2]
        peak = max(r["peak_mb"] for r in results)
        bare = bare_csv_seconds(out, folder / "bare.csv")
        rows = median["rows"]
        ok = median["seconds"] < TARGET_SECONDS and peak < TARGET_PEAK_MB
        print_table(
            [
                ("annotator export --format csv", f"{median['seconds']:.2f}", f"{rows / median['seconds']:,.0f}",
                 f"{peak:.0f}", f"{median['seconds'] / bare:.1f}x"),
                ("bare csv.writer from a list", f"{bare:.2f}", f"{rows / bare:,.0f}", "-", "1.0x"),
            ],
            ("what", "median s", "rows/s", "peak MB", "vs bare"),
        )
        print(f"target: < {TARGET_SECONDS:.0f} s and < {TARGET_PEAK_MB:.0f} MB peak: {'met' if ok else 'NOT MET'}")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
