"""``annotator import PROJECT PATH...``: (being built)."""

from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="import articles (not available yet)")
    parser.add_argument("project")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def run(args) -> int:
    raise CliError("'import' is not available yet")
