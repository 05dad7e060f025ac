"""`annotator merge`: not built yet (see the issue tracker)."""

from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser("merge", help="(merge: not available yet)")
    parser.add_argument("rest", nargs="*")
    parser.set_defaults(func=run)


def run(args) -> int:
    raise CliError("'merge' is not available yet")
