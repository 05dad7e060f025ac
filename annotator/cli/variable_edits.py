"""The ``annotator codebook`` options that edit article-level variables (rename, retire, values,
order, the "all set before done" setting): each one line of output or one line of error."""

from __future__ import annotations

from annotator.cli.errors import CliError
from annotator.core.variables import VariableError, split_values

EDIT_OPTIONS = ("rename_variable", "retire_variable", "restore_variable", "add_value", "rename_value",
                "order_variables", "require_all_before_done")


def add_arguments(group, parser) -> None:
    group.add_argument("--rename-variable", metavar="OLD=NEW", help="rename a variable (its values stay)")
    group.add_argument("--retire-variable", metavar="NAME", help="hide a variable from coding (values kept)")
    group.add_argument("--restore-variable", metavar="NAME", help="offer a retired variable again")
    group.add_argument("--add-value", metavar="VARIABLE=LABEL", help="add a value to a list or the top of a scale")
    group.add_argument("--rename-value", metavar="VARIABLE:OLD=NEW", help="relabel a value (codings keep it)")
    group.add_argument("--order-variables", metavar='"A,B,C"', help="put the variables in this order")
    group.add_argument("--require-all-before-done", choices=["on", "off"],
                       help="ask before an article is marked done with variables unset (the window)")


def wanted(args) -> bool:
    return any(getattr(args, name) is not None for name in EDIT_OPTIONS)


def run(project, args) -> int:
    from annotator.actions import variables as ops

    try:
        if args.require_all_before_done:
            ops.set_requires_all_before_done(project, args.require_all_before_done == "on")
            print(f"asking before marking done with variables unset: {args.require_all_before_done}")
            return 0
        if args.order_variables:
            names = split_values(args.order_variables)
            ids = [ops.variable_named(project, name, active_only=False).id for name in names]
            project.variables.reorder(ids)
            print("variables: " + ", ".join(v.name for v in project.variables.variables()))
            return 0
        if args.rename_variable:
            old, new = _pair(args.rename_variable, "=", "--rename-variable OLD=NEW")
            variable = project.variables.rename(ops.variable_named(project, old, active_only=False).id, new)
            print(f"renamed variable {old} to {variable.name}")
        elif args.retire_variable or args.restore_variable:
            name = args.retire_variable or args.restore_variable
            variable = ops.variable_named(project, name, active_only=False)
            project.variables.retire(variable.id, retired=bool(args.retire_variable))
            print(f"{'retired' if args.retire_variable else 'restored'} variable {variable.name}")
        elif args.add_value:
            name, label = _pair(args.add_value, "=", "--add-value VARIABLE=LABEL")
            variable = project.variables.add_option(ops.variable_named(project, name, active_only=False).id, label)
            print(f"{variable.name}: {variable.allowed()}")
        elif args.rename_value:
            name, rest = _pair(args.rename_value, ":", "--rename-value VARIABLE:OLD=NEW")
            old, new = _pair(rest, "=", "--rename-value VARIABLE:OLD=NEW")
            variable = ops.variable_named(project, name, active_only=False)
            option = variable.option_labelled(old)
            if option is None:
                raise VariableError(f"{variable.name} has no value {old!r}; values: {variable.allowed()}")
            variable = project.variables.rename_option(variable.id, option.id, new)
            print(f"{variable.name}: {variable.allowed()}")
    except VariableError as error:
        raise CliError(str(error)) from error
    return 0


def _pair(text: str, separator: str, usage: str) -> tuple[str, str]:
    left, sep, right = text.partition(separator)
    if not sep or not left.strip() or not right.strip():
        raise CliError(f"write {usage}")
    return left.strip(), right.strip()
