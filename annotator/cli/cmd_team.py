"""``annotator team setup URL --lead NAME --coder NAME...``: a study on a PostgreSQL server."""

from __future__ import annotations

from annotator.cli.common import print_json
from annotator.cli.errors import CliError
from annotator.storage import ProjectError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "team",
        help="set up a team study on a PostgreSQL server",
        description="`annotator team setup postgresql://ADMIN@HOST/STUDY --lead NAME --coder NAME "
        "[--coder NAME]... [--reviewer NAME]...` creates the database STUDY, a login role for "
        "each person (a password is made and printed once for each new one) and the rules the "
        "server enforces: coders write only their own coding and, under blind coding, read only "
        "their own; reviewers write the reviewed layer; only the lead changes the codebook and "
        "the assignment. Run it again to add people. ADMIN must be allowed to create databases "
        "and roles.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    setup = actions.add_parser("setup", help="create or complete a study")
    setup.add_argument("url", help="postgresql://ADMIN@HOST[:PORT]/STUDY")
    setup.add_argument("--lead", required=True, metavar="NAME", help="the lead (also codes)")
    setup.add_argument("--coder", action="append", default=[], metavar="NAME", help="a coder (repeatable)")
    setup.add_argument("--reviewer", action="append", default=[], metavar="NAME", help="a reviewer (repeatable)")
    setup.add_argument("--json", action="store_true", help="print the result as JSON")
    setup.set_defaults(func=run_setup)


def run_setup(args) -> int:
    from annotator.storage.pg.connection import is_server_url
    from annotator.storage.pg.setup import set_up_study

    if not is_server_url(args.url):
        raise CliError(f"{args.url}: give the server as postgresql://ADMIN@HOST/STUDY")
    try:
        result = set_up_study(args.url, lead=args.lead, coders=args.coder, reviewers=args.reviewer)
    except ProjectError as error:
        raise CliError(str(error)) from error
    if args.json:
        print_json({"database": result.database, "created": result.created_logins,
                    "existing": result.existing_logins})
        return 0
    print(f"study {result.database} is ready")
    for name, password in result.created_logins.items():
        print(f"  new login {name}  password {password}")
    for name in result.existing_logins:
        print(f"  {name} already had a login (password unchanged)")
    if result.created_logins:
        print("Give each person their password privately; they can change it with "
              "ALTER ROLE ... PASSWORD in psql.")
    return 0
