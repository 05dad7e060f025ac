"""``annotator new PROJECT``: create an empty project with the news codebook."""

from pathlib import Path

from annotator.cli.errors import CliError
from annotator.storage.errors import ProjectError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new",
        help="create a new project file",
        description="Create a new project file with the news codebook (Claim, Quote, "
        "Source attribution, Sensational language).",
    )
    parser.add_argument("project", help="the project file to create, e.g. study.annotator")
    parser.add_argument("--empty-codebook", action="store_true", help="start with no tags")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.storage import Project

    try:
        with Project.create(Path(args.project), with_news_codebook=not args.empty_codebook) as project:
            print(f"created {project.path} with {len(project.codebook.tags())} tags")
    except ProjectError as error:
        raise CliError(str(error)) from error
    return 0
