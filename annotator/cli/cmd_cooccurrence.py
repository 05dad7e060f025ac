"""``annotator cooccurrence PROJECT [filters] [--json | --csv FILE]``: the tag x tag table."""

from __future__ import annotations

import argparse

from annotator.cli.cmd_passages import add_filter_arguments, resolve_filter
from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "cooccurrence",
        help="tag x tag table: passages of one tag overlapping another, articles holding both",
        description="For every pair of tags: how many passages of the row tag overlap a passage of "
                    "the column tag (by the same coders), and how many articles hold both. The "
                    "filters choose the row passages (and --tag the tags shown), as in `annotator "
                    "passages`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", help="the project file")
    add_filter_arguments(parser)
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the table as JSON")
    out.add_argument("--csv", metavar="FILE", help="write the table to FILE (one row per pair of tags)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import cooccurrence

    with open_project(args.project) as project:
        table = cooccurrence.table(project, resolve_filter(project, args))
    if args.json:
        print_json(table.to_json())
    elif args.csv:
        try:
            cooccurrence.write_csv(table, args.csv)
        except OSError as error:
            raise CliError(f"{args.csv}: cannot be written ({error.strerror})") from error
        print(f"wrote {args.csv}")
    else:
        _print(table)
    return 0


def _print(table) -> None:
    names = [name for _, name in table.tags]
    width = max([len(n) for n in names] + [3])
    cell = max([len(n) for n in names] + [9])
    print("passages of the row tag overlapping a passage of the column tag (articles holding both)")
    print(f"{'':<{width}}  {'passages':>9}  " + "  ".join(f"{n:>{cell}}" for n in names))
    for row_id, row_name in table.tags:
        cells = [f"{table.passage_count(row_id, c)} ({table.article_count(row_id, c)})" for c, _ in table.tags]
        print(f"{row_name:<{width}}  {table.totals.get(row_id, 0):>9}  " + "  ".join(f"{c:>{cell}}" for c in cells))
