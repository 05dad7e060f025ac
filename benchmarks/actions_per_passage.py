"""Coder's actions per passage with suggestions, on articles with hand-coded gold.

    python benchmarks/actions_per_passage.py [--gold-dir DIR]

``--gold-dir DIR`` counts the articles of another folder of hand-coded gold (``gold.json``
beside them; default: tests/suggestion_gold).

A simulation of the keys a coder presses in the window, counted as the issue counts them:
one Space reaches the first suggestion; then each suggestion in turn is either right to the
character (Enter: one action, the next suggestion becomes current) or not (Delete: one action,
even when it overlaps a gold passage with other boundaries: the coder then tags that passage by
hand). Every gold passage not suggested exactly costs what tagging by hand costs: 2.0 actions
with a character-exact drag and 3.0 with an ordinary drag (the issue's measurements in the real
window). The goal is 1.5 or fewer per passage over a whole article.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import print_table  # noqa: E402

from annotator.core.suggestions.engine import suggest  # noqa: E402
from annotator.core.suggestions.model import SuggestionSettings  # noqa: E402

MANUAL = (2.0, 3.0)


def load_gold(folder: Path | None = None):
    spec = importlib.util.spec_from_file_location("suggestion_gold", ROOT / "tests" / "suggestion_gold" / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_gold(folder) if folder is not None else module.load_gold()


def count(gold_spans: set, suggestions) -> tuple[int, int, int]:
    """(accepted with Enter, rejected with Delete, gold left to tag by hand)."""
    accepted = {s.key for s in suggestions if s.key in gold_spans}
    rejected = len(suggestions) - len(accepted)
    return len(accepted), rejected, len(gold_spans) - len(accepted)


def main() -> None:
    folder = Path(sys.argv[sys.argv.index("--gold-dir") + 1]).resolve() if "--gold-dir" in sys.argv else None
    if folder is not None and not (folder / "gold.json").is_file():
        sys.exit(f"no gold.json in {folder}")
    gold, texts = load_gold(folder)
    rows = []
    # tests/suggestion_gold was coded with loaded words inside quotations tagged too, and direct
    # quotes only: counted under those conventions.
    old = folder is None
    conventions = {"sensational_in_quotes": old, "indirect_quotes": not old, "claims_in_reported_speech": old}
    defaults = "as coded, claims off" if old else "project defaults (claims off)"
    for label, settings in ((defaults, SuggestionSettings(**conventions)),
                            ("claims on", SuggestionSettings(claims=True, **conventions))):
        totals = [0, 0, 0, 0, 0]  # passages, spaces, accepted, rejected, by hand
        for doc, text in sorted(texts.items()):
            spans = {(g.tag, g.start, g.end) for g in gold if g.doc == doc}
            found = suggest(text, settings)
            accepted, rejected, by_hand = count(spans, found)
            per = [(1 + accepted + rejected + m * by_hand) / len(spans) for m in MANUAL]
            rows.append((f"{doc} ({label})", len(spans), accepted, rejected, by_hand, f"{per[0]:.2f}", f"{per[1]:.2f}"))
            for i, v in enumerate((len(spans), 1, accepted, rejected, by_hand)):
                totals[i] += v
        n, spaces, accepted, rejected, by_hand = totals
        per = [(spaces + accepted + rejected + m * by_hand) / n for m in MANUAL]
        rows.append((f"all {len(texts)} ({label})", n, accepted, rejected, by_hand, f"{per[0]:.2f}", f"{per[1]:.2f}"))
    wikinews = ROOT.parent / "shared" / "corpus" / "wikinews"
    if wikinews.is_dir() and folder is None:
        spec = importlib.util.spec_from_file_location("eval_suggestions", Path(__file__).parent / "eval_suggestions.py")
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        wgold, wtexts, _ = bench.wikinews_gold(join_sentences=True)
        settings = SuggestionSettings(quote_marks_inside=True, indirect_quotes=False)
        n = spaces = acc = rej = hand = 0
        for doc, text in wtexts.items():
            spans = {("Quote", g.start, g.end) for g in wgold if g.doc == doc and g.tag == "Quote"}
            found = [x for x in suggest(text, settings) if x.tag == "Quote"]
            a, r, h = count(spans, found)
            n, spaces, acc, rej, hand = n + len(spans), spaces + 1, acc + a, rej + r, hand + h
        per = [(spaces + acc + rej + m * hand) / n for m in MANUAL]
        rows.append(("Wikinews, quotes only (8 articles, GUM gold joined)", n, acc, rej, hand, f"{per[0]:.2f}",
                     f"{per[1]:.2f}"))
    print_table(rows, ("article", "passages", "Enter", "Delete", "by hand", "actions/passage (exact drag)",
                       "(ordinary drag)"))


if __name__ == "__main__":
    main()
