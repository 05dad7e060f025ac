"""Article-level variables on both backends: a coder sets, changes, undoes and clears a value.

The store once used SQLite's ``INSERT OR REPLACE`` and ``COLLATE NOCASE``, which a team
server refuses, so a coder on a server could not code an article's variables at all."""

from __future__ import annotations

import pytest

from annotator.actions import variables
from annotator.actions.history import History
from annotator.core.variables import Option, Variable, VariableType

from pg_fixtures import file_or_server, study  # noqa: F401  (fixture)
from test_pg_backend import seeded_file


def seeded_with_a_variable(path):
    project = seeded_file(path)
    project.variables.add(Variable("Tone", VariableType.ONE_OF, [Option("negative"), Option("neutral")]))
    project.variables.add(Variable("Sources", VariableType.NUMBER))
    return project


@pytest.fixture(params=["file", "server"])
def backend(request, tmp_path):
    with file_or_server(request, tmp_path, seeded_with_a_variable) as project:
        yield project


def test_a_value_is_set_changed_undone_and_cleared(backend):
    first, second = backend.articles.ids()
    tone = variables.variable_named(backend, "TONE")  # any case, on both
    count = variables.variable_named(backend, "sources")
    negative, neutral = (o.id for o in tone.options)
    history = History(backend)
    history.push(variables.set_value(backend, first, tone, "ana", negative))
    history.push(variables.set_value(backend, first, tone, "ana", neutral))  # the upsert path
    history.push(variables.set_value(backend, second, count, "ana", 3))
    assert variables.coder_values(backend, first, "ana") == {tone.id: neutral}
    assert variables.coder_values(backend, second, "ana") == {count.id: 3}
    history.undo()
    history.undo()
    assert variables.coder_values(backend, first, "ana") == {tone.id: negative}
    assert variables.coder_values(backend, second, "ana") == {}
    history.redo()
    assert variables.coder_values(backend, first, "ana") == {tone.id: neutral}
    history.push(variables.clear_value(backend, first, tone, "ana"))
    assert variables.coder_values(backend, first, "ana") == {}
    assert [v.value for v in backend.article_values.all()] == []


def test_an_unknown_variable_names_the_ones_there_are(backend):
    with pytest.raises(variables.VariableError, match="variables: Tone, Sources"):
        variables.variable_named(backend, "framing")
