"""``annotator import PROJECT PATH...``: bring article files and folders into a project."""

from __future__ import annotations

import sys
import time

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import OK, SOME_INPUTS_FAILED

ACCEPTED = ".txt .md .html .htm .docx .rtf .pdf .eml .xml .jsonl .csv .json"
# Progress is worth showing only when an import takes a while.
PROGRESS_AFTER_SECONDS = 1.0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import articles from files and folders",
        description=(
            f"Import news articles into a project. Accepted: {ACCEPTED} (folders are searched "
            "recursively; hidden files are skipped), and annotated exchange files. News-database exports "
            "(Nexis Uni, LexisNexis, Factiva, ProQuest, Europresse) are recognised by their content and "
            "split into one article per story. Articles "
            "already in the project (same text) are skipped and counted. Files that cannot be "
            "imported are listed on stderr with the reason; the others are still imported. "
            "Exit code 0: all imported; 1: some inputs failed; 2: project or usage error."
        ),
    )
    parser.add_argument("project", help="the project file (create it with 'annotator new')")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--json", action="store_true", help="print a machine-readable report on stdout")
    parser.add_argument(
        "--drop-boilerplate", action="store_true",
        help="leave page furniture out of scraped text dumps: lone image counters, photo credits, "
             "share/subscribe prompts, cookie notices (whole lines only; off by default)",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.import_files import import_paths

    with open_project(args.project) as project:
        report = import_paths(project, args.paths, progress=_progress_printer(), drop_boilerplate=args.drop_boilerplate)
    for path, reason in report.failures:
        print(f"{path}: {reason}", file=sys.stderr)
    if not args.json:
        for line in report.file_summaries():
            print(line)
    if args.json:
        print_json(report.to_json())
    else:
        line = (
            f"added {report.articles_added} articles, skipped {report.duplicates_skipped} "
            f"duplicates, {len(report.failures)} failed"
        )
        if report.annotations_added or report.annotations_refused:
            line += f" ({report.annotations_added} annotations added, {report.annotations_refused} refused)"
        for path, counts in report.per_file.items():
            if counts.carries_codings:
                print(counts.codings_line(path))
        print(line)
    return SOME_INPUTS_FAILED if report.failures else OK


def _progress_printer():
    """A progress callback writing ``\\r[done/total] file`` to stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()
    shown = False

    def show(done: int, total: int, path) -> None:
        nonlocal shown
        if time.monotonic() - started < PROGRESS_AFTER_SECONDS and done < total:
            return
        if not shown and done == total:
            return  # finished quickly: no progress line at all
        shown = True
        name = str(path)[-50:]
        sys.stderr.write(f"\r\033[K[{done}/{total}] {name}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
