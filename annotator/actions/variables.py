"""Coding article-level variables: set and clear a coder's values. Operations in the shape of
:mod:`annotator.actions.editing`: each one transaction returning a
:class:`~annotator.core.changes.Change` (its ``values``) whose inverse undoes it, so a
:class:`~annotator.actions.history.History` or the window's undo stack takes them as they are.

Both faces call these: ``annotator code`` and the window's variables panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotator.actions import editing
from annotator.actions.editing import transaction
from annotator.core import variable_values
from annotator.core.changes import Change, StatusChange, ValueChange, merged
from annotator.core.model import Status, now_iso
from annotator.core.variable_values import Value
from annotator.core.review import REVIEWED
from annotator.core.review_variables import VariableDifference, variable_differences
from annotator.core.variables import ArticleValue, Variable, VariableError
from annotator.storage import Project

__all__ = [
    "add_variable", "articles_where", "clear_value", "move_variable", "save_variable", "code_from_text", "codebook_variables", "values_by_coder",
    "coder_values", "requires_all_before_done", "resolve_article", "set_requires_all_before_done",
    "set_value", "settle_agreeing_variables", "settle_variable", "unset_variables", "variable_named",
    "variable_review",
]

REQUIRE_ALL_SETTING = "require_variables_before_done"  # project setting: "1" flags unset ones


def variable_named(project: Project, name: str, *, active_only: bool = True) -> Variable:
    """The variable called ``name`` (any case); :class:`VariableError` naming the variables."""
    variable = project.variables.by_name(name)
    if variable is None or (active_only and variable.retired):
        names = ", ".join(v.name for v in project.variables.active()) or "none (add one with annotator codebook --add-variable)"
        raise VariableError(f"no variable called {name!r}; variables: {names}")
    return variable


def set_value(project: Project, article_id: str, variable: Variable, annotator: str, value: Value,
              reviewer: str = "") -> Change:
    """Set ``annotator``'s value of ``variable`` for the article (replacing an earlier one), in
    one transaction; a to-do article moves to "in progress" with it, as when a passage is
    tagged. Returns the :class:`Change` (empty when the value was already that). Raises
    :class:`VariableError` for a value the variable cannot hold or an unknown article."""
    annotator = _coder(annotator)
    value = variable_values.check(variable, value)
    stored = variable_values.encode(variable, value)
    with transaction(project):
        status = project.articles.status(article_id)
        if status is None:
            raise VariableError(f"no article {article_id}")
        old = project.article_values.get(article_id, variable.id, annotator)
        if old is not None and old.value == stored and old.reviewer == reviewer:
            return Change(label=f"Set {variable.name}")
        new = ArticleValue(article_id, variable.id, annotator, stored, reviewer, now_iso())
        started = (StatusChange(article_id, status, Status.IN_PROGRESS),) if status is Status.TODO else ()
        change = Change(label=f"Set {variable.name} to {variable_values.display(variable, value)}",
                        values=(ValueChange(old, new),), statuses=started)
        editing.apply(project, change)
    return change


def clear_value(project: Project, article_id: str, variable: Variable, annotator: str) -> Change:
    """Unset ``annotator``'s value of ``variable`` for the article (an empty change if unset)."""
    annotator = _coder(annotator)
    with transaction(project):
        old = project.article_values.get(article_id, variable.id, annotator)
        if old is None:
            return Change(label=f"Clear {variable.name}")
        change = Change(label=f"Clear {variable.name}", values=(ValueChange(old, None),))
        editing.apply(project, change)
    return change


def code_from_text(project: Project, article_id: str, assignments: Sequence[str], annotator: str) -> Change:
    """``["tone=negative", "victim=yes", "frame="]`` for one article as one change, all or
    none: ``NAME=`` (nothing after ``=``) clears. Raises :class:`VariableError` naming the
    allowed values."""
    parsed: list[tuple[Variable, Value | None]] = []
    for assignment in assignments:
        name, sep, text = assignment.partition("=")
        if not sep or not name.strip():
            raise VariableError(f"{assignment!r}: write NAME=VALUE (NAME= clears the variable)")
        variable = variable_named(project, name)
        empty_several = variable.type.value == "several-of" and text.strip() == "none"
        value = () if empty_several else (variable_values.parse(variable, text) if text.strip() else None)
        parsed.append((variable, value))
    _require_article(project, article_id)
    with transaction(project):
        parts = [
            clear_value(project, article_id, variable, annotator) if value is None
            else set_value(project, article_id, variable, annotator, value)
            for variable, value in parsed
        ]
    return merged("Code article variables", parts)


def coder_values(project: Project, article_id: str, annotator: str) -> dict[str, Value]:
    """The coder's values for the article by variable id (unset variables are absent)."""
    variables = {v.id: v for v in project.variables.variables()}
    return {
        stored.variable_id: variable_values.decode(variables[stored.variable_id], stored.value)
        for stored in project.article_values.for_article(article_id, [annotator])
        if stored.variable_id in variables
    }


def codebook_variables(project: Project, include_retired: bool = False) -> list[Variable]:
    """The article-level variables in codebook order (the window's panel reads them here)."""
    return project.variables.variables(include_retired)


def values_by_coder(project: Project, article_id: str) -> dict[str, dict[str, Value]]:
    """Every coder's values for the article: coder -> variable id -> value."""
    variables = {v.id: v for v in project.variables.variables()}
    out: dict[str, dict[str, Value]] = {}
    for stored in project.article_values.for_article(article_id):
        variable = variables.get(stored.variable_id)
        if variable is not None:
            out.setdefault(stored.annotator, {})[variable.id] = variable_values.decode(variable, stored.value)
    return out


def variable_review(project: Project, article_id: str, annotator_a: str, annotator_b: str) -> list[VariableDifference]:
    """The article's variables as coders A and B set them, beside the reviewed layer's values."""
    values = values_by_coder(project, article_id)
    return variable_differences(project.variables.variables(), values.get(annotator_a, {}),
                                values.get(annotator_b, {}), values.get(REVIEWED, {}))


def settle_variable(project: Project, article_id: str, variable: Variable, value: Value | None,
                    reviewer: str) -> Change:
    """Write the reviewed value of a variable (``None`` clears it), with the reviewer's name:
    one operation, undone like any other."""
    reviewer = reviewer.strip()
    if not reviewer:
        raise VariableError("a review decision needs the reviewer's name")
    if value is None:
        return clear_value(project, article_id, variable, REVIEWED)
    change = set_value(project, article_id, variable, REVIEWED, value, reviewer=reviewer)
    return replace(change, label=f"Review: {variable.name} = {variable_values.display(variable, value)}") if not change.empty else change


def settle_agreeing_variables(project: Project, article_id: str, annotator_a: str, annotator_b: str,
                              reviewer: str) -> Change:
    """Copy every value A and B agree on and the reviewed layer lacks: one step."""
    with transaction(project):
        parts = [settle_variable(project, article_id, d.variable, d.a, reviewer)
                 for d in variable_review(project, article_id, annotator_a, annotator_b)
                 if d.agree and d.a is not None and not d.settled]
    return merged("Review: accept agreeing variables", parts)


def add_variable(project: Project, variable: Variable) -> Variable:
    """Add a variable at the end of the codebook's variables (:class:`VariableError` if the
    rules refuse it)."""
    return project.variables.add(variable)


def save_variable(project: Project, variable: Variable) -> Variable:
    """Save a changed variable: name, level, definition, example, retired, values relabelled or
    added (its type cannot change and no value can go: codings keep their meaning)."""
    return project.variables.update(variable)


def move_variable(project: Project, variable_id: str, step: int) -> None:
    """Move a variable ``step`` places up (negative) or down in the codebook's order."""
    ids = [v.id for v in project.variables.variables()]
    index = ids.index(variable_id)
    target = max(0, min(len(ids) - 1, index + step))
    ids.insert(target, ids.pop(index))
    project.variables.reorder(ids)


def unset_variables(project: Project, article_id: str, annotator: str) -> list[Variable]:
    """The active variables the coder has not set for the article (to flag before "done")."""
    have = {s.variable_id for s in project.article_values.for_article(article_id, [annotator])}
    return [v for v in project.variables.active() if v.id not in have]


def requires_all_before_done(project: Project) -> bool:
    """The project setting: flag an article whose variables are not all set before "done"."""
    return project.meta(REQUIRE_ALL_SETTING, "0") == "1"


def set_requires_all_before_done(project: Project, on: bool) -> None:
    project.set_meta(REQUIRE_ALL_SETTING, "1" if on else "0")


def articles_where(project: Project, variable_name: str, value_text: str,
                   annotator: str | None = None) -> list[str]:
    """Ids of articles where the variable has the value a researcher types (``tone=negative``;
    for several-of, articles where that option is among those chosen), by ``annotator`` or by
    anyone. The plain query filters (the passage browser's) are built on."""
    variable = variable_named(project, variable_name, active_only=False)
    if variable.type.value == "several-of":
        chosen = variable_values.parse(variable, value_text)
        if len(chosen) != 1:
            raise VariableError(f"{variable.name}: filter by one value of: {variable.allowed()}")
        option = chosen[0]
        return project.article_values.articles_where(variable.id, option, annotator, several=True)
    stored = variable_values.encode(variable, variable_values.parse(variable, value_text))
    return project.article_values.articles_where(variable.id, stored, annotator)


def resolve_article(project: Project, reference: str) -> str:
    """The article id ``reference`` names: the whole id, or a prefix only one id starts with
    (ids are 64 hex characters; listings show the first 12)."""
    reference = reference.strip()
    if project.articles.exists(reference):
        return reference
    matches = [i for i in project.articles.ids() if i.startswith(reference)] if len(reference) >= 4 else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise VariableError(f"{reference!r} is the start of {len(matches)} article ids; give more of it")
    raise VariableError(f"no article {reference!r} in this project")


def _coder(annotator: str) -> str:
    name = annotator.strip()
    if not name:
        raise VariableError("a value needs the coder's name (--annotator)")
    return name


def _require_article(project: Project, article_id: str) -> None:
    if not project.articles.exists(article_id):
        raise VariableError(f"no article {article_id}")
