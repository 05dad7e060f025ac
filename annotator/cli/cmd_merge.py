"""``annotator merge PROJECT OTHER``: bring a colleague's annotations in (plan, backup, merge)."""

from __future__ import annotations

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError
from annotator.storage import ProjectError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="merge a colleague's annotations (project file, JSONL or .qdpx export)",
        description="Add the annotations of OTHER (a colleague's project file, or an annotator "
        "JSONL, REFI-QDA .qdpx or brat export) to PROJECT. Articles are matched by their text "
        "(content id), tags by name ignoring case (missing tags are added), annotations by id "
        "(merging again adds nothing). The plan is printed first; the merge is one transaction, "
        "after a backup copy in the backups folder beside the project (NAME.backups/).",
    )
    parser.add_argument("project", help="our project file")
    parser.add_argument("other", help="their project file or export")
    parser.add_argument("--as", dest="as_name", metavar="NAME",
                        help="the name their annotations get here (when they have one annotator)")
    parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW",
                        help="rename one of their annotators (repeatable); OLD=OLD confirms the same coder")
    parser.add_argument("--add-missing-articles", action="store_true",
                        help="also add the articles they have and we lack (with their annotations)")
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    parser.add_argument("--json", action="store_true", help="print the plan and result as JSON")
    parser.set_defaults(func=run)


def _renames(pairs: list[str]) -> dict[str, str]:
    renames = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise CliError(f"--rename takes OLD=NEW, got {pair!r}")
        renames[old.strip()] = new.strip()
    return renames


def run(args) -> int:
    from annotator.actions.merge import MergeError, apply_merge, plan_merge

    renames = _renames(args.rename)
    with open_project(args.project) as project:
        try:
            plan = plan_merge(project, args.other, rename=renames, as_name=args.as_name)
        except MergeError as error:
            raise CliError(f"{error}; {args.project} was not changed") from error
        if plan.clashes:
            name = plan.clashes[0]
            raise CliError(
                f"{plan.clash_message()}: pass --as NAME (or --rename {name}=NEWNAME; "
                f"--rename {name}={name} if it is the same coder)"
            )
        report = None
        if not args.dry_run:
            try:
                report = apply_merge(project, plan, add_missing_articles=args.add_missing_articles)
            except (MergeError, ProjectError) as error:
                raise CliError(str(error)) from error
    if args.json:
        print_json({"plan": plan.to_json(), "result": report.to_json() if report else None,
                    "dry_run": args.dry_run})
        return 0
    _print_plan(plan, args.add_missing_articles)
    if report is None:
        print("dry run: nothing was changed")
    elif report.backup is None and not report.annotations_added and not report.articles_added:
        print("nothing to merge: the project already has all of it; nothing was changed")
    else:
        print(f"merged: {report.annotations_added} annotations added, {report.articles_added} articles "
              f"added, {len(report.tags_added)} tags added")
        if report.backup:
            print(f"backup of the project before the merge: {report.backup}")
    return 0


def _print_plan(plan, add_missing: bool) -> None:
    print(f"merging {plan.other} ({plan.source})")
    print(f"  articles   {plan.articles_matched} matched by content, {len(plan.articles_missing)} "
          f"we lack ({'to be added' if add_missing else 'not added; --add-missing-articles adds them'})")
    for article in plan.articles_missing[:20]:
        print(f"    {article.id[:12]}  {article.title}  ({article.annotations} annotations)")
    if len(plan.articles_missing) > 20:
        print(f"    ... and {len(plan.articles_missing) - 20} more")
    print(f"  tags       {len(plan.tags_matched)} matched by name; to add: {', '.join(plan.tags_to_add) or 'none'}")
    print("  annotators")
    for a in plan.annotators:
        name = a.name if a.arrives_as == a.name else f"{a.name} -> {a.arrives_as}"
        extra = f", {a.on_missing_articles} on articles we lack" if a.on_missing_articles else ""
        values = f", {a.values_to_add} article-level values" if a.values_to_add else ""
        print(f"    {name}: {a.to_add} to add{extra}, {a.already_present} already present{values}")
    v = plan.values
    if v.to_write or v.variables_to_add or v.already_present:
        added = ", ".join(x.name for x in v.variables_to_add) or "none"
        print(f"  variables  {len(v.to_write)} values to add, {v.already_present} already present; "
              f"variables to add: {added}")
    for problem in plan.problems[:20]:
        print(f"  problem: {problem}")
    if len(plan.problems) > 20:
        print(f"  ... and {len(plan.problems) - 20} more problems")
