"""Reading news-database exports, PDFs and saved pages (issue 11).

    python benchmarks/bench_exports.py

- a fictional 500-story Nexis Uni .docx, read and split into articles (target < 5 s);
- a fictional 60-page PDF (target >= 5 pages/s);
- saved pages with paragraph structure kept, on every core (target >= 40 pages/s), through
  ``import_paths`` into a project, beside the same pages read in one process.

Each line is the median of several runs; the load average is printed because the machine is
shared and wall times grow with it.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import article_text  # noqa: E402
from timing import print_table  # noqa: E402

RUNS = 3
STORIES = 500
PDF_PAGES = 60


def nexis_docx(path: Path, stories: int) -> Path:
    """A Nexis Uni download of ``stories`` fictional stories of ~500 words."""
    import docx

    rng = random.Random(3)
    document = docx.Document()
    add = document.add_paragraph
    for line in ("Date and Time: Monday, 2. March 2026 10:00:00 CET", "Job Number: 1", f"Documents ({stories})"):
        add(line)
    for n in range(stories):
        add(f"{n + 1}. Synthetic story {n}")
    for n in range(stories):
        for line in (f"Synthetic story {n}", "The Fictional Times", "March 1, 2026 Sunday", "",
                     "Copyright 2026 Fictional Media", "Section:\u00a0NEWS; Pg. 3", "Length:\u00a0500 words",
                     "Byline:\u00a0Reporter", "Body"):
            add(line)
        for paragraph in article_text(rng, 500).split("\n\n"):
            add(paragraph)
        for line in ("Classification", "Language:\u00a0ENGLISH", "Load-Date:\u00a0March 2, 2026", "End of Document"):
            add(line)
    document.save(str(path))
    return path


def pdf(path: Path, pages: int) -> Path:
    sys.path.insert(0, str(HERE.parent / "tests"))
    from document_fixtures import make_pdf

    rng = random.Random(5)
    words = article_text(rng, 550 * pages).replace("\n\n", " ").replace("😀", "").split()
    lines, page_lines = [], []
    line = []
    for word in words:
        line.append(word)
        if len(" ".join(line)) > 80:
            page_lines.append(" ".join(line))
            line = []
        if len(page_lines) == 48:
            lines.append(["The Fictional Times — page header", *page_lines, str(len(lines) + 1)])
            page_lines = []
            if len(lines) == pages:
                break
    return make_pdf(path, lines)


def timed(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    from annotator.actions.import_files import import_paths
    from annotator.core.importing import read_file_list
    from annotator.core.model import NewArticle
    from annotator.storage import Project
    from bench_import import synthetic_pages

    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docx_path = nexis_docx(tmp / "nexis.docx", STORIES)
        found = [i for i in read_file_list(docx_path) if isinstance(i, NewArticle)]
        assert len(found) == STORIES, len(found)
        seconds = timed(lambda: read_file_list(docx_path))
        rows.append((f"Nexis Uni .docx, {STORIES} stories → articles", f"{seconds:.2f}", f"{STORIES / seconds:,.0f} stories/s",
                     "< 5 s", "ok" if seconds < 5 else "MISSED"))

        pdf_path = pdf(tmp / "long.pdf", PDF_PAGES)
        seconds = timed(lambda: read_file_list(pdf_path))
        rows.append((f"PDF, {PDF_PAGES} pages → one article", f"{seconds:.2f}", f"{PDF_PAGES / seconds:,.1f} pages/s",
                     ">= 5 pages/s", "ok" if PDF_PAGES / seconds >= 5 else "MISSED"))

        pages = synthetic_pages(tmp, 120)

        def import_pages(workers):
            with Project.create(tmp / f"p{time.perf_counter_ns()}.annotator") as project:
                report = import_paths(project, pages, workers=workers)
                assert report.articles_added == len(pages), report.failures[:3]

        one = timed(lambda: import_pages(1))
        both = timed(lambda: import_pages(cores))
        rows.append(("saved pages, paragraphs kept, 1 process", f"{one:.2f}", f"{len(pages) / one:,.1f} pages/s", "", ""))
        rows.append((f"saved pages, paragraphs kept, {cores} processes", f"{both:.2f}", f"{len(pages) / both:,.1f} pages/s",
                     ">= 40 pages/s", "ok" if len(pages) / both >= 40 else "MISSED"))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{cores} cores, load average {load}; medians of {RUNS} runs")
    print_table(rows, ("what", "seconds", "rate", "target", ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
