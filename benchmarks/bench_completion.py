"""Speaker / source-name completion: how long reading the values used before takes in a big
project (the window reads a field's values once, the first time the field gets the focus, and
then follows its own edits: ``ui/field_completion.py``).

    .venv/bin/python benchmarks/bench_completion.py [--annotations 200000]

One project file: 1,000 articles, ``--annotations`` Quote annotations spread over them, a third
of them with a ``speaker`` (2,000 distinct names in several spellings). Medians of 5 runs, CPU
time of this process. "bare" is the same file's ``SELECT COUNT(*)`` of the annotations (what
any read of the table costs here). Target (issue 13): none given. Measured 2026-12-02, load
average ~14 on 2 cores: ~220 ms for 200,000 annotations (67,000 with a speaker), so the window
reads once per field and session rather than at every focus.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import print_table  # noqa: E402

from annotator.actions import field_values  # noqa: E402
from annotator.core.model import Annotation, NewArticle  # noqa: E402
from annotator.storage import Project  # noqa: E402

WORDS = "the minister said council budget river officials residents market harbour".split()


def build(path: Path, annotations: int) -> None:
    rng = random.Random(7)
    with Project.create(path) as project:
        texts = {}
        for n in range(1000):
            text = " ".join(rng.choice(WORDS) for _ in range(400))
            article = project.articles.add(NewArticle(text=text, title=f"Story {n}"))
            texts[article] = text
        quote = project.codebook.by_name("Quote").id
        names = [f"Speaker {i}" for i in range(2000)]
        rows = []
        ids = list(texts)
        for i in range(annotations):
            article = ids[i % len(ids)]
            start = rng.randrange(0, 2000)
            fields = {}
            if i % 3 == 0:
                name = rng.choice(names)
                fields["speaker"] = name.lower() if i % 7 == 0 else name
            rows.append(Annotation(article_id=article, tag_id=quote, start=start, end=start + 10,
                                   text=texts[article][start:start + 10], annotator="ana", fields=fields))
        project.annotations.add_many(rows, known_texts=texts)


def cpu_median(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--annotations", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.annotator"
        build(path, args.annotations)
        with Project.open(path) as project:
            bare = cpu_median(lambda: project.db.execute("SELECT COUNT(*) FROM annotations").fetchone())
            every = cpu_median(lambda: field_values.used_values(project, "speaker"))
            own = cpu_median(lambda: field_values.used_values(project, "speaker", only_annotator="ana"))
            none = cpu_median(lambda: field_values.used_values(project, "source_name"))
    print_table([
        ("bare: COUNT(*) of annotations", f"{bare * 1000:.1f}", "1.0"),
        ("speaker values, every coder", f"{every * 1000:.1f}", f"{every / max(bare, 1e-6):.0f}"),
        ("speaker values, blind (own only)", f"{own * 1000:.1f}", f"{own / max(bare, 1e-6):.0f}"),
        ("source_name (no annotation has it)", f"{none * 1000:.1f}", f"{none / max(bare, 1e-6):.0f}"),
    ], ("case", f"CPU ms ({args.annotations:,} annotations)", "ratio to bare"))


if __name__ == "__main__":
    main()
