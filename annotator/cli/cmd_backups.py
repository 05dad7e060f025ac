"""``annotator backups PROJECT``: the project's backups, newest first."""

from annotator.cli.common import print_json
from annotator.core.terminal import plain


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backups",
        help="list a project's backups",
        description="List the backups in the project's backups folder (NAME.backups/ beside "
        "it), newest first: number, time (UTC), reason, size, articles and annotations. "
        "Give the number or the file to `annotator restore`.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--json", action="store_true", help="print a machine-readable list")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.safekeeping import backups_folder, list_backups  # inside: the parser is built at every start
    backups = list_backups(args.project)
    if args.json:
        print_json([
            {"number": n, "path": str(b.path), "taken_at": b.taken_at.isoformat(), "reason": b.reason,
             "bytes": b.size, "articles": b.articles, "annotations": b.annotations}
            for n, b in enumerate(backups, start=1)
        ])
        return 0
    folder = backups_folder(args.project)
    if not backups:
        print(f"no backups in {plain(folder)}")
        return 0
    print(f"backups in {plain(folder)} (newest first):")
    for number, backup in enumerate(backups, start=1):
        counts = (
            f"{backup.articles:>7} articles {backup.annotations:>8} annotations"
            if backup.articles is not None else "  (cannot be read)"
        )
        print(
            f"{number:>3}  {backup.taken_at:%Y-%m-%d %H:%M:%S}  {_size(backup.size):>8}  {counts}  "
            f"{backup.reason:<22} {plain(backup.path.name)}"
        )
    return 0


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
