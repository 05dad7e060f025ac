"""Quality of the suggestions: the Wikinews articles of ../shared (GUM's gold quotations) and
the hand-coded fictional gold in tests/suggestion_gold. Prints precision/recall/F1 tables.

    python benchmarks/eval_suggestions.py [--misses] [--gold-dir DIR]

``--gold-dir DIR`` scores only the hand-coded gold of that folder (``gold.json`` beside its
articles), e.g. ``tests/suggestion_gold/independent``, with claims off (the default) and on.

GUM's gold marks quotations with their marks, so Wikinews is scored with the codebook setting
"quotation marks inside" (the project default is outside). GUM also cuts one quotation into
one span per sentence or paragraph; under our convention a quotation is one span from its
opening to its closing mark, so the second table joins gold quote spans that only white space
separates (and says how many it joined). `q` spans (quoted words, scare quotes) are scored as
"Quote (scare quotes)", apart from speech.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.cli.cmd_suggest import print_scores  # noqa: E402
from annotator.core.suggestions.engine import suggest  # noqa: E402
from annotator.core.suggestions.evaluate import GoldSpan, evaluate  # noqa: E402
from annotator.core.suggestions.model import SuggestionSettings  # noqa: E402

WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
GOLD_DIR = ROOT / "tests" / "suggestion_gold"


def wikinews_gold(join_sentences: bool) -> tuple[list[GoldSpan], dict[str, str], int]:
    gold, texts, joined = [], {}, 0
    for path in sorted(WIKINEWS.glob("*.txt")):
        doc = path.stem
        texts[doc] = text = path.read_text(encoding="utf-8")
        spans = []
        for line in (WIKINEWS / f"{doc}.quotes.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            tag = "Quote (scare quotes)" if g["type"] == "q" else "Quote"
            spans.append([tag, g["start"], g["end"]])
        spans.sort(key=lambda s: (s[0], s[1]))
        if join_sentences:
            out = []
            for s in spans:
                if out and out[-1][0] == s[0] == "Quote" and out[-1][2] <= s[1] and text[out[-1][2]:s[1]].isspace():
                    out[-1][2] = s[2]
                    joined += 1
                else:
                    out.append(s)
            spans = out
        gold += [GoldSpan(doc, tag, start, end) for tag, start, end in spans]
    return gold, texts, joined


def score(gold, texts, settings, misses: bool) -> None:
    suggested = {doc: suggest(text, settings) for doc, text in texts.items()}
    rows = evaluate(gold, suggested, sorted({g.tag for g in gold}))
    print_scores(rows, len(texts))
    if misses:
        for row in rows[:-1]:
            for m in row.missed:
                print(f"    missed {row.tag}: {m.doc} {texts[m.doc][m.start:m.end][:90]!r}")
            for doc, s in row.wrong:
                print(f"    wrong  {row.tag}: {doc} {texts[doc][s.start:s.end][:90]!r} ({s.rule})")


def hand_coded_gold(folder: Path = GOLD_DIR) -> tuple[list[GoldSpan], dict[str, str]]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("suggestion_gold", GOLD_DIR / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_gold(folder)


def main() -> None:
    misses = "--misses" in sys.argv
    if "--gold-dir" in sys.argv:
        folder = Path(sys.argv[sys.argv.index("--gold-dir") + 1]).resolve()
        if not (folder / "gold.json").is_file():
            sys.exit(f"no gold.json in {folder}")
        gold, texts = hand_coded_gold(folder)
        for claims in (False, True):
            print(f"\n{folder.name}: hand-coded gold, project defaults, claims {'on' if claims else 'off'}:")
            score(gold, texts, SuggestionSettings(claims=claims), misses)
        return
    if WIKINEWS.is_dir():
        marks_in = SuggestionSettings(quote_marks_inside=True, indirect_quotes=False)
        gold, texts, _ = wikinews_gold(False)
        print("Wikinews (GUM gold as given), quotation marks inside:")
        score(gold, texts, marks_in, misses)
        gold, texts, joined = wikinews_gold(True)
        print(f"\nWikinews, one span per quotation ({joined} GUM sentence/paragraph pieces joined):")
        score(gold, texts, marks_in, misses)
    else:
        print("../shared/corpus/wikinews is not here: skipped")
    gold, texts = hand_coded_gold()
    # Coded with loaded words inside quotations tagged too: scored under that convention.
    print("\nFictional articles hand-coded as gold (tests/suggestion_gold), claims on, as coded (sensational_in_quotes "
          "on, indirect_quotes off, claims_in_reported_speech on):")
    score(gold, texts, SuggestionSettings(claims=True, sensational_in_quotes=True, indirect_quotes=False,
                                            claims_in_reported_speech=True), misses)
    gold, texts = hand_coded_gold(GOLD_DIR / "heldout")
    print("\nHeld-out fictional tabloid article (tests/suggestion_gold/heldout, coded before the rules ran on it), "
          "project defaults, claims on:")
    score(gold, texts, SuggestionSettings(claims=True), misses)
    print("\nThe same under the conventions it was coded with (sensational_in_quotes on, indirect_quotes off, "
          "claims_in_reported_speech on), "
          "claims on:")
    score(gold, texts, SuggestionSettings(claims=True, sensational_in_quotes=True, indirect_quotes=False,
                                            claims_in_reported_speech=True), misses)


if __name__ == "__main__":
    main()
