"""The variables table: article-level variables of the codebook, matched by id so a rename of
the variable or of one of its values carries every coding along."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from annotator.storage._sqlite_utils import Database

from annotator.core.variables import (
    Level,
    Option,
    Variable,
    VariableError,
    VariableType,
    validate_variables,
)
from annotator.storage.rows import quoted

VARIABLE_COLUMNS = ("id", "name", "type", "level", "options", "definition", "example", "position", "retired")
_SELECT = f"SELECT {quoted(VARIABLE_COLUMNS)} FROM variables"


def variable_from_row(row: tuple) -> Variable:
    data = dict(zip(VARIABLE_COLUMNS, row))
    data["options"] = [Option(o["label"], o["id"]) for o in json.loads(data["options"] or "[]")]
    data["type"] = VariableType(data["type"])
    data["level"] = Level(data["level"])
    data["retired"] = bool(data["retired"])
    return Variable(**data)


def variable_to_row(v: Variable) -> tuple:
    options = json.dumps([{"id": o.id, "label": o.label} for o in v.options], ensure_ascii=False)
    return (v.id, v.name, v.type.value, v.level.value, options, v.definition, v.example,
            v.position, int(v.retired))


class VariableStore:
    """Definitions of the article-level variables (their values: :class:`ArticleValueStore`)."""

    def __init__(self, db: Database):
        self.db = db

    def variables(self, include_retired: bool = True) -> list[Variable]:
        """Variables in codebook order."""
        sql = _SELECT + ("" if include_retired else " WHERE retired = 0") + " ORDER BY position, name"
        return [variable_from_row(r) for r in self.db.execute(sql)]

    def active(self) -> list[Variable]:
        """The variables offered for coding."""
        return self.variables(include_retired=False)

    def get(self, variable_id: str) -> Variable | None:
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [variable_id]).fetchone()
        return variable_from_row(row) if row else None

    def by_name(self, name: str) -> Variable | None:
        """The variable called ``name``, ignoring case."""
        row = self.db.execute(f"{_SELECT} WHERE lower(name) = lower(?)", [name.strip()]).fetchone()
        return variable_from_row(row) if row else None

    def add(self, variable: Variable) -> Variable:
        """Add a variable at the end of the codebook's variables."""
        existing = self.variables()
        variable = replace(
            variable, name=variable.name.strip(),
            options=[Option(o.label.strip(), o.id) for o in variable.options],
            position=max((v.position for v in existing), default=-1) + 1,
        )
        validate_variables(existing + [variable])
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO variables ({quoted(VARIABLE_COLUMNS)}) VALUES ({', '.join('?' * len(VARIABLE_COLUMNS))})",
                variable_to_row(variable),
            )
        return variable

    def update(self, variable: Variable) -> Variable:
        """Save a changed variable. Its type cannot change (stored values would not fit), and
        no value may disappear from its list (codings would lose their meaning)."""
        current = self._require(variable.id)
        variable = replace(variable, name=variable.name.strip(),
                           options=[Option(o.label.strip(), o.id) for o in variable.options])
        if variable.type is not current.type:
            raise VariableError(f"variable {current.name!r}: its type cannot change once it exists")
        lost = [o.label for o in current.options if variable.option(o.id) is None]
        if lost:
            raise VariableError(f"variable {current.name!r}: values cannot be removed ({', '.join(lost)})")
        validate_variables([v for v in self.variables() if v.id != variable.id] + [variable])
        columns = [c for c in VARIABLE_COLUMNS if c != "id"]
        values = dict(zip(VARIABLE_COLUMNS, variable_to_row(variable)))
        with self.db.atomic():
            self.db.execute(
                f"UPDATE variables SET {quoted(columns, template='{} = ?')} WHERE id = ?",
                [values[c] for c in columns] + [variable.id],
            )
        return variable

    def rename(self, variable_id: str, name: str) -> Variable:
        return self.update(replace(self._require(variable_id), name=name))

    def retire(self, variable_id: str, retired: bool = True) -> Variable:
        """Hide a variable from coding (or bring it back); its values are kept."""
        return self.update(replace(self._require(variable_id), retired=retired))

    def add_option(self, variable_id: str, label: str) -> Variable:
        """Add a value at the end of a list (or the top of a scale)."""
        variable = self._require(variable_id)
        return self.update(replace(variable, options=[*variable.options, Option(label)]))

    def rename_option(self, variable_id: str, option_id: str, label: str) -> Variable:
        """Relabel one value; codings refer to its id and keep it."""
        variable = self._require(variable_id)
        if variable.option(option_id) is None:
            raise VariableError(f"variable {variable.name!r} has no value {option_id!r}")
        options = [Option(label, o.id) if o.id == option_id else o for o in variable.options]
        return self.update(replace(variable, options=options))

    def reorder(self, variable_ids: Iterable[str]) -> None:
        """Put the variables in the given order; those not named keep their place after them."""
        ordered = list(variable_ids)
        rest = [v.id for v in self.variables() if v.id not in ordered]
        with self.db.atomic():
            for position, variable_id in enumerate(ordered + rest):
                self.db.execute("UPDATE variables SET position = ? WHERE id = ?", [position, variable_id])

    def replace_all(self, variables: list[Variable]) -> None:
        """Import a codebook's variables: update those matched by id or name, add the others.

        A matched list variable keeps every value it had: the file's values are matched by id
        or label and relabelled; values the file lacks stay, after the file's."""
        with self.db.atomic():
            for incoming in variables:
                current = self.get(incoming.id) or self.by_name(incoming.name)
                if current is None:
                    self.add(incoming)
                    continue
                options = []
                for option in incoming.options:
                    match = current.option(option.id) or current.option_labelled(option.label)
                    options.append(Option(option.label, match.id if match else option.id))
                kept = {o.id for o in options}
                options += [o for o in current.options if o.id not in kept]
                self.update(replace(incoming, id=current.id, position=current.position, options=options))

    def _require(self, variable_id: str) -> Variable:
        variable = self.get(variable_id)
        if variable is None:
            raise KeyError(f"no variable {variable_id}")
        return variable
