"""Article-level variables: codes given to a whole article (topic, main actor, tone ...).

A variable has a type (what a coder can enter) and a level of measurement (how agreement on it
is measured). List types keep their options as records with stable ids, so renaming an option
or adding one never loses a coding: codings store the option's id, not its label.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from annotator.core.model import new_uuid


class VariableType(str, Enum):
    """What a coder enters for a variable."""

    ONE_OF = "one-of"  # one option of a list
    SEVERAL_OF = "several-of"  # any number of options of a list
    SCALE = "scale"  # one point of an ordered scale with labelled points
    NUMBER = "number"
    YES_NO = "yes-no"
    TEXT = "text"

    @property
    def has_options(self) -> bool:
        return self in (VariableType.ONE_OF, VariableType.SEVERAL_OF, VariableType.SCALE)


class Level(str, Enum):
    """Stevens' levels of measurement, which choose Krippendorff's distance metric."""

    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


# The levels each type may be measured at; the first is the default.
ALLOWED_LEVELS: dict[VariableType, tuple[Level, ...]] = {
    VariableType.ONE_OF: (Level.NOMINAL,),
    VariableType.SEVERAL_OF: (Level.NOMINAL,),
    VariableType.SCALE: (Level.ORDINAL, Level.INTERVAL),
    VariableType.NUMBER: (Level.INTERVAL, Level.RATIO),
    VariableType.YES_NO: (Level.NOMINAL,),
    VariableType.TEXT: (Level.NOMINAL,),
}

YES, NO = "yes", "no"


class VariableError(ValueError):
    """A variable definition or a value that breaks the codebook's rules."""


def new_option_id() -> str:
    """Short ids: an option id is stored once per coding, and read in SQLite browsers."""
    return uuid.uuid4().hex[:12]


@dataclass
class Option:
    """One option of a list, or one labelled point of a scale (its place is its rank)."""

    label: str
    id: str = field(default_factory=new_option_id)


@dataclass
class Variable:
    """One article-level variable of the codebook."""

    name: str
    type: VariableType
    options: list[Option] = field(default_factory=list)
    level: Level | None = None  # None: the type's default
    definition: str = ""
    example: str = ""
    position: int = 0
    retired: bool = False
    id: str = field(default_factory=new_uuid)

    def __post_init__(self) -> None:
        self.type = VariableType(self.type)
        self.level = Level(self.level) if self.level else ALLOWED_LEVELS[self.type][0]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def option_labelled(self, label: str) -> Option | None:
        """The option whose label is ``label`` (ignoring case and surrounding space)."""
        wanted = label.strip().casefold()
        return next((o for o in self.options if o.label.casefold() == wanted), None)

    def label(self, option_id: str) -> str:
        found = self.option(option_id)
        return found.label if found else option_id

    def allowed(self) -> str:
        """The values a coder may enter, for error messages and help."""
        if self.type.has_options:
            return ", ".join(o.label for o in self.options)
        return {VariableType.NUMBER: "a number", VariableType.YES_NO: "yes, no",
                VariableType.TEXT: "any text"}[self.type]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type.value,
                                "level": self.level.value, "definition": self.definition,
                                "example": self.example, "retired": self.retired}
        if self.type.has_options:
            data["values"] = [{"id": o.id, "label": o.label} for o in self.options]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], position: int = 0) -> "Variable":
        options = []
        for item in data.get("values") or []:
            if isinstance(item, dict):
                options.append(Option(str(item["label"]), str(item.get("id") or new_option_id())))
            else:
                options.append(Option(str(item)))
        variable = cls(
            name=str(data["name"]).strip(), type=VariableType(data["type"]), options=options,
            level=Level(data["level"]) if data.get("level") else None,
            definition=str(data.get("definition") or ""), example=str(data.get("example") or ""),
            position=position, retired=bool(data.get("retired", False)),
        )
        if data.get("id"):
            variable.id = str(data["id"])
        return variable


@dataclass(frozen=True)
class ArticleValue:
    """One coder's value of one variable for one article, in its stored form
    (``core/variable_values.encode``)."""

    article_id: str
    variable_id: str
    annotator: str
    value: str
    reviewer: str = ""  # who settled it, for values of the reviewed layer
    updated_at: str = ""


def split_values(text: str) -> list[str]:
    """``"A, B,C"`` -> ``["A", "B", "C"]`` (the ``--values`` option)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def validate_variable(variable: Variable) -> None:
    """Raise :class:`VariableError` unless the variable is well formed on its own: a name, a
    level its type allows, and (for list types) at least two options with distinct labels."""
    name = variable.name.strip()
    if not name:
        raise VariableError("a variable needs a name")
    if "=" in name:
        raise VariableError(f"variable {name!r}: a name cannot contain '='")
    allowed = ALLOWED_LEVELS[variable.type]
    if variable.level not in allowed:
        raise VariableError(
            f"variable {name!r}: a {variable.type.value} variable is measured at "
            f"{' or '.join(level.value for level in allowed)}, not {variable.level.value}"
        )
    if variable.type.has_options:
        if len(variable.options) < 2:
            raise VariableError(f"variable {name!r}: a {variable.type.value} variable needs at least two values")
        labels: set[str] = set()
        ids: set[str] = set()
        for option in variable.options:
            label = option.label.strip()
            if not label:
                raise VariableError(f"variable {name!r}: a value needs a label")
            if ";" in label:
                raise VariableError(f"variable {name!r}: value {label!r} cannot contain ';'")
            if label.casefold() in labels:
                raise VariableError(f"variable {name!r}: value {label!r} appears twice")
            if option.id in ids:
                raise VariableError(f"variable {name!r}: two values share the id {option.id!r}")
            labels.add(label.casefold())
            ids.add(option.id)
    elif variable.options:
        raise VariableError(f"variable {name!r}: a {variable.type.value} variable has no list of values")


def validate_variables(variables: Iterable[Variable]) -> None:
    """Each variable well formed, and names unique ignoring case."""
    names: set[str] = set()
    for variable in variables:
        validate_variable(variable)
        key = variable.name.strip().casefold()
        if key in names:
            raise VariableError(f"there is already a variable named {variable.name.strip()!r}")
        names.add(key)


def variables_to_json(variables: Iterable[Variable]) -> list[dict[str, Any]]:
    """The ``variables`` list of the codebook JSON document, in codebook order."""
    return [v.to_json() for v in sorted(variables, key=lambda v: v.position)]


def variables_from_json(items: Any) -> list[Variable]:
    """Parse the codebook JSON's ``variables`` list; raise :class:`VariableError` plainly."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise VariableError('"variables" must be a list')
    variables = []
    for position, item in enumerate(items):
        try:
            variables.append(Variable.from_json(item, position))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise VariableError(f"variable {position + 1} is malformed ({error})") from error
    validate_variables(variables)
    return variables
