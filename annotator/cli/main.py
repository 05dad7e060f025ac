"""``annotator``: parse the command line and hand over to one command module.

Each module in ``COMMANDS`` has ``register(subparsers)`` which adds its parser and sets
``func`` (``args -> exit code``). A bare ``annotator`` or ``annotator PROJECT`` opens the window.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from annotator import __version__
from annotator.cli.errors import USAGE_OR_PROJECT_ERROR, CliError

COMMANDS = {
    "new": "annotator.cli.cmd_new",
    "import": "annotator.cli.cmd_import",
    "articles": "annotator.cli.cmd_articles",
    "info": "annotator.cli.cmd_info",
    "codebook": "annotator.cli.cmd_codebook",
    "export": "annotator.cli.cmd_export",
    "merge": "annotator.cli.cmd_merge",
    "agree": "annotator.cli.cmd_agree",
    "check": "annotator.cli.cmd_check",
    "backup": "annotator.cli.cmd_backup",
    "backups": "annotator.cli.cmd_backups",
    "restore": "annotator.cli.cmd_restore",
    "suggest": "annotator.cli.cmd_suggest",
    "assign": "annotator.cli.cmd_assign",
    "progress": "annotator.cli.cmd_progress",
    "team": "annotator.cli.cmd_team",
    "push": "annotator.cli.cmd_push",
    "pull": "annotator.cli.cmd_pull",
    "code": "annotator.cli.cmd_code",
    "autocode": "annotator.cli.cmd_autocode",
    "passages": "annotator.cli.cmd_passages",
    "cooccurrence": "annotator.cli.cmd_cooccurrence",
    "chart": "annotator.cli.cmd_chart",
}

DESCRIPTION = """\
Tag claims, quotes, source attributions and sensational language in news articles.

  annotator                      open the window on a start page
  annotator PROJECT              open the window on a project
  annotator --demo               open a fresh copy of the sample project
  annotator COMMAND --help       help for one command
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with one line, as argparse does
        self.print_usage(sys.stderr)
        raise CliError(message)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (``only``) one command's: running a command imports no other
    command's module, so no other command's imports slow its start."""
    parser = _Parser(
        prog="annotator",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(module).register(subparsers)
    return parser


def build_window_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="annotator", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", nargs="?", help="the project file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the sample project")
    parser.add_argument("--annotator", metavar="NAME", help="your name, recorded on every annotation")
    parser.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; everything it prints passes through :func:`annotator.core.terminal.plain`
    (colleagues' titles and names may hold escape sequences and bidi controls)."""
    from annotator.core.terminal import PlainWriter

    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PlainWriter(stdout), PlainWriter(stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        if _wants_window(argv):
            args = build_window_parser().parse_args(argv)
            return _open_window(args)
        words = [a for a in argv if a != "--debug"]
        args = build_parser(only=words[0] if words[0] in COMMANDS else None).parse_args(argv)
        return args.func(args)
    except CliError as error:
        if debug:
            raise
        print(f"annotator: error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `annotator ... | head`: the reader has what it wanted
        sys.stderr.close()
        return 0
    except Exception as error:  # the user sees one line; --debug shows the traceback
        if debug:
            raise
        from annotator.storage.errors import ProjectError

        if isinstance(error, ProjectError):
            print(f"annotator: error: {error}", file=sys.stderr)
        else:
            print(f"annotator: error: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return USAGE_OR_PROJECT_ERROR


def _wants_window(argv: list[str]) -> bool:
    """True unless the first word is a command or a top-level help/version flag."""
    words = [a for a in argv if a != "--debug"]
    if not words:
        return True
    if words[0] in COMMANDS or words[0] in ("-h", "--help", "--version"):
        return False
    return True


def _open_window(args: argparse.Namespace) -> int:
    try:
        from annotator.ui.app import run
    except ImportError as error:
        raise CliError(f"the window cannot start: {error}") from error
    return run(project=args.project, demo=args.demo, annotator=args.annotator)
