"""A big coded corpus for the passage browser, co-occurrence and chart benchmarks: three outlets,
two years of dates, three coders and the reviewed layer, field values that vary, notes."""

from __future__ import annotations

import random
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import article_text, spans  # noqa: E402

OUTLETS = ["The Fictional Times", "Daily Example", "Placeholder Post"]
SPEAKERS = ["the mayor", "a minister", "residents", "police", "an analyst"]


def build(path: Path, n_articles: int = 100_000, per_article: int = 10, words: int = 120) -> None:
    """A project of ``n_articles`` articles with ``per_article`` annotations each, written
    through the stores' bulk path (articles) and executemany (annotations)."""
    from annotator.core.model import FieldType, NewArticle
    from annotator.core.text import content_id, context_around
    from annotator.storage import Project
    from annotator.storage.rows import ANNOTATION_COLUMNS, dumps, quoted

    rng = random.Random(11)
    with Project.create(path) as project:
        tags = project.codebook.tags()
        coders = ["maria", "li", "sam", "reviewed"]
        stamp = "2026-01-02T03:04:05+00:00"
        insert = (f"INSERT INTO annotations ({quoted(ANNOTATION_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})")

        def fields(tag) -> str:
            values = {}
            for f in tag.fields:
                if f.type is FieldType.CHOICE:
                    values[f.name] = rng.choice(f.choices)
                elif f.type is FieldType.YESNO:
                    values[f.name] = rng.random() < 0.6
                else:
                    values[f.name] = rng.choice(SPEAKERS)
            return dumps(values)

        batch: list[NewArticle] = []

        def flush():
            project.articles.add_many(batch)
            rows = []
            for article in batch:
                text = article.text
                article_id = content_id(text)
                for start, end in spans(rng, len(text), per_article, max_len=50):
                    tag = rng.choice(tags)
                    before, after = context_around(text, start, end)
                    note = "check the speaker" if rng.random() < 0.1 else ""
                    rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), article_id, tag.id, start,
                                 end, text[start:end], before, after, rng.choices(coders, [4, 4, 2, 1])[0], note,
                                 fields(tag), None, "", stamp, stamp))
            with project.db.atomic():
                project.db.conn.executemany(insert, rows)
            batch.clear()

        for i in range(n_articles):
            day = rng.randrange(730)
            published = f"{2025 + day // 365}-{1 + (day % 365) // 31 % 12:02d}-{1 + day % 28:02d}"
            batch.append(NewArticle(text=f"Article {i}\n\n" + article_text(rng, words), title=f"Title {i}, synthetic",
                                    outlet=rng.choice(OUTLETS), url=f"https://example.invalid/{i}",
                                    published=published))
            if len(batch) == 5000:
                flush()
        if batch:
            flush()
        add_tone(project, rng)


TONES = ["negative", "neutral", "positive"]


def add_tone(project, rng=None) -> None:
    """An article-level variable, ``tone``, that maria and li set for about half the articles
    each (the passage browser's article-variable filter). Skipped when the project has it."""
    from annotator.core.variables import Option, Variable, VariableType

    if project.variables.by_name("tone") is not None:
        return
    rng = rng or random.Random(12)
    tone = project.variables.add(Variable("tone", VariableType.ONE_OF, [Option(t) for t in TONES]))
    rows = [(article_id, tone.id, coder, rng.choice(tone.options).id, "", "2026-01-02T03:04:05+00:00")
            for article_id in project.articles.ids() for coder in ("maria", "li") if rng.random() < 0.5]
    with project.db.atomic():
        project.db.conn.executemany(
            "INSERT INTO article_values (article_id, variable_id, annotator, value, reviewer, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", rows)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    started = time.perf_counter()
    build(target, n)
    print(f"built {target} in {time.perf_counter() - started:.0f} s")
