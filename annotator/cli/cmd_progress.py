"""``annotator progress PROJECT``: how far each coder is with their assigned articles."""

from __future__ import annotations

from annotator.cli.common import open_project, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "progress",
        help="show how many assigned articles each coder has done",
        description="Per coder and overall: assigned articles, done, in progress, to do, and "
        "whether the reliability sample is complete. A coder's progress arrives with "
        "`annotator merge` of their file.",
    )
    parser.add_argument("project", help="the lead's (or a coder's) project file")
    parser.add_argument("--json", action="store_true", help="print machine-readable progress")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.progress import team_progress

    with open_project(args.project) as project:
        progress = team_progress(project)
    if args.json:
        print_json(progress.to_json())
        return 0
    if not progress.coders:
        print("no assignment yet: run `annotator assign` first")
        return 0
    print(f"{'coder':<14}{'assigned':>9}{'done':>7}{'in progress':>13}{'to do':>7}{'sample done':>13}")
    for c in progress.coders:
        print(f"{c.coder:<14}{c.assigned:>9}{c.done:>7}{c.in_progress:>13}{c.todo:>7}"
              f"{f'{c.overlap_done}/{c.overlap_assigned}':>13}")
    state = "complete" if progress.overlap_complete else "not complete"
    print(f"overall: {progress.articles_done} of {progress.articles} articles done by all their coders; "
          f"reliability sample {progress.overlap_done}/{progress.overlap} ({state}); seed {progress.seed or '-'}")
    return 0
