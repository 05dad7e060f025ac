"""``annotator autocode PROJECT --tag NAME (--phrase TEXT | --regex RE)``: tag every match at once."""

from __future__ import annotations

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "autocode",
        help="tag every match of a word, phrase or regular expression",
        description="Tag every occurrence of a phrase (its words in order, any white space "
        "between them) or a regular expression, in the given articles or the whole corpus, as "
        "one step. Matches the coder already tagged with that tag are skipped and counted. "
        "--dry-run shows the count and a sample and writes nothing.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--tag", required=True, metavar="NAME", help="the tag to apply (its name)")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--phrase", metavar="TEXT", help="a word or phrase")
    what.add_argument("--regex", metavar="RE", help="a Python regular expression")
    parser.add_argument("--article", action="append", metavar="ID", dest="articles",
                        help="search only this article (its id or a unique prefix); repeat for more")
    parser.add_argument("--annotator", metavar="NAME", default="autocode",
                        help="the coder the annotations are recorded for (default: autocode)")
    parser.add_argument("--case-sensitive", action="store_true", help="match upper and lower case exactly")
    parser.add_argument("--partial-words", action="store_true",
                        help="also match inside longer words (default: whole words only)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be tagged; write nothing")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--sample", type=int, default=5, metavar="N", help="matches shown as a sample (default 5)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import autocode
    from annotator.actions.variables import resolve_article
    from annotator.core.variables import VariableError

    search = autocode.Search(phrase=args.phrase or "", regex=args.regex or "",
                             whole_words=not args.partial_words, case_sensitive=args.case_sensitive)
    with open_project(args.project) as project:
        try:
            ids = [resolve_article(project, a) for a in args.articles] if args.articles else None
            tag = project.codebook.by_name(args.tag)
            if tag is None:
                raise CliError(f"no tag named {args.tag!r}; see: annotator codebook {args.project}")
            plan = autocode.preview(project, tag.id, args.annotator, search, ids)
        except (autocode.AutocodeError, VariableError) as error:
            raise CliError(str(error)) from error
        written = 0 if args.dry_run else len(autocode.apply_plan(project, plan).added)
    sample = plan.sample(max(0, args.sample))
    if args.json:
        print_json({
            "tag": plan.tag.name, "annotator": plan.annotator, "search": search.describe(),
            "matches": plan.count, "already_tagged": plan.skipped, "articles_searched": plan.articles_searched,
            "articles_matched": plan.articles_matched, "written": written, "dry_run": args.dry_run,
            "sample": [{"article_id": m.article_id, "start": m.start, "end": m.end, "text": m.passage,
                        "before": m.before, "after": m.after} for m in sample],
        })
        return 0
    print(plan.summary() + ("." if args.dry_run else f"; {written} written."))
    for m in sample:
        context = f"…{m.before[-30:]}[{m.passage}]{m.after[:30]}…".replace("\n", " ")
        print(f"  {m.article_id[:12]} {m.start}-{m.end}  {context}")
    if args.dry_run and plan.count:
        print("Nothing written (--dry-run).")
    return 0
