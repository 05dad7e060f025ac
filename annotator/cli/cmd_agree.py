"""``annotator agree PROJECT --between A B [C...]``: inter-coder agreement as a table."""

from __future__ import annotations

import math

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError
from annotator.cli.variable_table import print_variables

DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_THRESHOLDS = 1000, 1, (0.667, 0.8)


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
    variables = parser.add_argument_group(
        "article-level variables",
        "Krippendorff's alpha at each variable's level with a bootstrapped confidence interval, "
        "percent agreement, Cohen's kappa (nominal) and weighted kappa (scales), per variable "
        "(several-of: per value), for every pair and across all coders. Shown whenever the "
        "codebook has variables.")
    variables.add_argument("--variable", action="append", metavar="NAME",
                           help="measure only this variable (repeatable; default: every variable)")
    variables.add_argument("--only-variables", action="store_true", help="leave out the passage figures")
    variables.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES, metavar="N",
                           help=f"bootstrap resamples for alpha's interval (default {DEFAULT_RESAMPLES}; 0: none)")
    variables.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the bootstrap's seed (default {DEFAULT_SEED})")
    variables.add_argument("--threshold", type=float, action="append", metavar="ALPHA",
                           help="report P(alpha < ALPHA) (repeatable; default 0.667 and 0.8)")
    variables.add_argument("--variables-csv", metavar="FILE", help="also write the variables' figures to FILE as CSV")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import agreement, variable_agreement

    if len(set(args.between)) < 2:
        raise CliError("--between needs at least two different annotator names")
    if args.resamples < 0:
        raise CliError("--resamples cannot be negative")
    with open_project(args.project) as project:
        has_variables = bool(project.variables.variables())
        passages = not args.only_variables and not (has_variables and _only_values(project, args.between))
        if args.variable and not has_variables:
            raise CliError("this project has no article-level variables (annotator codebook --add-variable)")
        try:
            report = agreement.measure(project, args.between, args.tag, per_article=args.per_article) if passages else None
            vreport = variable_agreement.measure(
                project, args.between, args.variable, resamples=args.resamples, seed=args.seed,
                thresholds=args.threshold or DEFAULT_THRESHOLDS,
            ) if has_variables else None
        except ValueError as error:
            raise CliError(str(error)) from error
        if report is None and vreport is None:
            raise CliError("nothing to measure: --only-variables, but the codebook has no variables")
        titles = {}
        if report is not None and args.per_article and not args.json:
            for pair in report.pairs:
                for article in _most_divergent(pair.per_article):
                    if article.article_id not in titles:
                        found = project.articles.get(article.article_id)
                        titles[article.article_id] = found.title if found else ""
    written = []
    for path, table, writer in ((args.csv, report, agreement.write_csv),
                                (args.variables_csv, vreport, variable_agreement.write_csv)):
        if path and table is not None:
            try:
                writer(table, path)
            except OSError as error:
                raise CliError(f"{path}: cannot be written ({error.strerror})") from error
            written.append(path)
    if args.json:
        data = report.to_json() if report is not None else {}
        if vreport is not None:
            data["article_variables"] = vreport.to_json()
        print_json(data)
    else:
        if report is not None:
            _print(report, titles)
        if vreport is not None:
            print_variables(vreport)
    if not args.json:
        for path in written:
            print(f"wrote {path}")
    return 0


def _only_values(project, names) -> bool:
    """True when some coder named has set article-level values but annotated no passage."""
    annotated = set(project.annotations.annotators())
    return any(name not in annotated for name in names)


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
