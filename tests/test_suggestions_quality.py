"""Quality floors: Wikinews (GUM gold, skipped without ../shared) and the hand-coded
fictional gold in tests/suggestion_gold."""

import importlib.util
from pathlib import Path

from annotator.core.suggestions.engine import suggest
from annotator.core.suggestions.evaluate import evaluate
from annotator.core.suggestions.model import SuggestionSettings

ROOT = Path(__file__).resolve().parents[1]


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wikinews_direct_quotes(shared_dir):
    bench = _module(ROOT / "benchmarks" / "eval_suggestions.py", "eval_suggestions")
    settings = SuggestionSettings(quote_marks_inside=True, indirect_quotes=False)
    gold, texts, _ = bench.wikinews_gold(join_sentences=True)
    rows = evaluate(gold, {d: suggest(t, settings) for d, t in texts.items()}, ["Quote"])
    quote = rows[0]
    assert quote.overlap.recall >= 0.9 and quote.overlap.precision >= 0.8
    assert quote.exact.recall >= 0.7 and quote.exact.precision >= 0.7


def test_hand_coded_fictional_gold_all_four_tags():
    gold, texts = _module(ROOT / "tests" / "suggestion_gold" / "load.py", "suggestion_gold").load_gold()
    settings = SuggestionSettings(claims=True, sensational_in_quotes=True, indirect_quotes=False,
                                  claims_in_reported_speech=True)  # as it was coded
    rows = {r.tag: r for r in evaluate(gold, {d: suggest(t, settings) for d, t in texts.items()})}
    assert {"Quote", "Source attribution", "Sensational language", "Claim"} <= set(rows)
    assert rows["Quote"].exact.recall >= 0.9
    assert rows["(all tags)"].overlap.precision >= 0.8
    assert rows["(all tags)"].exact.recall >= 0.5
