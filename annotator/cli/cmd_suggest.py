"""``annotator suggest PROJECT``: print suggestions, or score them against gold spans."""

from __future__ import annotations

from pathlib import Path

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "suggest",
        help="print suggested quotes, attributions, sensational language and claims",
        description="Print the passages annotator would suggest (tag, offsets, confidence, the "
        "rule that produced them, suggested fields and links), or with --evaluate compare "
        "them with gold spans: precision, recall and F1 per tag for exact and overlapping "
        "boundaries, and the share of gold passages a coder could accept with one key.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--article", action="append", metavar="ID",
                        help="only this article (its id or a unique prefix; repeatable)")
    parser.add_argument("--tag", action="append", metavar="NAME", help="only this tag (repeatable)")
    parser.add_argument("--annotator", metavar="NAME", default="",
                        help="as this coder sees them: without what they rejected or already tagged")
    parser.add_argument("--evaluate", metavar="GOLD",
                        help="a JSONL file of {article_id or text, tag, start, end}, or another "
                        "annotator of the project")
    parser.add_argument("--set", action="append", metavar="NAME=VALUE", dest="settings",
                        help="change a codebook-level suggestion setting first and keep it "
                        "(quote_marks_inside=true, keep_final_stop=false, claims=true, "
                        "codings_from=self, min_confidence=0.5 ...); repeatable")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_project(args.project) as project:
        if args.settings:
            _apply_settings(project, args.settings)
        if args.evaluate:
            return _evaluate(project, args)
        article_ids = _articles(project, args.article)
        from annotator.actions import suggestions

        settings = project.suggestions.settings()
        knowledge = suggestions.knowledge_for(project, args.annotator, settings)
        known_tags = {t.name.casefold() for t in project.codebook.tags()}
        for name in args.tag or ():
            if name.casefold() not in known_tags:
                raise CliError(f"no tag {name!r} in the codebook")
        out = []
        for article_id in article_ids:
            text = project.articles.text(article_id)
            found = suggestions.for_article(project, article_id, args.annotator, settings=settings,
                                            knowledge=knowledge, tags=args.tag, text=text)
            out.append((article_id, text, found))
    if args.json:
        print_json([{"article_id": a, "suggestions": [s.to_json(t) for s in found]} for a, t, found in out])
        return 0
    for article_id, text, found in out:
        print(f"{article_id[:12]}  {len(found)} suggestions")
        for s in found:
            passage = " ".join(text[s.start:s.end].split())
            passage = passage if len(passage) <= 70 else passage[:67] + "..."
            fields = "  " + ", ".join(f"{k}={v}" for k, v in s.fields.items() if v) if s.fields else ""
            print(f"  {s.start:>6}-{s.end:<6} {s.tag:<20} {s.confidence:.2f}  \u201c{passage}\u201d  [{s.rule}]{fields}")
    return 0


def _apply_settings(project, pairs: list[str]) -> None:
    from dataclasses import fields

    from annotator.actions import suggestions
    from annotator.core.suggestions.model import SuggestionSettings

    types = {f.name: f.type for f in fields(SuggestionSettings) if f.name != "tag_names"}
    values = {}
    for pair in pairs:
        name, _, raw = pair.partition("=")
        name = name.strip()
        if name not in types or not raw:
            raise CliError(f"--set {pair!r}: expected NAME=VALUE with NAME one of {', '.join(sorted(types))}")
        kind = types[name]
        if kind in (bool, "bool"):
            if raw.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise CliError(f"--set {name}: {raw!r} is not true or false")
            values[name] = raw.lower() in ("true", "yes", "1")
        elif kind in (float, "float"):
            try:
                values[name] = float(raw)
            except ValueError as error:
                raise CliError(f"--set {name}: {raw!r} is not a number") from error
            if not 0 <= values[name] <= 1:
                raise CliError(f"--set {name}: {raw} is not between 0 and 1")
        elif name == "codings_from" and raw not in ("any", "self", "none"):
            raise CliError(f"--set codings_from: {raw!r} is not any, self or none")
        else:
            values[name] = raw
    suggestions.set_setting(project, **values)


def _articles(project, wanted: list[str] | None) -> list[str]:
    ids = project.articles.ids()
    if not wanted:
        return ids
    chosen = []
    for prefix in wanted:
        matches = [i for i in ids if i.startswith(prefix)]
        if not matches:
            raise CliError(f"no article {prefix!r} in this project")
        if len(matches) > 1:
            raise CliError(f"{prefix!r} matches {len(matches)} articles; give more of the id")
        chosen.append(matches[0])
    return chosen


def _evaluate(project, args) -> int:
    from annotator.actions.suggestion_eval import GoldError, evaluate_project, gold_from_annotator, gold_from_jsonl

    path = Path(args.evaluate)
    try:
        if path.is_file():
            gold, texts = gold_from_jsonl(path)
        elif path.exists():
            raise GoldError(f"{path} is not a file")
        else:
            gold, texts = gold_from_annotator(project, args.evaluate), {}
        if args.article:
            keep = set(_articles(project, args.article))
            gold = [g for g in gold if g.doc in keep]
        rows = evaluate_project(project, gold, texts, args.tag)
    except GoldError as error:
        raise CliError(str(error)) from error
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    print_scores(rows, len({g.doc for g in gold}))
    return 0


def print_scores(rows, documents: int) -> None:
    """The evaluation table (also used by benchmarks/eval_suggestions.py)."""
    width = max(len(r.tag) for r in rows)
    print(f"{documents} documents with gold")
    print(f"  {'tag':<{width}}  {'gold':>5} {'sugg':>5}   {'exact P':>7} {'R':>5} {'F1':>5}   "
          f"{'overlap P':>9} {'R':>5} {'F1':>5}   one key")
    for r in rows:
        print(f"  {r.tag:<{width}}  {r.exact.gold:>5} {r.exact.suggested:>5}   {_n(r.exact.precision):>7} "
              f"{_n(r.exact.recall):>5} {_n(r.exact.f1):>5}   {_n(r.overlap.precision):>9} "
              f"{_n(r.overlap.recall):>5} {_n(r.overlap.f1):>5}   {_n(r.one_key_share):>7}")


def _n(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"
