"""``annotator check PROJECT``: is the project file whole? One line, exit 0 (yes) or 1 (no)."""

from annotator.cli.errors import OK, SOME_INPUTS_FAILED
from annotator.core.terminal import plain


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check that a project file is whole",
        description="Run every check on a project file, reading all of it: SQLite's integrity "
        "check, the foreign keys, the full-text search index, and that every annotation's "
        "passage equals its article's text at its offsets. Prints one line; exits 0 when all "
        "pass, 1 otherwise. Nothing is written to the project.",
    )
    parser.add_argument("project", help="the project file")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.safekeeping import check_project  # inside: the parser is built at every start
    report = check_project(args.project)
    name = plain(args.project)
    if report.ok:
        index = "search index" if report.search_index_checked else "search index (counted; the file is read-only)"
        print(
            f"{name}: ok (integrity, foreign keys, {index}, {report.annotations} passages "
            f"of {report.articles} articles match their text)"
        )
        return OK
    print(f"{name}: NOT OK: " + "; ".join(plain(p) for p in report.problems))
    return SOME_INPUTS_FAILED
