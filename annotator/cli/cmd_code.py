"""``annotator code PROJECT ARTICLE_ID NAME=VALUE... --annotator NAME``: set article-level
variables from scripts."""

from __future__ import annotations

from annotator.cli.common import open_project
from annotator.cli.errors import CliError
from annotator.core.variables import VariableError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "code",
        help="set an article's article-level variables",
        description="Set one coder's values of article-level variables for one article, all or "
        "none. VALUE is a value's label (any case), a scale point's label or number (1 = the "
        "first), a number, yes/no, or text; several-of values are separated by ';' (none: "
        "NAME=none). NAME= with nothing after '=' clears the variable.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("article_id", metavar="ARTICLE_ID", help="the article (its id, or a unique prefix of it)")
    parser.add_argument("assignments", nargs="+", metavar="NAME=VALUE", help="variables to set")
    parser.add_argument("--annotator", metavar="NAME", required=True, help="the coder whose values these are")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import variables

    with open_project(args.project) as project:
        try:
            article_id = variables.resolve_article(project, args.article_id)
            change = variables.code_from_text(project, article_id, args.assignments, args.annotator)
        except VariableError as error:
            raise CliError(str(error)) from error
    print(f"{args.annotator}: {len(change.values)} of {len(args.assignments)} variables changed "
          f"on article {article_id[:12]}")
    return 0
