"""``annotator chart PROJECT --by AXIS [filters] [--field NAME] [--per-1000-words] -o FILE``."""

from __future__ import annotations

import argparse

from annotator.cli.cmd_passages import add_filter_arguments, resolve_filter
from annotator.cli.common import open_project
from annotator.cli.errors import CliError

EXAMPLES = """\
examples:
  annotator chart study.annotator --by outlet --tag "Sensational language" --per-1000-words -o sensational.pdf
  annotator chart study.annotator --by month --field source_type -o sources.png
  annotator chart study.annotator --by week --tag Quote --tag Claim -o weekly.csv
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "chart",
        help="chart counts of tags (or a field's values) by outlet or over time",
        description="Count the coded passages that match the filters, one series per tag (or per "
                    "value of --field), by outlet or by day, week (ISO), month or year, and write "
                    "the figure as PNG (300 dpi), SVG or PDF, or its numbers as CSV, by the "
                    "suffix of FILE. --per-1000-words divides by the words of the coded articles "
                    "of each outlet or period.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--by", required=True, choices=["outlet", "day", "week", "month", "year"],
                        help="the x axis")
    add_filter_arguments(parser, field_help="NAME: one series per value of this field (e.g. source_type) instead "
                         "of per tag; NAME=VALUE: only passages with that value, as in `annotator passages`")
    parser.add_argument("--per-1000-words", action="store_true", help="passages per 1,000 words of coded text")
    parser.add_argument("--title", default="", help="a title above the figure")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.png, .svg, .pdf or .csv")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import charts

    series = [f for f in args.field if "=" not in f]
    if len(series) > 1:
        raise CliError(f"--field: one field's values at a time ({', '.join(series)} given)")
    args.field = [f for f in args.field if "=" in f]
    with open_project(args.project) as project:
        f = resolve_filter(project, args)
        try:
            data = charts.chart_data(project, f, args.by, field=series[0] if series else None,
                                     per_1000_words=args.per_1000_words)
            charts.save(data, args.output, title=args.title)
        except charts.ChartError as error:
            raise CliError(str(error)) from error
        except OSError as error:
            raise CliError(f"{args.output}: cannot be written ({error.strerror})") from error
    print(f"wrote {args.output} ({len(data.series)} series, {len(data.categories)} {args.by} values)")
    return 0
