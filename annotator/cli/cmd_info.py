"""``annotator info PROJECT``: what a project holds."""

from annotator.cli.common import open_project, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "info",
        help="summarise a project",
        description="Print the number of articles, annotations per tag and per annotator, "
        "and how many articles are to do, in progress and done.",
    )
    parser.add_argument("project", help="the project file")
    parser.add_argument("--json", action="store_true", help="print a machine-readable summary")
    parser.set_defaults(func=run)


def summary(project) -> dict:
    tags = project.codebook.tags()
    by_tag_id = project.annotations.counts_by_tag()
    return {
        "project": str(project.path),
        "articles": project.articles.count(),
        "status": project.articles.status_counts(),
        "annotations": project.annotations.count(),
        "annotations_per_tag": {t.name: by_tag_id.get(t.id, 0) for t in tags},
        "annotations_per_annotator": project.annotations.counts_by_annotator(),
        "tags": [{"name": t.name, "key": t.key, "retired": t.retired} for t in tags],
    }


def run(args) -> int:
    with open_project(args.project) as project:
        data = summary(project)
    if args.json:
        print_json(data)
        return 0
    status = data["status"]
    print(f"{data['project']}")
    print(f"  articles     {data['articles']}  (to do {status['todo']}, in progress "
          f"{status['in_progress']}, done {status['done']})")
    print(f"  annotations  {data['annotations']}")
    width = max((len(n) for n in data["annotations_per_tag"]), default=0)
    for name, count in data["annotations_per_tag"].items():
        print(f"    {name:<{width}}  {count}")
    if data["annotations_per_annotator"]:
        print("  annotators")
        for name, count in sorted(data["annotations_per_annotator"].items()):
            print(f"    {name}  {count}")
    return 0
