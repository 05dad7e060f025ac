"""``annotator export PROJECT --format FORMAT -o DEST``: the coded corpus for other tools."""

from __future__ import annotations

import argparse
import sys
import textwrap

from annotator.actions import export_formats
from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError
from annotator.core.model import Status


def _formats_help() -> str:
    """One entry per registered format, its help wrapped beside its name."""
    width = max(len(name) for name in export_formats.names()) + 4
    lines = ["formats:"]
    for format in export_formats.formats():
        wrapped = textwrap.wrap(format.cli_help, 96 - width - 2)
        lines.append(f"  {format.name:<{width}}{wrapped[0]}")
        lines += [" " * (width + 2) + line for line in wrapped[1:]]
    return "\n".join(lines)


DESCRIPTION = """\
Write the project's annotations to DEST.

{formats}

CSV cells starting with = + - @, a tab or a carriage return are prefixed with an apostrophe so
that a spreadsheet does not run them as formulas (scraped text is untrusted); a cell that
already starts with an apostrophe gets one more, so dropping one leading apostrophe always gives
the raw value. --no-formula-guard writes raw values.
"""

EXAMPLES = """\
examples:
  annotator export study.annotator --format csv -o annotations.csv --articles articles.csv
  annotator export study.annotator --format csv -o quotes.csv --tag Quote --annotator maria --excel
  annotator export study.annotator --format article-counts -o matrix.csv --by-annotator
  annotator export study.annotator --format jsonl -o corpus.jsonl --status done
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help=f"export annotations ({', '.join(export_formats.names())})",
        description=DESCRIPTION.format(formats=_formats_help()),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--format", "-f", choices=export_formats.names(), default="csv", help="what to write (default: csv)")
    parser.add_argument("-o", "--output", required=True, metavar="DEST",
                        help="the file to write (a folder for brat)")
    parser.add_argument("--articles", metavar="FILE",
                        help="csv only: also write the articles (id, metadata, text) to FILE")
    parser.add_argument("--annotator", action="append", metavar="NAME",
                        help="only this annotator's annotations (repeat for several)")
    parser.add_argument("--tag", action="append", metavar="NAME",
                        help="only annotations with this tag (repeat for several; any case)")
    parser.add_argument("--status", choices=[s.value for s in Status],
                        help="only articles with this status")
    parser.add_argument("--excel", action="store_true",
                        help="CSV that Excel opens correctly by double-click (UTF-8 with a BOM)")
    parser.add_argument("--no-formula-guard", dest="formula_guard", action="store_false",
                        help="write cells exactly as they are, even if a spreadsheet would run them")
    parser.add_argument("--by-annotator", action="store_true",
                        help="article-counts only: one column per tag and annotator (Quote|maria)")
    parser.add_argument("--json", action="store_true", help="print a machine-readable report")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.export import ExportError, export

    with open_project(args.project) as project:
        try:
            report = export(
                project, args.format, args.output,
                annotators=args.annotator, tags=args.tag, status=args.status,
                excel=args.excel, formula_guard=args.formula_guard,
                articles_csv=args.articles, by_annotator=args.by_annotator,
                progress=_progress_printer() if sys.stderr.isatty() else None,
            )
        except ExportError as error:
            raise CliError(str(error)) from error
        except OSError as error:
            raise CliError(f"{error.filename or args.output}: cannot be written ({error.strerror})") from error
    if args.json:
        print_json(report.to_json())
    else:
        articles = f" and {report.articles} articles" if report.articles else ""
        print(f"wrote {report.annotations} annotations{articles} to {', '.join(report.files)} "
              f"({report.seconds:.1f} s)")
    return 0


def _progress_printer():
    def show(done: int, total: int) -> None:
        print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show
