"""Import speed: 10,000 synthetic ~3 KB articles from JSONL, and saved web pages.

    python benchmarks/bench_import.py [N]

Each run imports into a fresh project file in a fresh subprocess, so the time includes
everything a user waits for after start-up (reading, decoding, hashing, deduplication,
storing, full-text indexing), and the peak memory (the child's peak RSS) is honest. The
baseline is a bare ``sqlite3.executemany`` of the same, already prepared rows into the same
``articles`` table, once with its full-text triggers (the fair comparison) and once without.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import article_text, write_jsonl  # noqa: E402
from timing import print_table  # noqa: E402

RUNS = 5
PAGES = 120


def child_import(paths: list[str], project_path: str, workers: str) -> None:
    """Runs in the subprocess: import and print seconds and peak RSS as JSON."""
    import resource

    from annotator.actions.import_files import import_paths
    from annotator.storage import Project

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    project = Project.create(project_path)
    start, cpu_start = time.perf_counter(), time.process_time()
    report = import_paths(project, paths, workers=int(workers) or None)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    project.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds": cpu,
        "added": report.articles_added,
        "failed": len(report.failures),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss_before,
        "worker_rss_mb": children,
    }))


def run_child(paths: list[Path], workers: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(Path(tmp) / "bench.annotator"), str(workers), *map(str, paths)],
            check=True, capture_output=True, text=True,
        )
    return json.loads(out.stdout)


def articles_schema() -> list[str]:
    """The ``articles`` table, its FTS table and triggers, as the project's migrations make them."""
    from annotator.storage import Project

    with tempfile.TemporaryDirectory() as tmp:
        Project.create(Path(tmp) / "schema.annotator").close()
        conn = sqlite3.connect(Path(tmp) / "schema.annotator")
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('articles', 'articles_fts') "
            "AND sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        conn.close()
    return [sql for kind, name, sql in rows if not name.startswith("articles_fts_") or kind == "trigger"]


def prepared_rows(jsonl: Path) -> list[tuple]:
    """The rows the importer would store, prepared outside the timing."""
    from annotator.core.text import content_id, normalise_text

    rows = []
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            text = normalise_text(r["text"])
            extra = json.dumps({"section": r["section"]}, ensure_ascii=False, sort_keys=True)
            rows.append((content_id(text), r["title"], r["outlet"], r["author"], r["url"], r["published"],
                         "", jsonl.name, "2026-01-01T00:00:00+00:00", "todo", extra, text))
    return rows


def bare_insert(rows: list[tuple], schema: list[str], with_fts: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "bare.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        for sql in schema:
            if with_fts or ("fts" not in sql.lower()):
                conn.execute(sql)
        marks = ", ".join("?" * len(rows[0]))
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO articles VALUES ({marks})", rows)
        conn.execute("COMMIT")
        seconds = time.perf_counter() - start
        conn.close()
    return seconds


def synthetic_pages(folder: Path, n: int) -> list[Path]:
    """``n`` saved pages around synthetic articles: navigation, comments and a footer each."""
    import random

    rng = random.Random(7)
    sample = (HERE.parent / "sample_data" / "articles" / "harbour-bridge-closure.html").read_text(encoding="utf-8")
    head, _, rest = sample.partition('<div class="story-body">')
    _, _, tail = rest.partition("</div>\n</article>")
    paths = []
    for i in range(n):
        body = "".join(f"<p>{p}</p>\n" for p in article_text(rng, 500).split("\n\n"))
        html = f'{head}<div class="story-body">\n<p>Synthetic page {i}.</p>\n{body}</div>\n</article>{tail}'
        path = folder / f"page{i:04d}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(Path(tmp) / "corpus.jsonl", n)
        size_mb = jsonl.stat().st_size / 1024 / 1024
        results = [run_child([jsonl]) for _ in range(RUNS)]
        assert all(r["added"] == n and r["failed"] == 0 for r in results), results
        seconds = statistics.median(r["seconds"] for r in results)
        cpu = statistics.median(r["cpu_seconds"] for r in results)
        rss = max(r["rss_mb"] for r in results)
        baseline_rss = max(r["rss_before_mb"] for r in results)
        schema = articles_schema()
        rows = prepared_rows(jsonl)
        bare_fts = statistics.median(bare_insert(rows, schema, True) for _ in range(RUNS))
        bare_plain = statistics.median(bare_insert(rows, schema, False) for _ in range(RUNS))
        del rows

        pages = synthetic_pages(Path(tmp), PAGES)
        one = statistics.median(run_child(pages, workers=1)["seconds"] for _ in range(3))
        html_runs = [run_child(pages, workers=cores) for _ in range(3)]
        both = statistics.median(r["seconds"] for r in html_runs)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{cores} cores, load average {load} (wall times grow with the load; CPU times do not)")
    print(f"JSONL import: {n} articles, {size_mb:.1f} MB, median of {RUNS} runs, each in a fresh process")
    print_table(
        [
            ("import_paths (JSONL)", f"{seconds:.2f}", f"{cpu:.2f}", f"{n / seconds:,.0f}",
             f"{rss:.0f} (at start {baseline_rss:.0f})", "1.00"),
            ("bare executemany, with FTS triggers", f"{bare_fts:.2f}", "", f"{n / bare_fts:,.0f}", "",
             f"{seconds / bare_fts:.2f}"),
            ("bare executemany, no FTS", f"{bare_plain:.2f}", "", f"{n / bare_plain:,.0f}", "",
             f"{seconds / bare_plain:.2f}"),
        ],
        ("what", "seconds", "CPU s", "articles/s", "peak RSS MB", "import ÷ this"),
    )
    print(
        f"\ntargets: < 5 s ({'ok' if seconds < 5 else 'MISSED'}), >= 2,000 articles/s "
        f"({'ok' if n / seconds >= 2000 else 'MISSED'}), peak < 300 MB ({'ok' if rss < 300 else 'MISSED'}), "
        f"within 3x of bare executemany with FTS ({'ok' if seconds / bare_fts <= 3 else 'MISSED'})"
    )
    print(f"\nHTML import: {PAGES} synthetic saved pages (~3 KB of text each), median of 3 runs")
    print_table(
        [
            ("in the importing process", f"{one:.2f}", f"{PAGES / one:.1f}", ""),
            (f"{cores} worker processes (all cores)", f"{both:.2f}", f"{PAGES / both:.1f}",
             f"{max(r['worker_rss_mb'] for r in html_runs):.0f}"),
        ],
        ("what", "seconds", "pages/s", "peak worker RSS MB"),
    )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_import(sys.argv[4:], sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main(sys.argv[1:]))
