"""Article-level variables in a REFI-QDA project, as far as REFI carries them.

REFI-QDA Variables are typed (Text, Boolean, Integer, Float, Date, DateTime) and valued once
per source: so one coder's values (or the reviewed layer's) go out, yes/no as Boolean, numbers
as Float, list and scale values as their labels (Text, several-of joined by "; "), text as Text.
What REFI cannot carry: which coder a value is from (the coder is named in each Variable's
Description), the list of allowed values and a scale's order, the level of measurement, and
the other coders' values (use the ``article-codes`` CSV or JSONL for those).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core import variable_values
from annotator.core.formats.refi_codebook import GUID_NAMESPACE
from annotator.core.variables import Variable, VariableType

_TYPES = {VariableType.YES_NO: ("Boolean", "BooleanValue"), VariableType.NUMBER: ("Float", "FloatValue")}


@dataclass
class CodedVariables:
    """What a REFI writer needs: Variable definitions and each article's VariableValues."""

    coder: str
    definitions: list[tuple[str, str, str, str]] = field(default_factory=list)  # guid, name, type, description
    values: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # article id -> (guid, element, text)


def coded_variables(variables: Sequence[Variable], stored: Mapping[str, Mapping[str, str]], coder: str,
                    taken_names: Sequence[str] = ()) -> CodedVariables:
    """``stored``: article id -> variable id -> stored value, of ``coder``. A variable whose
    name a metadata Variable already has (``taken_names``) is exported as ``coded <name>``."""
    out = CodedVariables(coder)
    guids, kinds = {}, {}
    for v in variables:
        name = f"coded {v.name}" if v.name in taken_names else v.name
        guid = str(uuid.uuid5(GUID_NAMESPACE, f"article-variable:{v.id}"))
        kind, element = _TYPES.get(v.type, ("Text", "TextValue"))
        described = f"{v.definition}\n\n" if v.definition else ""
        out.definitions.append((guid, name, kind, f"{described}annotator: {v.type.value}, {v.level.value}; values of {coder}"))
        guids[v.id], kinds[v.id] = guid, element
    by_id = {v.id: v for v in variables}
    for article_id, values in stored.items():
        rows = []
        for variable_id, value in values.items():
            variable = by_id.get(variable_id)
            if variable is None:
                continue
            decoded = variable_values.decode(variable, value)
            if variable.type is VariableType.YES_NO:
                text = "true" if decoded else "false"
            elif variable.type is VariableType.NUMBER:
                text = repr(float(decoded))
            else:
                text = variable_values.display(variable, decoded)
            rows.append((guids[variable_id], kinds[variable_id], text))
        out.values[article_id] = rows
    return out
