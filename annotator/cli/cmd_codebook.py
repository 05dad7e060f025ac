"""``annotator codebook PROJECT --export FILE | --import FILE | --add-variable NAME``: the
codebook as a file, and article-level variables for scripts.

``.json`` is annotator's own form; ``.qdc`` is the REFI-QDA codebook other QDA tools read.
"""

import sys
from pathlib import Path

from annotator.cli import variable_edits
from annotator.cli.common import open_project
from annotator.cli.errors import CliError
from annotator.core import codebook as codebook_json
from annotator.core.codebook import CodebookError
from annotator.core.variables import Level, Option, Variable, VariableError, VariableType, split_values


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
    group.add_argument("--add-variable", metavar="NAME", help="add an article-level variable")
    variable_edits.add_arguments(group, parser)
    parser.add_argument("--type", choices=[t.value for t in VariableType],
                        help="the new variable's type (with --add-variable)")
    parser.add_argument("--values", metavar='"A,B,C"',
                        help="its values, comma-separated: the list, or the scale's points from low to high")
    parser.add_argument("--level", choices=[level.value for level in Level],
                        help="its level of measurement (a number: interval or ratio; a scale: ordinal "
                        "by default, or interval)")
    parser.add_argument("--definition", default="", help="what the variable records (with --add-variable)")
    parser.add_argument("--example", default="", help="an example (with --add-variable)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if not args.add_variable and (args.type or args.values or args.level):
        raise CliError("--type, --values and --level go with --add-variable NAME")
    with open_project(args.project) as project:
        if args.add_variable:
            return _add_variable(project, args)
        if variable_edits.wanted(args):
            return variable_edits.run(project, args)
        if args.export:
            path = Path(args.export)
            tags, variables = project.codebook.tags(), project.variables.variables()
            path.write_text(_dump(tags, variables, path), encoding="utf-8")
            also = f" and {len(variables)} variables" if variables else ""
            print(f"wrote {len(tags)} tags{also} to {path}")
        elif args.import_:
            path = Path(args.import_)
            try:
                tags, variables = _load(path.read_text(encoding="utf-8-sig"), path)
                project.backup("before-codebook-import")
                with project.db.atomic():
                    project.codebook.replace_all(tags)
                    project.variables.replace_all(variables)
            except OSError as error:
                raise CliError(f"{path}: cannot be read ({error.strerror})") from error
            except UnicodeDecodeError as error:
                raise CliError(f"{path}: not a text file") from error
            except (CodebookError, VariableError) as error:
                raise CliError(f"{path}: {error}") from error
            also = f" and {len(variables)} variables" if variables else ""
            print(f"read {len(tags)} tags{also} from {path}")
        else:
            for tag in project.codebook.tags():
                state = " (retired)" if tag.retired else ""
                print(f"  [{tag.key or ' '}] {tag.name}  {tag.colour}{state}")
            variables = project.variables.variables()
            if variables:
                print("article-level variables:")
            for variable in variables:
                state = " (retired)" if variable.retired else ""
                values = f": {variable.allowed()}" if variable.type.has_options else ""
                print(f"  {variable.name}  {variable.type.value}, {variable.level.value}{values}{state}")
    return 0


def _add_variable(project, args) -> int:
    if not args.type:
        raise CliError("--add-variable needs --type (one of: " + ", ".join(t.value for t in VariableType) + ")")
    kind = VariableType(args.type)
    if kind is VariableType.NUMBER and not args.level:
        raise CliError("a number variable needs --level interval or --level ratio (ratio: zero means none)")
    if kind.has_options and not args.values:
        raise CliError(f'a {kind.value} variable needs --values "A,B,C"')
    if args.values and not kind.has_options:
        raise CliError(f"a {kind.value} variable has no list of values; leave out --values")
    options = [Option(label) for label in split_values(args.values or "")]
    try:
        variable = project.variables.add(Variable(
            name=args.add_variable, type=kind, options=options, level=args.level,
            definition=args.definition, example=args.example,
        ))
    except VariableError as error:
        raise CliError(str(error)) from error
    values = f" ({variable.allowed()})" if kind.has_options else ""
    print(f"added variable {variable.name}: {kind.value}, {variable.level.value}{values}")
    return 0


def _dump(tags, variables, path: Path) -> str:
    if path.suffix.lower() == ".qdc":
        from annotator.core.formats import refi_codebook

        if variables:  # the REFI-QDA codebook schema has codes and sets, nothing else
            print(f"note: a .qdc codebook cannot carry article-level variables; {len(variables)} "
                  "left out (use .json, or export a .qdpx project for their values)", file=sys.stderr)
        return refi_codebook.to_qdc(tags)
    return codebook_json.to_json(tags, variables)


def _load(document: str, path: Path):
    if path.suffix.lower() == ".qdc":
        from annotator.core.formats import refi_codebook

        return refi_codebook.from_qdc(document), []
    return codebook_json.parse_json(document)
