"""The values a tag field was given before in the project, for completion as a coder types.

Blind coding holds: while other coders are hidden, only the coder's own earlier values are
offered (the others' would tell what they coded).
"""

from __future__ import annotations

from collections import Counter

from annotator.core.completion import ranked_spellings
from annotator.storage import Project
from annotator.storage.field_values import field_value_counts


def used_values(project: Project, field_name: str, only_annotator: str | None = None) -> list[str]:
    """Distinct values of ``field_name`` (any tag with a field of that name), most used first,
    case and spacing ignored (see :func:`~annotator.core.completion.ranked_spellings`);
    ``only_annotator``: that coder's values only (blind coding)."""
    return ranked_spellings(value_counts(project, field_name, only_annotator).items())


def value_counts(project: Project, field_name: str, only_annotator: str | None = None) -> Counter:
    """``value -> times used`` of ``field_name`` as stored (spellings apart), for a caller that
    keeps the counts and follows edits itself (the window: one read per field, not per focus)."""
    return field_value_counts(project.db, field_name, None if only_annotator is None else [only_annotator])
