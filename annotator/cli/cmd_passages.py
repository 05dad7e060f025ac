"""``annotator passages PROJECT [filters] [--csv FILE | --json]``: coded passages across the
corpus as keyword-in-context lines, the same filters as the window's passage browser."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.common import open_project
from annotator.cli.errors import CliError

EXAMPLES = """\
examples:
  annotator passages study.annotator --tag Quote --field speaker=minister --outlet "Daily Example"
  annotator passages study.annotator --tag "Source attribution" --field source_type=anonymous --from 2026-03 --to 2026-03
  annotator passages study.annotator --search "shocking crisis" --context --csv shocking.csv
  annotator passages study.annotator --tag Quote --variable tone=negative --variable frame=conflict
"""


def add_filter_arguments(parser: argparse.ArgumentParser, field_help: str = "") -> None:
    """The passage filters, shared with ``cooccurrence`` and ``chart``."""
    parser.add_argument("--tag", action="append", default=[], metavar="NAME",
                        help="passages with this tag (repeat for several; any case)")
    parser.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                        help=field_help or "passages whose field has this value, e.g. speaker=minister or "
                        "checkable=yes (any case; repeat one field for alternatives)")
    parser.add_argument("--annotator", action="append", default=[], metavar="NAME",
                        help="passages by this coder (repeat for several; 'reviewed' is the reviewed layer)")
    parser.add_argument("--layer", choices=["all", "coders", "reviewed"], default="all",
                        help="everyone's passages (default), the coders' only, or the reviewed layer only")
    parser.add_argument("--outlet", action="append", default=[], metavar="NAME",
                        help="articles from this outlet (repeat for several; any case)")
    parser.add_argument("--from", dest="date_from", default="", metavar="DATE",
                        help="articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", default="", metavar="DATE",
                        help="articles published on or before DATE (YYYY-MM covers the whole month)")
    parser.add_argument("--status", action="append", default=[], metavar="STATUS",
                        help="articles with this status: todo, in_progress, done (repeatable)")
    parser.add_argument("--variable", action="append", default=[], metavar="NAME=VALUE",
                        help="articles whose article-level variable some coder set to VALUE, e.g. tone=negative "
                        "(several-of: that option among those chosen; repeat one variable for alternatives)")
    parser.add_argument("--search", default="", metavar="WORDS",
                        help="passages holding every word (any case, accents ignored; 'shock' finds 'shocking')")
    parser.add_argument("--context", action="store_true", help="--search also looks in the context around passages")


def resolve_filter(project, args):
    from annotator.actions.passages import FilterRequest, PassageError, resolve

    request = FilterRequest(
        tags=tuple(args.tag), fields=tuple(args.field), annotators=tuple(args.annotator),
        outlets=tuple(args.outlet), date_from=args.date_from, date_to=args.date_to,
        statuses=tuple(args.status), variables=tuple(args.variable), layer=args.layer, search=args.search, search_context=args.context,
    )
    try:
        return resolve(project, request)
    except PassageError as error:
        raise CliError(str(error)) from error


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "passages",
        help="list coded passages across the corpus (keyword in context), filtered",
        description="List the coded passages that match every filter given, in article order, as "
                    "tab-separated lines: tag, coder, outlet, date, title, context [passage] context, "
                    "fields, note. --csv writes the same columns as `annotator export --format csv`.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", help="the project file")
    add_filter_arguments(parser)
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="FILE", help="write the passages to FILE as annotations.csv")
    out.add_argument("--json", action="store_true", help="print the passages as a JSON list")
    parser.add_argument("--excel", action="store_true", help="--csv: with a UTF-8 BOM for Excel")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import passages
    from annotator.actions.export_job import ExportError

    with open_project(args.project) as project:
        f = resolve_filter(project, args)
        if args.csv:
            try:
                n = passages.export_csv(project, f, args.csv, excel=args.excel)
            except ExportError as error:
                raise CliError(str(error)) from error
            print(f"wrote {n:,} passages to {args.csv}")
            return 0
        tags = passages.tag_names(project)
        rows = passages.iter_passages(project, f)
        if args.json:
            _print_json(passages.as_json(p, tags.get(p.tag_id, "")) for p in rows)
        else:
            for line in passages.as_text_lines(rows, tags):
                sys.stdout.write(line + "\n")
    return 0


def _print_json(items) -> None:
    """A JSON list written as it is read, so a million passages never sit in memory."""
    sys.stdout.write("[")
    for i, item in enumerate(items):
        sys.stdout.write(("," if i else "") + "\n  " + json.dumps(item, ensure_ascii=False))
    sys.stdout.write("\n]\n")
