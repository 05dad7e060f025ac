"""Values of article-level variables: read from what a coder types, stored, shown, measured.

In Python a value is an option id (one-of, scale), a tuple of option ids in codebook order
(several-of; the empty tuple means "coded: none of them"), a float (number), a bool (yes/no)
or a string (text). ``None`` is never a value: an unset variable has no stored row.
"""

from __future__ import annotations

import json
import math
from typing import Any, Union

from annotator.core.variables import NO, YES, Variable, VariableError, VariableType

Value = Union[str, tuple, float, bool]

SEVERAL_SEPARATOR = ";"  # between options of a several-of value typed or exported as text
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def parse(variable: Variable, text: str) -> Value:
    """The value a coder means by ``text`` (option labels, a number, yes/no ...).

    Raises :class:`VariableError` naming the allowed values when ``text`` is not one of them.
    """
    raw = text.strip()
    kind = variable.type
    if kind in (VariableType.ONE_OF, VariableType.SCALE):
        return _option_id(variable, raw)
    if kind is VariableType.SEVERAL_OF:
        chosen = {_option_id(variable, part.strip()) for part in raw.split(SEVERAL_SEPARATOR) if part.strip()}
        return tuple(o.id for o in variable.options if o.id in chosen)
    if kind is VariableType.NUMBER:
        try:
            number = float(raw.replace(",", ".")) if raw.count(",") == 1 and "." not in raw else float(raw)
        except ValueError:
            raise VariableError(f"{variable.name}: {raw!r} is not a number") from None
        if not math.isfinite(number):
            raise VariableError(f"{variable.name}: {raw!r} is not a finite number")
        return number
    if kind is VariableType.YES_NO:
        if raw.casefold() in _TRUE:
            return True
        if raw.casefold() in _FALSE:
            return False
        raise VariableError(f"{variable.name}: {raw!r} is not one of: yes, no")
    if not raw:
        raise VariableError(f"{variable.name}: an empty text; clear the variable instead")
    return raw


def _option_id(variable: Variable, label: str) -> str:
    option = variable.option_labelled(label)
    if option is None and variable.type is VariableType.SCALE and label.isdigit():
        point = int(label)  # a scale point may be given by its number, 1 = the first
        if 1 <= point <= len(variable.options):
            option = variable.options[point - 1]
    if option is None:
        raise VariableError(f"{variable.name}: {label!r} is not one of: {variable.allowed()}")
    return option.id


def check(variable: Variable, value: Any) -> Value:
    """``value`` in its canonical form, or :class:`VariableError` if the variable cannot hold it."""
    kind = variable.type
    if kind in (VariableType.ONE_OF, VariableType.SCALE):
        if not isinstance(value, str) or variable.option(value) is None:
            raise VariableError(f"{variable.name}: {value!r} is not one of: {variable.allowed()}")
        return value
    if kind is VariableType.SEVERAL_OF:
        if isinstance(value, str) or not all(isinstance(v, str) and variable.option(v) for v in value):
            raise VariableError(f"{variable.name}: {value!r} is not a set of: {variable.allowed()}")
        chosen = set(value)
        return tuple(o.id for o in variable.options if o.id in chosen)
    if kind is VariableType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise VariableError(f"{variable.name}: {value!r} is not a number")
        return float(value)
    if kind is VariableType.YES_NO:
        if not isinstance(value, bool):
            raise VariableError(f"{variable.name}: {value!r} is not yes or no")
        return value
    if not isinstance(value, str) or not value.strip():
        raise VariableError(f"{variable.name}: a text value cannot be empty")
    return value.strip()


def encode(variable: Variable, value: Value) -> str:
    """The stored form: option id, JSON list of ids, number, ``yes``/``no``, or the text."""
    kind = variable.type
    if kind is VariableType.SEVERAL_OF:
        return json.dumps(list(value))
    if kind is VariableType.NUMBER:
        return format_number(float(value))
    if kind is VariableType.YES_NO:
        return YES if value else NO
    return str(value)


def decode(variable: Variable, stored: str) -> Value:
    """The value of a stored form (the inverse of :func:`encode`)."""
    kind = variable.type
    if kind is VariableType.SEVERAL_OF:
        return tuple(json.loads(stored))
    if kind is VariableType.NUMBER:
        return float(stored)
    if kind is VariableType.YES_NO:
        return stored == YES
    return stored


def display(variable: Variable, value: Value) -> str:
    """The value as a researcher reads it (labels, ``"; "`` between several options)."""
    kind = variable.type
    if kind in (VariableType.ONE_OF, VariableType.SCALE):
        return variable.label(value)
    if kind is VariableType.SEVERAL_OF:
        return f"{SEVERAL_SEPARATOR} ".join(variable.label(v) for v in value)
    return encode(variable, value)


def format_number(number: float) -> str:
    """``3.0`` -> ``"3"``, ``2.5`` -> ``"2.5"``: integers read as integers in every export."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)
