"""``annotator assign PROJECT --coders a,b,c --overlap 15% --out FOLDER``: split the corpus."""

from __future__ import annotations

import csv
from pathlib import Path

from annotator.cli.common import open_project, print_json
from annotator.cli.errors import CliError
from annotator.core.assignment import STRATA, AssignmentError, parse_overlap
from annotator.storage import ProjectError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "assign",
        help="split the corpus among coders, with a reliability sample they all code",
        description="Assign every article of PROJECT to one coder (an even split, within strata "
        "if asked), plus a reliability sample drawn at random that several coders each code "
        "blind. The plan and its seed are recorded in PROJECT; with --out, one project file per "
        "coder (their articles and the codebook) is written to FOLDER. Merge their files back "
        "with `annotator merge`; `annotator progress` shows how far each coder is.",
    )
    parser.add_argument("project", help="the lead's project file")
    parser.add_argument("--coders", required=True, metavar="A,B,C", help="the coders' names, comma-separated")
    parser.add_argument("--overlap", default="0", metavar="SHARE|N",
                        help="the reliability sample: a share (15%%) or a number of articles (default 0)")
    parser.add_argument("--coders-per-overlap", type=int, default=2, metavar="K",
                        help="how many coders code each sampled article (default 2)")
    parser.add_argument("--seed", type=int, help="the random seed (printed; drawn when not given)")
    parser.add_argument("--stratify", choices=STRATA, help="split and sample within outlets, years or months")
    parser.add_argument("--by-hand", metavar="CSV",
                        help="a CSV with columns article_id,coder fixing some articles' coders")
    parser.add_argument("--out", metavar="FOLDER", help="write one project file per coder here")
    parser.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.set_defaults(func=run)


def run(args) -> int:
    from annotator.actions.assign import AssignResult, assign_corpus, plan_for_project

    coders = [c.strip() for c in args.coders.split(",") if c.strip()]
    fixed = _read_by_hand(Path(args.by_hand)) if args.by_hand else None
    with open_project(args.project) as project:
        try:
            overlap = parse_overlap(args.overlap, project.articles.count() - len(fixed or {}))
            plan = plan_for_project(project, coders, overlap=overlap, seed=args.seed,
                                    stratify=args.stratify, coders_per_overlap=args.coders_per_overlap,
                                    fixed=fixed)
            if args.dry_run:
                result = AssignResult(plan)
            else:
                result = assign_corpus(project, plan, Path(args.out) if args.out else None)
        except (AssignmentError, ProjectError) as error:
            raise CliError(str(error)) from error
    if args.json:
        print_json(result.to_json())
        return 0
    data = result.to_json()
    verb = "would assign" if args.dry_run else "assigned"
    print(f"{verb} {data['articles']} articles to {len(coders)} coders "
          f"(reliability sample: {data['overlap']} articles, seed {data['seed']}"
          f"{', stratified by ' + data['stratify'] if data['stratify'] else ''})")
    for coder, row in data["coders"].items():
        where = f"  -> {row['file']}" if row["file"] else ""
        print(f"  {coder:<12} {row['articles']:>6} articles{where}")
    return 0


def _read_by_hand(path: Path) -> dict[str, list[str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise CliError(f"{path}: cannot be read ({error.strerror})") from error
    if rows and not {"article_id", "coder"} <= set(rows[0]):
        raise CliError(f"{path}: needs the columns article_id and coder")
    fixed: dict[str, list[str]] = {}
    for row in rows:
        coder = (row.get("coder") or "").strip()
        article = (row.get("article_id") or "").strip()
        if article and coder and coder not in fixed.setdefault(article, []):
            fixed[article].append(coder)
    return fixed
