"""Merging a colleague's article-level values: their variables matched to ours by name (ignoring
case; missing variables, and list values we lack, are added), their values matched by the
article's content id, coder and variable. A value we already hold is kept unless theirs is
newer (the same coder edited it later in their file: :mod:`annotator.actions.merge_newest`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from annotator.actions.merge_newest import NewestWins
from annotator.core.variables import ArticleValue, Option, Variable, VariableType
from annotator.storage import Project


@dataclass
class ValuePlan(NewestWins):
    """What merging their values will do; worked out without writing. ``to_write`` holds
    :class:`ArticleValue` in our ids under the arriving names."""

    variables_to_add: list[Variable] = field(default_factory=list)
    variables_to_extend: list[Variable] = field(default_factory=list)  # ours, with their new values
    on_missing_articles: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.to_write or self.variables_to_add or self.variables_to_extend)

    def to_json(self) -> dict:
        return {"variables_to_add": [v.name for v in self.variables_to_add],
                "variables_to_extend": [v.name for v in self.variables_to_extend],
                "values_to_add": len(self.to_write), "values_already_present": self.already_present,
                "values_on_missing_articles": self.on_missing_articles}


def plan_values(project: Project, variables: list[Variable], values: list[ArticleValue],
                real_ids: dict[str, str], have: set[str], renames: dict[str, str]) -> ValuePlan:
    """Translate their ``values`` (their article ids, variable ids and option ids) into ours.
    ``real_ids`` maps their article ids to content ids, ``have`` is the content ids we hold."""
    plan = ValuePlan()
    translate: dict[str, tuple[Variable, dict[str, str]]] = {}  # their variable id -> (ours, option ids)
    for theirs in variables:
        ours = project.variables.by_name(theirs.name)
        if ours is None:
            plan.variables_to_add.append(theirs)
            translate[theirs.id] = (theirs, {o.id: o.id for o in theirs.options})
            continue
        if ours.type is not theirs.type:
            plan.problems.append(f"variable {theirs.name!r} is {theirs.type.value} there and "
                                 f"{ours.type.value} here; its values were not merged")
            continue
        options, added = {}, []
        for option in theirs.options:
            match = ours.option_labelled(option.label) or next((o for o in added if o.label.casefold() == option.label.casefold()), None)
            if match is None:
                match = Option(option.label.strip())
                added.append(match)
            options[option.id] = match.id
        if added:
            ours = replace(ours, options=[*ours.options, *added])
            plan.variables_to_extend.append(ours)
        translate[theirs.id] = (ours, options)

    for value in values:
        if value.variable_id not in translate:
            continue
        article = real_ids.get(value.article_id, value.article_id)
        if article not in have:
            plan.on_missing_articles += 1
            continue
        variable, options = translate[value.variable_id]
        stored = _translated(variable, value.value, options)
        if stored is None:
            plan.problems.append(f"a value of {variable.name!r} on article {article[:12]} names an unknown option; not merged")
            continue
        arriving = ArticleValue(article, variable.id, renames.get(value.annotator, value.annotator), stored,
                                value.reviewer, value.updated_at)
        current = project.article_values.get(article, variable.id, arriving.annotator)
        plan.offer(current, arriving, same=current is not None and current.value == stored)
    return plan


def _translated(variable: Variable, stored: str, options: dict[str, str]) -> str | None:
    if variable.type is VariableType.SEVERAL_OF:
        try:
            ids = [options[o] for o in json.loads(stored)]
        except (KeyError, TypeError, ValueError):
            return None
        order = {o.id: i for i, o in enumerate(variable.options)}
        return json.dumps(sorted(set(ids), key=lambda i: order.get(i, len(order))))
    if variable.type.has_options:
        return options.get(stored)
    return stored


def apply_values(project: Project, plan: ValuePlan) -> int:
    """Write the plan inside the caller's transaction; returns the number of values written."""
    for variable in plan.variables_to_add:
        project.variables.add(variable)
    for variable in plan.variables_to_extend:
        project.variables.update(variable)
    return project.article_values.put_many(plan.to_write)
