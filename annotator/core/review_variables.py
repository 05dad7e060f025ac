"""Reviewing two coders' article-level values: per variable, what A and B chose and what the
reviewed layer holds. Pure functions over the core's records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.core.variable_values import Value
from annotator.core.variables import Variable


@dataclass(frozen=True)
class VariableDifference:
    """One variable of one article under review (None: that side has no value)."""

    variable: Variable
    a: Value | None
    b: Value | None
    reviewed: Value | None

    @property
    def agree(self) -> bool:
        return self.a == self.b

    @property
    def settled(self) -> bool:
        return self.reviewed is not None


def variable_differences(variables: Sequence[Variable], a: Mapping[str, Value], b: Mapping[str, Value],
                         reviewed: Mapping[str, Value]) -> list[VariableDifference]:
    """Every variable (codebook order) that coder A or B set, or the reviewed layer holds;
    ``a``, ``b`` and ``reviewed`` map variable ids to values."""
    return [
        VariableDifference(v, a.get(v.id), b.get(v.id), reviewed.get(v.id))
        for v in variables
        if v.id in a or v.id in b or v.id in reviewed
    ]
