"""``annotator restore PROJECT BACKUP``: put a backup in place of the project."""

from pathlib import Path

from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="replace a project by one of its backups",
        description="Replace PROJECT by BACKUP (a file, or its number in `annotator backups`). "
        "Refused while another process has the project open. The file it replaces is first "
        "kept aside in the backups folder (…-replaced.annotator) and never deleted.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("backup", help="the backup file, or its number from `annotator backups`")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.safekeeping import list_backups, restore  # inside: the parser is built at every start
    backup = _backup_file(args.project, args.backup)
    aside = restore(args.project, backup)
    print(f"restored {args.project} from {backup}; the file it replaced is kept at {aside}")
    return 0


def _backup_file(project: str, given: str) -> Path:
    from annotator.actions.safekeeping import list_backups, restore  # inside: the parser is built at every start
    if given.isdigit() and not Path(given).exists():
        backups = list_backups(project, counts=False)
        number = int(given)
        if not 1 <= number <= len(backups):
            raise CliError(f"no backup number {number}: `annotator backups {project}` lists {len(backups)}")
        return backups[number - 1].path
    return Path(given)
