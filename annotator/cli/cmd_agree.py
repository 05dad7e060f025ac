"""``annotator agree PROJECT --between A B [C...]``: inter-coder agreement as a table."""

from __future__ import annotations

import math

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "agree",
        help="measure agreement between annotators",
        description="Cohen's kappa and Krippendorff's alpha over characters, and span precision/"
        "recall/F1 with exact and with overlapping boundaries, per tag and over all tags, for "
        "every pair of the annotators named (the first of a pair is the reference), plus "
        "Krippendorff's alpha across all of them. Articles only one of a pair coded are "
        "excluded and counted.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--between", nargs="+", metavar="NAME", required=True,
                        help="two or more annotator names")
    parser.add_argument("--tag", action="append", metavar="NAME",
                        help="measure only this tag (repeatable; default: every tag)")
    parser.add_argument("--per-article", action="store_true",
                        help="also list each article, the most divergent first")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--csv", metavar="FILE", help="also write the figures to FILE as CSV")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import agreement

    if len(set(args.between)) < 2:
        raise CliError("--between needs at least two different annotator names")
    with open_project(args.project) as project:
        try:
            report = agreement.measure(project, args.between, args.tag, per_article=args.per_article)
        except ValueError as error:
            raise CliError(str(error)) from error
        titles = {}
        if args.per_article and not args.json:
            for pair in report.pairs:
                for article in _most_divergent(pair.per_article):
                    if article.article_id not in titles:
                        found = project.articles.get(article.article_id)
                        titles[article.article_id] = found.title if found else ""
    if args.csv:
        try:
            agreement.write_csv(report, args.csv)
        except OSError as error:
            raise CliError(f"{args.csv}: cannot be written ({error.strerror})") from error
    if args.json:
        print_json(report.to_json())
    else:
        _print(report, titles)
    if args.csv and not args.json:
        print(f"wrote {args.csv}")
    return 0


def _number(value: float | None, width: int = 6) -> str:
    return f"{'n/a':>{width}}" if value is None or math.isnan(value) else f"{value:>{width}.3f}"


def _scores(s) -> str:
    return f"{_number(s.precision)} {_number(s.recall)} {_number(s.f1)}"


def _most_divergent(articles):
    return sorted(articles, key=lambda a: (a.kappa is None, a.kappa if a.kappa is not None else 0, a.article_id))


def _print(report, titles: dict[str, str]) -> None:
    width = max([len(t) for t in report.tags] + [len("(all tags)"), len("tag")])
    for pair in report.pairs:
        print(f"{pair.a} (reference) vs {pair.b}: {pair.articles} articles both coded "
              f"({pair.characters:,} characters); {len(pair.excluded_articles)} articles only one "
              "of them coded, excluded")
        print(f"  {'':<{width}}  {'':>13}   {'exact boundaries':<20}   {'overlap':<20}")
        print(f"  {'tag':<{width}}  {'kappa':>6} {'alpha':>6}   {'P':>6} {'R':>6} {'F1':>6}"
              f"   {'P':>6} {'R':>6} {'F1':>6}   spans A/B")
        for m in (*pair.per_tag, pair.overall):
            print(f"  {m.tag:<{width}}  {_number(m.kappa)} {_number(m.alpha)}   {_scores(m.exact)}"
                  f"   {_scores(m.overlap)}"
                  f"   {m.exact.a_spans}/{m.exact.b_spans}")
        if pair.per_article:
            print("  per article, most divergent first (kappa, alpha, overlap F1, differing characters):")
            for article in _most_divergent(pair.per_article):
                title = titles.get(article.article_id, "")
                print(f"    {article.article_id[:12]}  {_number(article.kappa)} {_number(article.alpha)} "
                      f"{_number(article.overlap.f1)} {article.differing_characters:>7}  {title}")
        print()
    group = report.group
    print(f"Krippendorff's alpha across {', '.join(group.annotators)}: {_number(group.overall).strip()} "
          f"over {group.articles} articles coded by at least two of them "
          f"({len(group.excluded_articles)} coded by only one, excluded)")
    for tag, value in group.per_tag.items():
        print(f"  {tag:<{width}}  {_number(value)}")
