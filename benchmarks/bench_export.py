"""CSV export of 1,000,000 annotations over 100,000 articles: target under 15 s with flat memory
(peak under 300 MB), measured in a fresh subprocess per run.

Big exports are written by two processes (``actions/parallel_csv``); the single-process figure
is printed beside it (runs alternate, so both see the same machine). Also prints rows/s and the
ratio to writing the same rows with the bare csv module from a list already in memory (the
floor: no database, no formula guard, no field columns). CPU is this process's only: the
worker's is not counted (nor its memory, which streams as this process's does).

    python benchmarks/bench_export.py [--articles N] [--per-article K] [--runs R] [--project FILE]

``--project FILE`` keeps the generated project there and reuses it on the next run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
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
    """A project with ``n_articles`` short articles and ``per_article`` annotations on each:
    articles through the store's bulk path, annotations as plain tuples with executemany."""
    import uuid

    from annotator.core.model import NewArticle
    from annotator.core.text import content_id, context_around
    from annotator.storage import Project
    from annotator.storage.rows import ANNOTATION_COLUMNS, dumps, quoted

    rng = random.Random(7)
    with Project.create(path) as project:
        tags = project.codebook.tags()
        # One fields object per tag: the same JSON for all its annotations is realistic enough.
        fields = {t.id: dumps({f.name: (f.choices[0] if f.choices else True if f.type.value == "yesno" else "Ann, Example")
                               for f in t.fields}) for t in tags}
        annotators = ["maria", "li", "sam"]
        stamp = "2026-01-02T03:04:05+00:00"
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
                    before, after = context_around(text, start, end)
                    note = 'checked, see "memo"\nline two' if rng.random() < 0.1 else ""
                    rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), article_id, tag.id, start, end,
                                 text[start:end], before, after, rng.choice(annotators), note, fields[tag.id], None,
                                 "", stamp, stamp))
            with project.db.atomic():
                project.db.conn.executemany(insert, rows)
            batch.clear()

        for i in range(n_articles):
            batch.append(NewArticle(text=f"Article {i}\n\n" + article_text(rng, 60), title=f"Title {i}, synthetic",
                                    outlet="Daily Example", url=f"https://example.invalid/{i}", published="2026-01-02"))
            if len(batch) == 5000:
                flush()
        if batch:
            flush()


def child(project_path: str, out: str, processes: str) -> None:
    """One timed export, in its own process so that peak memory is the export's alone."""
    from timing import peak_rss_mb

    from annotator.actions import parallel_csv
    from annotator.actions.export import export
    from annotator.storage import Project

    if processes == "1":
        parallel_csv.MIN_ROWS = sys.maxsize

    def cpu() -> float:  # both threads of the export
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    with Project.open(project_path) as project:
        started, cpu_started = time.perf_counter(), cpu()
        report = export(project, "csv", out)
        seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
    print(json.dumps({"seconds": seconds, "rows": report.annotations, "peak_mb": peak_rss_mb(), "cpu": cpu_seconds}))


def bare_csv_seconds(csv_path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU time to write the same rows with csv.writer from a list already in memory."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    started, cpu = time.perf_counter(), time.process_time()
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, help="build the project here, or reuse it if it exists")
    parser.add_argument("--child", nargs=3, metavar=("PROJECT", "OUT", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        project = args.project or folder / "bench.annotator"
        if project.exists():
            print(f"reusing {project}", flush=True)
        else:
            started = time.perf_counter()
            build_project(project, args.articles, args.per_article)
            print(f"setup: {args.articles} articles, {args.articles * args.per_article} annotations "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)
        out = folder / "annotations.csv"
        results: dict[str, list] = {"2": [], "1": []}
        for _ in range(args.runs):
            for processes, runs in results.items():  # alternating: both see the same machine
                done = subprocess.run([sys.executable, __file__, "--child", str(project), str(out), processes],
                                      check=True, capture_output=True, text=True)
                runs.append(json.loads(done.stdout))
        medians = {}
        for processes, runs in results.items():
            runs.sort(key=lambda r: r["seconds"])
            medians[processes] = runs[len(runs) // 2]
        peak = max(r["peak_mb"] for runs in results.values() for r in runs)
        bare, bare_cpu = bare_csv_seconds(out, folder / "bare.csv")
        rows = medians["2"]["rows"]
        median = medians["2"]
        ok = median["seconds"] < TARGET_SECONDS and peak < TARGET_PEAK_MB
        table = [
            (f"annotator export --format csv, {label}", f"{m['seconds']:.2f}", f"{m['cpu']:.2f}",
             f"{rows / m['seconds']:,.0f}", f"{m['peak_mb']:.0f}", f"{m['seconds'] / bare:.1f}x")
            for label, m in (("2 processes", medians["2"]), ("1 process", medians["1"]))
        ]
        table.append(("bare csv.writer from a list", f"{bare:.2f}", f"{bare_cpu:.2f}", f"{rows / bare:,.0f}", "-", "1.0x"))
        print_table(table, ("what", "median s", "cpu s", "rows/s", "peak MB", "vs bare"))
        gain = 1 - medians["2"]["seconds"] / medians["1"]["seconds"]
        print(f"{rows:,} rows; two processes take {gain:.0%} less time than one; "
              f"load average during the run {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"target: < {TARGET_SECONDS:.0f} s and < {TARGET_PEAK_MB:.0f} MB peak: {'met' if ok else 'NOT MET'}")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
