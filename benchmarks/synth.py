"""Synthetic corpora of any size, for benchmarks: deterministic, fictional, varied enough."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

WORDS = (
    "council minister said the report would according to officials shocking claim data "
    "percent growth budget police residents protest election health ministry spokesperson "
    "unprecedented crisis sources told reporters on Tuesday emergency vote school hospital "
    "“we will not” back down city river flood energy prices rose fell by in last year "
    "café naïve résumé 😀 — analysts warned inflation housing court ruling anonymous"
).split()


def article_text(rng: random.Random, words: int, paragraph_words: int = 80) -> str:
    """A fictional article of about ``words`` words in paragraphs."""
    out, paragraph = [], []
    for i in range(words):
        paragraph.append(rng.choice(WORDS))
        if len(paragraph) >= paragraph_words:
            out.append(" ".join(paragraph).capitalize() + ".")
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph).capitalize() + ".")
    return "\n\n".join(out)


def records(n: int, words: int = 500, seed: int = 1) -> Iterator[dict]:
    """``n`` article records (about 3 KB each at 500 words) as dicts with a ``text`` field."""
    rng = random.Random(seed)
    for i in range(n):
        yield {
            "title": f"Synthetic article {i}",
            "outlet": rng.choice(["The Fictional Times", "Daily Example", "Placeholder Post"]),
            "author": f"Reporter {i % 97}",
            "published": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "url": f"https://example.invalid/{i}",
            "section": rng.choice(["politics", "health", "economy"]),
            "text": f"Synthetic article {i}\n\n" + article_text(rng, words),
        }


def write_jsonl(path: Path, n: int, words: int = 500, seed: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records(n, words, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def spans(rng: random.Random, text_length: int, n: int, max_len: int = 60) -> list[tuple[int, int]]:
    """``n`` random (start, end) spans inside a text of ``text_length`` code points."""
    out = []
    for _ in range(n):
        start = rng.randrange(0, max(1, text_length - 2))
        out.append((start, min(text_length, start + rng.randint(1, max_len))))
    return out
