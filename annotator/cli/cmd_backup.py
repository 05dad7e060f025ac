"""``annotator backup PROJECT [DEST]``: a consistent copy of a project, even while it is open."""

from annotator.cli.common import open_project


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy a project into one whole file (safe while it is open)",
        description="Write a consistent single-file copy of PROJECT with SQLite's backup API, "
        "safe while the window or another command has it open. Without DEST the copy goes "
        "into the project's backups folder (NAME.backups/ beside it) and joins the rotation.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("dest", nargs="?", help="the file to write (must not exist yet)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.safekeeping import backup_now, save_copy  # inside: the parser is built at every start
    with open_project(args.project) as project:
        target = save_copy(project, args.dest) if args.dest else backup_now(project)
        articles, annotations = project.articles.count(), project.annotations.count()
    print(f"wrote {target} ({articles} articles, {annotations} annotations)")
    return 0
