"""``annotator codebook PROJECT --export FILE | --import FILE``: the codebook as a file.

``.json`` is annotator's own form; ``.qdc`` is the REFI-QDA codebook other QDA tools read.
"""

from pathlib import Path

from annotator.cli.common import open_project
from annotator.cli.errors import CliError
from annotator.core import codebook as codebook_json
from annotator.core.codebook import CodebookError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "codebook",
        help="export or import the codebook (JSON or REFI-QDA .qdc)",
        description="Write the project's codebook to FILE, or read tags from FILE into the "
        "project (tags matched by name are updated, others added). The format follows the "
        "file name: .json (annotator) or .qdc (REFI-QDA codebook). Without an option, list the tags.",
    )
    parser.add_argument("project", help="the project file")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--export", metavar="FILE", help="write the codebook to FILE")
    group.add_argument("--import", dest="import_", metavar="FILE", help="read tags from FILE")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_project(args.project) as project:
        if args.export:
            path = Path(args.export)
            path.write_text(_dump(project.codebook.tags(), path), encoding="utf-8")
            print(f"wrote {len(project.codebook.tags())} tags to {path}")
        elif args.import_:
            path = Path(args.import_)
            try:
                tags = _load(path.read_text(encoding="utf-8-sig"), path)
                project.codebook.replace_all(tags)
            except OSError as error:
                raise CliError(f"{path}: cannot be read ({error.strerror})") from error
            except UnicodeDecodeError as error:
                raise CliError(f"{path}: not a text file") from error
            except CodebookError as error:
                raise CliError(f"{path}: {error}") from error
            print(f"read {len(tags)} tags from {path}")
        else:
            for tag in project.codebook.tags():
                state = " (retired)" if tag.retired else ""
                print(f"  [{tag.key or ' '}] {tag.name}  {tag.colour}{state}")
    return 0


def _dump(tags, path: Path) -> str:
    if path.suffix.lower() == ".qdc":
        from annotator.core.formats import refi_codebook

        return refi_codebook.to_qdc(tags)
    return codebook_json.to_json(tags)


def _load(document: str, path: Path):
    if path.suffix.lower() == ".qdc":
        from annotator.core.formats import refi_codebook

        return refi_codebook.from_qdc(document)
    return codebook_json.from_json(document)
