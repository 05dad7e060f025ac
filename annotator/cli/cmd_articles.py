"""``annotator articles PROJECT``: list the articles, correct their metadata, remove one."""

from __future__ import annotations

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import OK, CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "articles",
        help="list articles, correct their metadata, remove one",
        description=(
            "List the project's articles (id, title, outlet, date, status, annotations, source file). "
            "--set corrects metadata: title, outlet, author, url, published, language, or any other "
            "field (kept with the article; an empty value removes it). The text itself never changes. "
            "--remove deletes an article with all its annotations. ARTICLE_ID may be shortened to the "
            "first characters the listing shows."
        ),
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.add_argument("--set", nargs="+", metavar=("ARTICLE_ID", "FIELD=VALUE"), help="correct metadata of one article")
    parser.add_argument("--remove", metavar="ARTICLE_ID", help="remove an article and its annotations")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions import articles
    from annotator.storage.errors import InvalidAnnotationError

    if args.set and args.remove:
        raise CliError("give --set or --remove, not both")
    with open_project(args.project) as project:
        try:
            if args.set:
                return _set(project, args.set)
            if args.remove:
                article_id = articles.resolve_id(project, args.remove)
                preview = articles.preview_removal(project, article_id)
                articles.remove_article(project, article_id)
                print(f"removed {article_id[:12]} “{preview.article.title}” and {preview.annotations} annotations")
                return OK
        except InvalidAnnotationError as error:  # also the not-found error
            raise CliError(str(error)) from error
        rows = articles.listing(project)
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['id'][:12]}  {row['published'][:10]:10}  {row['status']:11}  {row['annotations']:>4}  "
                  f"{row['outlet'][:24]:24}  {row['title']}")
        print(f"{len(rows)} articles")
    return OK


def _set(project, words: list[str]) -> int:
    from annotator.actions import articles

    article_id = articles.resolve_id(project, words[0])
    if len(words) < 2:
        raise CliError("--set needs FIELD=VALUE after the article id")
    changes = {}
    for word in words[1:]:
        if "=" not in word:
            raise CliError(f"{word!r} is not FIELD=VALUE")
        name, value = word.split("=", 1)
        changes[name] = value
    change = articles.set_metadata(project, article_id, changes)
    print(f"{article_id[:12]}: " + ("nothing to change" if change.empty else ", ".join(f"{k} set" for k in changes)))
    return OK
