"""REFI-QDA export of 10,000 articles with 100,000 annotations: target under 30 s.

Each run is a fresh subprocess (so peak memory is the export's own): the full export from a
project file through ``annotator.actions.export``, and reading the file back (``read_qdpx``).
Also prints the size of the .qdpx, and the CPU time of each run (user + system, including
Python's start-up), which a machine busy with other work does not inflate.

    python benchmarks/bench_qdpx.py [--articles N] [--per-article K] [--runs R]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import article_text, spans  # noqa: E402
from timing import print_table  # noqa: E402

TARGET_SECONDS = 30.0


def build_project(path: Path, n_articles: int, per_article: int) -> None:
    """A project of ``n_articles`` ~2 KB articles, ``per_article`` annotations each (with fields
    and notes on some), inserted in bulk."""
    from annotator.core.model import Annotation, NewArticle
    from annotator.core.text import content_id, context_around
    from annotator.storage import Project
    from annotator.storage.rows import ANNOTATION_COLUMNS, annotation_to_row, quoted

    rng = random.Random(11)
    insert = (f"INSERT INTO annotations ({quoted(ANNOTATION_COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})")
    with Project.create(path) as project:
        tags = project.codebook.tags()
        for first in range(0, n_articles, 1000):
            batch = [
                NewArticle(text=f"Article {i}\n\n" + article_text(rng, 300), title=f"Title {i}, synthetic / test",
                           outlet="Daily Example", url=f"https://example.invalid/{i}", published="2026-01-02")
                for i in range(first, min(first + 1000, n_articles))
            ]
            project.articles.add_many(batch)
            rows = []
            for article in batch:
                text, article_id = article.text, content_id(article.text)
                for n, (start, end) in enumerate(spans(rng, len(text), per_article)):
                    tag = tags[n % len(tags)]
                    before, after = context_around(text, start, end)
                    fields = {"speaker": "A. Speaker", "quote_type": "direct"} if tag.name == "Quote" else {}
                    rows.append(annotation_to_row(Annotation(
                        article_id=article_id, tag_id=tag.id, start=start, end=end, text=text[start:end],
                        annotator=("maria", "li", "sam")[n % 3], context_before=before, context_after=after,
                        note="check this" if n % 5 == 0 else "", fields=fields,
                    )))
            with project.db.atomic():
                project.db.conn.executemany(insert, rows)


def run_once(mode: str, project_path: Path, out: Path) -> dict:
    import resource
    import time

    started = time.perf_counter()
    if mode == "export":
        from annotator.actions.export import export
        from annotator.storage import Project

        with Project.open(project_path) as project:
            export(project, "qdpx", out)
    else:
        from annotator.core.formats.qdpx import read_qdpx

        read_qdpx(out)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child[0], Path(args.child[1]), Path(args.child[2]))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        project_path, out = Path(tmp) / "bench.annotator", Path(tmp) / "bench.qdpx"
        build_project(project_path, args.articles, args.per_article)
        rows = []
        for mode in ("export", "read back"):
            results = []
            for _ in range(args.runs):
                child = subprocess.run(
                    [sys.executable, __file__, "--child", mode.split()[0], str(project_path), str(out)],
                    check=True, capture_output=True, text=True,
                )
                results.append(json.loads(child.stdout.strip().splitlines()[-1]))
            median = statistics.median(r["seconds"] for r in results)
            cpu = statistics.median(r["cpu"] for r in results)
            peak = max(r["peak_mb"] for r in results)
            n = args.articles * args.per_article
            verdict = f"{'OK' if median < TARGET_SECONDS else 'SLOW'} (< {TARGET_SECONDS:.0f} s)" if mode == "export" else ""
            rows.append((f"qdpx {mode}", f"{args.articles:,}", f"{n:,}", f"{median:.2f}", f"{cpu:.2f}", f"{n / median:,.0f}", f"{peak:.0f}", verdict))
        print_table(rows, ("what", "articles", "annotations", "median s", "cpu s", "annotations/s", "peak MB", "target"))
        print(f"file size: {out.stat().st_size / 1024**2:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
