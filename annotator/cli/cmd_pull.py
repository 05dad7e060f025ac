"""``annotator pull postgresql://… PROJECT.annotator``: a project file from a server study."""

from __future__ import annotations

from annotator.cli.cmd_push import _print
from annotator.cli.errors import CliError
from annotator.storage import ProjectError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "pull",
        help="copy a team study from a PostgreSQL server into a new project file",
        description="Copy everything of the study at URL that you may read into a new project "
        "file (never over an existing one). As the administrator, that is the whole study.",
    )
    parser.add_argument("url", help="postgresql://USER@HOST/STUDY")
    parser.add_argument("project", help="the new project file")
    parser.add_argument("--json", action="store_true", help="print the rows copied as JSON")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.storage.pg.transfer import pull

    try:
        report = pull(args.url, args.project)
    except ProjectError as error:
        raise CliError(str(error)) from error
    return _print(report, args.json, f"pulled into {args.project}")
