"""``annotator push PROJECT.annotator postgresql://…``: move a project file to a server study."""

from __future__ import annotations

from annotator.cli.common import print_json
from annotator.cli.errors import CliError
from annotator.storage import ProjectError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "push",
        help="copy a project file to a team study on a PostgreSQL server",
        description="Copy every article, tag, annotation, decision, assignment and setting of "
        "PROJECT to the (set up, empty) study at URL, in one transaction, as the server's "
        "administrator. `annotator pull` gives back the same file.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("url", help="postgresql://ADMIN@HOST/STUDY")
    parser.add_argument("--json", action="store_true", help="print the rows copied as JSON")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.storage.pg.transfer import push

    try:
        report = push(args.project, args.url)
    except ProjectError as error:
        raise CliError(str(error)) from error
    return _print(report, args.json, f"pushed {args.project}")


def _print(report, as_json: bool, what: str) -> int:
    if as_json:
        print_json(report.to_json())
        return 0
    rows = report.rows
    print(f"{what}: {rows.get('articles', 0)} articles, {rows.get('annotations', 0)} annotations, "
          f"{rows.get('tags', 0)} tags ({sum(rows.values())} rows in {len(rows)} tables)")
    return 0
