"""Gold spans from ``gold.json`` (hand-coded passages of the fictional articles here)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.suggestions.evaluate import GoldSpan

HERE = Path(__file__).resolve().parent


def load_gold(folder: Path = HERE) -> tuple[list[GoldSpan], dict[str, str]]:
    """``(gold spans, texts)``, both keyed by article file name; ``folder`` holds the
    articles and their ``gold.json`` (``heldout/`` holds one the rules were never tuned on)."""
    data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    gold = []
    for entry in data["annotations"]:
        name = entry["article"]
        text = texts.setdefault(name, (folder / name).read_text(encoding="utf-8"))
        start = -1
        for _ in range(entry.get("occurrence", 1)):
            start = text.index(entry["passage"], start + 1)
        gold.append(GoldSpan(name, entry["tag"], start, start + len(entry["passage"])))
    return gold, texts
